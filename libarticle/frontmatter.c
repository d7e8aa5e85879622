/* Front matter: find the block between the `---` lines and load its YAML into a tree of
 * article_value records, built from libyaml's event stream with an explicit stack (no
 * recursion, no libyaml document loader), with limits checked as events arrive. */
#include "internal.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* Mappings with more keys than this get a hash index (duplicate checks and lookups). */
#define FM_INDEX_MIN_KEYS 8
/* Longest excerpt of a key or value quoted in a message, in bytes. */
#define FM_EXCERPT 48

#define FM_CORE_PREFIX "tag:yaml.org,2002:"

/* ---- delimiting ------------------------------------------------------------------------ */

/* Whether s[b..e) is `ccc` followed only by spaces and tabs. */
static bool delim_line(const char *s, size_t b, size_t e, char ch) {
    if (e - b < 3 || s[b] != ch || s[b + 1] != ch || s[b + 2] != ch)
        return false;
    for (size_t i = b + 3; i < e; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* End of line k's content (before its line ending) and of the whole line. */
static size_t line_content_end(const article *a, size_t k, size_t *next) {
    size_t e = k + 1 < a->line_count ? a->lines[k + 1] : a->source_len;
    *next = e;
    if (e > a->lines[k] && a->source[e - 1] == '\n')
        e--;
    if (e > a->lines[k] && a->source[e - 1] == '\r')
        e--;
    return e;
}

/* ---- positions ------------------------------------------------------------------------- */

/* libyaml marks count characters from the start of the YAML text (a CRLF is two). The
 * cursor turns them into byte offsets, lines and columns of the whole input, moving from
 * where it last was: events arrive in document order, so the total walk is linear. */
typedef struct fm_cursor {
    const article *a;
    const unsigned char *s;
    size_t base, limit; /* the YAML text */
    size_t idx;         /* character index of pos, relative to base */
    size_t pos;         /* byte offset in the input */
    size_t line;        /* index into a->lines */
    size_t col;         /* 0-based, code points */
    bool ascii;         /* the YAML text is ASCII: characters are bytes */
} fm_cursor;

static void cur_init(fm_cursor *k, const article *a, size_t base, size_t limit) {
    k->a = a;
    k->s = (const unsigned char *)a->source;
    k->base = k->pos = base;
    k->limit = limit;
    k->idx = 0;
    size_t lo = art_line_index(a, base);
    k->line = lo;
    k->col = art_utf8_count(a->source + a->lines[lo], base - a->lines[lo]);
    k->ascii = true;
    for (size_t i = base; i < limit; i++)
        if (k->s[i] >= 0x80) {
            k->ascii = false;
            break;
        }
}

/* Update line and column after pos moved over `chars` characters. */
static void cur_sync(fm_cursor *k, bool forward, size_t chars) {
    const size_t *lines = k->a->lines;
    size_t old = k->line;
    if (forward) {
        while (k->line + 1 < k->a->line_count && lines[k->line + 1] <= k->pos)
            k->line++;
    } else {
        while (lines[k->line] > k->pos)
            k->line--;
    }
    if (k->line == old)
        k->col = forward ? k->col + chars : k->col - chars;
    else
        k->col = art_utf8_count((const char *)k->s + lines[k->line], k->pos - lines[k->line]);
}

/* Move to a byte offset within the YAML text. */
static void cur_byte(fm_cursor *k, size_t pos) {
    if (pos > k->limit)
        pos = k->limit;
    if (pos >= k->pos) {
        size_t n = k->ascii ? pos - k->pos
                            : art_utf8_count((const char *)k->s + k->pos, pos - k->pos);
        k->pos = pos;
        k->idx += n;
        cur_sync(k, true, n);
    } else {
        size_t n = k->ascii ? k->pos - pos
                            : art_utf8_count((const char *)k->s + pos, k->pos - pos);
        k->pos = pos;
        k->idx -= n;
        cur_sync(k, false, n);
    }
}

/* Move to a libyaml character index; returns the byte offset. */
static size_t cur_index(fm_cursor *k, size_t index) {
    if (index == k->idx)
        return k->pos;
    if (k->ascii) {
        size_t room = k->limit - k->base;
        cur_byte(k, k->base + (index < room ? index : room));
        return k->pos;
    }
    const unsigned char *s = k->s;
    size_t n = 0;
    if (index > k->idx) {
        while (k->idx < index && k->pos < k->limit) {
            k->pos++;
            while (k->pos < k->limit && (s[k->pos] & 0xC0) == 0x80)
                k->pos++;
            k->idx++;
            n++;
        }
        cur_sync(k, true, n);
    } else {
        while (k->idx > index && k->pos > k->base) {
            k->pos--;
            while (k->pos > k->base && (s[k->pos] & 0xC0) == 0x80)
                k->pos--;
            k->idx--;
            n++;
        }
        cur_sync(k, false, n);
    }
    return k->pos;
}

/* Past a node's anchor and tag (and the blanks, comments and line breaks after them) to
 * where its content is written. */
static size_t skip_props(const unsigned char *s, size_t i, size_t limit) {
    while (i < limit) {
        unsigned char ch = s[i];
        if (ch == '&') {
            i++;
            while (i < limit && (s[i] == '-' || s[i] == '_' || (s[i] >= '0' && s[i] <= '9') ||
                                 ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
                i++;
        } else if (ch == '!') {
            i++;
            if (i < limit && s[i] == '<') {
                while (i < limit && s[i] != '>')
                    i++;
                if (i < limit)
                    i++;
            } else {
                while (i < limit && !memchr(" \t\r\n,[]{}", s[i], 10))
                    i++;
            }
        } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            i++;
        } else if (ch == '#') {
            while (i < limit && s[i] != '\n' && s[i] != '\r')
                i++;
        } else {
            break;
        }
    }
    return i;
}

/* libyaml ends a block scalar after the blank lines that follow it; the scalar as written
 * ends with its last content line (or its header line when it has none). */
static size_t block_scalar_end(const unsigned char *s, size_t start, size_t end) {
    size_t p = end;
    for (;;) {
        size_t q = p;
        if (q > start && s[q - 1] == '\n')
            q--;
        if (q > start && s[q - 1] == '\r')
            q--;
        if (q == p)
            return p;
        size_t ls = q;
        bool blank = true;
        while (ls > start && s[ls - 1] != '\n' && s[ls - 1] != '\r') {
            if (s[ls - 1] != ' ' && s[ls - 1] != '\t')
                blank = false;
            ls--;
        }
        if (!blank || ls <= start)
            return q;
        p = ls;
    }
}

/* ---- scalars --------------------------------------------------------------------------- */

typedef enum fm_tag {
    FM_TAG_NONE,  /* untagged */
    FM_TAG_BANG,  /* `!`, the non-specific tag */
    FM_TAG_STR,
    FM_TAG_INT,
    FM_TAG_FLOAT,
    FM_TAG_BOOL,
    FM_TAG_NULL,
    FM_TAG_SEQ,
    FM_TAG_MAP,
    FM_TAG_OTHER
} fm_tag;

static fm_tag tag_class(const char *tag) {
    if (!tag)
        return FM_TAG_NONE;
    if (tag[0] == '!' && tag[1] == '\0')
        return FM_TAG_BANG;
    if (strncmp(tag, FM_CORE_PREFIX, sizeof FM_CORE_PREFIX - 1) != 0)
        return FM_TAG_OTHER;
    static const struct {
        const char *name;
        fm_tag tag;
    } core[] = {{"str", FM_TAG_STR},   {"int", FM_TAG_INT}, {"float", FM_TAG_FLOAT},
                {"bool", FM_TAG_BOOL}, {"null", FM_TAG_NULL}, {"seq", FM_TAG_SEQ},
                {"map", FM_TAG_MAP}};
    const char *t = tag + sizeof FM_CORE_PREFIX - 1;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strcmp(t, core[i].name) == 0)
            return core[i].tag;
    return FM_TAG_OTHER;
}

static bool is_null(const char *s, size_t n) {
    return n == 0 || (n == 1 && s[0] == '~') ||
           (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

/* 1 for true, 0 for false, -1 for neither. */
static int match_bool(const char *s, size_t n) {
    if (n == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "True", 4) || !memcmp(s, "TRUE", 4)))
        return 1;
    if (n == 5 && (!memcmp(s, "false", 5) || !memcmp(s, "False", 5) || !memcmp(s, "FALSE", 5)))
        return 0;
    return -1;
}

typedef enum fm_int { FM_INT_NO, FM_INT_OK, FM_INT_RANGE } fm_int;

static int digit_value(unsigned char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch |= 0x20;
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return 99;
}

/* `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`. */
static fm_int match_int(const char *s, size_t n, int64_t *out) {
    if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        unsigned base = s[1] == 'o' ? 8 : 16;
        uint64_t v = 0;
        bool over = false;
        for (size_t i = 2; i < n; i++) {
            unsigned d = (unsigned)digit_value((unsigned char)s[i]);
            if (d >= base)
                return FM_INT_NO;
            if (over || v > ((uint64_t)INT64_MAX - d) / base)
                over = true;
            else
                v = v * base + d;
        }
        if (over)
            return FM_INT_RANGE;
        *out = (int64_t)v;
        return FM_INT_OK;
    }
    size_t i = 0;
    bool neg = false;
    if (n && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return FM_INT_NO;
    uint64_t lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    bool over = false;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return FM_INT_NO;
        unsigned d = (unsigned)(s[i] - '0');
        if (over || v > (lim - d) / 10)
            over = true;
        else
            v = v * 10 + d;
    }
    if (over)
        return FM_INT_RANGE;
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return FM_INT_OK;
}

typedef enum fm_float { FM_FLOAT_NO, FM_FLOAT_NUM, FM_FLOAT_INF, FM_FLOAT_NAN } fm_float;

/* `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` and `\.nan` (each
 * special in three spellings). */
static fm_float match_float(const char *s, size_t n) {
    if (n == 4 && (!memcmp(s, ".nan", 4) || !memcmp(s, ".NaN", 4) || !memcmp(s, ".NAN", 4)))
        return FM_FLOAT_NAN;
    size_t i = 0;
    if (n && (s[0] == '+' || s[0] == '-'))
        i = 1;
    if (n - i == 4 &&
        (!memcmp(s + i, ".inf", 4) || !memcmp(s + i, ".Inf", 4) || !memcmp(s + i, ".INF", 4)))
        return FM_FLOAT_INF;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        size_t frac = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, frac++;
        /* `.5` needs its digits after the point; `5.` is fine */
        if (!digits && !frac)
            return FM_FLOAT_NO;
    } else if (!digits) {
        return FM_FLOAT_NO;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, exp++;
        if (!exp)
            return FM_FLOAT_NO;
    }
    return i == n ? FM_FLOAT_NUM : FM_FLOAT_NO;
}

