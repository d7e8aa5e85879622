/* The few Lua C API differences between 5.1 (and LuaJIT), 5.2, 5.3 and 5.4 that the
 * binding meets, behind one set of names. */
#ifndef LIBARTICLE_LUA_COMPAT_H
#define LIBARTICLE_LUA_COMPAT_H

#include <lauxlib.h>
#include <lua.h>

/* One user value per userdata: 5.1's environment table, 5.2/5.3's user value, 5.4's
 * first of n. The value must be a table under 5.1. */
#if LUA_VERSION_NUM >= 504
#define lc_newuserdata(L, size) lua_newuserdatauv((L), (size), 1)
#define lc_getuservalue(L, idx) ((void)lua_getiuservalue((L), (idx), 1))
#define lc_setuservalue(L, idx) ((void)lua_setiuservalue((L), (idx), 1))
#elif LUA_VERSION_NUM >= 502
#define lc_newuserdata(L, size) lua_newuserdata((L), (size))
#define lc_getuservalue(L, idx) ((void)lua_getuservalue((L), (idx)))
#define lc_setuservalue(L, idx) lua_setuservalue((L), (idx))
#else
#define lc_newuserdata(L, size) lua_newuserdata((L), (size))
#define lc_getuservalue(L, idx) lua_getfenv((L), (idx))
#define lc_setuservalue(L, idx) ((void)lua_setfenv((L), (idx)))
#endif

#if LUA_VERSION_NUM >= 502
#define lc_rawlen(L, idx) lua_rawlen((L), (idx))
#define lc_setfuncs(L, l, nup) luaL_setfuncs((L), (l), (nup))
#define lc_testudata(L, idx, name) luaL_testudata((L), (idx), (name))
#else
#define lc_rawlen(L, idx) lua_objlen((L), (idx))

/* luaL_setfuncs: each function gets the nup values below the table as upvalues. */
static void lc_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
    luaL_checkstack(L, nup, "too many upvalues");
    for (; l->name; l++) {
        for (int i = 0; i < nup; i++)
            lua_pushvalue(L, -nup);
        lua_pushcclosure(L, l->func, nup);
        lua_setfield(L, -(nup + 2), l->name);
    }
    lua_pop(L, nup);
}

static void *lc_testudata(lua_State *L, int idx, const char *name) {
    void *p = lua_touserdata(L, idx);
    if (!p || !lua_getmetatable(L, idx))
        return NULL;
    luaL_getmetatable(L, name);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same ? p : NULL;
}
#endif

/* Whether the collector is running (5.1 cannot tell; it runs unless stopped, which
 * programs rarely do). */
#if LUA_VERSION_NUM >= 502
#define lc_gc_running(L) (lua_gc((L), LUA_GCISRUNNING, 0) != 0)
#else
#define lc_gc_running(L) 1
#endif

/* A metadata integer: exact as a Lua integer from 5.3 on; before that Lua numbers are
 * doubles, so an integer past 2^53 would change and is pushed as the text it was
 * written as. */
#if LUA_VERSION_NUM >= 503
#define LC_EXACT_INT(v) 1
#else
#define LC_EXACT_INT(v) ((v) >= -(INT64_C(1) << 53) && (v) <= (INT64_C(1) << 53))
#endif

#endif /* LIBARTICLE_LUA_COMPAT_H */
