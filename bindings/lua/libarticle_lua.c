/* libarticle for Lua 5.1–5.4 and LuaJIT: `require "libarticle"`.
 *
 * An article is a userdata that owns the C article; everything read from it is copied
 * into plain Lua values, so nothing a script holds can dangle after the article is
 * closed or collected. Fields are built on first access and kept in the userdata's user
 * value table, so a script that reads only the title pays for nothing else.
 *
 * Every byte position given to Lua is 1-based and every `end` inclusive, so that
 * s:sub(x.start, x["end"]) is exactly the bytes of x in the parsed text s. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* dladdr */
#endif
#include <libarticle.h>

#include <stdint.h>
#include <string.h>

#include "compat.h"

#if defined(__linux__) || defined(__APPLE__) || defined(__FreeBSD__)
#include <dlfcn.h>
#define LA_PIN 1
#endif

#define ARTICLE_MT "libarticle.article"
#define ERROR_MT "libarticle.error"

typedef struct l_article {
    article *a; /* NULL once closed */
} l_article;

/* ---- small helpers --------------------------------------------------------------------- */

static void set_int(lua_State *L, const char *key, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_setfield(L, -2, key);
}

static void set_bool(lua_State *L, const char *key, int v) {
    lua_pushboolean(L, v);
    lua_setfield(L, -2, key);
}

/* A string field; nothing (the key stays absent) for NULL. */
static void set_str(lua_State *L, const char *key, const char *s, size_t len) {
    if (!s)
        return;
    lua_pushlstring(L, s, len);
    lua_setfield(L, -2, key);
}

static void push_str_or_nil(lua_State *L, const char *s, size_t len) {
    if (s)
        lua_pushlstring(L, s, len);
    else
        lua_pushnil(L);
}

/* A C span [start, end) as the 1-based inclusive `start` and `end` of a Lua table. */
static void set_span(lua_State *L, const char *start_key, const char *end_key, size_t start,
                     size_t end) {
    set_int(L, start_key, (lua_Integer)start + 1);
    set_int(L, end_key, (lua_Integer)end);
}

static l_article *check_article(lua_State *L, int idx) {
    return (l_article *)luaL_checkudata(L, idx, ARTICLE_MT);
}

static article *check_open(lua_State *L, int idx) {
    l_article *la = check_article(L, idx);
    if (!la->a)
        luaL_error(L, "attempt to use a closed article");
    return la->a;
}

/* ---- errors ---------------------------------------------------------------------------- */

static const char *family_name(article_status_family f) {
    switch (f) {
    case ARTICLE_FAMILY_NONE: return "none";
    case ARTICLE_FAMILY_SYSTEM: return "system";
    case ARTICLE_FAMILY_ENCODING: return "encoding";
    case ARTICLE_FAMILY_FRONT_MATTER: return "front_matter";
    case ARTICLE_FAMILY_LIMIT: return "limit";
    }
    return "system";
}

/* nil, err: err is a table with a __tostring giving the one-line message. */
static int push_error(lua_State *L, const article_error *e, const char *path) {
    lua_pushnil(L);
    lua_createtable(L, 0, 10);
    set_int(L, "code", (lua_Integer)e->code);
    lua_pushstring(L, article_status_name(e->code));
    lua_setfield(L, -2, "name");
    lua_pushstring(L, family_name(article_status_family_of(e->code)));
    lua_setfield(L, -2, "family");
    lua_pushstring(L, article_status_describe(e->code));
    lua_setfield(L, -2, "description");
    lua_pushstring(L, e->message);
    lua_setfield(L, -2, "message");
    /* line 0 means the error has no position; then the three stay nil. */
    if (e->line) {
        set_int(L, "offset", (lua_Integer)e->offset + 1);
        set_int(L, "line", (lua_Integer)e->line);
        set_int(L, "column", (lua_Integer)e->column);
    }
    if (path) {
        lua_pushstring(L, path);
        lua_setfield(L, -2, "path");
    }
    luaL_getmetatable(L, ERROR_MT);
    lua_setmetatable(L, -2);
    return 2;
}

static int error_tostring(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "message");
    if (!lua_isstring(L, -1)) {
        lua_pop(L, 1);
        lua_pushliteral(L, "libarticle error");
    }
    return 1;
}

/* ---- options --------------------------------------------------------------------------- */

