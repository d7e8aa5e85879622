/* Front matter: delimiting, YAML loading and typing, errors with their positions, limits,
 * aliases, spans and lookups. */
#include "testutil.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------------------------- */

static const article_value *meta(const article *a, const char *key) {
    return article_value_get(article_metadata(a), key);
}

/* Offset of the first occurrence of `needle` in `text` (which must contain it). */
static size_t off(const char *text, const char *needle) {
    const char *p = strstr(text, needle);
    ck_assert_msg(p != NULL, "'%s' not in the input", needle);
    return (size_t)(p - text);
}

#define ck_span(a, v, lit)                                                                  \
    ck_assert_str_eq(slice((a), article_value_start(v), article_value_end(v)), (lit))

#define ck_pos(v, l, c)                                                                     \
    do {                                                                                    \
        ck_assert_uint_eq(article_value_line(v), (l));                                      \
        ck_assert_uint_eq(article_value_column(v), (c));                                    \
    } while (0)

#define ck_str(v, lit)                                                                      \
    do {                                                                                    \
        size_t sn_;                                                                         \
        ck_assert_int_eq(article_value_get_type(v), ARTICLE_VALUE_STRING);                  \
        ck_assert_strn_eq(article_value_string((v), &sn_), sn_, (lit));                     \
    } while (0)

static article_error err_at(const char *text, article_status code, size_t line, size_t col) {
    article_error e = parse_err(text, strlen(text), code);
    ck_assert_msg(e.line == line && e.column == col, "%s: expected %zu:%zu, got %zu:%zu (%s)",
                  article_status_name(code), line, col, e.line, e.column, e.message);
    return e;
}

/* Flow nesting: `a: ` and `depth - 1` brackets, so the whole is `depth` collections deep. */
static char *deep_flow(size_t depth) {
    char *open = repeat("---\na: ", "[", depth - 1, "");
    char *s = repeat(open, "]", depth - 1, "\n---\n");
    free(open);
    return s;
}

/* Block nesting: `depth` mappings, one key per level, each indented one more space. */
static char *deep_block(size_t depth) {
    size_t cap = 8 + depth * (depth + 8);
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    size_t n = (size_t)snprintf(s, cap, "---\n");
    for (size_t i = 0; i < depth; i++) {
        memset(s + n, ' ', i);
        n += i;
        n += (size_t)snprintf(s + n, cap - n, "k:%s\n", i + 1 == depth ? " v" : "");
    }
    snprintf(s + n, cap - n, "---\n");
    return s;
}

/* ---- delimiting -------------------------------------------------------------------------- */

START_TEST(no_front_matter) {
    static const char *const inputs[] = {
        "# Title\n\nText.\n",
        "",
        "---",                        /* no line ending: a thematic break */
        "Intro\n---\nx: 1\n---\n",    /* not at the start */
        " ---\nx: 1\n---\n",          /* indented */
        "--- x\nx: 1\n---\n",         /* more than dashes */
        "----\nx: 1\n----\n",
        "...\nx: 1\n...\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        article *a = parse_ok(inputs[i]);
        size_t s = 1, e = 1;
        ck_assert_int_eq(article_front_matter(a, &s, &e), 0);
        ck_assert_uint_eq(s, 0);
        ck_assert_uint_eq(e, 0);
        const article_value *m = article_metadata(a);
        ck_assert_ptr_nonnull(m);
        ck_assert_int_eq(article_value_get_type(m), ARTICLE_VALUE_MAPPING);
        ck_assert_uint_eq(article_value_count(m), 0);
        ck_assert_ptr_null(meta(a, "x"));
        article_free(a);
    }
}
END_TEST

START_TEST(empty_front_matter) {
    article *a = parse_ok("---\n---\nBody.\n");
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(s, 0);
    ck_assert_uint_eq(e, 8);
    const article_value *m = article_metadata(a);
    ck_assert_int_eq(article_value_get_type(m), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_value_count(m), 0);
    ck_assert_ptr_null(article_value_string(m, NULL));
    article_free(a);

    /* A document holding only a null is empty too. */
    a = parse_ok("---\n~\n---\n");
    ck_assert_int_eq(article_value_get_type(article_metadata(a)), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 0);
    article_free(a);
    a = parse_ok("---\n--- # an explicit, empty document\n---\n");
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 0);
    article_free(a);
}
END_TEST

START_TEST(only_comments) {
    const char *text = "---\n# a comment\n\n   # another\n---\nBody\n";
    article *a = parse_ok(text);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(e, off(text, "Body"));
    ck_assert_int_eq(article_value_get_type(article_metadata(a)), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 0);
    article_free(a);
}
END_TEST

START_TEST(dots_close_and_trailing_blanks) {
    const char *text = "---\ntitle: x\n...\nBody\n";
    article *a = parse_ok(text);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_str_eq(slice(a, s, e), "---\ntitle: x\n...\n");
    ck_str(meta(a, "title"), "x");
    article_free(a);

    text = "--- \t\ntitle: x\n---\t  \nBody\n";
    a = parse_ok(text);
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(s, 0);
    ck_assert_uint_eq(e, off(text, "Body"));
    ck_str(meta(a, "title"), "x");
    article_free(a);

    /* The closing line may be the last one, without a line ending. */
    text = "---\ntitle: x\n... ";
    a = parse_ok(text);
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(e, strlen(text));
    ck_str(meta(a, "title"), "x");
    article_free(a);

    /* An indented `---` belongs to the YAML (here, a block scalar). */
    a = parse_ok("---\nnote: |\n  ---\n  ...\n---\n");
    ck_str(meta(a, "note"), "---\n...\n");
    article_free(a);
}
END_TEST

START_TEST(crlf_everywhere) {
    const char *text = "---\r\ntitle: Hello\r\ntags:\r\n  - a\r\n  - b\r\nnote: |\r\n  one\r\n"
                       "  two\r\n---\r\nBody\r\n";
    article *a = parse_ok(text);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(e, off(text, "Body"));
    const article_value *t = meta(a, "title");
    ck_str(t, "Hello");
    ck_span(a, t, "Hello");
    ck_pos(t, 2, 8);
    const article_value *tags = meta(a, "tags");
    ck_assert_uint_eq(article_value_count(tags), 2);
    ck_span(a, tags, "- a\r\n  - b");
    ck_pos(article_value_at(tags, 1), 5, 5);
    const article_value *n = meta(a, "note");
    ck_str(n, "one\ntwo\n");
    ck_span(a, n, "|\r\n  one\r\n  two");
    article_free(a);
}
END_TEST

START_TEST(lone_cr) {
    const char *text = "---\rtitle: Hello\rlist: [x, y]\r---\rBody";
    article *a = parse_ok(text);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(e, off(text, "Body"));
    ck_str(meta(a, "title"), "Hello");
    const article_value *l = meta(a, "list");
    ck_span(a, l, "[x, y]");
    ck_pos(l, 3, 7);
    ck_pos(article_value_at(l, 1), 3, 11);
    article_free(a);
}
END_TEST