/* ---- the loader ------------------------------------------------------------------------ */

typedef struct fm_anchor {
    size_t name_off, name_len; /* in fm_loader.names */
    const article_value *value; /* NULL while its node is still open */
    size_t size;               /* nodes in the value, aliases expanded */
    size_t bytes;              /* text of its scalars and keys, aliases expanded */
    size_t serial;             /* which definition the entry holds now */
    uint8_t type;              /* the value's type where an alias is not a key */
} fm_anchor;

typedef struct fm_frame {
    article_value *node;
    size_t base;      /* first child in fm_loader.kids (mappings: key, value, key, ...) */
    size_t size;      /* nodes so far, itself included, aliases expanded */
    size_t bytes;     /* text so far, aliases expanded */
    size_t last_end;  /* end of the last child as written */
    uint32_t *index;  /* mappings with many keys: open addressing, key index + 1 */
    size_t index_size;
    size_t anchor;    /* fm_loader.anchors entry + 1, 0 when not anchored */
    size_t serial;
    bool map;
    bool bracketed;   /* written between [] or {}: ends at the closing bracket */
} fm_frame;

typedef struct fm_loader {
    art_ctx *c;
    article *a;
    fm_cursor cur;
    size_t max_depth, max_nodes, total;
    size_t max_bytes, bytes; /* text of every scalar and key, aliases expanded */
    fm_frame *frames;
    size_t depth, frames_cap;
    const article_value **kids; /* children of every open collection, innermost last */
    size_t nkids, kids_cap;
    fm_anchor *anchors;
    size_t nanchors, anchors_cap;
    uint32_t *atab; /* anchor hash table: entry + 1, 0 when empty */
    size_t atab_size;
    art_buf names;
    size_t serial;
    int documents;
    bool keyed; /* a->hash_key is set */
    const article_value *root;
#if !defined(_WIN32)
    locale_t c_locale; /* for strtod, made on first use */
#endif
} fm_loader;

