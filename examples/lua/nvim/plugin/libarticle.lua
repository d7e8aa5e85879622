-- Neovim: :ArticleQuotes lists the quotes of the article in the current buffer with
-- their line numbers, and puts them in the quickfix list (:copen to browse them).
--
-- Add examples/lua/nvim to 'runtimepath' and name the module built for Neovim's Lua
-- (LuaJIT in Debian's Neovim):
--   LUA_CPATH="build/bindings/lua/luajit/?.so;;" \
--       nvim --cmd "set rtp+=examples/lua/nvim" ARTICLE.md
local function buffer_text(buf)
    local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    local text = table.concat(lines, "\n")
    if vim.bo[buf].eol then text = text .. "\n" end
    return text
end

local function article_quotes()
    local ok, libarticle = pcall(require, "libarticle")
    if not ok then
        vim.api.nvim_err_writeln("ArticleQuotes: cannot load libarticle: " .. libarticle)
        return
    end
    local buf = vim.api.nvim_get_current_buf()
    local text = buffer_text(buf)
    local article, err = libarticle.parse(text)
    if not article then
        vim.api.nvim_err_writeln(("ArticleQuotes: line %s: %s"):format(err.line or "?",
            tostring(err)))
        return
    end
    local items, lines = {}, {}
    for _, q in ipairs(article.quotes) do
        local line = article:locate(q.start)
        -- quickfix columns are byte columns: count back to the line's start
        local line_start = q.start
        while line_start > 1 and text:sub(line_start - 1, line_start - 1) ~= "\n" do
            line_start = line_start - 1
        end
        local who = "unattributed"
        if q.speaker then who = q.speaker.name or q.speaker.text end
        local entry = ("“%s” — %s"):format(q.text, who)
        items[#items + 1] = { bufnr = buf, lnum = line, col = q.start - line_start + 1,
            text = entry }
        lines[#lines + 1] = ("%d: %s"):format(line, entry)
    end
    article:close()
    vim.fn.setqflist({}, " ", { title = "Article quotes", items = items })
    if #lines == 0 then
        print("ArticleQuotes: no quotes")
    else
        print(table.concat(lines, "\n"))
    end
end

vim.api.nvim_create_user_command("ArticleQuotes", article_quotes,
    { desc = "List the article's quotes with their line numbers" })
