-- A pandoc Lua filter: while pandoc converts an article, libarticle reads the same file
-- and the filter adds a "Quotes" section listing its quotations and who said them.
--
--   LUA_CPATH="build/bindings/lua/5.3/?.so;;" \
--       pandoc --lua-filter examples/lua/quotes-filter.lua ARTICLE.md -o article.html
--
-- pandoc runs filters in its own Lua (5.3 in Debian 12's pandoc): LUA_CPATH must name the
-- module built for that version.
local libarticle = require("libarticle")

local function quote_item(q)
    local who = "unattributed"
    if q.speaker then who = q.speaker.name or q.speaker.text end
    return { pandoc.Plain({
        pandoc.Str("“" .. q.text .. "”"), pandoc.Space(), pandoc.Str("—"), pandoc.Space(),
        pandoc.Emph({ pandoc.Str(who) }),
    }) }
end

function Pandoc(doc)
    local items = {}
    for _, path in ipairs(PANDOC_STATE.input_files) do
        if path ~= "-" then
            local article, err = libarticle.parse_file(path)
            if not article then
                io.stderr:write(("quotes-filter: %s: %s\n"):format(path, tostring(err)))
            else
                for _, q in ipairs(article.quotes) do items[#items + 1] = quote_item(q) end
                article:close()
            end
        end
    end
    if #items > 0 then
        doc.blocks:insert(pandoc.Header(2, { pandoc.Str("Quotes") }))
        doc.blocks:insert(pandoc.BulletList(items))
    end
    return doc
end