static void loader_free(fm_loader *ld) {
    const art_mem *m = &ld->a->mem;
    art_free(m, ld->frames);
    art_free(m, ld->kids);
    art_free(m, ld->anchors);
    art_free(m, ld->atab);
    art_buf_free(&ld->names);
#if !defined(_WIN32)
    if (ld->c_locale)
        freelocale(ld->c_locale);
#endif
}

/* A short one-line excerpt of s for messages: up to the first control character, at most
 * FM_EXCERPT bytes, cut at a character boundary. */
static int excerpt(const char *s, size_t n, bool *cut) {
    size_t i = 0;
    while (i < n && i < FM_EXCERPT && (unsigned char)s[i] >= 0x20 && s[i] != 0x7F)
        i++;
    if (i < n && i == FM_EXCERPT)
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
    *cut = i < n;
    return (int)i;
}

/* `!!int` for core tags, the tag itself otherwise. */
static const char *tag_shown(const char *tag, const char **prefix) {
    size_t n = sizeof FM_CORE_PREFIX - 1;
    if (strncmp(tag, FM_CORE_PREFIX, n) == 0) {
        *prefix = "!!";
        return tag + n;
    }
    *prefix = "";
    return tag;
}

static article_status fail_nodes(fm_loader *ld, size_t at) {
    return art_fail(ld->c, ARTICLE_ERR_LIMIT_YAML_NODES, at,
                    "front matter has more than %zu values (aliases expanded)", ld->max_nodes);
}

/* Count `n` more nodes against the limit. */
static article_status count_nodes(fm_loader *ld, size_t n, size_t at) {
    if (n > ld->max_nodes - ld->total)
        return fail_nodes(ld, at);
    ld->total += n;
    return ARTICLE_OK;
}

/* Count the `n` bytes of text an alias repeats: article_json() writes every alias out in
 * full. Scalars are added unchecked: their text comes from the input, which the same limit
 * bounds (only the escapes `\L` and `\P` write more than they take, by half at most). */
static article_status count_bytes(fm_loader *ld, size_t n, size_t at) {
    if (n > ld->max_bytes || ld->bytes > ld->max_bytes - n)
        return art_fail(ld->c, ARTICLE_ERR_LIMIT_YAML_EXPANSION, at,
                        "aliases expand the front matter to more than %zu bytes of text",
                        ld->max_bytes);
    ld->bytes += n;
    return ARTICLE_OK;
}

static double to_double(fm_loader *ld, const char *s) {
#if defined(_WIN32)
    (void)ld;
    return strtod(s, NULL);
#else
    /* The text uses `.` whatever the caller's locale says. */
    if (!ld->c_locale) {
        ld->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (!ld->c_locale) {
            art_nomem(ld->c);
            return 0.0;
        }
    }
    locale_t old = uselocale(ld->c_locale);
    double d = strtod(s, NULL);
    uselocale(old);
    return d;
#endif
}

/* The number of a form match_float() accepted. */
static double float_number(fm_loader *ld, const char *s, fm_float f) {
    if (f == FM_FLOAT_NAN)
        return NAN;
    if (f == FM_FLOAT_INF)
        return s[0] == '-' ? -INFINITY : INFINITY;
    return to_double(ld, s);
}

/* A `0o`/`0x` integer too large for int64_t, as a double. */
static double based_to_double(const char *s, size_t n) {
    double base = s[1] == 'o' ? 8.0 : 16.0, v = 0.0;
    for (size_t i = 2; i < n; i++)
        v = v * base + digit_value((unsigned char)s[i]);
    return v;
}

static article_status bad_tag(fm_loader *ld, const article_value *v, const char *tag) {
    const char *prefix;
    const char *name = tag_shown(tag, &prefix);
    bool cut;
    int n = excerpt(v->str, v->len, &cut);
    return art_fail(ld->c, ARTICLE_ERR_YAML_BAD_TAG_VALUE, v->start,
                    "value '%.*s%s' does not match its tag %s%s", n, v->str, cut ? "..." : "",
                    prefix, name);
}

static article_status bad_tag_kind(fm_loader *ld, size_t at, const char *tag, const char *what) {
    const char *prefix;
    const char *name = tag_shown(tag, &prefix);
    return art_fail(ld->c, ARTICLE_ERR_YAML_BAD_TAG_VALUE, at, "tag %s%s does not fit a %s",
                    prefix, name, what);
}