START_TEST(byte_order_mark) {
    const char *text = "\xEF\xBB\xBF---\ntitle: x\n---\nBody\n";
    article *a = parse_ok(text);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(s, 3);
    ck_assert_uint_eq(e, off(text, "Body"));
    const article_value *t = meta(a, "title");
    ck_str(t, "x");
    ck_pos(t, 2, 8);
    article_free(a);

    a = parse_ok("\xEF\xBB\xBF# Title\n");
    ck_assert_int_eq(article_front_matter(a, NULL, NULL), 0);
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 0);
    article_free(a);
}
END_TEST

START_TEST(unterminated) {
    article_error e = err_at("---\ntitle: x\n\nBody.\n", ARTICLE_ERR_FRONT_MATTER_UNTERMINATED,
                             1, 1);
    ck_assert_uint_eq(e.offset, 0);
    e = parse_err("---\n", 4, ARTICLE_ERR_FRONT_MATTER_UNTERMINATED);
    ck_assert_uint_eq(e.offset, 0);
    /* `---x` and indented delimiters do not close it. */
    e = parse_err("---\na: 1\n---x\n ---\n", 19, ARTICLE_ERR_FRONT_MATTER_UNTERMINATED);
    /* After a BOM it is positioned at the `---`. */
    e = parse_err("\xEF\xBB\xBF---\na: 1\n", 12, ARTICLE_ERR_FRONT_MATTER_UNTERMINATED);
    ck_assert_uint_eq(e.offset, 3);
    ck_assert_uint_eq(e.line, 1);
}
END_TEST

START_TEST(json_front_matter) {
    const char *text = "---\n{\"title\": \"x\", \"tags\": [\"a\",\"b\"]}\n---\n";
    article *a = parse_ok(text);
    const article_value *m = article_metadata(a);
    ck_assert_uint_eq(article_value_count(m), 2);
    ck_span(a, m, "{\"title\": \"x\", \"tags\": [\"a\",\"b\"]}");
    ck_pos(m, 2, 1);
    ck_str(article_value_key_at(m, 0), "title");
    ck_span(a, article_value_key_at(m, 0), "\"title\"");
    ck_str(meta(a, "title"), "x");
    ck_span(a, meta(a, "title"), "\"x\"");
    const article_value *tags = meta(a, "tags");
    ck_assert_int_eq(article_value_get_type(tags), ARTICLE_VALUE_SEQUENCE);
    ck_span(a, tags, "[\"a\",\"b\"]");
    ck_str(article_value_at(tags, 0), "a");
    ck_str(article_value_at(tags, 1), "b");
    article_free(a);
}
END_TEST

START_TEST(dashes_in_body_are_not_metadata) {
    const char *text = "---\na: 1\n---\nText.\n\n---\nb: 2\n---\n";
    article *a = parse_ok(text);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_uint_eq(e, off(text, "Text."));
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 1);
    ck_assert_ptr_nonnull(meta(a, "a"));
    ck_assert_ptr_null(meta(a, "b"));
    article_free(a);
}
END_TEST

/* ---- typing ------------------------------------------------------------------------------ */

START_TEST(core_schema_typing) {
    static const struct {
        const char *text;
        article_value_type type;
        int64_t i;
        double f;
    } cases[] = {
        {"~", ARTICLE_VALUE_NULL, 0, 0},
        {"null", ARTICLE_VALUE_NULL, 0, 0},
        {"Null", ARTICLE_VALUE_NULL, 0, 0},
        {"NULL", ARTICLE_VALUE_NULL, 0, 0},
        {"nULL", ARTICLE_VALUE_STRING, 0, 0},
        {"true", ARTICLE_VALUE_BOOL, 1, 0},
        {"True", ARTICLE_VALUE_BOOL, 1, 0},
        {"TRUE", ARTICLE_VALUE_BOOL, 1, 0},
        {"false", ARTICLE_VALUE_BOOL, 0, 0},
        {"False", ARTICLE_VALUE_BOOL, 0, 0},
        {"FALSE", ARTICLE_VALUE_BOOL, 0, 0},
        {"tRUE", ARTICLE_VALUE_STRING, 0, 0},
        {"yes", ARTICLE_VALUE_STRING, 0, 0},
        {"no", ARTICLE_VALUE_STRING, 0, 0},
        {"on", ARTICLE_VALUE_STRING, 0, 0},
        {"off", ARTICLE_VALUE_STRING, 0, 0},
        {"y", ARTICLE_VALUE_STRING, 0, 0},
        {"n", ARTICLE_VALUE_STRING, 0, 0},
        {"0", ARTICLE_VALUE_INT, 0, 0},
        {"42", ARTICLE_VALUE_INT, 42, 0},
        {"+12", ARTICLE_VALUE_INT, 12, 0},
        {"-7", ARTICLE_VALUE_INT, -7, 0},
        {"007", ARTICLE_VALUE_INT, 7, 0},
        {"0o17", ARTICLE_VALUE_INT, 15, 0},
        {"0x1F", ARTICLE_VALUE_INT, 31, 0},
        {"0xff", ARTICLE_VALUE_INT, 255, 0},
        {"9223372036854775807", ARTICLE_VALUE_INT, INT64_MAX, 0},
        {"-9223372036854775808", ARTICLE_VALUE_INT, INT64_MIN, 0},
        {"0x7FFFFFFFFFFFFFFF", ARTICLE_VALUE_INT, INT64_MAX, 0},
        {"0o18", ARTICLE_VALUE_STRING, 0, 0},
        {"0x", ARTICLE_VALUE_STRING, 0, 0},
        {"0xG", ARTICLE_VALUE_STRING, 0, 0},
        {"-0x1F", ARTICLE_VALUE_STRING, 0, 0},
        {"1_000", ARTICLE_VALUE_STRING, 0, 0},
        {"1e3", ARTICLE_VALUE_FLOAT, 0, 1000.0},
        {"1E+3", ARTICLE_VALUE_FLOAT, 0, 1000.0},
        {"2.5e-1", ARTICLE_VALUE_FLOAT, 0, 0.25},
        {".5", ARTICLE_VALUE_FLOAT, 0, 0.5},
        {"-.5", ARTICLE_VALUE_FLOAT, 0, -0.5},
        {"+1.5", ARTICLE_VALUE_FLOAT, 0, 1.5},
        {"3.", ARTICLE_VALUE_FLOAT, 0, 3.0},
        {"3.25", ARTICLE_VALUE_FLOAT, 0, 3.25},
        {".", ARTICLE_VALUE_STRING, 0, 0},
        {"1e", ARTICLE_VALUE_STRING, 0, 0},
        {"1.2.3", ARTICLE_VALUE_STRING, 0, 0},
        {"e3", ARTICLE_VALUE_STRING, 0, 0},
        {".inf", ARTICLE_VALUE_FLOAT, 0, INFINITY},
        {".Inf", ARTICLE_VALUE_FLOAT, 0, INFINITY},
        {"+.INF", ARTICLE_VALUE_FLOAT, 0, INFINITY},
        {"-.inf", ARTICLE_VALUE_FLOAT, 0, -INFINITY},
        {".iNf", ARTICLE_VALUE_STRING, 0, 0},
        {".nan", ARTICLE_VALUE_FLOAT, 0, NAN},
        {".NaN", ARTICLE_VALUE_FLOAT, 0, NAN},
        {".NAN", ARTICLE_VALUE_FLOAT, 0, NAN},
        {"-.nan", ARTICLE_VALUE_STRING, 0, 0},
        {"2024-05-01", ARTICLE_VALUE_STRING, 0, 0},
        {"12:30", ARTICLE_VALUE_STRING, 0, 0},
        {"hello world", ARTICLE_VALUE_STRING, 0, 0},
        {"\"12\"", ARTICLE_VALUE_STRING, 0, 0},
        {"'true'", ARTICLE_VALUE_STRING, 0, 0},
        {"\"null\"", ARTICLE_VALUE_STRING, 0, 0},
        {"''", ARTICLE_VALUE_STRING, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "---\nv: %s\n---\n", cases[i].text);
        article *a = parse_ok(text);
        const article_value *v = meta(a, "v");
        ck_assert_msg(article_value_get_type(v) == cases[i].type, "%s: type %d, expected %d",
                      cases[i].text, article_value_get_type(v), cases[i].type);
        size_t len;
        const char *s = article_value_string(v, &len);
        /* The text as written, quotes removed. */
        const char *want = cases[i].text;
        size_t want_len = strlen(want);
        if (want[0] == '"' || want[0] == '\'') {
            want++;
            want_len -= 2;
        }
        ck_assert_msg(len == want_len && memcmp(s, want, len) == 0, "%s: text '%s'",
                      cases[i].text, s);
        switch (cases[i].type) {
        case ARTICLE_VALUE_BOOL:
            ck_assert_int_eq(article_value_bool(v), (int)cases[i].i);
            break;
        case ARTICLE_VALUE_INT:
            ck_assert_msg(article_value_int(v) == cases[i].i, "%s", cases[i].text);
            ck_assert(article_value_float(v) == (double)cases[i].i);
            break;
        case ARTICLE_VALUE_FLOAT:
            if (isnan(cases[i].f))
                ck_assert(isnan(article_value_float(v)));
            else
                ck_assert_msg(article_value_float(v) == cases[i].f, "%s: %g", cases[i].text,
                              article_value_float(v));
            ck_assert(article_value_int(v) == 0);
            break;
        default:
            ck_assert_int_eq(article_value_bool(v), 0);
            ck_assert(article_value_int(v) == 0);
        }
        ck_assert_uint_eq(article_warning_count(a), 0);
        article_free(a);
    }
}
END_TEST

