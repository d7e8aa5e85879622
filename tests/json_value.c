#include "json_value.h"

#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const char *p, *end;
} reader;

static void skip_ws(reader *r) {
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static void put_utf8(char **o, unsigned long c) {
    char *q = *o;
    if (c < 0x80) {
        *q++ = (char)c;
    } else if (c < 0x800) {
        *q++ = (char)(0xC0 | (c >> 6));
        *q++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *q++ = (char)(0xE0 | (c >> 12));
        *q++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *q++ = (char)(0x80 | (c & 0x3F));
    } else {
        *q++ = (char)(0xF0 | (c >> 18));
        *q++ = (char)(0x80 | ((c >> 12) & 0x3F));
        *q++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *q++ = (char)(0x80 | (c & 0x3F));
    }
    *o = q;
}

/* Four hex digits before lim; false when they are not there. */
static bool hex4(reader *r, const char *lim, unsigned long *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        if (r->p >= lim)
            return false;
        char c = *r->p++;
        *v <<= 4;
        if (c >= '0' && c <= '9')
            *v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            *v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            *v |= (unsigned long)(c - 'A' + 10);
        else
            return false;
    }
    return true;
}

/* A string literal, decoded into a malloc'd buffer. Finding the closing quote first gives
 * a size for it: no escape decodes to more bytes than it is written with. */
static bool parse_string(reader *r, char **out, size_t *len) {
    if (r->p >= r->end || *r->p != '"')
        return false;
    const char *close = ++r->p;
    while (close < r->end && *close != '"') {
        if (*close == '\\' && r->end - close < 2)
            return false;
        close += *close == '\\' ? 2 : 1;
    }
    if (close >= r->end)
        return false;
    char *buf = malloc((size_t)(close - r->p) + 1), *o = buf;
    if (!buf)
        return false;
    while (r->p < close) {
        char c = *r->p++;
        if (c != '\\') {
            *o++ = c;
            continue;
        }
        c = *r->p++;
        switch (c) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u': {
            unsigned long u, lo;
            if (!hex4(r, close, &u)) {
                free(buf);
                return false;
            }
            if (u >= 0xD800 && u < 0xDC00 && close - r->p >= 6 && r->p[0] == '\\' &&
                r->p[1] == 'u') {
                r->p += 2;
                if (!hex4(r, close, &lo)) {
                    free(buf);
                    return false;
                }
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(&o, u);
            break;
        }
        default: *o++ = c;
        }
    }
    r->p = close + 1;
    *o = '\0';
    *out = buf;
    *len = (size_t)(o - buf);
    return true;
}

static bool literal(reader *r, const char *lit) {
    size_t n = strlen(lit);
    if ((size_t)(r->end - r->p) >= n && memcmp(r->p, lit, n) == 0) {
        r->p += n;
        return true;
    }
    return false;
}

/* What v holds, not v itself (an element of its parent's items). */
static void clear(json_value *v) {
    for (size_t i = 0; i < v->count; i++)
        clear(&v->items[i]);
    free(v->items);
    free(v->string);
    free(v->key);
}

static bool parse_value(reader *r, json_value *v, int depth);

/* The caller clears v, also on failure. */
static bool parse_container(reader *r, json_value *v, int depth) {
    char close = *r->p == '{' ? '}' : ']';
    v->type = close == '}' ? JSON_OBJECT : JSON_ARRAY;
    size_t cap = 0;
    r->p++;
    skip_ws(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        return true;
    }
    for (;;) {
        json_value item = {0};
        skip_ws(r);
        if (v->type == JSON_OBJECT) {
            if (!parse_string(r, &item.key, &item.key_length))
                return false;
            skip_ws(r);
            if (r->p >= r->end || *r->p != ':') {
                clear(&item);
                return false;
            }
            r->p++;
        }
        if (!parse_value(r, &item, depth + 1)) {
            clear(&item);
            return false;
        }
        if (v->count == cap) {
            cap = cap ? cap * 2 : 4;
            json_value *items = realloc(v->items, cap * sizeof *items);
            if (!items) {
                clear(&item);
                return false;
            }
            v->items = items;
        }
        v->items[v->count++] = item;
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            r->p++;
            return true;
        }
        return false;
    }
}

/* Fills v but its key; the caller clears v, also on failure. */
static bool parse_value(reader *r, json_value *v, int depth) {
    skip_ws(r);
    if (r->p >= r->end || depth > JSON_MAX_DEPTH)
        return false;
    char c = *r->p;
    if (c == '{' || c == '[')
        return parse_container(r, v, depth);
    if (c == '"') {
        v->type = JSON_STRING;
        return parse_string(r, &v->string, &v->length);
    }
    if (literal(r, "true") || literal(r, "false")) {
        v->type = JSON_BOOL;
        v->boolean = c == 't';
        return true;
    }
    if (literal(r, "null")) {
        v->type = JSON_NULL;
        return true;
    }
    char *e;
    v->type = JSON_NUMBER;
    v->number = strtod(r->p, &e);
    if (e == r->p || e > r->end)
        return false;
    r->p = e;
    return true;
}

json_value *json_parse(const char *text, size_t len) {
    json_value *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    reader r = {text, text + len};
    bool ok = parse_value(&r, v, 0);
    skip_ws(&r);
    if (!ok || r.p != r.end) {
        json_free(v);
        return NULL;
    }
    return v;
}

void json_free(json_value *v) {
    if (!v)
        return;
    clear(v);
    free(v);
}

const json_value *json_get(const json_value *o, const char *key) {
    if (!o || o->type != JSON_OBJECT)
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < o->count; i++)
        if (o->items[i].key_length == n && memcmp(o->items[i].key, key, n) == 0)
            return &o->items[i];
    return NULL;
}

const char *json_get_string(const json_value *o, const char *key) {
    const json_value *v = json_get(o, key);
    return v && v->type == JSON_STRING ? v->string : NULL;
}