static bool warn_tag(fm_loader *ld, size_t at, const char *tag) {
    const char *prefix;
    const char *name = tag_shown(tag, &prefix);
    bool cut;
    int n = excerpt(name, strlen(name), &cut);
    return art_warn(ld->c, ARTICLE_WARN_UNKNOWN_TAG, at,
                    "unknown tag %s%.*s%s; the value is typed as if untagged", prefix, n, name,
                    cut ? "..." : "");
}

static bool warn_range(fm_loader *ld, const article_value *v) {
    bool cut;
    int n = excerpt(v->str, v->len, &cut);
    return art_warn(ld->c, ARTICLE_WARN_INT_RANGE, v->start,
                    "integer %.*s%s does not fit in 64 bits; kept as a string", n, v->str,
                    cut ? "..." : "");
}

/* Type a scalar: the core schema for plain untagged ones (when `resolve`), what the tag
 * demands otherwise. `warn`: report integers beyond int64_t. */
static article_status type_scalar(fm_loader *ld, article_value *v, const char *tag,
                                  bool plain, bool resolve, bool warn, size_t tag_at) {
    const char *s = v->str;
    size_t n = v->len;
    fm_tag tc = tag_class(tag);
    v->type = ARTICLE_VALUE_STRING;
    switch (tc) {
    case FM_TAG_OTHER:
        if (!warn_tag(ld, tag_at, tag))
            return ld->c->status;
        if (!plain || !resolve)
            return ARTICLE_OK;
        break;
    case FM_TAG_NONE:
        if (!plain || !resolve)
            return ARTICLE_OK;
        break;
    case FM_TAG_BANG:
    case FM_TAG_STR:
        return ARTICLE_OK;
    case FM_TAG_SEQ:
    case FM_TAG_MAP:
        return bad_tag_kind(ld, v->start, tag, "scalar");
    case FM_TAG_NULL:
        if (!is_null(s, n))
            return bad_tag(ld, v, tag);
        v->type = ARTICLE_VALUE_NULL;
        return ARTICLE_OK;
    case FM_TAG_BOOL: {
        int b = match_bool(s, n);
        if (b < 0)
            return bad_tag(ld, v, tag);
        v->type = ARTICLE_VALUE_BOOL;
        v->boolean = b == 1;
        return ARTICLE_OK;
    }
    case FM_TAG_INT: {
        int64_t i;
        fm_int r = match_int(s, n, &i);
        if (r == FM_INT_NO)
            return bad_tag(ld, v, tag);
        if (r == FM_INT_RANGE)
            return !warn || warn_range(ld, v) ? ARTICLE_OK : ld->c->status;
        v->type = ARTICLE_VALUE_INT;
        v->integer = i;
        return ARTICLE_OK;
    }
    case FM_TAG_FLOAT: {
        int64_t i;
        fm_int r = match_int(s, n, &i);
        fm_float f = r == FM_INT_NO ? match_float(s, n) : FM_FLOAT_NO;
        if (r == FM_INT_NO && f == FM_FLOAT_NO)
            return bad_tag(ld, v, tag);
        v->type = ARTICLE_VALUE_FLOAT;
        if (r == FM_INT_OK)
            v->number = (double)i;
        else if (r == FM_INT_RANGE)
            v->number = s[0] == '0' && n > 2 && (s[1] == 'o' || s[1] == 'x')
                            ? based_to_double(s, n)
                            : to_double(ld, s);
        else
            v->number = float_number(ld, s, f);
        return ld->c->status;
    }
    }

    /* Plain and untagged: YAML 1.2 core schema. Most scalars are words; the first byte
     * rules them out quickly. */
    unsigned char c0 = n ? (unsigned char)s[0] : 0;
    if (n && !((c0 >= '0' && c0 <= '9') || memchr("+-.~nNtTfF", c0, 10)))
        return ARTICLE_OK;
    if (is_null(s, n)) {
        v->type = ARTICLE_VALUE_NULL;
        return ARTICLE_OK;
    }
    int b = match_bool(s, n);
    if (b >= 0) {
        v->type = ARTICLE_VALUE_BOOL;
        v->boolean = b == 1;
        return ARTICLE_OK;
    }
    int64_t i;
    fm_int r = match_int(s, n, &i);
    if (r == FM_INT_OK) {
        v->type = ARTICLE_VALUE_INT;
        v->integer = i;
        return ARTICLE_OK;
    }
    if (r == FM_INT_RANGE)
        return !warn || warn_range(ld, v) ? ARTICLE_OK : ld->c->status;
    fm_float f = match_float(s, n);
    if (f == FM_FLOAT_NO)
        return ARTICLE_OK;
    v->type = ARTICLE_VALUE_FLOAT;
    v->number = float_number(ld, s, f);
    return ld->c->status;
}

/* The article's hash key, made on first use: most front matter has neither anchors nor
 * mappings large enough to be indexed, and then costs no random bytes. */
static const art_hash_key *fm_key(fm_loader *ld) {
    if (!ld->keyed) {
        art_hash_key_init(&ld->a->hash_key, ld->a);
        ld->keyed = true;
    }
    return &ld->a->hash_key;
}

/* ---- anchors --------------------------------------------------------------------------- */

static const char *anchor_name(const fm_loader *ld, const fm_anchor *e) {
    return ld->names.data + e->name_off;
}

/* The anchors entry for a name, or NULL. */
static fm_anchor *anchor_find(fm_loader *ld, const char *name, size_t len) {
    if (!ld->atab_size)
        return NULL;
    size_t mask = ld->atab_size - 1;
    for (size_t h = art_hash(fm_key(ld), name, len) & mask;; h = (h + 1) & mask) {
        uint32_t slot = ld->atab[h];
        if (!slot)
            return NULL;
        fm_anchor *e = &ld->anchors[slot - 1];
        if (e->name_len == len && memcmp(anchor_name(ld, e), name, len) == 0)
            return e;
    }
}

