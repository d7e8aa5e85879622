/* The article as one JSON object (schema: docs/json.md), written in a single pass into
 * one growing buffer. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- strings --------------------------------------------------------------------------- */

/* Byte classes: 0 is copied as is, 1 is escaped, 2 starts a multi-byte sequence (checked,
 * so the output is valid UTF-8 whatever the input, and U+2028/U+2029 escaped). */
#define C0 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#define C1 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define C2 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
static const unsigned char byte_class[256] = {
    C1, C1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x22 " */
    C0, C0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x5C \ */
    C0, C0,
    C2, C2, C2, C2, C2, C2, C2, C2,
};
#undef C0
#undef C1
#undef C2

/* Length of the well-formed UTF-8 sequence at s[0..n) (lead byte >= 0x80), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Whether the 8 bytes at s are all copied as they are (byte class 0): no control
 * character, '"', '\\' or byte >= 0x80. (v - 1) & ~v has a high bit set in some byte
 * exactly when some byte of v is 0 (less than n, for v - n), which is all that is asked. */
static inline bool plain8(const unsigned char *s) {
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t x;
    memcpy(&x, s, 8);
    uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
    uint64_t hit = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | x;
    return (hit & high) == 0;
}

bool art_json_string(art_buf *b, const char *str, size_t len) {
    static const char hex[] = "0123456789abcdef";
    static const char short_escape[0x20] = {
        ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r'};
    const unsigned char *s = (const unsigned char *)str;
    if (!art_buf_reserve(b, len + 2))
        return false;
    b->data[b->len++] = '"';
    size_t run = 0, i = 0;
    while (i < len) {
        if (len - i >= 8 && plain8(s + i)) {
            i += 8;
            continue;
        }
        unsigned char cls = byte_class[s[i]];
        if (ART_LIKELY(cls == 0)) {
            i++;
            continue;
        }
        char esc[8];
        size_t elen = 2, skip = 1;
        if (cls == 2) {
            size_t n = utf8_seq(s + i, len - i);
            if (n && !(n == 3 && s[i] == 0xE2 && s[i + 1] == 0x80 &&
                       (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))) {
                i += n;
                continue;
            }
            if (n) {
                memcpy(esc, s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                elen = 6;
                skip = 3;
            } else {
                memcpy(esc, "\xEF\xBF\xBD", 3); /* U+FFFD for a byte that is not UTF-8 */
                elen = 3;
            }
        } else {
            unsigned char c = s[i];
            esc[0] = '\\';
            if (c == '"' || c == '\\') {
                esc[1] = (char)c;
            } else if (short_escape[c]) {
                esc[1] = short_escape[c];
            } else {
                memcpy(esc + 1, "u00", 3);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                elen = 6;
            }
        }
        if (!art_buf_put(b, str + run, i - run) || !art_buf_put(b, esc, elen))
            return false;
        i += skip;
        run = i;
    }
    return art_buf_put(b, str + run, len - run) && art_buf_putc(b, '"');
}

/* ---- numbers --------------------------------------------------------------------------- */

static size_t fmt_uint(char *out, uint64_t v) {
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t k = 0; k < n; k++)
        out[k] = tmp[n - 1 - k];
    return n;
}

static size_t fmt_int(char *out, int64_t v) {
    if (v >= 0)
        return fmt_uint(out, (uint64_t)v);
    out[0] = '-';
    return 1 + fmt_uint(out + 1, (uint64_t)0 - (uint64_t)v);
}

/* The shortest decimal that reads back as x, laid out as Python's repr() does: positional
 * for exponents -4..15 (always with a "."), otherwise d[.ddd]e±XX. The digits come from
 * printf/strtod, which agree on the locale's decimal point, and are then laid out by
 * hand, so the result is the same in every locale. x must be finite. */
static size_t fmt_double(char *out, double x) {
    char tmp[40];
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    char dig[24];
    size_t nd = 0;
    const char *p = tmp;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && nd < sizeof dig)
            dig[nd++] = *p;
    int exp = *p ? (int)strtol(p + 1, NULL, 10) : 0;
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;

    size_t n = 0;
    if (neg)
        out[n++] = '-';
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out[n++] = '0';
            out[n++] = '.';
            for (int k = -1; k > exp; k--)
                out[n++] = '0';
            memcpy(out + n, dig, nd);
            n += nd;
        } else {
            size_t whole = (size_t)exp + 1;
            for (size_t k = 0; k < whole; k++)
                out[n++] = k < nd ? dig[k] : '0';
            out[n++] = '.';
            if (nd > whole) {
                memcpy(out + n, dig + whole, nd - whole);
                n += nd - whole;
            } else {
                out[n++] = '0';
            }
        }
    } else {
        out[n++] = dig[0];
        if (nd > 1) {
            out[n++] = '.';
            memcpy(out + n, dig + 1, nd - 1);
            n += nd - 1;
        }
        out[n++] = 'e';
        out[n++] = exp < 0 ? '-' : '+';
        int e = exp < 0 ? -exp : exp;
        if (e < 10)
            out[n++] = '0';
        n += fmt_uint(out + n, (uint64_t)e);
    }
    return n;
}

