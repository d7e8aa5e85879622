local h = require("helper")
local la = h.la

describe("the module", function()
    it("has a name and the C library's version", function()
        assert.are.equal("libarticle", la._NAME)
        local header = h.read(h.source_dir .. "/include/libarticle.h")
        local v = header:match('#define ARTICLE_VERSION_STRING "([^"]+)"')
        assert.are.equal(v, la._VERSION)
        local maj, min, pat = v:match("^(%d+)%.(%d+)%.(%d+)$")
        assert.are.equal(tonumber(maj) * 65536 + tonumber(min) * 256 + tonumber(pat),
            la.version_number)
    end)

    it("reports its dependencies' versions", function()
        assert.matches("gfm", la.dependency_version("cmark-gfm"))
        assert.matches("^%d+%.%d+", la.dependency_version("libyaml"))
        assert.is_nil(la.dependency_version("zlib"))
    end)

    it("has one null value for YAML nulls", function()
        assert.are.equal("userdata", type(la.null))
        assert.are.equal(la.null, h.la.null)
    end)

    it("loads again without harm", function()
        package.loaded.libarticle = nil
        local again = require("libarticle")
        local a = assert(again.parse("# x"))
        local b = assert(la.parse("# y"))
        assert.are.equal(getmetatable(a), getmetatable(b))
        assert.are.equal("x", a.blocks[1].text)
    end)
end)
