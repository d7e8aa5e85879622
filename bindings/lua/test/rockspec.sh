#!/bin/sh
# Builds the rockspec offline with luarocks against a staged install of this build, for
# every Lua 5.x given, and loads the module it installs.
#
#   rockspec.sh BUILD_DIR SOURCE_DIR CMAKE TAG=LUA=MODULE_DIR...
#
# Exit 77 (skipped) when luarocks is not installed.
set -eu
build=$1
src=$2
cmake=$3
shift 3
command -v luarocks >/dev/null || { echo "luarocks is not installed"; exit 77; }
work=$build/bindings/lua/rockspec-test
rm -rf "$work"
mkdir -p "$work/src"

"$cmake" --install "$build" --prefix "$work/stage" >"$work/install.log"
pc=$(find "$work/stage" -name libarticle.pc | head -n 1)
[ -n "$pc" ] || { echo "no libarticle.pc under $work/stage"; exit 1; }
# luarocks builds in the rockspec's folder: a copy keeps the source tree clean.
cp "$src/bindings/lua/CMakeLists.txt" "$src/bindings/lua/libarticle_lua.c" \
    "$src/bindings/lua/compat.h" "$src/bindings/lua"/libarticle-*.rockspec "$work/src/"
rockspec=$(cd "$work/src" && ls libarticle-*.rockspec)

status=0
ran=0
for m in "$@"; do
    tag=${m%%=*}
    rest=${m#*=}
    lua=${rest%%=*}
    case "$tag" in 5.*) ;; *) continue ;; esac
    tree=$work/tree-$tag
    if ! (cd "$work/src" && rm -rf build.luarocks &&
        PKG_CONFIG_PATH=$(dirname "$pc") luarocks --lua-version="$tag" make \
            --tree "$tree" "$rockspec") >"$work/luarocks-$tag.log" 2>&1; then
        echo "FAIL: luarocks make for Lua $tag"
        tail -n 30 "$work/luarocks-$tag.log"
        status=1
        continue
    fi
    so=$tree/lib/lua/$tag/libarticle.so
    # The module must load the staged library (its rpath), not one installed elsewhere.
    if command -v ldd >/dev/null && ! ldd "$so" | grep -q "$work/stage/.*libarticle\.so"; then
        echo "FAIL: $so does not load libarticle from $work/stage"
        ldd "$so"
        status=1
    fi
    if out=$("$lua" -e "
        package.cpath = '$tree/lib/lua/$tag/?.so;' .. package.cpath
        local la = require('libarticle')
        local a = assert(la.parse('\"We will finish,\" Jane Doe said.'))
        assert(a.quotes[1].speaker.name == 'Jane Doe')
        io.write(la._VERSION)" 2>&1); then
        echo "ok: Lua $tag: luarocks built and installed libarticle $out"
        ran=$((ran + 1))
    else
        echo "FAIL: the module luarocks installed for Lua $tag: $out"
        status=1
    fi
done
[ "$ran" -gt 0 ] || [ "$status" -ne 0 ] || { echo "no Lua 5.x to build the rock for"; exit 77; }
exit $status