/* ---- writer ---------------------------------------------------------------------------- */

/* Commas, newlines and indentation are decided here: `first` is true until the current
 * container has an element, `after_key` when a value follows its key. */
typedef struct jw {
    art_buf b;
    bool pretty;
    bool first;
    bool after_key;
    size_t depth;
} jw;

static void jw_indent(jw *w) {
    static const char spaces[] = "                                                                ";
    art_buf_putc(&w->b, '\n');
    for (size_t n = w->depth * 2; n;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        art_buf_put(&w->b, spaces, k);
        n -= k;
    }
}

static void jw_pre(jw *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first)
        art_buf_putc(&w->b, ',');
    if (w->pretty && w->depth)
        jw_indent(w);
    w->first = false;
}

/* A key known to need no escaping: one check for room, then plain stores. */
static void jw_key(jw *w, const char *key) {
    jw_pre(w);
    size_t n = strlen(key), total = n + 3 + w->pretty;
    art_buf *b = &w->b;
    w->after_key = true;
    if (ART_UNLIKELY(b->cap - b->len <= total) && !art_buf_reserve(b, total))
        return;
    char *p = b->data + b->len;
    p[0] = '"';
    memcpy(p + 1, key, n);
    p[n + 1] = '"';
    p[n + 2] = ':';
    if (w->pretty)
        p[n + 3] = ' ';
    b->len += total;
}

