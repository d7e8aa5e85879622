-- Every position is a 1-based byte position and every `end` inclusive:
-- s:sub(x.start, x["end"]) is exactly the text of x as written in s.
local h = require("helper")
local la = h.la

describe("spans", function()
    it("cut a quote out of the source as written, non-ASCII too", function()
        local s = '“Zoë’s café is open,” Jane Doe said.'
        local q = assert(la.parse(s)).quotes[1]
        assert.are.equal("Zoë’s café is open,", s:sub(q.start, q["end"]))
        assert.are.equal(q.text, s:sub(q.start, q["end"]))
        assert.are.equal(#"“" + 1, q.start)
        assert.are.equal("Jane Doe", s:sub(q.speaker.start, q.speaker["end"]))
        assert.are.equal("said", s:sub(q.cue_start, q.cue_end))
        assert.are.equal(q.start, q.spans[1].start)
        assert.are.equal(q["end"], q.spans[1]["end"])
    end)

    it("hold after front matter, in every fixture", function()
        for _, name in ipairs({ "full.md", "crlf.md", "plain.md", "warnings.md" }) do
            local a, s = h.parse_fixture(name)
            for _, q in ipairs(a.quotes) do
                local written = s:sub(q.start, q["end"])
                if #q.spans == 1 then assert.are.equal(q.text, written) end
                local blk = a.blocks[q.block]
                assert.truthy(blk.start <= q.start and q["end"] <= blk["end"],
                    "quote outside its block in " .. name)
                if q.speaker then
                    assert.are.equal(q.speaker.text, s:sub(q.speaker.start, q.speaker["end"]))
                end
                if q.cue then assert.are.equal(q.cue, s:sub(q.cue_start, q.cue_end)) end
            end
            for _, b in ipairs(a.blocks) do
                if b.type == "heading" then
                    assert.truthy(s:sub(b.start, b["end"]):find(b.text, 1, true))
                end
            end
        end
    end)

    it("count bytes with CRLF line ends", function()
        local a, s = h.parse_fixture("crlf.md")
        local q = a.quotes[1]
        assert.are.equal("Ça marche,", s:sub(q.start, q["end"]))
        assert.are.equal("Léa Roux", s:sub(q.speaker.start, q.speaker["end"]))
        local line, column = a:locate(q.start)
        assert.are.equal(6, line)
        assert.are.equal(2, column)
        assert.are.equal("Line one.", s:sub(a.blocks[1].start, a.blocks[1]["end"]))
    end)

    it("locate counts code points in columns", function()
        local s = "ééé x"
        local a = assert(la.parse(s))
        local line, column = a:locate(s:find("x", 1, true))
        assert.are.equal(1, line)
        assert.are.equal(5, column)
        line, column = a:locate(#s + 100)
        assert.are.equal(1, line)
        assert.are.equal(6, column)
        assert.error_matches(function() a:locate(0) end, "position must be 1 or more")
    end)

    it("are empty, not inverted, for an empty quote", function()
        local s = 'He said "" and left.'
        local a = assert(la.parse(s))
        for _, q in ipairs(a.quotes) do
            assert.truthy(q.start <= q["end"] + 1)
            assert.are.equal(q.text, s:sub(q.start, q["end"]))
        end
    end)
end)