static size_t opt_size(lua_State *L, const char *key) {
    lua_Number n = lua_tonumber(L, -1);
    if (lua_type(L, -1) != LUA_TNUMBER || n < 0 || n != n || n > (lua_Number)SIZE_MAX / 2 ||
        (lua_Number)(size_t)n != n)
        luaL_error(L, "option '%s' must be a non-negative integer", key);
    return (size_t)n;
}

static int opt_flag(lua_State *L, const char *key) {
    if (lua_type(L, -1) != LUA_TBOOLEAN)
        luaL_error(L, "option '%s' must be a boolean", key);
    return lua_toboolean(L, -1);
}

/* Reads the options table at idx (absent or nil: defaults). Unknown keys are errors, so
 * that a misspelt limit is not silently ignored. */
static void read_options(lua_State *L, int idx, article_options *o) {
    article_options_init(o, ARTICLE_OPTIONS_VERSION);
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "option names must be strings");
        const char *k = lua_tostring(L, -2);
        if (strcmp(k, "unsafe_html") == 0) {
            if (opt_flag(L, k))
                o->flags |= ARTICLE_OPT_UNSAFE_HTML;
        } else if (strcmp(k, "no_quotes") == 0) {
            if (opt_flag(L, k))
                o->flags |= ARTICLE_OPT_NO_QUOTES;
        } else if (strcmp(k, "max_input_size") == 0) {
            o->max_input_size = opt_size(L, k);
        } else if (strcmp(k, "max_yaml_depth") == 0) {
            o->max_yaml_depth = opt_size(L, k);
        } else if (strcmp(k, "max_yaml_nodes") == 0) {
            o->max_yaml_nodes = opt_size(L, k);
        } else if (strcmp(k, "max_markdown_depth") == 0) {
            o->max_markdown_depth = opt_size(L, k);
        } else if (strcmp(k, "max_front_matter_size") == 0) {
            o->max_front_matter_size = opt_size(L, k);
        } else if (strcmp(k, "max_blocks") == 0) {
            o->max_blocks = opt_size(L, k);
        } else if (strcmp(k, "max_quotes") == 0) {
            o->max_quotes = opt_size(L, k);
        } else if (strcmp(k, "max_warnings") == 0) {
            o->max_warnings = opt_size(L, k);
        } else {
            luaL_error(L, "unknown option '%s'", k);
        }
        lua_pop(L, 1);
    }
}

/* ---- parsing --------------------------------------------------------------------------- */

/* The userdata comes first, empty: were it made after the parse, a Lua memory error
 * raised while making it would leak the article. */
static l_article *new_article(lua_State *L) {
    l_article *la = (l_article *)lc_newuserdata(L, sizeof *la);
    la->a = NULL;
    luaL_getmetatable(L, ARTICLE_MT);
    lua_setmetatable(L, -2);
    lua_newtable(L); /* the cache of built fields */
    lc_setuservalue(L, -2);
    return la;
}

/* Hand the parsed article to its userdata (on the top of the stack) and return it. */
static int own_article(lua_State *L, l_article *la, article *a, size_t input_len) {
    la->a = a;
    /* The collector sees only the small userdata, not the C memory behind it: tell it
     * about the latter so that a loop of parses does not outrun it. */
    size_t kb = input_len / 256; /* an article holds a few times its input's size */
    if (kb && lc_gc_running(L))
        lua_gc(L, LUA_GCSTEP, kb > 65536 ? 65536 : (int)kb);
    return 1;
}

static int l_parse(lua_State *L) {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    article_options o;
    read_options(L, 2, &o);
    l_article *la = new_article(L);
    article *a = NULL;
    article_error e;
    if (article_parse(s, len, &o, &a, &e) != ARTICLE_OK)
        return push_error(L, &e, NULL);
    return own_article(L, la, a, len);
}

static int l_parse_file(lua_State *L) {
    size_t path_len;
    const char *path = luaL_checklstring(L, 1, &path_len);
    luaL_argcheck(L, strlen(path) == path_len, 1, "path contains a NUL byte");
    article_options o;
    read_options(L, 2, &o);
    l_article *la = new_article(L);
    article *a = NULL;
    article_error e;
    if (article_parse_file(path, &o, &a, &e) != ARTICLE_OK)
        return push_error(L, &e, path);
    size_t len = 0;
    article_source(a, &len);
    return own_article(L, la, a, len);
}

/* ---- metadata -------------------------------------------------------------------------- */

