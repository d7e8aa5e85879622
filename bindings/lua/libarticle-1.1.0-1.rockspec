-- The Lua binding built against an installed libarticle (found with pkg-config; set
-- PKG_CONFIG_PATH for a prefix pkg-config does not search). From bindings/lua:
--   luarocks --lua-version=5.4 make --local libarticle-1.1.0-1.rockspec
rockspec_format = "3.0"
package = "libarticle"
version = "1.1.0-1"
source = {
    url = "git+file:///libarticle",
    tag = "v1.1.0",
    dir = "libarticle/bindings/lua",
}
description = {
    summary = "Read an article (YAML front matter + Markdown body) into a typed document",
    detailed = [[
        Lua binding of libarticle: libarticle.parse(text) gives the article's fields,
        metadata, blocks, quotations with their speakers, warnings, HTML and JSON.
    ]],
}
dependencies = {
    "lua >= 5.1, < 5.5",
}
build = {
    type = "cmake",
    variables = {
        CMAKE_BUILD_TYPE = "Release",
        CMAKE_INSTALL_PREFIX = "$(PREFIX)",
        LUA_INCDIR = "$(LUA_INCDIR)",
        LUA_CMOD_INSTALL_DIR = "$(LIBDIR)",
    },
}
