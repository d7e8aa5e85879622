-- Attribution is refined over time: exact values only where a reader could not read
-- the sentence another way, structure and invariants everywhere else.
local h = require("helper")
local la = h.la

local ATTRIBUTIONS = { none = true, direct = true, inherited = true }
local SPEAKER_TYPES = { name = true, pronoun = true, description = true }

local function check_quote(q, s, a)
    assert.is_string(q.text)
    assert.truthy(ATTRIBUTIONS[q.attribution], "attribution " .. tostring(q.attribution))
    assert.truthy(q.block >= 1 and q.block <= #a.blocks)
    assert.truthy(#q.spans >= 1)
    for _, sp in ipairs(q.spans) do
        assert.truthy(sp.start >= q.start and sp["end"] <= q["end"])
    end
    if q.attribution == "none" then
        assert.is_nil(q.speaker)
    else
        assert.is_table(q.speaker)
    end
    if q.cue then
        assert.are.equal(q.cue, s:sub(q.cue_start, q.cue_end))
    else
        assert.is_nil(q.cue_start)
        assert.is_nil(q.cue_end)
    end
    local sp = q.speaker
    if sp then
        assert.truthy(SPEAKER_TYPES[sp.type], "speaker type " .. tostring(sp.type))
        assert.are.equal(sp.text, s:sub(sp.start, sp["end"]))
        if sp.name then
            assert.is_number(sp.name_start)
            assert.is_number(sp.name_end)
            assert.truthy(sp.name_start >= 1 and sp.name_end <= #s)
        else
            assert.is_nil(sp.name_start)
        end
        if sp.type == "name" then assert.is_string(sp.name) end
    end
end

describe("quotes", function()
    it("name an unambiguous speaker exactly", function()
        local s = '"We will finish," Jane Doe said.'
        local a = assert(la.parse(s))
        assert.are.equal(1, #a.quotes)
        local q = a.quotes[1]
        assert.are.equal("We will finish,", q.text)
        assert.are.equal("direct", q.attribution)
        assert.are.equal("said", q.cue)
        assert.are.equal(1, q.block)
        assert.are.equal(2, q.start)
        assert.are.equal(16, q["end"])
        local sp = q.speaker
        assert.are.equal("Jane Doe", sp.text)
        assert.are.equal("name", sp.type)
        assert.are.equal("Jane Doe", sp.name)
        assert.are.equal(19, sp.start)
        assert.are.equal(26, sp["end"])
        assert.are.equal("Jane Doe", s:sub(sp.name_start, sp.name_end))
        check_quote(q, s, a)
    end)

    it("hold their invariants in every fixture", function()
        for _, name in ipairs({ "full.md", "crlf.md", "plain.md", "warnings.md" }) do
            local a, s = h.parse_fixture(name)
            for _, q in ipairs(a.quotes) do check_quote(q, s, a) end
        end
    end)

    it("hold their invariants on the sample article", function()
        local path = h.source_dir .. "/examples/articles/fentanyl-sanctions.md"
        local a = assert(la.parse_file(path))
        local s = a.source
        assert.truthy(#a.quotes > 0)
        for _, q in ipairs(a.quotes) do check_quote(q, s, a) end
    end)

    it("have no speaker when none is given", function()
        local a = assert(la.parse('Signs read "keep out" all summer.'))
        assert.are.equal(1, #a.quotes)
        assert.are.equal("keep out", a.quotes[1].text)
        assert.are.equal("none", a.quotes[1].attribution)
        assert.is_nil(a.quotes[1].speaker)
    end)

    it("resolve a pronoun to a name, or to none", function()
        local _, s = nil, '"We will finish," Jane Doe said. "Soon," she said.'
        local a = assert(la.parse(s))
        assert.are.equal(2, #a.quotes)
        local sp = a.quotes[2].speaker
        if sp and sp.type == "pronoun" then
            assert.are.equal("she", sp.text)
            if sp.name then
                assert.are.equal("Jane Doe", sp.name)
                assert.are.equal("Jane Doe", s:sub(sp.name_start, sp.name_end))
            end
        end
        check_quote(a.quotes[2], s, a)
    end)
end)