static int is_collection(const article_value *v) {
    article_value_type t = article_value_get_type(v);
    return t == ARTICLE_VALUE_SEQUENCE || t == ARTICLE_VALUE_MAPPING;
}

static void push_scalar(lua_State *L, const article_value *v) {
    size_t len = 0;
    const char *s;
    switch (article_value_get_type(v)) {
    case ARTICLE_VALUE_BOOL:
        lua_pushboolean(L, article_value_bool(v));
        return;
    case ARTICLE_VALUE_INT: {
        int64_t i = article_value_int(v);
        if (LC_EXACT_INT(i)) {
            lua_pushinteger(L, (lua_Integer)i);
            return;
        }
        s = article_value_string(v, &len);
        lua_pushlstring(L, s ? s : "", len);
        return;
    }
    case ARTICLE_VALUE_FLOAT:
        lua_pushnumber(L, (lua_Number)article_value_float(v));
        return;
    case ARTICLE_VALUE_STRING:
        s = article_value_string(v, &len);
        lua_pushlstring(L, s ? s : "", len);
        return;
    default: /* NULL, and NONE for a missing value */
        lua_pushlightuserdata(L, NULL);
        return;
    }
}

/* Stores the value on top into the table of the frame whose index is at `top` (see
 * push_metadata) under the key of item i, and pops it. */
static void store_item(lua_State *L, int top, const article_value *coll, size_t i) {
    if (article_value_get_type(coll) == ARTICLE_VALUE_MAPPING) {
        size_t klen = 0;
        const char *k = article_value_string(article_value_key_at(coll, i), &klen);
        lua_pushlstring(L, k ? k : "", klen);
        lua_insert(L, -2);
        lua_rawset(L, top - 2);
    } else {
        lua_rawseti(L, top - 2, (int)(i + 1));
    }
}

/* The metadata tree as plain tables, without recursion (the nesting is as deep as the
 * caller's max_yaml_depth allows): each open collection is a frame of three stack slots,
 * its table, the C value and the next item's index. */
static void push_metadata(lua_State *L, const article_value *root) {
    if (!is_collection(root)) {
        push_scalar(L, root);
        return;
    }
    int base = lua_gettop(L) + 1;
    lua_createtable(L, 0, (int)article_value_count(root));
    lua_pushlightuserdata(L, (void *)root);
    lua_pushinteger(L, 0);
    for (;;) {
        int top = lua_gettop(L);
        const article_value *v = (const article_value *)lua_touserdata(L, top - 1);
        size_t i = (size_t)lua_tointeger(L, top);
        if (i == article_value_count(v)) {
            lua_pop(L, 2);
            if (top - 2 == base)
                return;
            /* the finished table goes into its parent's, whose frame is just below */
            int ptop = top - 3;
            const article_value *pv = (const article_value *)lua_touserdata(L, ptop - 1);
            size_t pi = (size_t)lua_tointeger(L, ptop);
            store_item(L, ptop, pv, pi);
            lua_pushinteger(L, (lua_Integer)pi + 1);
            lua_replace(L, ptop);
            continue;
        }
        const article_value *c = article_value_at(v, i);
        if (is_collection(c)) {
            luaL_checkstack(L, 4, "metadata nested too deeply");
            int seq = article_value_get_type(c) == ARTICLE_VALUE_SEQUENCE;
            int n = (int)article_value_count(c);
            lua_createtable(L, seq ? n : 0, seq ? 0 : n);
            lua_pushlightuserdata(L, (void *)c);
            lua_pushinteger(L, 0);
            continue;
        }
        push_scalar(L, c);
        store_item(L, top, v, i);
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_replace(L, top);
    }
}

/* ---- fields, built on first access ------------------------------------------------------ */

typedef struct field_name {
    const char *name;
    article_field field;
} field_name;

static const field_name field_names[] = {
    {"title", ARTICLE_FIELD_TITLE},
    {"subhed", ARTICLE_FIELD_SUBHED},
    {"author", ARTICLE_FIELD_AUTHOR},
    {"author_title", ARTICLE_FIELD_AUTHOR_TITLE},
    {"date", ARTICLE_FIELD_DATE},
    {"category", ARTICLE_FIELD_CATEGORY},
    {"layout", ARTICLE_FIELD_LAYOUT},
    {"permalink", ARTICLE_FIELD_PERMALINK},
    {"excerpt", ARTICLE_FIELD_EXCERPT},
    {NULL, 0}};