START_TEST(empty_values_are_null) {
    const char *text = "---\na:\nb: \nc: []\nd: {}\n---\n";
    article *a = parse_ok(text);
    const article_value *v = meta(a, "a");
    ck_assert_int_eq(article_value_get_type(v), ARTICLE_VALUE_NULL);
    size_t len = 9;
    ck_assert_str_eq(article_value_string(v, &len), "");
    ck_assert_uint_eq(len, 0);
    /* An empty value sits just after its colon. */
    ck_assert_uint_eq(article_value_start(v), off(text, "a:") + 2);
    ck_assert_uint_eq(article_value_end(v), article_value_start(v));
    ck_pos(v, 2, 3);
    ck_assert_int_eq(article_value_get_type(meta(a, "b")), ARTICLE_VALUE_NULL);
    ck_assert_int_eq(article_value_get_type(meta(a, "c")), ARTICLE_VALUE_SEQUENCE);
    ck_assert_uint_eq(article_value_count(meta(a, "c")), 0);
    ck_span(a, meta(a, "c"), "[]");
    ck_assert_int_eq(article_value_get_type(meta(a, "d")), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_value_count(meta(a, "d")), 0);
    ck_span(a, meta(a, "d"), "{}");
    article_free(a);
}
END_TEST

START_TEST(block_scalars_are_strings) {
    article *a = parse_ok("---\nlit: |\n  12\nfold: >\n  true\n  false\n---\n");
    ck_str(meta(a, "lit"), "12\n");
    ck_str(meta(a, "fold"), "true false\n");
    article_free(a);
}
END_TEST

START_TEST(huge_integers_warn_and_stay_strings) {
    const char *text = "---\nbig: 9223372036854775808\nsmall: -9223372036854775809\n"
                       "hex: 0x10000000000000000\noct: 0o1777777777777777777777\nok: 1\n---\n";
    article *a = parse_ok(text);
    ck_str(meta(a, "big"), "9223372036854775808");
    ck_str(meta(a, "small"), "-9223372036854775809");
    ck_str(meta(a, "hex"), "0x10000000000000000");
    ck_str(meta(a, "oct"), "0o1777777777777777777777");
    ck_assert_int_eq(article_value_get_type(meta(a, "ok")), ARTICLE_VALUE_INT);
    ck_assert_uint_eq(article_warning_count(a), 4);
    static const char *const at[] = {"9223372036854775808", "-9223", "0x1", "0o1"};
    for (size_t i = 0; i < 4; i++) {
        const article_warning *w = article_warning_at(a, i);
        ck_assert_int_eq(article_warning_get_code(w), ARTICLE_WARN_INT_RANGE);
        ck_assert_uint_eq(article_warning_offset(w), off(text, at[i]));
        ck_assert_ptr_nonnull(strstr(article_warning_message(w, NULL), "64 bits"));
    }
    article_free(a);
}
END_TEST

