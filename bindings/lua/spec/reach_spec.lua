-- Derived from the header: every public function of include/libarticle.h is either
-- reached from Lua (the element below gives a value, and the binding's C source calls
-- the function) or excluded here with the reason. A function added to the header fails
-- this spec until it is given one or the other.
local h = require("helper")
local la = h.la

-- function -> a Lua expression that reads what the function gives
local REACHED = {
    article_version = "la._VERSION",
    article_version_number = "la.version_number",
    article_dependency_version = "la.dependency_version('libyaml')",
    article_status_family_of = "e.family",
    article_status_name = "e.name",
    article_status_describe = "e.description",
    article_options_init = "la.parse",
    article_parse = "la.parse",
    article_parse_file = "la.parse_file",
    article_free = "a.close",
    article_source = "a.source",
    article_locate = "a:locate(1)",
    article_front_matter = "a.front_matter['end']",
    article_metadata = "a.metadata",
    article_value_get_type = "a.metadata.nested.list",
    article_value_bool = "a.metadata.draft",
    article_value_int = "a.metadata.count",
    article_value_float = "a.metadata.ratio",
    article_value_string = "a.metadata.title",
    article_value_count = "a.metadata.tags[2]",
    article_value_at = "a.metadata.tags[1]",
    article_value_key_at = "a.metadata.layout",
    article_value_getn = "a:metadata_span('nested', 'list', 2)",
    article_value_start = "a:metadata_span('title')",
    article_value_end = "select(2, a:metadata_span('title'))",
    article_value_line = "select(3, a:metadata_span('title'))",
    article_value_column = "select(4, a:metadata_span('title'))",
    article_field_value = "a:field_span('author')",
    article_field_string = "a.subhed",
    article_author_count = "a.authors[2]",
    article_author_at = "a.authors[1]",
    article_tag_count = "a.tags[2]",
    article_tag_at = "a.tags[1]",
    article_date_parsed = "a.date_parsed.hour",
    article_featured_image = "a.image",
    article_image_path = "a.image.path",
    article_image_cutline = "a.image.cutline",
    article_image_credit = "a.image.credit",
    article_image_alt = "a.image.alt",
    article_image_value = "a.image.start",
    article_block_count = "a.blocks[#a.blocks]",
    article_block_at = "a.blocks[1]",
    article_block_get_type = "find('table_cell').type",
    article_block_type_name = "a.blocks[1].type",
    article_block_parent = "find('item').parent",
    article_block_depth = "find('item').depth",
    article_block_descendants = "find('list').descendants",
    article_block_text = "a.blocks[1].text",
    article_block_start = "a.blocks[1].start",
    article_block_end = "a.blocks[1]['end']",
    article_block_level = "find('heading').level",
    article_block_list_ordered = "find('list').ordered",
    article_block_list_start = "find('list').list_start",
    article_block_list_tight = "find('list').tight",
    article_block_task = "find('item', 'task').task",
    article_block_info = "find('code').info",
    article_block_align = "find('table_cell').align",
    article_block_header = "find('table_row').header",
    article_html = "a:html()",
    article_quote_count = "a.quotes[#a.quotes]",
    article_quote_at = "a.quotes[1]",
    article_quote_text = "a.quotes[1].text",
    article_quote_block = "a.quotes[1].block",
    article_quote_start = "a.quotes[1].start",
    article_quote_end = "a.quotes[1]['end']",
    article_quote_span_count = "a.quotes[1].spans[1]",
    article_quote_span_start = "a.quotes[1].spans[1].start",
    article_quote_span_end = "a.quotes[1].spans[1]['end']",
    article_quote_attribution = "a.quotes[1].attribution",
    article_quote_speaker = "a.quotes[1].speaker",
    article_quote_cue = "a.quotes[1].cue",
    article_quote_cue_start = "a.quotes[1].cue_start",
    article_quote_cue_end = "a.quotes[1].cue_end",
    article_speaker_text = "a.quotes[1].speaker.text",
    article_speaker_start = "a.quotes[1].speaker.start",
    article_speaker_end = "a.quotes[1].speaker['end']",
    article_speaker_get_type = "a.quotes[1].speaker.type",
    article_speaker_type_name = "a.quotes[1].speaker.type",
    article_speaker_name = "a.quotes[1].speaker.name",
    article_speaker_name_start = "a.quotes[1].speaker.name_start",
    article_speaker_name_end = "a.quotes[1].speaker.name_end",
    article_word_count = "a.stats.words",
    article_reading_minutes = "a.stats.reading_minutes",
    article_warning_count = "w.warnings[#w.warnings]",
    article_warning_at = "w.warnings[1]",
    article_warning_get_code = "w.warnings[1].code",
    article_warning_name = "w.warnings[1].code",
    article_warning_message = "w.warnings[1].message",
    article_warning_offset = "w.warnings[1].offset",
    article_json = "a:to_json()",
}