static int find_field(const char *name) {
    for (int i = 0; field_names[i].name; i++)
        if (strcmp(field_names[i].name, name) == 0)
            return (int)field_names[i].field;
    return 0;
}

/* Each builder gets the open article and pushes one value. */
typedef void (*builder)(lua_State *L, const article *a);

static void build_authors(lua_State *L, const article *a) {
    size_t n = article_author_count(a);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        const char *s = article_author_at(a, i, &len);
        lua_pushlstring(L, s ? s : "", len);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static void build_tags(lua_State *L, const article *a) {
    size_t n = article_tag_count(a);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        const char *s = article_tag_at(a, i, &len);
        lua_pushlstring(L, s ? s : "", len);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static void build_image(lua_State *L, const article *a) {
    const article_image *img = article_featured_image(a);
    if (!img) {
        lua_pushnil(L);
        return;
    }
    size_t len = 0;
    const char *s;
    lua_createtable(L, 0, 6);
    s = article_image_path(img, &len);
    set_str(L, "path", s, len);
    s = article_image_cutline(img, &len);
    set_str(L, "cutline", s, len);
    s = article_image_credit(img, &len);
    set_str(L, "credit", s, len);
    s = article_image_alt(img, &len);
    set_str(L, "alt", s, len);
    const article_value *v = article_image_value(img);
    if (v)
        set_span(L, "start", "end", article_value_start(v), article_value_end(v));
}

static void build_metadata(lua_State *L, const article *a) {
    push_metadata(L, article_metadata(a));
}

static void build_date_parsed(lua_State *L, const article *a) {
    const article_datetime *d = article_date_parsed(a);
    if (!d) {
        lua_pushnil(L);
        return;
    }
    /* The keys os.time() reads, so that os.time(a.date_parsed) works for local time. */
    lua_createtable(L, 0, 8);
    set_int(L, "year", d->year);
    set_int(L, "month", d->month);
    set_int(L, "day", d->day);
    if (d->has_time) {
        set_int(L, "hour", d->hour);
        set_int(L, "min", d->minute);
        set_int(L, "sec", d->second);
        set_int(L, "nanosecond", (lua_Integer)d->nanosecond);
    }
    if (d->has_offset)
        set_int(L, "offset_minutes", d->offset_minutes);
}

static const char *task_name(article_task t) {
    switch (t) {
    case ARTICLE_TASK_OPEN: return "open";
    case ARTICLE_TASK_DONE: return "done";
    default: return NULL;
    }
}

static const char *align_name(article_align al) {
    switch (al) {
    case ARTICLE_ALIGN_LEFT: return "left";
    case ARTICLE_ALIGN_CENTER: return "center";
    case ARTICLE_ALIGN_RIGHT: return "right";
    default: return NULL;
    }
}

static void push_block(lua_State *L, const article_block *b, size_t i) {
    size_t len = 0;
    const char *s;
    article_block_type t = article_block_get_type(b);
    lua_createtable(L, 0, 10);
    set_int(L, "index", (lua_Integer)i + 1);
    s = article_block_type_name(t);
    lua_pushstring(L, s ? s : "unknown");
    lua_setfield(L, -2, "type");
    s = article_block_text(b, &len);
    lua_pushlstring(L, s ? s : "", len);
    lua_setfield(L, -2, "text");
    size_t parent = article_block_parent(b);
    if (parent != ARTICLE_NO_INDEX)
        set_int(L, "parent", (lua_Integer)parent + 1);
    set_int(L, "depth", (lua_Integer)article_block_depth(b));
    set_int(L, "descendants", (lua_Integer)article_block_descendants(b));
    set_span(L, "start", "end", article_block_start(b), article_block_end(b));
    switch (t) {
    case ARTICLE_BLOCK_HEADING:
        set_int(L, "level", article_block_level(b));
        break;
    case ARTICLE_BLOCK_LIST:
        set_bool(L, "ordered", article_block_list_ordered(b));
        set_int(L, "list_start", article_block_list_start(b));
        set_bool(L, "tight", article_block_list_tight(b));
        break;
    case ARTICLE_BLOCK_ITEM:
        s = task_name(article_block_task(b));
        set_str(L, "task", s, s ? strlen(s) : 0);
        break;
    case ARTICLE_BLOCK_CODE:
        s = article_block_info(b, &len);
        set_str(L, "info", s ? s : "", s ? len : 0);
        break;
    case ARTICLE_BLOCK_FOOTNOTE_DEFINITION:
        s = article_block_info(b, &len);
        set_str(L, "label", s ? s : "", s ? len : 0);
        break;
    case ARTICLE_BLOCK_TABLE_ROW:
        set_bool(L, "header", article_block_header(b));
        break;
    case ARTICLE_BLOCK_TABLE_CELL:
        s = align_name(article_block_align(b));
        set_str(L, "align", s, s ? strlen(s) : 0);
        break;
    default:
        break;
    }
}

static void build_blocks(lua_State *L, const article *a) {
    size_t n = article_block_count(a);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_block(L, article_block_at(a, i), i);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static const char *attribution_name(article_attribution at) {
    switch (at) {
    case ARTICLE_ATTRIBUTION_NONE: return "none";
    case ARTICLE_ATTRIBUTION_DIRECT: return "direct";
    case ARTICLE_ATTRIBUTION_INHERITED: return "inherited";
    }
    return "unknown";
}

static void push_speaker(lua_State *L, const article_speaker *sp) {
    size_t len = 0;
    const char *s;
    lua_createtable(L, 0, 7);
    s = article_speaker_text(sp, &len);
    lua_pushlstring(L, s ? s : "", len);
    lua_setfield(L, -2, "text");
    s = article_speaker_type_name(article_speaker_get_type(sp));
    set_str(L, "type", s, s ? strlen(s) : 0);
    set_span(L, "start", "end", article_speaker_start(sp), article_speaker_end(sp));
    s = article_speaker_name(sp, &len);
    if (s) {
        set_str(L, "name", s, len);
        set_span(L, "name_start", "name_end", article_speaker_name_start(sp),
                 article_speaker_name_end(sp));
    }
}

static void push_quote(lua_State *L, const article_quote *q) {
    size_t len = 0;
    const char *s;
    lua_createtable(L, 0, 11);
    s = article_quote_text(q, &len);
    lua_pushlstring(L, s ? s : "", len);
    lua_setfield(L, -2, "text");
    set_int(L, "block", (lua_Integer)article_quote_block(q) + 1);
    set_span(L, "start", "end", article_quote_start(q), article_quote_end(q));
    size_t n = article_quote_span_count(q);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        set_span(L, "start", "end", article_quote_span_start(q, i), article_quote_span_end(q, i));
        lua_rawseti(L, -2, (int)i + 1);
    }
    lua_setfield(L, -2, "spans");
    lua_pushstring(L, attribution_name(article_quote_attribution(q)));
    lua_setfield(L, -2, "attribution");
    const article_speaker *sp = article_quote_speaker(q);
    if (sp) {
        push_speaker(L, sp);
        lua_setfield(L, -2, "speaker");
    }
    s = article_quote_cue(q, &len);
    if (s) {
        set_str(L, "cue", s, len);
        set_span(L, "cue_start", "cue_end", article_quote_cue_start(q), article_quote_cue_end(q));
    }
}

static void build_quotes(lua_State *L, const article *a) {
    size_t n = article_quote_count(a);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_quote(L, article_quote_at(a, i));
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static void build_warnings(lua_State *L, const article *a) {
    size_t n = article_warning_count(a);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const article_warning *w = article_warning_at(a, i);
        size_t len = 0, line = 0, column = 0;
        const char *s = article_warning_name(article_warning_get_code(w));
        lua_createtable(L, 0, 5);
        lua_pushstring(L, s ? s : "unknown");
        lua_setfield(L, -2, "code");
        s = article_warning_message(w, &len);
        lua_pushlstring(L, s ? s : "", len);
        lua_setfield(L, -2, "message");
        size_t off = article_warning_offset(w);
        article_locate(a, off, &line, &column);
        set_int(L, "offset", (lua_Integer)off + 1);
        set_int(L, "line", (lua_Integer)line);
        set_int(L, "column", (lua_Integer)column);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static void build_stats(lua_State *L, const article *a) {
    lua_createtable(L, 0, 2);
    set_int(L, "words", (lua_Integer)article_word_count(a));
    set_int(L, "reading_minutes", (lua_Integer)article_reading_minutes(a));
}

static void build_source(lua_State *L, const article *a) {
    size_t len = 0;
    const char *s = article_source(a, &len);
    lua_pushlstring(L, s ? s : "", len);
}

static void build_front_matter(lua_State *L, const article *a) {
    size_t start = 0, end = 0;
    if (!article_front_matter(a, &start, &end)) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, 0, 2);
    set_span(L, "start", "end", start, end);
}

typedef struct field_builder {
    const char *name;
    builder fn;
} field_builder;

static const field_builder builders[] = {
    {"authors", build_authors},
    {"tags", build_tags},
    {"image", build_image},
    {"metadata", build_metadata},
    {"date_parsed", build_date_parsed},
    {"blocks", build_blocks},
    {"quotes", build_quotes},
    {"warnings", build_warnings},
    {"stats", build_stats},
    {"source", build_source},
    {"front_matter", build_front_matter},
    {NULL, NULL}};

/* __index(article, key): a method, else a field (cached once built), else nil. The
 * methods table is upvalue 1. */
static int article_index(lua_State *L) {
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1))
        return 1;
    if (lua_type(L, 2) != LUA_TSTRING)
        return 1;
    const char *key = lua_tostring(L, 2);
    const article *a = check_open(L, 1);
    lc_getuservalue(L, 1);
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    if (!lua_isnil(L, -1))
        return 1;
    lua_pop(L, 1);
    int f = find_field(key);
    if (f) {
        size_t len = 0;
        const char *s = article_field_string(a, (article_field)f, &len);
        push_str_or_nil(L, s, len);
        return 1; /* strings are cheap: not cached */
    }
    for (int i = 0; builders[i].name; i++) {
        if (strcmp(builders[i].name, key) == 0) {
            builders[i].fn(L, a);
            lua_pushvalue(L, 2);
            lua_pushvalue(L, -2);
            lua_rawset(L, -4);
            return 1;
        }
    }
    lua_pushnil(L);
    return 1;
}

/* ---- methods --------------------------------------------------------------------------- */

static int m_html(lua_State *L) {
    const article *a = check_open(L, 1);
    size_t len = 0;
    const char *s = article_html(a, &len);
    if (!s) {
        lua_pushnil(L);
        lua_pushliteral(L, "the HTML rendering failed (out of memory or too large)");
        return 2;
    }
    lua_pushlstring(L, s, len);
    return 1;
}

/* to_json([pretty]): pretty is a boolean, or a table {pretty = boolean}. */
static int m_to_json(lua_State *L) {
    const article *a = check_open(L, 1);
    int pretty = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "pretty");
        pretty = lua_toboolean(L, -1);
        lua_pop(L, 1);
    } else if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TBOOLEAN);
        pretty = lua_toboolean(L, 2);
    }
    size_t len = 0;
    const char *s = article_json(a, pretty ? ARTICLE_JSON_PRETTY : ARTICLE_JSON_DEFAULT, &len);
    if (!s) {
        lua_pushnil(L);
        lua_pushliteral(L, "out of memory");
        return 2;
    }
    lua_pushlstring(L, s, len);
    return 1;
}