START_TEST(explicit_tags) {
    const char *text = "---\n"
                       "s: !!str 12\n"
                       "bang: ! 12\n"
                       "i: !!int \"12\"\n"
                       "f: !!float 12\n"
                       "fx: !!float 0x10\n"
                       "fe: !!float 1e2\n"
                       "b: !!bool 'true'\n"
                       "n: !!null \"\"\n"
                       "q: ! \"x\"\n"
                       "seq: !!seq [1]\n"
                       "map: !!map {k: v}\n"
                       "verbatim: !<tag:yaml.org,2002:int> 5\n"
                       "!!str key: 1\n"
                       "---\n";
    article *a = parse_ok(text);
    ck_str(meta(a, "s"), "12");
    ck_str(meta(a, "bang"), "12");
    ck_assert_int_eq(article_value_get_type(meta(a, "i")), ARTICLE_VALUE_INT);
    ck_assert(article_value_int(meta(a, "i")) == 12);
    ck_assert_int_eq(article_value_get_type(meta(a, "f")), ARTICLE_VALUE_FLOAT);
    ck_assert(article_value_float(meta(a, "f")) == 12.0);
    ck_assert(article_value_float(meta(a, "fx")) == 16.0);
    ck_assert(article_value_float(meta(a, "fe")) == 100.0);
    ck_assert_int_eq(article_value_get_type(meta(a, "b")), ARTICLE_VALUE_BOOL);
    ck_assert_int_eq(article_value_bool(meta(a, "b")), 1);
    ck_assert_int_eq(article_value_get_type(meta(a, "n")), ARTICLE_VALUE_NULL);
    ck_str(meta(a, "q"), "x");
    ck_assert_int_eq(article_value_get_type(meta(a, "seq")), ARTICLE_VALUE_SEQUENCE);
    ck_assert_int_eq(article_value_get_type(meta(a, "map")), ARTICLE_VALUE_MAPPING);
    ck_assert(article_value_int(meta(a, "verbatim")) == 5);
    ck_assert_ptr_nonnull(meta(a, "key"));
    /* Spans cover the value, not its tag. */
    ck_span(a, meta(a, "s"), "12");
    ck_span(a, meta(a, "i"), "\"12\"");
    ck_span(a, meta(a, "seq"), "[1]");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(unknown_tags_warn_once_per_node) {
    const char *text = "---\n"
                       "date: !!timestamp 2024-05-01\n"
                       "n: !custom 12\n"
                       "m: !thing {a: 1}\n"
                       "l: !!set [1]\n"
                       "b: !!binary aGVsbG8=\n"
                       "---\n";
    article *a = parse_ok(text);
    ck_str(meta(a, "date"), "2024-05-01");
    /* typed as if untagged */
    ck_assert_int_eq(article_value_get_type(meta(a, "n")), ARTICLE_VALUE_INT);
    ck_assert(article_value_int(meta(a, "n")) == 12);
    ck_assert_int_eq(article_value_get_type(meta(a, "m")), ARTICLE_VALUE_MAPPING);
    ck_assert_int_eq(article_value_get_type(meta(a, "l")), ARTICLE_VALUE_SEQUENCE);
    ck_str(meta(a, "b"), "aGVsbG8=");
    ck_assert_uint_eq(article_warning_count(a), 5);
    static const char *const at[] = {"!!timestamp", "!custom", "!thing", "!!set", "!!binary"};
    for (size_t i = 0; i < 5; i++) {
        const article_warning *w = article_warning_at(a, i);
        ck_assert_int_eq(article_warning_get_code(w), ARTICLE_WARN_UNKNOWN_TAG);
        ck_assert_uint_eq(article_warning_offset(w), off(text, at[i]));
        ck_assert_ptr_nonnull(strstr(article_warning_message(w, NULL), at[i]));
    }
    article_free(a);
}
END_TEST

START_TEST(bad_tag_values) {
    static const struct {
        const char *text;
        size_t col;
        const char *in_message;
    } cases[] = {
        {"---\na: !!int abc\n---\n", 10, "abc"},
        {"---\na: !!int 1.5\n---\n", 10, "!!int"},
        {"---\na: !!float x1\n---\n", 12, "x1"},
        {"---\na: !!bool yes\n---\n", 11, "yes"},
        {"---\na: !!null 0\n---\n", 11, "!!null"},
        {"---\na: !!seq x\n---\n", 10, "!!seq"},
        {"---\na: !!map [1]\n---\n", 10, "!!map"},
        {"---\na: !!str {b: 1}\n---\n", 10, "!!str"},
        {"---\n!!int k: 1\n---\n", 7, "k"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        article_error e = err_at(cases[i].text, ARTICLE_ERR_YAML_BAD_TAG_VALUE, 2, cases[i].col);
        ck_assert_msg(strstr(e.message, cases[i].in_message) != NULL, "%s", e.message);
    }
}
END_TEST

START_TEST(escaped_nul_is_rejected) {
    article_error e = err_at("---\na: \"x\\0y\"\n---\n", ARTICLE_ERR_NUL_BYTE, 2, 4);
    ck_assert_ptr_nonnull(strstr(e.message, "NUL"));
}
END_TEST

/* ---- errors ------------------------------------------------------------------------------ */

START_TEST(syntax_errors) {
    article_error e = err_at("---\ntitle: \"open\n---\n", ARTICLE_ERR_YAML_SYNTAX, 2, 8);
    ck_assert_ptr_nonnull(strstr(e.message, "quoted scalar"));
    e = err_at("---\na: 1\noops\nc: 2\n---\n", ARTICLE_ERR_YAML_SYNTAX, 3, 1);
    ck_assert_ptr_nonnull(strstr(e.message, "could not find expected ':'"));
    e = err_at("---\na: [1, 2\n---\n", ARTICLE_ERR_YAML_SYNTAX, 2, 4);
    ck_assert_ptr_nonnull(strstr(e.message, "flow sequence"));
    e = err_at("---\na: b: c\n---\n", ARTICLE_ERR_YAML_SYNTAX, 2, 5);
    ck_assert_ptr_nonnull(strstr(e.message, "mapping values are not allowed"));
    e = err_at("---\na: 1\n  b: 2\n---\n", ARTICLE_ERR_YAML_SYNTAX, 3, 4);
    /* After non-ASCII text the column still counts code points. */
    e = err_at("---\nkey: \xc3\xa9t\xc3\xa9: x\n---\n", ARTICLE_ERR_YAML_SYNTAX, 2, 9);
    /* libyaml's reader refuses control characters. */
    e = err_at("---\na: \xc3\xa9\x01\n---\n", ARTICLE_ERR_YAML_SYNTAX, 2, 5);
    ck_assert_ptr_nonnull(strstr(e.message, "control characters"));
}
END_TEST

START_TEST(not_a_mapping) {
    err_at("---\n- a\n- b\n---\n", ARTICLE_ERR_YAML_NOT_MAPPING, 2, 1);
    err_at("---\n  [a, b]\n---\n", ARTICLE_ERR_YAML_NOT_MAPPING, 2, 3);
    err_at("---\njust text\n---\n", ARTICLE_ERR_YAML_NOT_MAPPING, 2, 1);
    err_at("---\n\"null\"\n---\n", ARTICLE_ERR_YAML_NOT_MAPPING, 2, 1);
    err_at("---\n12\n---\n", ARTICLE_ERR_YAML_NOT_MAPPING, 2, 1);
}
END_TEST

START_TEST(multiple_documents) {
    article_error e = err_at("---\na: 1\n--- {b: 2}\n---\n", ARTICLE_ERR_YAML_MULTIPLE_DOCUMENTS,
                             3, 1);
    ck_assert_uint_eq(e.offset, 9);
    err_at("---\n--- {a: 1}\n--- {b: 2}\n---\n", ARTICLE_ERR_YAML_MULTIPLE_DOCUMENTS, 3, 1);
}
END_TEST

START_TEST(duplicate_keys) {
    article_error e = err_at("---\ntitle: a\nauthor: b\n\ntitle: c\n---\n",
                             ARTICLE_ERR_YAML_DUPLICATE_KEY, 5, 1);
    ck_assert_str_eq(e.message, "duplicate key 'title' on line 5 (first defined on line 2)");
    /* Quoted or plain, the same text is the same key. */
    e = err_at("---\na: 1\n\"a\": 2\n---\n", ARTICLE_ERR_YAML_DUPLICATE_KEY, 3, 1);
    /* In a nested mapping. */
    e = err_at("---\nx:\n  a: 1\n  b: 2\n  a: 3\ny: 1\n---\n", ARTICLE_ERR_YAML_DUPLICATE_KEY, 5,
               3);
    ck_assert_str_eq(e.message, "duplicate key 'a' on line 5 (first defined on line 3)");
    /* In a flow mapping. */
    e = err_at("---\nx: {k: 1, j: 2, k: 3}\n---\n", ARTICLE_ERR_YAML_DUPLICATE_KEY, 2, 17);
    /* The same key in two mappings is fine. */
    article *a = parse_ok("---\nx: {k: 1}\ny: {k: 2}\nk: 3\n---\n");
    article_free(a);
}
END_TEST

START_TEST(duplicate_keys_in_an_indexed_mapping) {
    /* 40 keys, then the 3rd again: past the size where the key index is used. */
    char text[1024];
    size_t n = (size_t)snprintf(text, sizeof text, "---\n");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "key%d: %d\n", i, i);
    snprintf(text + n, sizeof text - n, "key2: again\n---\n");
    article_error e = err_at(text, ARTICLE_ERR_YAML_DUPLICATE_KEY, 42, 1);
    ck_assert_str_eq(e.message, "duplicate key 'key2' on line 42 (first defined on line 4)");

    /* A duplicate right after the index is built (the 9th and 10th keys). */
    e = err_at("---\n{a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, i: 10}\n---\n",
               ARTICLE_ERR_YAML_DUPLICATE_KEY, 2, 56);
    e = err_at("---\n{a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, a: 10}\n---\n",
               ARTICLE_ERR_YAML_DUPLICATE_KEY, 2, 56);
}
END_TEST

START_TEST(complex_keys) {
    err_at("---\n[a, b]: 1\n---\n", ARTICLE_ERR_YAML_COMPLEX_KEY, 2, 1);
    err_at("---\n{a: 1}: 2\n---\n", ARTICLE_ERR_YAML_COMPLEX_KEY, 2, 1);
    err_at("---\n? - a\n: 1\n---\n", ARTICLE_ERR_YAML_COMPLEX_KEY, 2, 3);
    err_at("---\nx: {[a]: 1}\n---\n", ARTICLE_ERR_YAML_COMPLEX_KEY, 2, 5);
    article_error e = err_at("---\nm: &m {a: 1}\n*m : 2\n---\n", ARTICLE_ERR_YAML_COMPLEX_KEY,
                             3, 1);
    ck_assert_ptr_nonnull(strstr(e.message, "*m"));
    /* An explicit `?` key that is a scalar is fine. */
    article *a = parse_ok("---\n? k\n: v\n---\n");
    ck_str(meta(a, "k"), "v");
    article_free(a);
}
END_TEST

/* ---- aliases ----------------------------------------------------------------------------- */

START_TEST(aliases_share_their_node) {
    const char *text = "---\n"
                       "base: &b {name: Ann, tags: [x, y]}\n"
                       "copy: *b\n"
                       "word: &w hello\n"
                       "again: [*w, *w]\n"
                       "&k key: 1\n"
                       "other: {*k : 2}\n"
                       "---\n";
    article *a = parse_ok(text);
    const article_value *base = meta(a, "base"), *copy = meta(a, "copy");
    ck_assert_int_eq(article_value_get_type(copy), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_value_count(copy), 2);
    ck_str(article_value_get(copy, "name"), "Ann");
    /* What the alias reaches is the anchored node's, not a copy. */
    ck_assert_ptr_eq(article_value_get(copy, "tags"), article_value_get(base, "tags"));
    ck_assert_ptr_eq(article_value_key_at(copy, 0), article_value_key_at(base, 0));
    /* The alias has its own position. */
    ck_span(a, copy, "*b");
    ck_pos(copy, 3, 7);
    ck_span(a, base, "{name: Ann, tags: [x, y]}");

    const article_value *again = meta(a, "again");
    ck_assert_uint_eq(article_value_count(again), 2);
    ck_str(article_value_at(again, 1), "hello");
    ck_assert_ptr_eq(article_value_string(article_value_at(again, 1), NULL),
                     article_value_string(meta(a, "word"), NULL));
    ck_span(a, article_value_at(again, 1), "*w");
    ck_assert_uint_eq(article_value_start(article_value_at(again, 1)), off(text, "*w]"));

    /* An alias key is a string key with the anchored text. */
    const article_value *other = meta(a, "other");
    ck_str(article_value_key_at(other, 0), "key");
    ck_span(a, article_value_key_at(other, 0), "*k");
    ck_assert(article_value_int(article_value_get(other, "key")) == 2);
    article_free(a);

    /* An anchored key is a string as a key and typed where its alias is a value. */
    a = parse_ok("---\n&n 5: x\nv: *n\nw: {*n : y}\n---\n");
    ck_str(article_value_key_at(article_metadata(a), 0), "5");
    ck_assert_int_eq(article_value_get_type(meta(a, "v")), ARTICLE_VALUE_INT);
    ck_assert(article_value_int(meta(a, "v")) == 5);
    ck_str(article_value_key_at(meta(a, "w"), 0), "5");
    article_free(a);
}
END_TEST

START_TEST(anchors_can_be_redefined) {
    article *a = parse_ok("---\na: &x 1\nb: *x\nc: &x 2\nd: *x\n"
                          "e: &y [&y 3, *y]\nf: *y\n---\n");
    ck_assert(article_value_int(meta(a, "b")) == 1);
    ck_assert(article_value_int(meta(a, "d")) == 2);
    /* The inner `&y` is the later definition: *y after the list still means 3. */
    ck_assert(article_value_int(article_value_at(meta(a, "e"), 1)) == 3);
    ck_assert_int_eq(article_value_get_type(meta(a, "f")), ARTICLE_VALUE_INT);
    article_free(a);
}
END_TEST

START_TEST(undefined_and_recursive_aliases) {
    article_error e = err_at("---\na: *nope\n---\n", ARTICLE_ERR_YAML_UNDEFINED_ALIAS, 2, 4);
    ck_assert_ptr_nonnull(strstr(e.message, "nope"));
    /* defined only later */
    err_at("---\na: *x\nb: &x 1\n---\n", ARTICLE_ERR_YAML_UNDEFINED_ALIAS, 2, 4);
    e = err_at("---\na: &x [1, *x]\n---\n", ARTICLE_ERR_YAML_RECURSIVE_ALIAS, 2, 11);
    ck_assert_ptr_nonnull(strstr(e.message, "x"));
    err_at("---\na: &x\n  b:\n    c: *x\n---\n", ARTICLE_ERR_YAML_RECURSIVE_ALIAS, 4, 8);
}
END_TEST

START_TEST(alias_bomb_fails_fast) {
    const char *text = "---\n"
                       "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
                       "---\n";
    article_error e = parse_err(text, strlen(text), ARTICLE_ERR_LIMIT_YAML_NODES);
    /* Level f holds 9^5 > 100000 strings: the limit is reached inside it. */
    ck_assert_uint_eq(e.line, 7);
    ck_assert_ptr_nonnull(strstr(e.message, "100000"));
}
END_TEST

/* Few nodes, much text: each alias is one node but repeats 100 KB. */
START_TEST(alias_text_bomb_fails_fast) {
    char *head = repeat("---\na: &a ", "x", 100000, "\nb: [*a");
    char *text = repeat(head, ", *a", 4999, "]\n---\n");
    free(head);
    article_error e = parse_err(text, strlen(text), ARTICLE_ERR_LIMIT_YAML_EXPANSION);
    /* `a`, its 100000 bytes and `b` make 100002; the 671st alias takes the text to
     * 67,200,002 bytes, past 64 MiB (67,108,864). Alias k sits at column 5 + 4 (k - 1). */
    ck_assert_uint_eq(e.line, 3);
    ck_assert_uint_eq(e.column, 5 + 4 * 670);
    ck_assert_uint_eq(e.offset, off(text, "\nb: [") + 5 + 4 * 670);
    ck_assert_str_eq(e.message, "aliases expand the front matter to more than 67108864 bytes "
                                "of text");
    free(text);
}
END_TEST

START_TEST(aliases_of_short_text_parse) {
    const char *text = "---\n"
                       "author: &au Jane Doe\n"
                       "byline: [*au, *au]\n"
                       "credit: {by: *au, *au : lead}\n"
                       "---\n";
    article *a = parse_ok(text);
    ck_str(article_value_at(meta(a, "byline"), 1), "Jane Doe");
    ck_str(article_value_get(meta(a, "credit"), "by"), "Jane Doe");
    ck_str(article_value_get(meta(a, "credit"), "Jane Doe"), "lead");
    article_free(a);

    /* 20000 aliases of 100 bytes, 2 MB once expanded, are well within the default. */
    char *head = repeat("---\ns: &s ", "y", 100, "\nl: [*s");
    char *many = repeat(head, ", *s", 19999, "]\n---\n");
    free(head);
    a = parse_ok(many);
    ck_assert_uint_eq(article_value_count(meta(a, "l")), 20000);
    size_t n;
    article_value_string(article_value_at(meta(a, "l"), 19999), &n);
    ck_assert_uint_eq(n, 100);
    article_free(a);
    free(many);
}
END_TEST

/* ---- limits ------------------------------------------------------------------------------ */

START_TEST(depth_limit_flow) {
    char *text = deep_flow(64);
    article *a = parse_ok(text);
    const article_value *v = meta(a, "a");
    size_t depth = 1;
    while (article_value_get_type(v) == ARTICLE_VALUE_SEQUENCE) {
        depth++;
        v = article_value_at(v, 0);
    }
    ck_assert_uint_eq(depth, 64);
    article_free(a);
    free(text);

    text = deep_flow(65);
    article_error e = parse_err(text, strlen(text), ARTICLE_ERR_LIMIT_YAML_DEPTH);
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.column, 4 + 63);
    ck_assert_ptr_nonnull(strstr(e.message, "64"));
    free(text);

    /* 200 KB of brackets stop at the limit, long before libyaml gets slow. */
    text = deep_flow(200000);
    e = parse_err(text, strlen(text), ARTICLE_ERR_LIMIT_YAML_DEPTH);
    ck_assert_uint_eq(e.column, 4 + 63);
    free(text);
}
END_TEST

