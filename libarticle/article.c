/* article_parse(): options, encoding checks, the line table, and the order of the passes. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <yaml.h>

const char *article_version(void) {
    return ARTICLE_VERSION_STRING;
}

unsigned int article_version_number(void) {
    return ARTICLE_VERSION_NUMBER;
}

const char *article_dependency_version(const char *name) {
    if (!name)
        return NULL;
    if (strcmp(name, "cmark-gfm") == 0)
        return cmark_version_string();
    if (strcmp(name, "libyaml") == 0)
        return yaml_get_version_string();
    return NULL;
}

/* ---- status codes ------------------------------------------------------------------- */

static const struct {
    article_status code;
    const char *name;
    const char *text;
} status_table[] = {
    {ARTICLE_OK, "ok", "no error"},
    {ARTICLE_ERR_NOMEM, "nomem", "out of memory"},
    {ARTICLE_ERR_IO, "io", "file could not be read"},
    {ARTICLE_ERR_INVALID_OPTIONS, "invalid_options", "options of an unknown version"},
    {ARTICLE_ERR_INVALID_ARGUMENT, "invalid_argument", "invalid argument"},
    {ARTICLE_ERR_UTF8, "utf8", "invalid UTF-8"},
    {ARTICLE_ERR_NUL_BYTE, "nul_byte", "NUL byte in input"},
    {ARTICLE_ERR_UTF16, "utf16", "input is UTF-16 or UTF-32, not UTF-8"},
    {ARTICLE_ERR_FRONT_MATTER_UNTERMINATED, "front_matter_unterminated",
     "front matter is not closed"},
    {ARTICLE_ERR_YAML_SYNTAX, "yaml_syntax", "YAML syntax error in front matter"},
    {ARTICLE_ERR_YAML_NOT_MAPPING, "yaml_not_mapping", "front matter is not a mapping"},
    {ARTICLE_ERR_YAML_DUPLICATE_KEY, "yaml_duplicate_key", "duplicate key in front matter"},
    {ARTICLE_ERR_YAML_MULTIPLE_DOCUMENTS, "yaml_multiple_documents",
     "front matter holds more than one YAML document"},
    {ARTICLE_ERR_YAML_UNDEFINED_ALIAS, "yaml_undefined_alias", "undefined YAML alias"},
    {ARTICLE_ERR_YAML_RECURSIVE_ALIAS, "yaml_recursive_alias", "recursive YAML alias"},
    {ARTICLE_ERR_YAML_COMPLEX_KEY, "yaml_complex_key", "mapping key is not a scalar"},
    {ARTICLE_ERR_YAML_BAD_TAG_VALUE, "yaml_bad_tag_value", "value does not match its YAML tag"},
    {ARTICLE_ERR_LIMIT_INPUT_SIZE, "limit_input_size", "input exceeds the size limit"},
    {ARTICLE_ERR_LIMIT_YAML_DEPTH, "limit_yaml_depth", "front matter nesting exceeds the limit"},
    {ARTICLE_ERR_LIMIT_YAML_NODES, "limit_yaml_nodes", "front matter exceeds the node limit"},
    {ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH, "limit_markdown_depth",
     "Markdown nesting exceeds the limit"},
    {ARTICLE_ERR_LIMIT_YAML_EXPANSION, "limit_yaml_expansion",
     "front matter expands through aliases beyond the size limit"},
    {ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE, "limit_front_matter_size",
     "front matter exceeds the size limit"},
    {ARTICLE_ERR_LIMIT_BLOCKS, "limit_blocks", "body exceeds the block limit"},
    {ARTICLE_ERR_LIMIT_QUOTES, "limit_quotes", "body exceeds the quotation limit"},
    {ARTICLE_ERR_LIMIT_WARNINGS, "limit_warnings", "article exceeds the warning limit"},
};

static size_t status_index(article_status code) {
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].code == code)
            return i;
    return (size_t)-1;
}

