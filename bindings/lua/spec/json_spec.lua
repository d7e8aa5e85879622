local h = require("helper")
local la = h.la

local function cli(args)
    return h.capture(h.shell_quote(h.cli) .. " " .. args)
end

describe("to_json", function()
    it("is the CLI's JSON, pretty and compact", function()
        assert(h.cli, "LIBARTICLE_CLI names no CLI (set it, or build build/article)")
        local files = { h.fixtures .. "/full.md", h.fixtures .. "/crlf.md",
            h.fixtures .. "/warnings.md", h.fixtures .. "/plain.md",
            h.source_dir .. "/examples/articles/fentanyl-sanctions.md" }
        for _, path in ipairs(files) do
            local a = assert(la.parse_file(path))
            assert.are.equal(cli(h.shell_quote(path)), a:to_json(true) .. "\n")
            assert.are.equal(cli(h.shell_quote(path)), a:to_json({ pretty = true }) .. "\n")
            local line = cli("--jsonl " .. h.shell_quote(path))
            local prefix = '{"file":"' .. path .. '",'
            assert.are.equal(prefix, line:sub(1, #prefix))
            assert.are.equal("{" .. line:sub(#prefix + 1), a:to_json() .. "\n")
        end
    end)

    it("follows the parse options", function()
        assert(h.cli, "LIBARTICLE_CLI names no CLI (set it, or build build/article)")
        local path = h.fixtures .. "/full.md"
        local a = assert(la.parse_file(path, { no_quotes = true }))
        assert.are.equal(cli("--no-quotes " .. h.shell_quote(path)), a:to_json(true) .. "\n")
    end)

    it("is compact on one line by default", function()
        local a = h.parse_fixture("full.md")
        local j = a:to_json()
        assert.is_nil(j:find("\n", 1, true))
        assert.matches('^{"title":"The harbor reopens",', j)
        assert.error_matches(function() a:to_json(1) end, "boolean expected")
    end)
end)