START_TEST(depth_limit_block) {
    char *text = deep_block(64);
    article *a = parse_ok(text);
    const article_value *v = article_metadata(a);
    for (int i = 0; i < 63; i++)
        v = article_value_get(v, "k");
    ck_str(article_value_get(v, "k"), "v");
    article_free(a);
    free(text);

    text = deep_block(65);
    article_error e = parse_err(text, strlen(text), ARTICLE_ERR_LIMIT_YAML_DEPTH);
    ck_assert_uint_eq(e.line, 2 + 64);
    ck_assert_uint_eq(e.column, 65);
    free(text);
}
END_TEST

START_TEST(depth_limit_custom) {
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.max_yaml_depth = 2;
    const char *ok = "---\na: [1, {b: 2}]\n---\n";
    const char *flow = "---\na: [[1]]\n---\n";
    const char *block = "---\na:\n  b:\n    c: 1\n---\n";
    article_error e = parse_err_opts(flow, strlen(flow), &o, ARTICLE_ERR_LIMIT_YAML_DEPTH);
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.column, 5);
    e = parse_err_opts(block, strlen(block), &o, ARTICLE_ERR_LIMIT_YAML_DEPTH);
    ck_assert_uint_eq(e.line, 4);
    ck_assert_uint_eq(e.column, 5);
    o.max_yaml_depth = 3;
    article *a = parse_ok_opts(flow, strlen(flow), &o);
    article_free(a);
    a = parse_ok_opts(block, strlen(block), &o);
    article_free(a);
    o.max_yaml_depth = 1;
    parse_err_opts(ok, strlen(ok), &o, ARTICLE_ERR_LIMIT_YAML_DEPTH);
    a = parse_ok_opts("---\na: 1\n---\n", 13, &o);
    article_free(a);
}
END_TEST