const char *article_status_name(article_status code) {
    size_t i = status_index(code);
    return i == (size_t)-1 ? "unknown" : status_table[i].name;
}

const char *article_status_describe(article_status code) {
    size_t i = status_index(code);
    return i == (size_t)-1 ? "unknown error" : status_table[i].text;
}

article_status_family article_status_family_of(article_status code) {
    switch ((int)code / 100) {
    case 0:
        return code == ARTICLE_OK ? ARTICLE_FAMILY_NONE : ARTICLE_FAMILY_SYSTEM;
    case 1:
        return ARTICLE_FAMILY_ENCODING;
    case 2:
        return ARTICLE_FAMILY_FRONT_MATTER;
    case 3:
        return ARTICLE_FAMILY_LIMIT;
    default:
        return ARTICLE_FAMILY_SYSTEM;
    }
}

/* ---- errors and warnings ------------------------------------------------------------ */

static void error_set(article_error *err, const article *a, article_status code, size_t offset,
                      const char *fmt, va_list ap) ART_PRINTF(5, 0);
static void error_set(article_error *err, const article *a, article_status code, size_t offset,
                      const char *fmt, va_list ap) {
    err->code = code;
    if (offset == ART_NO_OFFSET || !a) {
        err->offset = err->line = err->column = 0;
    } else {
        err->offset = offset;
        art_locate(a, offset, &err->line, &err->column);
    }
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

article_status art_fail(art_ctx *c, article_status code, size_t offset, const char *fmt, ...) {
    if (c->status != ARTICLE_OK)
        return c->status;
    c->status = code;
    va_list ap;
    va_start(ap, fmt);
    error_set(c->err, c->a, code, offset, fmt, ap);
    va_end(ap);
    return code;
}

article_status art_nomem(art_ctx *c) {
    return art_fail(c, ARTICLE_ERR_NOMEM, ART_NO_OFFSET, "out of memory");
}

bool art_warn(art_ctx *c, article_warning_code code, size_t offset, const char *fmt, ...) {
    article *a = c->a;
    char msg[ARTICLE_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    size_t len = (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1;
    if (a->warning_count >= c->opts->max_warnings) {
        art_fail(c, ARTICLE_ERR_LIMIT_WARNINGS, offset, "more than %zu warnings (%s)",
                 c->opts->max_warnings, msg);
        return false;
    }
    if (!art_grow(&a->mem, (void **)&a->warnings, &a->warning_cap, a->warning_count + 1,
                  sizeof *a->warnings)) {
        art_nomem(c);
        return false;
    }
    char *text = art_arena_strdup(&a->arena, msg, len);
    if (!text) {
        art_nomem(c);
        return false;
    }
    article_warning *w = &a->warnings[a->warning_count++];
    w->code = (uint8_t)code;
    w->message = text;
    w->len = len;
    w->offset = offset;
    return true;
}

/* ---- lines -------------------------------------------------------------------------- */

static size_t line_end(const article *a, size_t k) {
    return k + 1 < a->line_count ? a->lines[k + 1] : a->source_len;
}

/* Checkpoints in long lines (see struct article). Ordinary text has none and pays one
 * comparison per line. */
static bool build_marks(article *a) {
    size_t n = 0;
    for (size_t k = 0; k < a->line_count; k++) {
        size_t len = line_end(a, k) - a->lines[k];
        if (len > ART_LOCATE_STRIDE)
            n += (len - 1) / ART_LOCATE_STRIDE;
    }
    if (n == 0)
        return true;
    a->marks = art_malloc(&a->mem, n * sizeof *a->marks);
    a->mark_cols = art_malloc(&a->mem, n * sizeof *a->mark_cols);
    if (!a->marks || !a->mark_cols)
        return false;
    size_t m = 0;
    for (size_t k = 0; k < a->line_count; k++) {
        size_t b = a->lines[k], e = line_end(a, k), cols = 0;
        for (size_t p = b + ART_LOCATE_STRIDE; p < e; p += ART_LOCATE_STRIDE) {
            cols += art_utf8_count(a->source + p - ART_LOCATE_STRIDE, ART_LOCATE_STRIDE);
            a->marks[m] = p;
            a->mark_cols[m++] = cols;
        }
    }
    a->mark_count = m;
    return true;
}

/* Line starts, with "\n", "\r\n" and a lone "\r" all ending a line, as in cmark-gfm and
 * libyaml. */
static bool build_lines(article *a) {
    const char *s = a->source;
    size_t len = a->source_len;
    size_t n = 1;
    bool has_cr = memchr(s, '\r', len) != NULL;
    if (!has_cr) {
        for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))); p++)
            n++;
    } else {
        for (size_t i = 0; i < len; i++)
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
                n++;
    }
    a->lines = art_malloc(&a->mem, n * sizeof *a->lines);
    if (!a->lines)
        return false;
    a->lines[0] = 0;
    size_t k = 1;
    if (!has_cr) {
        for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))); p++)
            a->lines[k++] = (size_t)(p - s) + 1;
    } else {
        for (size_t i = 0; i < len; i++)
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
                a->lines[k++] = i + 1;
    }
    a->line_count = n;
    return build_marks(a);
}

