#!/bin/sh
# Runs examples/lua inside the tools that host them, on spec/fixtures/example.md, and
# compares what they print with the expected output beside it.
#
#   examples.sh script|pandoc|nvim SOURCE_DIR TAG=LUA=MODULE_DIR...
#
# TAG is 5.1 … 5.4 or luajit, LUA its interpreter, MODULE_DIR the folder holding its
# libarticle.so. Exit 77 (skipped) when the tool is not installed.
set -eu
kind=$1
src=$2
shift 2
fixtures=$src/bindings/lua/spec/fixtures
article=$fixtures/example.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The module folder for a Lua version tag, from the TAG=LUA=DIR arguments.
find_module() {
    want=$1
    shift
    for m in "$@"; do
        tag=${m%%=*}
        rest=${m#*=}
        if [ "$tag" = "$want" ]; then
            echo "${rest#*=}"
            return 0
        fi
    done
    return 1
}

status=0
check() { # name expected actual
    if cmp -s "$2" "$3"; then
        echo "ok: $1"
    else
        echo "FAIL: $1 differs from $2"
        diff -u "$2" "$3" | head -40
        status=1
    fi
}

case "$kind" in
script)
    [ $# -gt 0 ] || { echo "no Lua interpreter"; exit 77; }
    for m in "$@"; do
        tag=${m%%=*}
        rest=${m#*=}
        lua=${rest%%=*}
        dir=${rest#*=}
        LUA_CPATH="$dir/?.so;;" "$lua" "$src/examples/lua/outline.lua" "$article" \
            >"$work/out.$tag"
        check "outline.lua under $tag" "$fixtures/example.outline.txt" "$work/out.$tag"
        rc=0
        LUA_CPATH="$dir/?.so;;" "$lua" "$src/examples/lua/outline.lua" "$work/missing.md" \
            >/dev/null 2>"$work/err.$tag" || rc=$?
        if [ "$rc" -ne 1 ] || ! grep -q "missing.md:0: .*No such file" "$work/err.$tag"; then
            echo "FAIL: outline.lua under $tag on a missing file: exit $rc"
            cat "$work/err.$tag"
            status=1
        fi
    done
    ;;
pandoc)
    command -v pandoc >/dev/null || { echo "pandoc is not installed"; exit 77; }
    # Which Lua this pandoc runs filters in.
    echo 'io.stderr:write(_VERSION:match("%d+%.%d+"))' >"$work/probe.lua"
    ver=$(printf 'x\n' | pandoc -f markdown -t plain --lua-filter "$work/probe.lua" 2>&1 \
        >/dev/null)
    dir=$(find_module "$ver" "$@") || { echo "no module for pandoc's Lua $ver"; exit 77; }
    echo "pandoc runs Lua $ver"
    LUA_CPATH="$dir/?.so;;" pandoc -f markdown -t plain \
        --lua-filter "$src/examples/lua/quotes-filter.lua" "$article" >"$work/out"
    check "quotes-filter.lua in pandoc" "$fixtures/example.pandoc.txt" "$work/out"
    ;;
nvim)
    command -v nvim >/dev/null || { echo "nvim is not installed"; exit 77; }
    nvim --headless -u NONE -i NONE -n \
        -c "lua io.open('$work/lua', 'w'):write(jit and 'luajit' or _VERSION:match('%d+%.%d+'))" \
        -c 'qa!' </dev/null >/dev/null 2>&1
    ver=$(cat "$work/lua")
    dir=$(find_module "$ver" "$@") || { echo "no module for Neovim's Lua $ver"; exit 77; }
    echo "Neovim runs Lua $ver"
    # The command's own listing, then the quickfix list it filled.
    LUA_CPATH="$dir/?.so;;" nvim --headless -u NONE -i NONE -n \
        --cmd "set rtp+=$src/examples/lua/nvim" --cmd "runtime! plugin/libarticle.lua" \
        -c "lua local f = io.open('$work/out', 'w')
            f:write((vim.fn.execute('ArticleQuotes'):gsub('^\\n', '')), '\\n')
            for _, it in ipairs(vim.fn.getqflist()) do
                f:write(('%d:%d: %s\\n'):format(it.lnum, it.col, it.text))
            end
            f:close()" \
        -c 'qa!' "$article" </dev/null >/dev/null 2>"$work/err" || {
        echo "FAIL: nvim exited with $?"
        cat "$work/err"
        exit 1
    }
    check "ArticleQuotes in Neovim" "$fixtures/example.nvim.txt" "$work/out"
    ;;
*)
    echo "usage: $0 script|pandoc|nvim SOURCE_DIR TAG=LUA=DIR..." >&2
    exit 2
    ;;
esac
exit $status