static bool anchor_rehash(fm_loader *ld, size_t size) {
    uint32_t *t = art_malloc(&ld->a->mem, size * sizeof *t);
    if (!t)
        return false;
    memset(t, 0, size * sizeof *t);
    size_t mask = size - 1;
    for (size_t i = 0; i < ld->nanchors; i++) {
        const fm_anchor *e = &ld->anchors[i];
        size_t h = art_hash(fm_key(ld), anchor_name(ld, e), e->name_len) & mask;
        while (t[h])
            h = (h + 1) & mask;
        t[h] = (uint32_t)(i + 1);
    }
    art_free(&ld->a->mem, ld->atab);
    ld->atab = t;
    ld->atab_size = size;
    return true;
}

/* Define (or redefine: the later one wins) an anchor; returns its entry index + 1, or 0
 * when memory ran out. */
static size_t anchor_define(fm_loader *ld, const char *name, const article_value *v,
                            size_t size, size_t bytes, uint8_t type) {
    size_t len = strlen(name);
    fm_anchor *e = anchor_find(ld, name, len);
    if (!e) {
        if (ld->nanchors >= UINT32_MAX - 1 ||
            !art_grow(&ld->a->mem, (void **)&ld->anchors, &ld->anchors_cap, ld->nanchors + 1,
                      sizeof *ld->anchors))
            return 0;
        size_t off = ld->names.len;
        if (!art_buf_put(&ld->names, name, len) || !art_buf_putc(&ld->names, '\0'))
            return 0;
        e = &ld->anchors[ld->nanchors++];
        e->name_off = off;
        e->name_len = len;
        if (ld->nanchors * 2 > ld->atab_size) {
            if (!anchor_rehash(ld, ld->atab_size ? ld->atab_size * 2 : 16)) {
                ld->nanchors--;
                return 0;
            }
        } else {
            size_t mask = ld->atab_size - 1;
            size_t h = art_hash(fm_key(ld), name, len) & mask;
            while (ld->atab[h])
                h = (h + 1) & mask;
            ld->atab[h] = (uint32_t)ld->nanchors;
        }
    }
    e->value = v;
    e->size = size;
    e->bytes = bytes;
    e->type = type;
    e->serial = ++ld->serial;
    return (size_t)(e - ld->anchors) + 1;
}

/* ---- building -------------------------------------------------------------------------- */

static fm_frame *top(fm_loader *ld) {
    return ld->depth ? &ld->frames[ld->depth - 1] : NULL;
}

/* Whether the next node is a key of the innermost mapping. */
static bool expect_key(const fm_loader *ld) {
    const fm_frame *f = ld->depth ? &ld->frames[ld->depth - 1] : NULL;
    return f && f->map && ((ld->nkids - f->base) & 1) == 0;
}

static article_value *new_value(fm_loader *ld, size_t extra) {
    article_value *v = art_arena_alloc(&ld->a->arena, sizeof *v + extra);
    if (!v) {
        art_nomem(ld->c);
        return NULL;
    }
    memset(v, 0, sizeof *v);
    return v;
}

static void set_start(fm_loader *ld, article_value *v, size_t start) {
    v->start = start;
    v->line = ld->cur.line + 1;
    v->column = ld->cur.col + 1;
}

static void index_insert(fm_loader *ld, fm_frame *f, size_t key_index) {
    const article_value *k = ld->kids[f->base + 2 * key_index];
    size_t mask = f->index_size - 1;
    size_t h = art_hash(fm_key(ld), k->str, k->len) & mask;
    while (f->index[h])
        h = (h + 1) & mask;
    f->index[h] = (uint32_t)(key_index + 1);
}

/* (Re)build the key index of a mapping for `nkeys` keys, load at most one half. The old
 * table stays in the arena: the waste is bounded by the final table. */
static bool index_build(fm_loader *ld, fm_frame *f, size_t nkeys) {
    size_t size = f->index_size ? f->index_size : 32;
    while (size < 2 * nkeys) {
        if (size > SIZE_MAX / 4)
            return false;
        size *= 2;
    }
    if (nkeys >= UINT32_MAX - 1 || size > SIZE_MAX / sizeof(uint32_t))
        return false;
    uint32_t *t = art_arena_alloc(&ld->a->arena, size * sizeof *t);
    if (!t)
        return false;
    memset(t, 0, size * sizeof *t);
    f->index = t;
    f->index_size = size;
    for (size_t i = 0; i < nkeys; i++)
        index_insert(ld, f, i);
    return true;
}

static article_status duplicate_key(fm_loader *ld, const article_value *k,
                                    const article_value *first) {
    bool cut;
    int n = excerpt(k->str, k->len, &cut);
    return art_fail(ld->c, ARTICLE_ERR_YAML_DUPLICATE_KEY, k->start,
                    "duplicate key '%.*s%s' on line %zu (first defined on line %zu)", n, k->str,
                    cut ? "..." : "", k->line, first->line);
}

/* Check a new key of the innermost mapping against the earlier ones: a scan for small
 * mappings, the hash index beyond FM_INDEX_MIN_KEYS keys. */
static article_status check_key(fm_loader *ld, fm_frame *f, const article_value *k) {
    size_t nkeys = (ld->nkids - f->base) / 2;
    if (f->index) {
        size_t mask = f->index_size - 1;
        for (size_t h = art_hash(fm_key(ld), k->str, k->len) & mask;; h = (h + 1) & mask) {
            uint32_t slot = f->index[h];
            if (!slot)
                break;
            const article_value *o = ld->kids[f->base + 2 * (slot - 1)];
            if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0)
                return duplicate_key(ld, k, o);
        }
        return ARTICLE_OK;
    }
    for (size_t i = 0; i < nkeys; i++) {
        const article_value *o = ld->kids[f->base + 2 * i];
        if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0)
            return duplicate_key(ld, k, o);
    }
    return ARTICLE_OK;
}