local SHORTHAND = "a shorthand for article_field_string(), which gives every field"
local EXCLUDED = {
    article_title = SHORTHAND,
    article_subhed = SHORTHAND,
    article_author = SHORTHAND,
    article_author_title = SHORTHAND,
    article_date = SHORTHAND,
    article_category = SHORTHAND,
    article_layout = SHORTHAND,
    article_permalink = SHORTHAND,
    article_excerpt = SHORTHAND,
    article_value_get = "article_value_getn() does the same with the length a Lua string has",
}

local function header_functions()
    local text = h.read(h.source_dir .. "/include/libarticle.h")
    local names, seen = {}, {}
    for name in text:gmatch("ARTICLE_EXTERN[^;(]-(article_[%w_]+)%s*%(") do
        if not seen[name] then
            seen[name] = true
            names[#names + 1] = name
        end
    end
    return names, seen
end

describe("the C API", function()
    local names, declared = header_functions()

    it("is read from the header", function()
        assert.truthy(#names > 80, "only " .. #names .. " functions found in the header")
        assert.truthy(declared.article_parse and declared.article_speaker_name_end)
    end)

    it("is reached from Lua or excluded with a reason, function by function", function()
        local missing = {}
        for _, name in ipairs(names) do
            if not REACHED[name] and not EXCLUDED[name] then missing[#missing + 1] = name end
            assert.is_false(REACHED[name] ~= nil and EXCLUDED[name] ~= nil, name .. " twice")
        end
        assert(#missing == 0, "neither reached from Lua nor excluded: " ..
            table.concat(missing, ", "))
        for name in pairs(REACHED) do assert.truthy(declared[name], name .. " not in header") end
        for name in pairs(EXCLUDED) do assert.truthy(declared[name], name .. " not in header") end
    end)

    it("is called by the binding where it says so", function()
        local src = h.read(h.source_dir .. "/bindings/lua/libarticle_lua.c")
        for name in pairs(REACHED) do
            assert.truthy(src:find(name .. "%s*%("), name .. " is not called by the binding")
        end
    end)

    it("gives a value through each Lua element named", function()
        local a = h.parse_fixture("full.md")
        local w = h.parse_fixture("warnings.md")
        local _, e = la.parse("\255")
        local function find(type_, field)
            for _, b in ipairs(a.blocks) do
                if b.type == type_ and (not field or b[field] ~= nil) then return b end
            end
        end
        local env = { la = la, a = a, w = w, e = e, find = find, select = select }
        for name, expr in pairs(REACHED) do
            local chunk
            if setfenv then -- 5.1: load takes no environment
                chunk = assert(loadstring("return " .. expr, "=" .. name))
                setfenv(chunk, env)
            else
                chunk = assert(load("return " .. expr, "=" .. name, "t", env))
            end
            local ok, v = pcall(chunk)
            assert.truthy(ok, name .. ": " .. expr .. " raised " .. tostring(v))
            assert.truthy(v ~= nil, name .. ": " .. expr .. " is nil")
        end
    end)
end)