START_TEST(node_limit_custom) {
    /* mapping, a, 1, b, [], 1, 2: seven values */
    const char *text = "---\na: 1\nb: [1, 2]\n---\n";
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.max_yaml_nodes = 7;
    article *a = parse_ok_opts(text, strlen(text), &o);
    article_free(a);
    o.max_yaml_nodes = 6;
    article_error e = parse_err_opts(text, strlen(text), &o, ARTICLE_ERR_LIMIT_YAML_NODES);
    ck_assert_uint_eq(e.offset, off(text, "2]"));
    ck_assert_ptr_nonnull(strstr(e.message, "6"));

    /* An alias counts everything it reaches: 1 + (1 + 3) + (1 + 1 + 3 + 3). */
    text = "---\na: &x [1, 2]\nb: [*x, *x]\n---\n";
    o.max_yaml_nodes = 13;
    a = parse_ok_opts(text, strlen(text), &o);
    article_free(a);
    o.max_yaml_nodes = 12;
    e = parse_err_opts(text, strlen(text), &o, ARTICLE_ERR_LIMIT_YAML_NODES);
    ck_assert_uint_eq(e.offset, off(text, "*x]"));
}
END_TEST

START_TEST(expansion_limit_custom) {
    /* Text: m 1 + {key value k2 ab cd} 14; o 1 + 2 * 14; p 1, then 28 per alias: 73 and 101
     * bytes after the aliases in p. The input itself is 68 bytes, within every limit here. */
    const char *text = "---\n"
                       "m: &m {key: value, k2: [ab, cd]}\n"
                       "o: &o [*m, *m]\n"
                       "p: [*o, *o]\n"
                       "---\n";
    ck_assert_uint_eq(strlen(text), 68);
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.max_input_size = 101;
    article *a = parse_ok_opts(text, strlen(text), &o);
    article_free(a);
    o.max_input_size = 100;
    article_error e = parse_err_opts(text, strlen(text), &o, ARTICLE_ERR_LIMIT_YAML_EXPANSION);
    ck_assert_uint_eq(e.offset, off(text, "*o]"));
    ck_assert_uint_eq(e.line, 4);
    ck_assert_uint_eq(e.column, 9);
    ck_assert_ptr_nonnull(strstr(e.message, "100 bytes"));
    o.max_input_size = 73; /* the first alias in p reaches the limit, the second passes it */
    e = parse_err_opts(text, strlen(text), &o, ARTICLE_ERR_LIMIT_YAML_EXPANSION);
    ck_assert_uint_eq(e.offset, off(text, "*o]"));
    o.max_input_size = 72;
    e = parse_err_opts(text, strlen(text), &o, ARTICLE_ERR_LIMIT_YAML_EXPANSION);
    ck_assert_uint_eq(e.offset, off(text, "*o,"));

    /* An alias as a key repeats its text too: 1 + 16 for k, 1 for x, then 16 + 1 per
     * mapping, so the third key alias takes the text from 52 to 68 bytes (input: 65). */
    text = "---\nk: &k abcdefghijklmnop\nx: [{*k : 1}, {*k : 2}, {*k : 3}]\n---\n";
    ck_assert_uint_eq(strlen(text), 65);
    o.max_input_size = 69;
    a = parse_ok_opts(text, strlen(text), &o);
    article_free(a);
    o.max_input_size = 67;
    e = parse_err_opts(text, strlen(text), &o, ARTICLE_ERR_LIMIT_YAML_EXPANSION);
    ck_assert_uint_eq(e.offset, off(text, "*k : 3"));
}
END_TEST