static void jw_key_text(jw *w, const char *key, size_t len) {
    jw_pre(w);
    art_json_string(&w->b, key, len);
    art_buf_put(&w->b, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    w->after_key = true;
}

static void jw_open(jw *w, char ch) {
    jw_pre(w);
    art_buf_putc(&w->b, ch);
    w->depth++;
    w->first = true;
}

static void jw_close(jw *w, char ch) {
    w->depth--;
    if (!w->first && w->pretty)
        jw_indent(w);
    art_buf_putc(&w->b, ch);
    w->first = false;
}

static void jw_raw(jw *w, const char *s, size_t len) {
    jw_pre(w);
    art_buf_put(&w->b, s, len);
}

static void jw_null(jw *w) {
    jw_raw(w, "null", 4);
}

static void jw_bool(jw *w, bool v) {
    if (v)
        jw_raw(w, "true", 4);
    else
        jw_raw(w, "false", 5);
}

static void jw_int(jw *w, int64_t v) {
    char tmp[24];
    jw_raw(w, tmp, fmt_int(tmp, v));
}

static void jw_size(jw *w, size_t v) {
    char tmp[24];
    jw_raw(w, tmp, fmt_uint(tmp, v));
}

static void jw_str(jw *w, const char *s, size_t len) {
    jw_pre(w);
    art_json_string(&w->b, s ? s : "", s ? len : 0);
}

static void jw_str_or_null(jw *w, const char *s, size_t len) {
    if (s)
        jw_str(w, s, len);
    else
        jw_null(w);
}

/* ---- parts ----------------------------------------------------------------------------- */

static void scalar(jw *w, const article_value *v) {
    switch (v->type) {
    case ARTICLE_VALUE_NULL:
        jw_null(w);
        break;
    case ARTICLE_VALUE_BOOL:
        jw_bool(w, v->boolean);
        break;
    case ARTICLE_VALUE_INT:
        jw_int(w, v->integer);
        break;
    case ARTICLE_VALUE_FLOAT:
        if (isfinite(v->number)) {
            char tmp[40];
            jw_raw(w, tmp, fmt_double(tmp, v->number));
        } else {
            jw_str(w, v->str, v->len); /* JSON has no infinity or NaN */
        }
        break;
    default:
        jw_str(w, v->str, v->len);
        break;
    }
}

static bool is_collection(const article_value *v) {
    return v->type == ARTICLE_VALUE_SEQUENCE || v->type == ARTICLE_VALUE_MAPPING;
}

typedef struct frame {
    const article_value *v;
    size_t next;
} frame;

/* The metadata tree, without recursion (its depth is the caller's limit). The stack
 * lives on the C stack up to a depth that covers ordinary front matter. */
static bool metadata(jw *w, const art_mem *mem, const article_value *root) {
    frame local[32];
    frame *stack = local;
    size_t cap = sizeof local / sizeof local[0], n = 0;
    bool ok = true;
    if (!is_collection(root)) {
        scalar(w, root);
        return true;
    }
    jw_open(w, root->type == ARTICLE_VALUE_MAPPING ? '{' : '[');
    stack[n++] = (frame){root, 0};
    while (n) {
        frame *f = &stack[n - 1];
        if (f->next == f->v->count) {
            jw_close(w, f->v->type == ARTICLE_VALUE_MAPPING ? '}' : ']');
            n--;
            continue;
        }
        size_t i = f->next++;
        if (f->v->type == ARTICLE_VALUE_MAPPING)
            jw_key_text(w, f->v->keys[i]->str, f->v->keys[i]->len);
        const article_value *v = f->v->items[i];
        if (!is_collection(v)) {
            scalar(w, v);
            continue;
        }
        if (n == cap) {
            size_t ncap = cap;
            void *p = stack == local ? NULL : stack;
            if (!art_grow(mem, &p, &ncap, cap + 1, sizeof *stack)) {
                ok = false;
                break;
            }
            if (stack == local)
                memcpy(p, local, sizeof local);
            stack = p;
            cap = ncap;
        }
        jw_open(w, v->type == ARTICLE_VALUE_MAPPING ? '{' : '[');
        stack[n++] = (frame){v, 0};
    }
    if (stack != local)
        art_free(mem, stack);
    return ok;
}

static void field(jw *w, const article *a, const char *key, article_field f) {
    jw_key(w, key);
    jw_str_or_null(w, a->field_str[f], a->field_len[f]);
}

static void strlist(jw *w, const char *key, const art_strlist *l) {
    jw_key(w, key);
    jw_open(w, '[');
    for (size_t i = 0; i < l->count; i++)
        jw_str(w, l->items[i], l->lens[i]);
    jw_close(w, ']');
}

static void image(jw *w, const article_image *img) {
    jw_key(w, "image");
    if (!img) {
        jw_null(w);
        return;
    }
    jw_open(w, '{');
    jw_key(w, "path");
    jw_str_or_null(w, img->path, img->path_len);
    jw_key(w, "cutline");
    jw_str_or_null(w, img->cutline, img->cutline_len);
    jw_key(w, "credit");
    jw_str_or_null(w, img->credit, img->credit_len);
    jw_key(w, "alt");
    jw_str_or_null(w, img->alt, img->alt_len);
    jw_close(w, '}');
}

static void block(jw *w, const article_block *b) {
    static const char *const aligns[] = {NULL, "left", "center", "right"};
    const char *type = article_block_type_name((article_block_type)b->type);
    jw_open(w, '{');
    jw_key(w, "type");
    jw_str_or_null(w, type, type ? strlen(type) : 0);
    jw_key(w, "text");
    jw_str(w, b->text, b->text_len);
    jw_key(w, "parent");
    if (b->parent == ARTICLE_NO_INDEX)
        jw_null(w);
    else
        jw_size(w, b->parent);
    jw_key(w, "depth");
    jw_size(w, b->depth);
    jw_key(w, "start");
    jw_size(w, b->start);
    jw_key(w, "end");
    jw_size(w, b->end);
    switch (b->type) {
    case ARTICLE_BLOCK_HEADING:
        jw_key(w, "level");
        jw_size(w, b->level);
        break;
    case ARTICLE_BLOCK_LIST:
        jw_key(w, "ordered");
        jw_bool(w, b->ordered);
        jw_key(w, "list_start");
        jw_int(w, b->list_start);
        jw_key(w, "tight");
        jw_bool(w, b->tight);
        break;
    case ARTICLE_BLOCK_ITEM:
        jw_key(w, "task");
        if (b->task == ARTICLE_TASK_OPEN)
            jw_raw(w, "\"open\"", 6);
        else if (b->task == ARTICLE_TASK_DONE)
            jw_raw(w, "\"done\"", 6);
        else
            jw_null(w);
        break;
    case ARTICLE_BLOCK_CODE:
        jw_key(w, "info");
        jw_str(w, b->info, b->info_len);
        break;
    case ARTICLE_BLOCK_FOOTNOTE_DEFINITION:
        jw_key(w, "label");
        jw_str(w, b->info, b->info_len);
        break;
    case ARTICLE_BLOCK_TABLE_ROW:
        jw_key(w, "header");
        jw_bool(w, b->header);
        break;
    case ARTICLE_BLOCK_TABLE_CELL: {
        const char *al = b->align < 4 ? aligns[b->align] : NULL;
        jw_key(w, "align");
        jw_str_or_null(w, al, al ? strlen(al) : 0);
        break;
    }
    default:
        break;
    }
    jw_close(w, '}');
}

static void quote(jw *w, const article_quote *q) {
    jw_open(w, '{');
    jw_key(w, "text");
    jw_str(w, q->text, q->len);
    jw_key(w, "block");
    jw_size(w, q->block);
    jw_key(w, "start");
    jw_size(w, q->start);
    jw_key(w, "end");
    jw_size(w, q->end);
    jw_key(w, "spans");
    jw_open(w, '[');
    for (size_t i = 0; i < q->span_count; i++) {
        jw_open(w, '[');
        jw_size(w, q->spans[i].start);
        jw_size(w, q->spans[i].end);
        jw_close(w, ']');
    }
    jw_close(w, ']');
    jw_key(w, "speaker");
    if (q->speaker) {
        jw_open(w, '{');
        jw_key(w, "text");
        jw_str(w, q->speaker->text, q->speaker->len);
        jw_key(w, "start");
        jw_size(w, q->speaker->start);
        jw_key(w, "end");
        jw_size(w, q->speaker->end);
        jw_key(w, "type");
        const char *type = article_speaker_type_name((article_speaker_type)q->speaker->type);
        if (type)
            jw_str(w, type, strlen(type));
        else
            jw_null(w);
        jw_key(w, "name");
        jw_str_or_null(w, q->speaker->name, q->speaker->name_len);
        jw_close(w, '}');
    } else {
        jw_null(w);
    }
    jw_key(w, "cue");
    jw_str_or_null(w, q->cue, q->cue_len);
    jw_key(w, "attribution");
    if (q->attribution == ARTICLE_ATTRIBUTION_DIRECT)
        jw_raw(w, "\"direct\"", 8);
    else if (q->attribution == ARTICLE_ATTRIBUTION_INHERITED)
        jw_raw(w, "\"inherited\"", 11);
    else
        jw_raw(w, "\"none\"", 6);
    jw_close(w, '}');
}

static void warning(jw *w, const article *a, const article_warning *x) {
    const char *name = article_warning_name((article_warning_code)x->code);
    size_t line, column;
    art_locate(a, x->offset, &line, &column);
    jw_open(w, '{');
    jw_key(w, "code");
    if (!name)
        name = "unknown";
    jw_str(w, name, strlen(name));
    jw_key(w, "message");
    jw_str(w, x->message, x->len);
    jw_key(w, "offset");
    jw_size(w, x->offset);
    jw_key(w, "line");
    jw_size(w, line);
    jw_key(w, "column");
    jw_size(w, column);
    jw_close(w, '}');
}

/* A guess at the size that is rarely too small: growing a large buffer copies it and
 * touches fresh pages, which costs more than the whole rendering. The text of prose is
 * written about twice (blocks, quotes). */
static size_t estimate(const article *a, bool pretty) {
    size_t per_block = pretty ? 150 : 90, per_quote = pretty ? 300 : 180;
    size_t est = 512;
    if (a->source_len < SIZE_MAX / 8)
        est += a->source_len * 2;
    if (a->block_count < SIZE_MAX / 8 / per_block)
        est += a->block_count * per_block;
    if (a->quote_count < SIZE_MAX / 8 / per_quote)
        est += a->quote_count * per_quote;
    return est;
}

bool art_json_render(const article *a, unsigned int flags, art_render *out) {
    jw w = {.pretty = (flags & ARTICLE_JSON_PRETTY) != 0, .first = true};
    art_buf_init(&w.b, &a->mem);
    /* Sized by hand: art_buf_reserve() would round up to a power of two. */
    size_t est = estimate(a, w.pretty);
    w.b.data = art_malloc(&a->mem, est);
    if (!w.b.data)
        return false;
    w.b.cap = est;

    jw_open(&w, '{');
    field(&w, a, "title", ARTICLE_FIELD_TITLE);
    field(&w, a, "subhed", ARTICLE_FIELD_SUBHED);
    field(&w, a, "author", ARTICLE_FIELD_AUTHOR);
    strlist(&w, "authors", &a->authors);
    field(&w, a, "author_title", ARTICLE_FIELD_AUTHOR_TITLE);
    field(&w, a, "date", ARTICLE_FIELD_DATE);
    field(&w, a, "category", ARTICLE_FIELD_CATEGORY);
    strlist(&w, "tags", &a->tags);
    field(&w, a, "layout", ARTICLE_FIELD_LAYOUT);
    field(&w, a, "permalink", ARTICLE_FIELD_PERMALINK);
    field(&w, a, "excerpt", ARTICLE_FIELD_EXCERPT);
    image(&w, a->image);

    jw_key(&w, "metadata");
    bool ok = true;
    if (a->metadata)
        ok = metadata(&w, &a->mem, a->metadata);
    else
        jw_raw(&w, "{}", 2);

    jw_key(&w, "blocks");
    jw_open(&w, '[');
    for (size_t i = 0; i < a->block_count && !w.b.failed; i++)
        block(&w, &a->blocks[i]);
    jw_close(&w, ']');

    jw_key(&w, "quotes");
    jw_open(&w, '[');
    for (size_t i = 0; i < a->quote_count && !w.b.failed; i++)
        quote(&w, &a->quotes[i]);
    jw_close(&w, ']');

    jw_key(&w, "stats");
    jw_open(&w, '{');
    jw_key(&w, "words");
    jw_size(&w, a->words);
    jw_key(&w, "reading_minutes");
    jw_size(&w, article_reading_minutes(a));
    jw_close(&w, '}');

    jw_key(&w, "warnings");
    jw_open(&w, '[');
    for (size_t i = 0; i < a->warning_count && !w.b.failed; i++)
        warning(&w, a, &a->warnings[i]);
    jw_close(&w, ']');
    jw_close(&w, '}');

    size_t len = 0, cap = w.b.cap;
    char *data = ok ? art_buf_detach(&w.b, &len) : NULL;
    art_buf_free(&w.b);
    if (!data)
        return false;
    /* Only a gross overestimate is given back: shrinking lets malloc return the pages to
     * the system, and the next large rendering then pays to fault them in again. */
    if (cap - len > cap / 2 && cap > 65536) {
        char *fit = art_realloc(&a->mem, data, len + 1);
        if (fit) /* else the larger block is kept: it holds the same text */
            data = fit;
    }
    out->data = data;
    out->len = len;
    return true;
}