size_t art_line_index(const article *a, size_t offset) {
    size_t lo = 0, hi = a->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void art_locate(const article *a, size_t offset, size_t *line, size_t *column) {
    if (offset > a->source_len)
        offset = a->source_len;
    size_t lo = art_line_index(a, offset);
    if (line)
        *line = lo + 1;
    if (!column)
        return;
    size_t from = a->lines[lo], cols = 0;
    if (offset - from > ART_LOCATE_STRIDE && a->mark_count) {
        /* The last checkpoint at or before offset; it is in this line, which is long. */
        size_t l = 0, h = a->mark_count;
        while (h - l > 1) {
            size_t mid = l + (h - l) / 2;
            if (a->marks[mid] <= offset)
                l = mid;
            else
                h = mid;
        }
        if (a->marks[l] <= offset && a->marks[l] > from) {
            cols = a->mark_cols[l];
            from = a->marks[l];
        }
    }
    *column = cols + art_utf8_count(a->source + from, offset - from) + 1;
}

void article_locate(const article *a, size_t offset, size_t *line, size_t *column) {
    if (!a) {
        if (line)
            *line = 0;
        if (column)
            *column = 0;
        return;
    }
    art_locate(a, offset, line, column);
}

/* ---- options ------------------------------------------------------------------------ */

article_status article_options_init(article_options *opts, unsigned int version) {
    if (!opts)
        return ARTICLE_ERR_INVALID_ARGUMENT;
    if (version < 1 || version > ARTICLE_OPTIONS_VERSION)
        return ARTICLE_ERR_INVALID_OPTIONS;
    article_options def = ARTICLE_OPTIONS_INIT;
    def.version = version;
    def.max_input_size = ARTICLE_DEFAULT_MAX_INPUT_SIZE;
    def.max_yaml_depth = ARTICLE_DEFAULT_MAX_YAML_DEPTH;
    def.max_yaml_nodes = ARTICLE_DEFAULT_MAX_YAML_NODES;
    def.max_markdown_depth = ARTICLE_DEFAULT_MAX_MARKDOWN_DEPTH;
    def.max_front_matter_size = ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE;
    def.max_blocks = ARTICLE_DEFAULT_MAX_BLOCKS;
    def.max_quotes = ARTICLE_DEFAULT_MAX_QUOTES;
    def.max_warnings = ARTICLE_DEFAULT_MAX_WARNINGS;
    /* A caller built against an older header has a shorter struct. */
    memcpy(opts, &def, version == 1 ? offsetof(article_options, max_front_matter_size)
                                    : sizeof def);
    return ARTICLE_OK;
}

/* ---- parse -------------------------------------------------------------------------- */

static void error_plain(article_error *err, article_status code, const char *fmt, ...)
    ART_PRINTF(3, 4);
static void error_plain(article_error *err, article_status code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    error_set(err, NULL, code, ART_NO_OFFSET, fmt, ap);
    va_end(ap);
}

/* Copy the caller's options into *out with every default filled in; on failure, err
 * says why. */
static article_status resolve_options(const article_options *in, article_options *out,
                                      article_error *err) {
    article_options_init(out, ARTICLE_OPTIONS_VERSION);
    if (!in)
        return ARTICLE_OK;
    if (in->version < 1 || in->version > ARTICLE_OPTIONS_VERSION) {
        error_plain(err, ARTICLE_ERR_INVALID_OPTIONS, "options version %u is not supported",
                    in->version);
        return ARTICLE_ERR_INVALID_OPTIONS;
    }
    if (in->max_input_size > ARTICLE_MAX_INPUT_SIZE) {
        error_plain(err, ARTICLE_ERR_INVALID_OPTIONS,
                    "max_input_size %zu is above the supported maximum of %zu bytes",
                    in->max_input_size, ARTICLE_MAX_INPUT_SIZE);
        return ARTICLE_ERR_INVALID_OPTIONS;
    }
    out->flags = in->flags;
    out->allocator = in->allocator;
    if (in->max_input_size)
        out->max_input_size = in->max_input_size;
    if (in->max_yaml_depth)
        out->max_yaml_depth = in->max_yaml_depth;
    if (in->max_yaml_nodes)
        out->max_yaml_nodes = in->max_yaml_nodes;
    if (in->max_markdown_depth)
        out->max_markdown_depth = in->max_markdown_depth;
    if (in->version < 2)
        return ARTICLE_OK;
    if (in->max_front_matter_size)
        out->max_front_matter_size = in->max_front_matter_size;
    if (in->max_blocks)
        out->max_blocks = in->max_blocks;
    if (in->max_quotes)
        out->max_quotes = in->max_quotes;
    if (in->max_warnings)
        out->max_warnings = in->max_warnings;
    return ARTICLE_OK;
}

static article_status check_encoding(art_ctx *c) {
    const unsigned char *s = (const unsigned char *)c->a->source;
    size_t len = c->a->source_len;
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return art_fail(c, ARTICLE_ERR_UTF16, 0,
                        "input starts with a UTF-16 or UTF-32 byte order mark; "
                        "convert it to UTF-8");
    if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
        return art_fail(c, ARTICLE_ERR_UTF16, 0,
                        "input starts with a UTF-32 byte order mark; convert it to UTF-8");
    bool is_nul;
    size_t bad = art_utf8_check(c->a->source, len, &is_nul);
    if (bad == len)
        return ARTICLE_OK;
    if (is_nul)
        return art_fail(c, ARTICLE_ERR_NUL_BYTE, bad,
                        "NUL byte in input (binary data or UTF-16 text?)");
    return art_fail(c, ARTICLE_ERR_UTF8, bad, "invalid UTF-8 sequence starting with byte 0x%02X",
                    s[bad]);
}

article_status article_parse(const char *input, size_t len, const article_options *opts,
                             article **out, article_error *err) {
    article_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    if (out)
        *out = NULL;
    if (!out || (!input && len)) {
        error_plain(err, ARTICLE_ERR_INVALID_ARGUMENT, "%s",
                    !out ? "no place to store the article" : "NULL input with a length");
        return ARTICLE_ERR_INVALID_ARGUMENT;
    }

    article_options o;
    if (resolve_options(opts, &o, err) != ARTICLE_OK)
        return ARTICLE_ERR_INVALID_OPTIONS;
    if (len > o.max_input_size) {
        error_plain(err, ARTICLE_ERR_LIMIT_INPUT_SIZE,
                    "input of %zu bytes exceeds the limit of %zu bytes", len, o.max_input_size);
        return ARTICLE_ERR_LIMIT_INPUT_SIZE;
    }

    art_mem mem = {o.allocator};
    article *a = art_malloc(&mem, sizeof *a);
    if (!a) {
        error_plain(err, ARTICLE_ERR_NOMEM, "out of memory");
        return ARTICLE_ERR_NOMEM;
    }
    memset(a, 0, sizeof *a);
    a->mem = mem;
    art_arena_init(&a->arena, &a->mem);
    a->flags = o.flags;
    if (pthread_mutex_init(&a->render_lock, NULL) != 0) {
        art_free(&mem, a);
        error_plain(err, ARTICLE_ERR_NOMEM, "out of memory (mutex)");
        return ARTICLE_ERR_NOMEM;
    }

    art_ctx c = {a, &o, err, ARTICLE_OK};
    a->source = art_malloc(&a->mem, len + 1);
    if (a->source) {
        if (len)
            memcpy(a->source, input, len);
        a->source[len] = '\0';
        a->source_len = len;
    }
    if (!a->source || !build_lines(a))
        art_nomem(&c);
    /* Warnings come out in document order: front matter, its fields, then the body. */
    if (c.status == ARTICLE_OK)
        check_encoding(&c);
    if (c.status == ARTICLE_OK)
        art_front_matter_parse(&c);
    if (c.status == ARTICLE_OK)
        art_fields_extract(&c);
    if (c.status == ARTICLE_OK)
        art_body_parse(&c);
    if (c.status != ARTICLE_OK) {
        article_free(a);
        return c.status;
    }
    *out = a;
    return ARTICLE_OK;
}

/* Files are read whole: the article keeps a copy of its input anyway, and the size
 * limit is checked before anything is read. */
article_status article_parse_file(const char *path, const article_options *opts,
                                  article **out, article_error *err) {
    article_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    if (out)
        *out = NULL;
    if (!out || !path) {
        error_plain(err, ARTICLE_ERR_INVALID_ARGUMENT, "%s",
                    !out ? "no place to store the article" : "NULL path");
        return ARTICLE_ERR_INVALID_ARGUMENT;
    }
    article_options o;
    if (resolve_options(opts, &o, err) != ARTICLE_OK)
        return ARTICLE_ERR_INVALID_OPTIONS;
    art_mem mem = {o.allocator};
    FILE *f = fopen(path, "rb");
    if (!f) {
        error_plain(err, ARTICLE_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        return ARTICLE_ERR_IO;
    }
    art_buf b;
    art_buf_init(&b, &mem);
    article_status st = ARTICLE_OK;
    for (;;) {
        if (!art_buf_reserve(&b, 65536)) {
            st = ARTICLE_ERR_NOMEM;
            error_plain(err, st, "out of memory");
            break;
        }
        size_t want = b.cap - b.len - 1;
        size_t n = fread(b.data + b.len, 1, want, f);
        b.len += n;
        if (b.len > o.max_input_size) {
            st = ARTICLE_ERR_LIMIT_INPUT_SIZE;
            error_plain(err, st, "%s exceeds the input limit of %zu bytes", path,
                        o.max_input_size);
            break;
        }
        if (n < want) {
            if (ferror(f)) {
                st = ARTICLE_ERR_IO;
                error_plain(err, st, "cannot read %s: %s", path, strerror(errno));
            }
            break;
        }
    }
    fclose(f);
    if (st == ARTICLE_OK)
        st = article_parse(b.data ? b.data : "", b.len, opts, out, err);
    art_buf_free(&b);
    return st;
}

void article_free(article *a) {
    if (!a)
        return;
    art_mem mem = a->mem;
    art_free(&mem, a->html.data);
    for (size_t i = 0; i < ART_JSON_VARIANTS; i++)
        art_free(&mem, a->json[i].data);
    art_free(&mem, a->blocks);
    art_free(&mem, a->quotes);
    art_free(&mem, a->warnings);
    art_free(&mem, a->lines);
    art_free(&mem, a->marks);
    art_free(&mem, a->mark_cols);
    art_free(&mem, a->source);
    art_arena_free(&a->arena);
    pthread_mutex_destroy(&a->render_lock);
    art_free(&mem, a);
}