/* ---- spans, positions, lookups ----------------------------------------------------------- */

START_TEST(spans_and_positions) {
    const char *text = "---\n"
                       "title: \"Ünïcödé — test\" # a comment\n"
                       "ключ: значение\n"
                       "plain: first line\n"
                       "  second line\n"
                       "quoted: 'one\n"
                       "  two'\n"
                       "lit: |\n"
                       "  line 1\n"
                       "  line 2  \n"
                       "\n"
                       "keep: >+\n"
                       "  folded\n"
                       "\n"
                       "nested:\n"
                       "  inner: [a, {b: c}]\n"
                       "  list:\n"
                       "  - x\n"
                       "  -   y\n"
                       "\n"
                       "# trailing comment\n"
                       "props: &p !!str  value\n"
                       "é: [ö, ü]\n"
                       "---\n"
                       "Body\n";
    article *a = parse_ok(text);
    const article_value *m = article_metadata(a);
    ck_assert_uint_eq(article_value_start(m), 4);
    ck_pos(m, 2, 1);
    ck_assert_uint_eq(article_value_end(m), off(text, "[ö, ü]") + strlen("[ö, ü]"));

    const article_value *t = meta(a, "title");
    ck_span(a, t, "\"Ünïcödé — test\"");
    ck_str(t, "Ünïcödé — test");
    ck_pos(t, 2, 8);
    ck_span(a, article_value_key_at(m, 0), "title");
    ck_pos(article_value_key_at(m, 0), 2, 1);

    const article_value *k = meta(a, "ключ");
    ck_span(a, k, "значение");
    ck_pos(k, 3, 7);
    ck_assert_uint_eq(article_value_start(k), off(text, "значение"));

    ck_span(a, meta(a, "plain"), "first line\n  second line");
    ck_str(meta(a, "plain"), "first line second line");
    ck_pos(meta(a, "plain"), 4, 8);
    ck_span(a, meta(a, "quoted"), "'one\n  two'");
    ck_str(meta(a, "quoted"), "one two");
    ck_span(a, meta(a, "lit"), "|\n  line 1\n  line 2  ");
    ck_str(meta(a, "lit"), "line 1\nline 2  \n");
    ck_span(a, meta(a, "keep"), ">+\n  folded");
    ck_str(meta(a, "keep"), "folded\n\n");

    const article_value *n = meta(a, "nested");
    ck_span(a, n, "inner: [a, {b: c}]\n  list:\n  - x\n  -   y");
    ck_pos(n, 16, 3);
    const article_value *inner = article_value_get(n, "inner");
    ck_span(a, inner, "[a, {b: c}]");
    ck_span(a, article_value_at(inner, 1), "{b: c}");
    ck_pos(article_value_at(inner, 1), 16, 14);
    const article_value *list = article_value_get(n, "list");
    ck_span(a, list, "- x\n  -   y");
    ck_pos(list, 18, 3);
    ck_span(a, article_value_at(list, 1), "y");
    ck_pos(article_value_at(list, 1), 19, 7);

    ck_span(a, meta(a, "props"), "value");
    ck_pos(meta(a, "props"), 22, 18);
    const article_value *e = meta(a, "é");
    ck_span(a, e, "[ö, ü]");
    ck_pos(e, 23, 4);
    ck_pos(article_value_at(e, 1), 23, 8);
    ck_span(a, article_value_at(e, 1), "ü");
    article_free(a);
}
END_TEST

/* A long single-line flow mapping with non-ASCII text: positions stay exact at its end. */
START_TEST(long_single_line_positions) {
    enum { N = 5000 };
    size_t cap = 32 + N * 32;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)snprintf(text, cap, "---\n{");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, "%sk\xc3\xa9%d: v\xc3\xb6%d", i ? ", " : "", i,
                              i);
    snprintf(text + n, cap - n, "}\n---\n");
    article *a = parse_ok(text);
    const article_value *m = article_metadata(a);
    ck_assert_uint_eq(article_value_count(m), N);
    char key[32], val[32];
    snprintf(key, sizeof key, "k\xc3\xa9%d", N - 1);
    snprintf(val, sizeof val, "v\xc3\xb6%d", N - 1);
    const article_value *v = article_value_get(m, key);
    ck_str(v, val);
    size_t start = off(text, val);
    ck_assert_uint_eq(article_value_start(v), start);
    /* one code point fewer than bytes for every é and ö before it, and one for `---\n` */
    size_t col = (start - 4) - 2 * (size_t)(N - 1) - 1 + 1;
    ck_pos(v, 2, col);
    article_free(a);
    free(text);
}
END_TEST

START_TEST(lookup_and_key_order) {
    article *a = parse_ok("---\nzeta: 1\nalpha: 2\nmid: 3\n\"\": empty\n---\n");
    const article_value *m = article_metadata(a);
    ck_assert_uint_eq(article_value_count(m), 4);
    static const char *const order[] = {"zeta", "alpha", "mid", ""};
    for (size_t i = 0; i < 4; i++)
        ck_str(article_value_key_at(m, i), order[i]);
    ck_assert(article_value_int(article_value_get(m, "alpha")) == 2);
    ck_assert_ptr_eq(article_value_get(m, "mid"), article_value_at(m, 2));
    ck_str(article_value_getn(m, "", 0), "empty");
    ck_assert_ptr_null(article_value_get(m, "Alpha"));
    ck_assert_ptr_null(article_value_get(m, "alph"));
    ck_assert_ptr_eq(article_value_getn(m, "alphabet", 5), article_value_get(m, "alpha"));
    article_free(a);
}
END_TEST

START_TEST(lookup_in_indexed_mappings) {
    enum { N = 300 };
    size_t cap = 16 + N * 32;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)snprintf(text, cap, "---\n");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, "key%d: %d\n", (i * 7919) % N, i);
    snprintf(text + n, cap - n, "nested: {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, "
                                "i: 9, j: 10}\n---\n");
    article *a = parse_ok(text);
    const article_value *m = article_metadata(a);
    ck_assert_uint_eq(article_value_count(m), N + 1);
    for (int i = 0; i < N; i++) {
        char key[16];
        snprintf(key, sizeof key, "key%d", (i * 7919) % N);
        const article_value *v = article_value_get(m, key);
        ck_assert_msg(v != NULL && article_value_int(v) == i, "%s", key);
        /* document order */
        ck_str(article_value_key_at(m, (size_t)i), key);
    }
    ck_assert_ptr_null(article_value_get(m, "key300"));
    ck_assert_ptr_null(article_value_get(m, "key"));
    const article_value *nested = article_value_get(m, "nested");
    ck_assert(article_value_int(article_value_get(nested, "j")) == 10);
    ck_assert(article_value_int(article_value_get(nested, "a")) == 1);
    ck_assert_ptr_null(article_value_get(nested, "k"));
    article_free(a);
    free(text);
}
END_TEST

