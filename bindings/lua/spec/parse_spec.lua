local h = require("helper")
local la = h.la

describe("an article", function()
    local a, s
    before_each(function() a, s = h.parse_fixture("full.md") end)

    it("gives the well-known fields as strings", function()
        assert.are.equal("The harbor reopens", a.title)
        assert.are.equal("Crews worked through the night", a.subhed)
        assert.are.equal("Ana Quill", a.author)
        assert.are.equal("Staff writer", a.author_title)
        assert.are.equal("2024-05-01T10:20:30.5+02:00", a.date)
        assert.are.equal("Local", a.category)
        assert.are.equal("story", a.layout)
        assert.are.equal("/harbor-reopens", a.permalink)
        assert.are.equal("The harbor is open again.", a.excerpt)
        assert.are.same({ "Ana Quill", "Ben Ortiz" }, a.authors)
        assert.are.same({ "harbor", "transport" }, a.tags)
        assert.are.equal(s, a.source)
    end)

    it("leaves absent fields nil and lists empty", function()
        local p = assert(la.parse("Just a body."))
        assert.is_nil(p.title)
        assert.is_nil(p.author)
        assert.is_nil(p.image)
        assert.is_nil(p.date_parsed)
        assert.is_nil(p.front_matter)
        assert.are.same({}, p.authors)
        assert.are.same({}, p.tags)
        assert.are.same({}, p.metadata)
        assert.is_nil(p.no_such_field)
    end)

    it("gives the featured image with its span", function()
        local img = a.image
        assert.are.equal("/img/harbor.jpg", img.path)
        assert.are.equal("Boats at dawn", img.cutline)
        assert.are.equal("Lee Ames", img.credit)
        assert.are.equal("Three boats", img.alt)
        assert.matches("^path: /img/harbor%.jpg\n", s:sub(img.start, img["end"]))
    end)

    it("gives the parsed date in os.time's keys", function()
        local d = a.date_parsed
        assert.are.equal(2024, d.year)
        assert.are.equal(5, d.month)
        assert.are.equal(1, d.day)
        assert.are.equal(10, d.hour)
        assert.are.equal(20, d.min)
        assert.are.equal(30, d.sec)
        assert.are.equal(500000000, d.nanosecond)
        assert.are.equal(120, d.offset_minutes)
        assert.is_number(os.time(d))
        local dateonly = assert(la.parse("---\ndate: 2023-12-24\n---\n")).date_parsed
        assert.are.equal(24, dateonly.day)
        assert.is_nil(dateonly.hour)
        assert.is_nil(dateonly.offset_minutes)
    end)

    it("gives the metadata as plain typed tables", function()
        local m = a.metadata
        assert.are.equal("table", type(m))
        assert.is_nil(getmetatable(m))
        assert.are.equal(12, m.count)
        assert.are.equal(1.5, m.ratio)
        assert.is_false(m.draft)
        assert.are.equal(la.null, m.nothing)
        assert.are.equal("Ana Quill", m.author.name)
        assert.are.same({ 1, "two", { three = 3 } }, m.nested.list)
        assert.are.equal("Boats at dawn", m["featured-image"].cutline)
        if math.type then assert.are.equal("integer", math.type(m.count)) end
    end)

    it("keeps integers exact", function()
        local m = assert(la.parse("---\nbig: 9007199254740993\nhex: 0x1F\nneg: -7\n" ..
            "inf: .inf\n---\n")).metadata
        assert.are.equal(31, m.hex)
        assert.are.equal(-7, m.neg)
        assert.are.equal(math.huge, m.inf)
        if math.type then
            assert.are.equal(9007199254740993, m.big) -- 5.3+: 64-bit integers
        else
            assert.are.equal("9007199254740993", m.big) -- doubles: kept as written
        end
    end)

    it("reads deeply nested metadata", function()
        local depth = 60
        local doc = "---\nk: " .. ("["):rep(depth) .. "1" .. ("]"):rep(depth) .. "\n---\n"
        local v = assert(la.parse(doc)).metadata.k
        for _ = 1, depth - 1 do v = v[1] end
        assert.are.same({ 1 }, v)
        local deeper = 2000
        doc = "---\nk: " .. ("["):rep(deeper) .. "1" .. ("]"):rep(deeper) .. "\n---\n"
        v = assert(la.parse(doc, { max_yaml_depth = deeper + 1 })).metadata.k
        for _ = 1, deeper - 1 do v = v[1] end
        assert.are.same({ 1 }, v)
    end)

    it("gives the blocks in document order", function()
        local b = a.blocks
        assert.are.equal(33, #b)
        assert.are.same({ "heading", 1, "The harbor reopens" },
            { b[1].type, b[1].level, b[1].text })
        for i, blk in ipairs(b) do
            assert.are.equal(i, blk.index)
            if blk.parent then
                assert.truthy(blk.parent < i)
                assert.are.equal(b[blk.parent].depth + 1, blk.depth)
                -- the parent's subtree holds the block
                assert.truthy(i <= blk.parent + b[blk.parent].descendants)
            else
                assert.are.equal(0, blk.depth)
            end
            assert.truthy(blk.start >= 1 and blk["end"] <= #s and blk.start <= blk["end"] + 1)
        end
        local bytype = {}
        for _, blk in ipairs(b) do
            bytype[blk.type] = bytype[blk.type] or {}
            table.insert(bytype[blk.type], blk)
        end
        local list = bytype.list[1]
        assert.is_false(list.ordered)
        assert.are.equal(0, list.list_start)
        assert.is_true(list.tight)
        local olist = bytype.list[2]
        assert.is_true(olist.ordered)
        assert.are.equal(3, olist.list_start)
        assert.is_nil(bytype.item[1].task)
        assert.are.equal("done", bytype.item[2].task)
        assert.are.equal("open", bytype.item[3].task)
        assert.are.equal("lua", bytype.code[1].info)
        assert.are.equal('print("hi")', bytype.code[1].text)
        assert.are.equal("note", bytype.footnote_definition[1].label)
        assert.is_true(bytype.table_row[1].header)
        assert.is_false(bytype.table_row[2].header)
        assert.are.same({ "left", "center", "right" }, { bytype.table_cell[1].align,
            bytype.table_cell[2].align, bytype.table_cell[3].align })
        assert.are.equal("", bytype.block_quote[1].text)
        assert.are.equal("A quoted block.", b[bytype.block_quote[1].index + 1].text)
        assert.are.equal("<div>raw</div>", bytype.html[1].text)
        assert.are.equal(1, #bytype.thematic_break)
        assert.are.equal("first point", b[bytype.item[1].index + 1].text)
    end)

    it("builds each table once and hands out the same one", function()
        assert.are.equal(a.blocks, a.blocks)
        assert.are.equal(a.quotes, a.quotes)
        assert.are.equal(a.metadata, a.metadata)
    end)

    it("gives stats and the front matter's span", function()
        assert.is_true(a.stats.words > 20)
        assert.are.equal(1, a.stats.reading_minutes)
        assert.are.equal(1, a.front_matter.start)
        local fm = s:sub(a.front_matter.start, a.front_matter["end"])
        assert.matches("^%-%-%-\n.*\n%-%-%-\n$", fm)
    end)

    it("renders HTML", function()
        local html = a:html()
        assert.matches("<h1>The harbor reopens</h1>", html)
        assert.is_nil(html:find("<div>raw</div>", 1, true))
        local unsafe = assert(la.parse(s, { unsafe_html = true })):html()
        assert.truthy(unsafe:find("<div>raw</div>", 1, true))
    end)

    it("skips quotes with no_quotes", function()
        assert.are.equal(3, #a.quotes)
        assert.are.equal(0, #assert(la.parse(s, { no_quotes = true })).quotes)
    end)

    it("gives warnings with positions", function()
        local w, ws = h.parse_fixture("warnings.md")
        local seen = {}
        for _, x in ipairs(w.warnings) do
            seen[x.code] = x
            assert.is_string(x.message)
            local line, column = w:locate(x.offset)
            assert.are.equal(line, x.line)
            assert.are.equal(column, x.column)
        end
        assert.is_not_nil(seen.date_format)
        assert.are.equal("width", ws:sub(seen.unknown_image_key.offset,
            seen.unknown_image_key.offset + 4))
        assert.are.equal('"', ws:sub(seen.unbalanced_quote.offset, seen.unbalanced_quote.offset))
        assert.are.equal(8, seen.unbalanced_quote.line)
    end)

    it("reads files", function()
        local f = assert(la.parse_file(h.fixtures .. "/full.md"))
        assert.are.equal("The harbor reopens", f.title)
        assert.are.equal(s, f.source)
    end)

    it("checks its options", function()
        assert.error_matches(function() la.parse("x", { max_blockz = 3 }) end,
            "unknown option 'max_blockz'")
        assert.error_matches(function() la.parse("x", { max_blocks = -1 }) end,
            "non%-negative integer")
        assert.error_matches(function() la.parse("x", { max_blocks = 1.5 }) end,
            "non%-negative integer")
        assert.error_matches(function() la.parse("x", { unsafe_html = 1 }) end, "boolean")
        assert.error_matches(function() la.parse("x", 5) end, "table expected")
        assert.error_matches(function() la.parse({}) end, "string expected")
        local ok = assert(la.parse("x", { max_blocks = 0 })) -- 0: the default
        assert.are.equal(1, #ok.blocks)
    end)

    it("applies limits", function()
        local r, err = la.parse("one\n\ntwo\n\nthree\n", { max_blocks = 2 })
        assert.is_nil(r)
        assert.are.equal("limit_blocks", err.name)
        assert.are.equal("limit", err.family)
        r, err = la.parse(("x"):rep(100), { max_input_size = 10 })
        assert.is_nil(r)
        assert.are.equal("limit_input_size", err.name)
    end)

    it("finds where fields and metadata values are written", function()
        local st, en, line, col = a:field_span("title")
        assert.are.equal("The harbor reopens", s:sub(st, en))
        assert.are.equal(2, line)
        assert.are.equal(8, col)
        st, en = a:field_span("author")
        assert.are.equal("Ana Quill", s:sub(st, en))
        assert.is_nil(assert(la.parse("# x")):field_span("title"))
        assert.error_matches(function() a:field_span("nope") end, "unknown field 'nope'")
        st, en = a:metadata_span("nested", "list", 3, "three")
        assert.are.equal("3", s:sub(st, en))
        st, en = a:metadata_span("tags", 2)
        assert.are.equal('"transport"', s:sub(st, en))
        assert.is_nil(a:metadata_span("nested", "missing"))
        assert.is_nil(a:metadata_span("tags", 3))
        assert.is_nil(a:metadata_span("title", 1))
        st = a:metadata_span()
        assert.is_number(st)
    end)
end)