/* Append a finished node (`size` nodes and `bytes` of text, aliases expanded, written up
 * to `end`) to the innermost collection. */
static article_status add_child(fm_loader *ld, const article_value *v, size_t size,
                                size_t bytes, size_t end) {
    fm_frame *f = top(ld);
    bool key = expect_key(ld);
    if (key && check_key(ld, f, v) != ARTICLE_OK)
        return ld->c->status;
    if (!art_grow(&ld->a->mem, (void **)&ld->kids, &ld->kids_cap, ld->nkids + 1,
                  sizeof *ld->kids))
        return art_nomem(ld->c);
    ld->kids[ld->nkids++] = v;
    f->size += size;
    f->bytes += bytes;
    f->last_end = end;
    if (key) {
        size_t nkeys = (ld->nkids - f->base + 1) / 2;
        if (f->index && 2 * nkeys <= f->index_size)
            index_insert(ld, f, nkeys - 1);
        else if ((f->index || nkeys > FM_INDEX_MIN_KEYS) && !index_build(ld, f, nkeys))
            return art_nomem(ld->c);
    }
    return ARTICLE_OK;
}

static article_value *empty_mapping(fm_loader *ld, size_t at) {
    article_value *v = new_value(ld, 0);
    if (!v)
        return NULL;
    v->type = ARTICLE_VALUE_MAPPING;
    v->start = v->end = at;
    art_locate(ld->a, at, &v->line, &v->column);
    return v;
}

static article_status not_mapping(fm_loader *ld, size_t at, const char *what) {
    return art_fail(ld->c, ARTICLE_ERR_YAML_NOT_MAPPING, at,
                    "front matter is %s; it must be a mapping of keys to values", what);
}

static article_status on_scalar(fm_loader *ld, const yaml_event_t *ev) {
    fm_cursor *k = &ld->cur;
    const char *text = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    const char *anchor = (const char *)ev->data.scalar.anchor;
    yaml_scalar_style_t style = ev->data.scalar.style;

    size_t tag_at = cur_index(k, ev->start_mark.index);
    size_t start = tag_at;
    if (tag || anchor) {
        start = skip_props(k->s, start, k->limit);
        cur_byte(k, start);
    }
    size_t line = k->line, col = k->col;
    size_t end = cur_index(k, ev->end_mark.index);
    if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE)
        end = block_scalar_end(k->s, start, end);
    if (end < start) {
        /* an empty node with properties only: it sits at their end */
        start = end;
        line = k->line;
        col = k->col;
    }
    if (count_nodes(ld, 1, start) != ARTICLE_OK)
        return ld->c->status;
    /* An escape (`"\0"`) is the only way YAML gives a NUL; strings here have none. */
    if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && memchr(text, '\0', len))
        return art_fail(ld->c, ARTICLE_ERR_NUL_BYTE, start,
                        "double-quoted scalar holds an escaped NUL character");

    article_value *v = new_value(ld, len + 1);
    if (!v)
        return ld->c->status;
    char *str = (char *)(v + 1);
    if (len)
        memcpy(str, text, len);
    str[len] = '\0';
    v->str = str;
    v->len = len;
    v->start = start;
    v->end = end;
    v->line = line + 1;
    v->column = col + 1;
    /* Keys are strings, but an anchored key is typed too: an alias of it may be a value. */
    bool key = expect_key(ld);
    if (type_scalar(ld, v, tag, style == YAML_PLAIN_SCALAR_STYLE, !key || anchor, !key,
                    tag_at) != ARTICLE_OK)
        return ld->c->status;
    uint8_t type = v->type;
    if (key)
        v->type = ARTICLE_VALUE_STRING;
    if (anchor && !anchor_define(ld, anchor, v, 1, len, type))
        return art_nomem(ld->c);
    if (!ld->depth) {
        if (v->type != ARTICLE_VALUE_NULL)
            return not_mapping(ld, start, "a scalar");
        /* a document holding only `~` or nothing is empty */
        article_value *m = empty_mapping(ld, start);
        if (!m)
            return ld->c->status;
        m->end = end;
        ld->root = m;
        return ARTICLE_OK;
    }
    ld->bytes += len;
    return add_child(ld, v, 1, len, end);
}

static article_status on_alias(fm_loader *ld, const yaml_event_t *ev) {
    fm_cursor *k = &ld->cur;
    const char *name = (const char *)ev->data.alias.anchor;
    size_t start = cur_index(k, ev->start_mark.index);
    size_t line = k->line, col = k->col;
    size_t end = cur_index(k, ev->end_mark.index);
    bool cut;
    int n = excerpt(name, strlen(name), &cut);
    const fm_anchor *e = anchor_find(ld, name, strlen(name));
    if (!e)
        return art_fail(ld->c, ARTICLE_ERR_YAML_UNDEFINED_ALIAS, start,
                        "alias *%.*s%s refers to no anchor defined before it", n, name,
                        cut ? "..." : "");
    if (!e->value)
        return art_fail(ld->c, ARTICLE_ERR_YAML_RECURSIVE_ALIAS, start,
                        "alias *%.*s%s is inside the node its anchor marks", n, name,
                        cut ? "..." : "");
    if (count_nodes(ld, e->size, start) != ARTICLE_OK ||
        count_bytes(ld, e->bytes, start) != ARTICLE_OK)
        return ld->c->status;
    bool key = expect_key(ld);
    const article_value *t = e->value;
    if (key && (t->type == ARTICLE_VALUE_SEQUENCE || t->type == ARTICLE_VALUE_MAPPING))
        return art_fail(ld->c, ARTICLE_ERR_YAML_COMPLEX_KEY, start,
                        "mapping key *%.*s%s is an alias of a %s, not of a scalar", n, name,
                        cut ? "..." : "",
                        t->type == ARTICLE_VALUE_MAPPING ? "mapping" : "sequence");
    /* The alias gets a record of its own for its position; what it holds (text, items,
     * keys, index) is shared with the anchored node. */
    article_value *v = new_value(ld, 0);
    if (!v)
        return ld->c->status;
    *v = *t;
    v->start = start;
    v->end = end;
    v->line = line + 1;
    v->column = col + 1;
    v->type = key ? ARTICLE_VALUE_STRING : e->type;
    if (!ld->depth) {
        if (v->type != ARTICLE_VALUE_MAPPING)
            return not_mapping(ld, start, "an alias of a scalar or a sequence");
        ld->root = v;
        return ARTICLE_OK;
    }
    return add_child(ld, v, e->size, e->bytes, end);
}