/* locate(pos): line and column (1-based, the column in code points) of byte position
 * pos (1-based); positions past the end give the end's. */
static int m_locate(lua_State *L) {
    const article *a = check_open(L, 1);
    lua_Integer pos = luaL_checkinteger(L, 2);
    luaL_argcheck(L, pos >= 1, 2, "position must be 1 or more");
    size_t line = 0, column = 0;
    article_locate(a, (size_t)(pos - 1), &line, &column);
    lua_pushinteger(L, (lua_Integer)line);
    lua_pushinteger(L, (lua_Integer)column);
    return 2;
}

static int push_value_span(lua_State *L, const article_value *v) {
    if (!v) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)article_value_start(v) + 1);
    lua_pushinteger(L, (lua_Integer)article_value_end(v));
    lua_pushinteger(L, (lua_Integer)article_value_line(v));
    lua_pushinteger(L, (lua_Integer)article_value_column(v));
    return 4;
}

/* field_span(name): start, end, line, column of the front matter value a well-known
 * field was read from; nil when the field is absent. */
static int m_field_span(lua_State *L) {
    const article *a = check_open(L, 1);
    const char *name = luaL_checkstring(L, 2);
    int f = find_field(name);
    if (!f)
        return luaL_argerror(L, 2, lua_pushfstring(L, "unknown field '%s'", name));
    return push_value_span(L, article_field_value(a, (article_field)f));
}