START_TEST(fixture_article) {
    size_t len;
    char *text = fixture("frontmatter-article.md", &len);
    article *a = parse_ok_opts(text, len, NULL);
    size_t s, e;
    ck_assert_int_eq(article_front_matter(a, &s, &e), 1);
    ck_assert_str_eq(slice(a, e, e + 9), "The board");
    const article_value *m = article_metadata(a);
    ck_assert_uint_eq(article_value_count(m), 7);
    ck_str(meta(a, "title"), "Harbour Board Approves Café Pier — At Last");
    ck_assert(article_value_int(meta(a, "issue")) == 42);
    ck_assert(article_value_float(meta(a, "rating")) == 4.5);
    ck_assert_int_eq(article_value_bool(meta(a, "draft")), 0);
    ck_assert_int_eq(article_value_get_type(meta(a, "draft")), ARTICLE_VALUE_BOOL);
    const article_value *authors = meta(a, "authors");
    ck_assert_uint_eq(article_value_count(authors), 2);
    ck_str(article_value_get(article_value_at(authors, 1), "name"), "Joan Ó Briain");
    ck_span(a, article_value_at(authors, 1), "name: Joan Ó Briain\n    role: photos");
    const article_value *sum = meta(a, "summary");
    ck_str(sum, "The vote was 5–2.\nWork starts in May.\n");
    ck_pos(sum, 11, 10);
    ck_str(meta(a, "date"), "2024-05-01");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
    free(text);
}
END_TEST

/* ---- memory ------------------------------------------------------------------------------ */

typedef struct {
    size_t left; /* allocations before the failure */
    size_t live;
} fail_ctx;

static void *fail_malloc(size_t size, void *ctx) {
    fail_ctx *f = ctx;
    if (!f->left)
        return NULL;
    f->left--;
    void *p = malloc(size);
    if (p)
        f->live++;
    return p;
}

static void *fail_realloc(void *ptr, size_t size, void *ctx) {
    fail_ctx *f = ctx;
    if (!f->left)
        return NULL;
    f->left--;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        f->live++;
    return p;
}

static void fail_free(void *ptr, void *ctx) {
    fail_ctx *f = ctx;
    if (ptr)
        f->live--;
    free(ptr);
}

START_TEST(allocation_failures_are_clean) {
    const char *text = "---\n"
                       "a: &x {k: [1, 2.5, true, ~], s: 'str'}\n"
                       "b: *x\n"
                       "big: 99999999999999999999\n"
                       "t: !unknown 1\n"
                       "m: {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11,\n"
                       "    l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20}\n"
                       "&n1 a1: 1\n&n2 a2: 2\n&n3 a3: 3\n&n4 a4: 4\n&n5 a5: 5\n&n6 a6: 6\n"
                       "&n7 a7: 7\n&n8 a8: 8\n&n9 a9: 9\n"
                       "---\n";
    bool succeeded = false;
    for (size_t budget = 0; budget < 100000 && !succeeded; budget++) {
        fail_ctx f = {budget, 0};
        article_allocator al = {fail_malloc, fail_realloc, fail_free, &f};
        article_options o;
        article_options_init(&o, ARTICLE_OPTIONS_VERSION);
        o.allocator = &al;
        article *a = NULL;
        article_error err;
        article_status st = article_parse(text, strlen(text), &o, &a, &err);
        if (st == ARTICLE_OK) {
            succeeded = true;
            ck_assert_uint_eq(article_value_count(article_value_get(article_metadata(a), "m")),
                              20);
            ck_assert_uint_eq(article_warning_count(a), 2);
            article_free(a);
        } else {
            ck_assert_msg(st == ARTICLE_ERR_NOMEM, "budget %zu: %s", budget,
                          article_status_name(st));
            ck_assert_ptr_null(a);
        }
        ck_assert_msg(f.live == 0, "budget %zu: %zu blocks leaked", budget, f.live);
    }
    ck_assert(succeeded);
}
END_TEST

int main(void) {
    Suite *s = suite_create("frontmatter");
    TCase *tc = tcase_create("delimiting");
    tcase_add_test(tc, no_front_matter);
    tcase_add_test(tc, empty_front_matter);
    tcase_add_test(tc, only_comments);
    tcase_add_test(tc, dots_close_and_trailing_blanks);
    tcase_add_test(tc, crlf_everywhere);
    tcase_add_test(tc, lone_cr);
    tcase_add_test(tc, byte_order_mark);
    tcase_add_test(tc, unterminated);
    tcase_add_test(tc, json_front_matter);
    tcase_add_test(tc, dashes_in_body_are_not_metadata);
    suite_add_tcase(s, tc);

    tc = tcase_create("typing");
    tcase_add_test(tc, core_schema_typing);
    tcase_add_test(tc, empty_values_are_null);
    tcase_add_test(tc, block_scalars_are_strings);
    tcase_add_test(tc, huge_integers_warn_and_stay_strings);
    tcase_add_test(tc, explicit_tags);
    tcase_add_test(tc, unknown_tags_warn_once_per_node);
    tcase_add_test(tc, bad_tag_values);
    tcase_add_test(tc, escaped_nul_is_rejected);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, syntax_errors);
    tcase_add_test(tc, not_a_mapping);
    tcase_add_test(tc, multiple_documents);
    tcase_add_test(tc, duplicate_keys);
    tcase_add_test(tc, duplicate_keys_in_an_indexed_mapping);
    tcase_add_test(tc, complex_keys);
    suite_add_tcase(s, tc);

    tc = tcase_create("aliases");
    tcase_add_test(tc, aliases_share_their_node);
    tcase_add_test(tc, anchors_can_be_redefined);
    tcase_add_test(tc, undefined_and_recursive_aliases);
    tcase_add_test(tc, alias_bomb_fails_fast);
    tcase_add_test(tc, alias_text_bomb_fails_fast);
    tcase_add_test(tc, aliases_of_short_text_parse);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_add_test(tc, depth_limit_flow);
    tcase_add_test(tc, depth_limit_block);
    tcase_add_test(tc, depth_limit_custom);
    tcase_add_test(tc, node_limit_custom);
    tcase_add_test(tc, expansion_limit_custom);
    suite_add_tcase(s, tc);

    tc = tcase_create("spans");
    tcase_add_test(tc, spans_and_positions);
    tcase_add_test(tc, long_single_line_positions);
    tcase_add_test(tc, lookup_and_key_order);
    tcase_add_test(tc, lookup_in_indexed_mappings);
    tcase_add_test(tc, fixture_article);
    suite_add_tcase(s, tc);

    tc = tcase_create("memory");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, allocation_failures_are_clean);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