static article_status on_start(fm_loader *ld, const yaml_event_t *ev, bool map) {
    fm_cursor *k = &ld->cur;
    const char *tag, *anchor;
    bool flow;
    if (map) {
        tag = (const char *)ev->data.mapping_start.tag;
        anchor = (const char *)ev->data.mapping_start.anchor;
        flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    } else {
        tag = (const char *)ev->data.sequence_start.tag;
        anchor = (const char *)ev->data.sequence_start.anchor;
        flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    }
    size_t tag_at = cur_index(k, ev->start_mark.index);
    /* The event ends just after `[`/`{`, at a block collection's first key or `-`, or
     * just after the `-` of a sequence not indented under its key. A single-pair mapping
     * written inside a flow sequence (`[a: b]`) has no width and no braces. */
    size_t pos = cur_index(k, ev->end_mark.index);
    bool bracketed = false;
    size_t start = pos;
    if (flow) {
        if (ev->end_mark.index > ev->start_mark.index && pos > k->base) {
            start = pos - 1;
            bracketed = true;
        }
    } else if (!map && !(pos < k->limit && k->s[pos] == '-') && pos > k->base &&
               k->s[pos - 1] == '-') {
        start = pos - 1;
    }
    cur_byte(k, start);

    if (ld->depth + 1 > ld->max_depth)
        return art_fail(ld->c, ARTICLE_ERR_LIMIT_YAML_DEPTH, start,
                        "front matter nesting exceeds the limit of %zu levels", ld->max_depth);
    if (!ld->depth && !map)
        return not_mapping(ld, start, "a sequence");
    if (expect_key(ld))
        return art_fail(ld->c, ARTICLE_ERR_YAML_COMPLEX_KEY, start,
                        "mapping key is a %s; keys must be scalars",
                        map ? "mapping" : "sequence");
    fm_tag tc = tag_class(tag);
    if (tc == FM_TAG_OTHER) {
        if (!warn_tag(ld, tag_at, tag))
            return ld->c->status;
    } else if (tc != FM_TAG_NONE && tc != FM_TAG_BANG && tc != (map ? FM_TAG_MAP : FM_TAG_SEQ)) {
        return bad_tag_kind(ld, start, tag, map ? "mapping" : "sequence");
    }
    if (count_nodes(ld, 1, start) != ARTICLE_OK)
        return ld->c->status;

    article_value *v = new_value(ld, 0);
    if (!v)
        return ld->c->status;
    v->type = map ? ARTICLE_VALUE_MAPPING : ARTICLE_VALUE_SEQUENCE;
    set_start(ld, v, start);
    v->end = start;
    if (!art_grow(&ld->a->mem, (void **)&ld->frames, &ld->frames_cap, ld->depth + 1,
                  sizeof *ld->frames))
        return art_nomem(ld->c);
    fm_frame *f = &ld->frames[ld->depth++];
    memset(f, 0, sizeof *f);
    f->node = v;
    f->base = ld->nkids;
    f->size = 1;
    f->last_end = start;
    f->map = map;
    f->bracketed = bracketed;
    if (anchor) {
        f->anchor = anchor_define(ld, anchor, NULL, 0, 0, v->type);
        if (!f->anchor)
            return art_nomem(ld->c);
        f->serial = ld->anchors[f->anchor - 1].serial;
    }
    return ARTICLE_OK;
}

static article_status on_end(fm_loader *ld, const yaml_event_t *ev) {
    fm_frame *f = top(ld);
    if (!f)
        return ARTICLE_OK;
    article_value *v = f->node;
    v->end = f->bracketed ? cur_index(&ld->cur, ev->end_mark.index) : f->last_end;
    size_t n = ld->nkids - f->base;
    if (n) {
        const article_value **arr = art_arena_alloc(&ld->a->arena, n * sizeof *arr);
        if (!arr)
            return art_nomem(ld->c);
        if (f->map) {
            size_t pairs = n / 2;
            for (size_t i = 0; i < pairs; i++) {
                arr[i] = ld->kids[f->base + 2 * i];
                arr[pairs + i] = ld->kids[f->base + 2 * i + 1];
            }
            v->keys = arr;
            v->items = arr + pairs;
            v->count = pairs;
            v->index = f->index;
            v->index_size = f->index_size;
            v->hash_key = fm_key(ld);
        } else {
            memcpy(arr, ld->kids + f->base, n * sizeof *arr);
            v->items = arr;
            v->count = n;
        }
    }
    if (f->anchor) {
        fm_anchor *e = &ld->anchors[f->anchor - 1];
        if (e->serial == f->serial) { /* not redefined inside the node */
            e->value = v;
            e->size = f->size;
            e->bytes = f->bytes;
        }
    }
    size_t size = f->size, bytes = f->bytes;
    ld->nkids = f->base;
    ld->depth--;
    if (!ld->depth) {
        ld->root = v;
        return ARTICLE_OK;
    }
    return add_child(ld, v, size, bytes, v->end);
}