/* metadata_span(key, ...): the same for the metadata value at a path of mapping keys
 * (strings) and sequence positions (1-based integers); nil when there is none. */
static int m_metadata_span(lua_State *L) {
    const article *a = check_open(L, 1);
    const article_value *v = article_metadata(a);
    int n = lua_gettop(L);
    for (int i = 2; i <= n && v; i++) {
        if (lua_type(L, i) == LUA_TSTRING) {
            size_t len = 0;
            const char *k = lua_tolstring(L, i, &len);
            v = article_value_getn(v, k, len);
        } else if (lua_type(L, i) == LUA_TNUMBER) {
            lua_Integer k = luaL_checkinteger(L, i);
            v = (article_value_get_type(v) == ARTICLE_VALUE_SEQUENCE && k >= 1)
                    ? article_value_at(v, (size_t)(k - 1))
                    : NULL;
        } else {
            return luaL_argerror(L, i, "a string key or an integer position expected");
        }
    }
    return push_value_span(L, v);
}

static int m_close(lua_State *L) {
    l_article *la = check_article(L, 1);
    if (la->a) {
        article_free(la->a);
        la->a = NULL;
        /* Drop the cache: tables already handed out live on as the script's own. */
        lua_newtable(L);
        lc_setuservalue(L, 1);
    }
    return 0;
}

