-- The article userdata owns the C article; what it hands out are plain Lua copies.
local h = require("helper")
local la = h.la

local function full_gc()
    collectgarbage("collect")
    collectgarbage("collect")
end

describe("lifetime", function()
    it("tables outlive a closed and collected article", function()
        local blocks, quotes, meta, img
        do
            local a = h.parse_fixture("full.md")
            blocks, quotes, meta, img = a.blocks, a.quotes, a.metadata, a.image
            a:close()
        end
        full_gc()
        assert.are.equal("The harbor reopens", blocks[1].text)
        assert.are.equal("Jane Doe", quotes[1].speaker.name)
        assert.are.equal("Ana Quill", meta.author.name)
        assert.are.equal("/img/harbor.jpg", img.path)
    end)

    it("refuses use after close, and closes twice harmlessly", function()
        local a = h.parse_fixture("full.md")
        local title = a.title
        a:close()
        a:close()
        assert.are.equal("The harbor reopens", title)
        assert.error_matches(function() return a.title end, "closed article")
        assert.error_matches(function() return a.blocks end, "closed article")
        assert.error_matches(function() return a:html() end, "closed article")
        assert.error_matches(function() return a:to_json() end, "closed article")
        assert.error_matches(function() return a:locate(1) end, "closed article")
        assert.are.equal("libarticle.article (closed)", tostring(a))
    end)

    it("frees an article the collector takes", function()
        local weak = setmetatable({}, { __mode = "v" })
        for i = 1, 10 do weak[i] = assert(la.parse("# t\n\n\"x,\" Jane Doe said.")) end
        full_gc()
        assert.is_nil(next(weak))
    end)

    it("rejects methods on other values", function()
        local a = assert(la.parse("x"))
        assert.error_matches(function() a.html({}) end, "libarticle.article expected")
        assert.error_matches(function() a.close(42) end, "libarticle.article expected")
    end)

    it("closes at the end of a <close> scope (5.4)", function()
        if _VERSION ~= "Lua 5.4" then return end
        local chunk = assert(load([[
            local la = ...
            local kept
            do
                local a <close> = assert(la.parse("# scoped"))
                kept = a
            end
            return kept
        ]]))
        local a = chunk(la)
        assert.are.equal("libarticle.article (closed)", tostring(a))
    end)

    local function parse_many(n, s)
        for i = 1, n do
            local a = assert(la.parse(s))
            if i % 3 == 0 then
                local _ = a.blocks, a.quotes, a.metadata
            end
            if i % 5 == 0 then a:close() end
        end
    end

    -- An article of the sample's size holds about 20 KiB of C memory: if the parses kept
    -- theirs, resident memory would grow by that much each. The collector running all the
    -- time makes each parse slow, so that run makes fewer.
    local function check_flat(mode)
        local s = h.read(h.source_dir .. "/examples/articles/fentanyl-sanctions.md")
        local n = h.gc == "aggressive" and 600 or 3000
        parse_many(300, s) -- warm up: the allocator's pools, the collector's pace
        full_gc()
        local rss0, lua0 = h.rss_kib(), collectgarbage("count")
        parse_many(n, s)
        full_gc()
        local rss1, lua1 = h.rss_kib(), collectgarbage("count")
        assert.truthy(lua1 - lua0 < 1024, ("%s: Lua heap grew %.0f KiB"):format(mode, lua1 - lua0))
        -- (a sanitizer's quarantine holds freed memory: only the Lua heap says anything then)
        if rss0 and not os.getenv("LIBARTICLE_SPEC_SANITIZED") then
            local limit = math.max(4096, n * 2)
            assert.truthy(rss1 - rss0 < limit, ("%s: resident memory grew %.0f KiB over %d " ..
                "parses"):format(mode, rss1 - rss0, n))
        end
    end

    it("keeps memory flat over thousands of parses", function()
        check_flat("gc " .. h.gc)
    end)

    it("keeps memory flat under the generational collector (5.4)", function()
        if _VERSION ~= "Lua 5.4" then return end
        collectgarbage("generational")
        local ok, err = pcall(check_flat, "generational")
        collectgarbage("incremental")
        if h.gc == "aggressive" then collectgarbage("setpause", 0) end
        assert(ok, err)
    end)
end)