static article_status on_event(fm_loader *ld, const yaml_event_t *ev) {
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (ld->documents++ > 0)
            return art_fail(ld->c, ARTICLE_ERR_YAML_MULTIPLE_DOCUMENTS,
                            cur_index(&ld->cur, ev->start_mark.index),
                            "front matter holds a second YAML document; only one is allowed");
        return ARTICLE_OK;
    case YAML_SCALAR_EVENT:
        return on_scalar(ld, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(ld, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(ld, ev, false);
    case YAML_MAPPING_START_EVENT:
        return on_start(ld, ev, true);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(ld, ev);
    default:
        return ARTICLE_OK;
    }
}

/* Report libyaml's error at its problem, or at its context when that says more: the
 * start of an unterminated construct, or a simple key that lacks its `:`. */
static article_status yaml_error(fm_loader *ld, const yaml_parser_t *p) {
    fm_cursor *k = &ld->cur;
    if (p->error == YAML_MEMORY_ERROR)
        return art_nomem(ld->c);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->error == YAML_READER_ERROR) {
        size_t at = k->base + p->problem_offset;
        if (at > k->limit)
            at = k->limit;
        return art_fail(ld->c, ARTICLE_ERR_YAML_SYNTAX, at, "%s (#x%X)", problem,
                        (unsigned)p->problem_value);
    }
    size_t problem_at = cur_index(k, p->problem_mark.index);
    size_t problem_line = k->line + 1;
    if (!p->context)
        return art_fail(ld->c, ARTICLE_ERR_YAML_SYNTAX, problem_at, "%s", problem);
    size_t context_at = cur_index(k, p->context_mark.index);
    size_t context_line = k->line + 1;
    bool at_context = context_at <= problem_at &&
                      (problem_at >= k->limit || strstr(problem, "end of stream") ||
                       strcmp(p->context, "while scanning a simple key") == 0);
    if (at_context)
        return art_fail(ld->c, ARTICLE_ERR_YAML_SYNTAX, context_at, "%s %s", problem,
                        p->context);
    if (context_line < problem_line)
        return art_fail(ld->c, ARTICLE_ERR_YAML_SYNTAX, problem_at,
                        "%s %s (started on line %zu)", problem, p->context, context_line);
    return art_fail(ld->c, ARTICLE_ERR_YAML_SYNTAX, problem_at, "%s %s", problem, p->context);
}

/* Load the YAML text [ys, ye) into a->metadata. */
static article_status load_yaml(art_ctx *c, size_t ys, size_t ye) {
    article *a = c->a;
    fm_loader ld;
    memset(&ld, 0, sizeof ld);
    ld.c = c;
    ld.a = a;
    ld.max_depth = c->opts->max_yaml_depth;
    ld.max_nodes = c->opts->max_yaml_nodes;
    ld.max_bytes = c->opts->max_input_size;
    art_buf_init(&ld.names, &a->mem);
    cur_init(&ld.cur, a, ys, ye);

    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        loader_free(&ld);
        return art_nomem(c);
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)a->source + ys, ye - ys);
    /* Set, not detected: detection would skip a BOM without counting it in marks. */
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_error(&ld, &p);
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        article_status st = on_event(&ld, &ev);
        yaml_event_delete(&ev);
        if (st != ARTICLE_OK || end)
            break;
    }
    yaml_parser_delete(&p);
    if (c->status == ARTICLE_OK) {
        a->metadata = ld.root ? ld.root : empty_mapping(&ld, ys);
        if (!a->metadata)
            art_nomem(c);
    }
    loader_free(&ld);
    return c->status;
}

/* ---- entry point ----------------------------------------------------------------------- */

article_status art_front_matter_parse(art_ctx *c) {
    article *a = c->a;
    const char *s = a->source;
    size_t len = a->source_len;
    size_t p = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
    a->has_front_matter = false;
    a->fm_start = a->fm_end = 0;
    a->body_start = p;

    article_value *empty = art_arena_alloc(&a->arena, sizeof *empty);
    if (!empty)
        return art_nomem(c);
    memset(empty, 0, sizeof *empty);
    empty->type = ARTICLE_VALUE_MAPPING;
    empty->start = empty->end = p;
    art_locate(a, p, &empty->line, &empty->column);
    a->metadata = empty;

    size_t next;
    if (a->line_count < 2 || !delim_line(s, p, line_content_end(a, 0, &next), '-'))
        return ARTICLE_OK;
    size_t k = 1;
    size_t max = c->opts->max_front_matter_size;
    for (; k < a->line_count; k++) {
        size_t b = a->lines[k];
        /* Stop looking once the block could no longer fit. */
        if (b - p >= max)
            return art_fail(c, ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE, p,
                            "front matter is not closed within max_front_matter_size "
                            "(%zu bytes)", max);
        if (len - b < 3 || (s[b] != '-' && s[b] != '.'))
            continue;
        size_t e = line_content_end(a, k, &next);
        if (delim_line(s, b, e, s[b]))
            break;
    }
    if (k == a->line_count)
        return art_fail(c, ARTICLE_ERR_FRONT_MATTER_UNTERMINATED, p,
                        "front matter opened by '---' is not closed by a '---' or '...' line");
    if (next - p > max)
        return art_fail(c, ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE, p,
                        "front matter is %zu bytes, more than max_front_matter_size (%zu)",
                        next - p, max);
    a->has_front_matter = true;
    a->fm_start = p;
    a->fm_end = a->body_start = next;
    return load_yaml(c, a->lines[1], a->lines[k]);
}