static int article_gc(lua_State *L) {
    l_article *la = (l_article *)lc_testudata(L, 1, ARTICLE_MT);
    if (la && la->a) {
        article_free(la->a);
        la->a = NULL;
    }
    return 0;
}

static int article_tostring(lua_State *L) {
    l_article *la = check_article(L, 1);
    if (!la->a) {
        lua_pushliteral(L, "libarticle.article (closed)");
        return 1;
    }
    size_t len = 0;
    const char *title = article_title(la->a, &len);
    if (title)
        lua_pushfstring(L, "libarticle.article (%s)", title);
    else
        lua_pushfstring(L, "libarticle.article (%p)", (void *)la);
    return 1;
}

static const luaL_Reg article_methods[] = {
    {"html", m_html},
    {"to_json", m_to_json},
    {"locate", m_locate},
    {"field_span", m_field_span},
    {"metadata_span", m_metadata_span},
    {"close", m_close},
    {NULL, NULL}};

/* ---- the module ------------------------------------------------------------------------ */

#ifdef LA_PIN
/* cmark-gfm registers its extensions once per process, in memory it never frees. Lua
 * unloads a C module when its state closes: kept loaded, that memory stays reachable and
 * a later state reuses it instead of registering (and losing) another copy. */
static const char pin_anchor = 0;

static void pin_module(void) {
    Dl_info info;
    if (dladdr(&pin_anchor, &info) && info.dli_fname)
        (void)dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}
#endif

static int l_dependency_version(lua_State *L) {
    const char *v = article_dependency_version(luaL_checkstring(L, 1));
    if (v)
        lua_pushstring(L, v);
    else
        lua_pushnil(L);
    return 1;
}

static const luaL_Reg module_functions[] = {
    {"parse", l_parse},
    {"parse_file", l_parse_file},
    {"dependency_version", l_dependency_version},
    {NULL, NULL}};

/* The module's one exported symbol (it is built with hidden visibility). */
#if defined(_WIN32)
#define LA_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define LA_EXPORT __attribute__((visibility("default")))
#else
#define LA_EXPORT
#endif

LA_EXPORT int luaopen_libarticle(lua_State *L);

LA_EXPORT int luaopen_libarticle(lua_State *L) {
#ifdef LA_PIN
    pin_module();
#endif
    if (luaL_newmetatable(L, ARTICLE_MT)) {
        lua_newtable(L);
        lc_setfuncs(L, article_methods, 0);
        lua_pushcclosure(L, article_index, 1);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, article_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, m_close);
        lua_setfield(L, -2, "__close");
        lua_pushcfunction(L, article_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushliteral(L, "libarticle.article");
        lua_setfield(L, -2, "__name");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, ERROR_MT)) {
        lua_pushcfunction(L, error_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_pop(L, 1);

    lua_newtable(L);
    lc_setfuncs(L, module_functions, 0);
    lua_pushliteral(L, "libarticle");
    lua_setfield(L, -2, "_NAME");
    lua_pushstring(L, article_version());
    lua_setfield(L, -2, "_VERSION");
    lua_pushinteger(L, (lua_Integer)article_version_number());
    lua_setfield(L, -2, "version_number");
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    return 1;
}
