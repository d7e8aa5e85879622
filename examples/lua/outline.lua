-- Print an article's outline (its headings) and its quotes with who said them.
--
--   LUA_CPATH="build/bindings/lua/5.4/?.so;;" lua5.4 examples/lua/outline.lua ARTICLE.md
local libarticle = require("libarticle")

local path = arg[1]
if not path then
    io.stderr:write("usage: outline.lua ARTICLE.md\n")
    os.exit(2)
end

local article, err = libarticle.parse_file(path)
if not article then
    -- err.line is nil for errors without a position (a missing file, say)
    io.stderr:write(("%s:%s: %s\n"):format(path, err.line or 0, tostring(err)))
    os.exit(1)
end

print(article.title or "(untitled)")
if article.author then print("by " .. article.author) end

print("\nOutline")
for _, block in ipairs(article.blocks) do
    if block.type == "heading" then
        local line = article:locate(block.start)
        print(("%4d  %s%s"):format(line, ("  "):rep(block.level - 1), block.text))
    end
end

print("\nQuotes")
for _, q in ipairs(article.quotes) do
    local line = article:locate(q.start)
    local who = "unattributed"
    if q.speaker then who = q.speaker.name or q.speaker.text end
    print(("%4d  \"%s\" (%s)"):format(line, q.text, who))
end

article:close()
