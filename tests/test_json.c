/* JSON rendering: string escaping, numbers, key order, compact and pretty layout, every
 * block type's keys, quotes and warnings, allocation failures. Records are built by hand
 * here so that the renderer is checked on exact inputs; whole articles are covered by the
 * CLI tests. */
#include "internal.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a strict JSON validator (RFC 8259, UTF-8 checked) ---------------------------------- */

typedef struct vp {
    const unsigned char *s;
    size_t len, i;
    int depth;
} vp;

static bool v_value(vp *p);

static void v_ws(vp *p) {
    while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\n' || p->s[p->i] == '\r' ||
                             p->s[p->i] == '\t'))
        p->i++;
}

static bool v_lit(vp *p, const char *lit) {
    size_t n = strlen(lit);
    if (p->len - p->i < n || memcmp(p->s + p->i, lit, n) != 0)
        return false;
    p->i += n;
    return true;
}

static bool v_string(vp *p) {
    if (p->i >= p->len || p->s[p->i] != '"')
        return false;
    p->i++;
    while (p->i < p->len) {
        unsigned char c = p->s[p->i];
        if (c == '"') {
            p->i++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            p->i++;
            if (p->i >= p->len)
                return false;
            c = p->s[p->i++];
            if (c == 'u') {
                for (int k = 0; k < 4; k++, p->i++)
                    if (p->i >= p->len || !strchr("0123456789abcdefABCDEF", p->s[p->i]) ||
                        !p->s[p->i])
                        return false;
            } else if (!strchr("\"\\/bfnrt", c) || !c) {
                return false;
            }
            continue;
        }
        if (c < 0x80) {
            p->i++;
            continue;
        }
        bool nul;
        size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (p->len - p->i < n || art_utf8_check((const char *)p->s + p->i, n, &nul) != n)
            return false;
        p->i += n;
    }
    return false;
}

static bool v_digits(vp *p) {
    size_t start = p->i;
    while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9')
        p->i++;
    return p->i > start;
}

static bool v_number(vp *p) {
    if (p->i < p->len && p->s[p->i] == '-')
        p->i++;
    if (p->i < p->len && p->s[p->i] == '0')
        p->i++;
    else if (!v_digits(p))
        return false;
    if (p->i < p->len && p->s[p->i] == '.') {
        p->i++;
        if (!v_digits(p))
            return false;
    }
    if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (!v_digits(p))
            return false;
    }
    return true;
}

static bool v_container(vp *p, char close, bool object) {
    p->i++;
    if (++p->depth > 1000)
        return false;
    v_ws(p);
    if (p->i < p->len && p->s[p->i] == close) {
        p->i++;
        p->depth--;
        return true;
    }
    for (;;) {
        v_ws(p);
        if (object) {
            if (!v_string(p))
                return false;
            v_ws(p);
            if (p->i >= p->len || p->s[p->i++] != ':')
                return false;
        }
        if (!v_value(p))
            return false;
        v_ws(p);
        if (p->i >= p->len)
            return false;
        char c = (char)p->s[p->i++];
        if (c == close) {
            p->depth--;
            return true;
        }
        if (c != ',')
            return false;
    }
}

static bool v_value(vp *p) {
    v_ws(p);
    if (p->i >= p->len)
        return false;
    switch (p->s[p->i]) {
    case '{':
        return v_container(p, '}', true);
    case '[':
        return v_container(p, ']', false);
    case '"':
        return v_string(p);
    case 't':
        return v_lit(p, "true");
    case 'f':
        return v_lit(p, "false");
    case 'n':
        return v_lit(p, "null");
    default:
        return v_number(p);
    }
}

static bool json_valid(const char *s, size_t len) {
    vp p = {(const unsigned char *)s, len, 0, 0};
    if (!v_value(&p))
        return false;
    v_ws(&p);
    return p.i == len;
}

/* ---- helpers ---------------------------------------------------------------------------- */

static const char *escaped(const char *s, size_t len, size_t *out_len) {
    static char result[1024];
    art_mem mem = {NULL};
    art_buf b;
    art_buf_init(&b, &mem);
    ck_assert(art_json_string(&b, s, len));
    ck_assert_uint_lt(b.len, sizeof result);
    memcpy(result, b.data, b.len);
    result[b.len] = '\0';
    *out_len = b.len;
    art_buf_free(&b);
    return result;
}

#define ck_escaped(lit_in, lit_out)                                                       \
    do {                                                                                  \
        size_t elen_;                                                                     \
        const char *e_ = escaped((lit_in), sizeof(lit_in) - 1, &elen_);                   \
        ck_assert_strn_eq(e_, elen_, (lit_out));                                          \
        ck_assert(json_valid(e_, elen_));                                                 \
    } while (0)

static article_value *mk(article *a, article_value_type type, const char *text) {
    article_value *v = art_arena_alloc(&a->arena, sizeof *v);
    ck_assert_ptr_nonnull(v);
    *v = (article_value){0};
    v->type = (uint8_t)type;
    if (text) {
        v->str = art_arena_strdup(&a->arena, text, strlen(text));
        v->len = strlen(text);
    }
    return v;
}

static article_value *mk_float(article *a, double x, const char *text) {
    article_value *v = mk(a, ARTICLE_VALUE_FLOAT, text);
    v->number = x;
    return v;
}

static article_value *mk_int(article *a, int64_t x, const char *text) {
    article_value *v = mk(a, ARTICLE_VALUE_INT, text);
    v->integer = x;
    return v;
}

/* A collection of n items (and keys for a mapping, from the NUL-separated `keys`). */
static article_value *mk_coll(article *a, article_value_type type, size_t n,
                              article_value **items, const char *keys) {
    article_value *v = mk(a, type, NULL);
    const article_value **it = art_arena_alloc(&a->arena, (n ? n : 1) * sizeof *it);
    const article_value **ks = art_arena_alloc(&a->arena, (n ? n : 1) * sizeof *ks);
    for (size_t i = 0; i < n; i++) {
        it[i] = items[i];
        if (type == ARTICLE_VALUE_MAPPING) {
            ks[i] = mk(a, ARTICLE_VALUE_STRING, keys);
            keys += strlen(keys) + 1;
        }
    }
    v->items = it;
    v->keys = type == ARTICLE_VALUE_MAPPING ? ks : NULL;
    v->count = n;
    return v;
}

/* Render with fresh caches (the test changes records between renderings). */
static const char *render(article *a, unsigned int flags, size_t *len) {
    for (size_t i = 0; i < ART_JSON_VARIANTS; i++) {
        art_free(&a->mem, a->json[i].data);
        a->json[i].data = NULL;
    }
    const char *s = article_json(a, flags, len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(strlen(s), *len);
    ck_assert_msg(json_valid(s, *len), "invalid JSON: %s", s);
    return s;
}

/* The compact rendering of the metadata alone (between "metadata": and ,"blocks"). */
static const char *metadata_json(article *a, const article_value *meta) {
    static char result[4096];
    a->metadata = meta;
    size_t len;
    const char *s = render(a, ARTICLE_JSON_DEFAULT, &len);
    const char *from = strstr(s, "\"metadata\":");
    const char *to = strstr(s, ",\"blocks\":");
    ck_assert(from && to && to > from);
    from += strlen("\"metadata\":");
    ck_assert_uint_lt((size_t)(to - from), sizeof result);
    memcpy(result, from, (size_t)(to - from));
    result[to - from] = '\0';
    return result;
}

static const char *number_json(article *a, const article_value *v) {
    article_value *items[] = {(article_value *)v};
    const char *m = metadata_json(a, mk_coll(a, ARTICLE_VALUE_SEQUENCE, 1, items, NULL));
    static char result[128];
    size_t n = strlen(m);
    ck_assert(n >= 2 && m[0] == '[' && m[n - 1] == ']');
    memcpy(result, m + 1, n - 2);
    result[n - 2] = '\0';
    return result;
}

static article_block *add_block(article *a, article_block_type type) {
    ck_assert(art_grow(&a->mem, (void **)&a->blocks, &a->block_cap, a->block_count + 1,
                       sizeof *a->blocks));
    article_block *b = &a->blocks[a->block_count++];
    *b = (article_block){0};
    b->type = (uint8_t)type;
    b->parent = ARTICLE_NO_INDEX;
    b->text = "";
    return b;
}

/* ---- strings ------------------------------------------------------------------------------ */

/* The validator used on every rendering below must itself tell bad JSON from good. */
START_TEST(validator_is_strict) {
    static const char *const good[] = {
        "{}", "[]", "0", "-1.5e+3", "\"a\\u00e9\\n\"", "{\"a\":[1,true,null,{}]}",
        " [ 1 , 2 ] ", "\"\xC3\xA9\"",
    };
    static const char *const bad[] = {
        "", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", ".5", "+1", "tru", "nul",
        "\"\x01\"", "\"\\x\"", "\"\\u12G4\"", "\"\xC3\"", "\"\xED\xA0\x80\"", "[1 2]",
        "{\"a\" 1}", "\"open", "[] []", "NaN", "Infinity",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(json_valid(good[i], strlen(good[i])), "rejected %s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!json_valid(bad[i], strlen(bad[i])), "accepted %s", bad[i]);
}
END_TEST

START_TEST(escapes_every_special_character) {
    ck_escaped("", "\"\"");
    ck_escaped("plain text", "\"plain text\"");
    ck_escaped("q\"b\\s/", "\"q\\\"b\\\\s/\"");
    ck_escaped("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
    ck_escaped("\x01\x1f\x0b\x7f", "\"\\u0001\\u001f\\u000b\x7f\"");
    /* Non-ASCII stays as it is, except the two JavaScript line terminators. */
    ck_escaped("é – 😀 ’", "\"é – 😀 ’\"");
    ck_escaped("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "\"a\\u2028b\\u2029c\"");
    ck_escaped("\xE2\x80\xA7\xE2\x80\xAA", "\"\xE2\x80\xA7\xE2\x80\xAA\"");
    /* Bytes that are not UTF-8 become U+FFFD, so the output is always valid. */
    ck_escaped("a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"");
    ck_escaped("\xE2\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ck_escaped("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ck_escaped("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ck_escaped("x\xF4\x90\x80\x80", "\"x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}
END_TEST

START_TEST(escapes_a_nul_byte_and_long_runs) {
    size_t n;
    const char *e = escaped("a\0b", 3, &n);
    ck_assert_strn_eq(e, n, "\"a\\u0000b\"");
    /* Every byte value once: the result must be valid JSON and decode back. */
    char all[128];
    for (int i = 0; i < 128; i++)
        all[i] = (char)i;
    e = escaped(all, sizeof all, &n);
    ck_assert(json_valid(e, n));
    /* 27 controls as \u00XX, 5 as \n-style, " and \ escaped, 94 bytes as they are. */
    ck_assert_uint_eq(n, 2 + 27 * 6 + 5 * 2 + 2 * 2 + 94);
}
END_TEST

/* ---- numbers ------------------------------------------------------------------------------ */

START_TEST(floats_are_shortest_round_trip_with_a_point_or_exponent) {
    article *a = parse_ok("");
    static const struct {
        double x;
        const char *want;
    } cases[] = {
        {1.0, "1.0"},
        {0.1, "0.1"},
        {1e20, "1e+20"},
        {-2.5, "-2.5"},
        {100.0, "100.0"},
        {123.456, "123.456"},
        {0.30000000000000004, "0.30000000000000004"},
        {1e15, "1000000000000000.0"},
        {1e16, "1e+16"},
        {1.5e16, "1.5e+16"},
        {0.0001, "0.0001"},
        {0.00001, "1e-05"},
        {2.5e-7, "2.5e-07"},
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {123456789012345680.0, "1.2345678901234568e+17"},
        {1e100, "1e+100"},
        {3.0e-5, "3e-05"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = number_json(a, mk_float(a, cases[i].x, "unused"));
        ck_assert_msg(strcmp(got, cases[i].want) == 0, "%.17g: expected %s, got %s",
                      cases[i].x, cases[i].want, got);
    }
    article_free(a);
}
END_TEST

START_TEST(floats_round_trip_over_many_values) {
    article *a = parse_ok("");
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 3000; i++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        double x;
        uint64_t bits = state;
        memcpy(&x, &bits, sizeof x);
        if (!isfinite(x))
            continue;
        const char *got = number_json(a, mk_float(a, x, "unused"));
        ck_assert_msg(strtod(got, NULL) == x, "%.17g rendered as %s", x, got);
        ck_assert_msg(strpbrk(got, ".e") != NULL, "%s has neither a point nor exponent", got);
        /* Shortest: one significant digit fewer does not read back. */
        char sig[40];
        size_t nd = 0;
        for (const char *q = got; *q && *q != 'e'; q++)
            if (*q >= '0' && *q <= '9' && (nd || *q != '0'))
                sig[nd++] = *q;
        while (nd > 1 && sig[nd - 1] == '0')
            nd--;
        if (nd > 1) {
            char shorter[40];
            snprintf(shorter, sizeof shorter, "%.*e", (int)nd - 2, x);
            ck_assert_msg(strtod(shorter, NULL) != x, "%s is not the shortest for %s",
                          got, shorter);
        }
    }
    article_free(a);
}
END_TEST

START_TEST(non_finite_floats_are_strings_as_written) {
    article *a = parse_ok("");
    ck_assert_str_eq(number_json(a, mk_float(a, INFINITY, ".inf")), "\".inf\"");
    ck_assert_str_eq(number_json(a, mk_float(a, -INFINITY, "-.Inf")), "\"-.Inf\"");
    ck_assert_str_eq(number_json(a, mk_float(a, NAN, ".NaN")), "\".NaN\"");
    article_free(a);
}
END_TEST

START_TEST(scalars_of_every_type) {
    article *a = parse_ok("");
    ck_assert_str_eq(number_json(a, mk_int(a, 31, "0x1F")), "31");
    ck_assert_str_eq(number_json(a, mk_int(a, INT64_MAX, "x")), "9223372036854775807");
    ck_assert_str_eq(number_json(a, mk_int(a, INT64_MIN, "x")), "-9223372036854775808");
    ck_assert_str_eq(number_json(a, mk_int(a, 0, "0")), "0");
    ck_assert_str_eq(number_json(a, mk_int(a, -7, "-7")), "-7");
    article_value *t = mk(a, ARTICLE_VALUE_BOOL, "True");
    t->boolean = true;
    ck_assert_str_eq(number_json(a, t), "true");
    ck_assert_str_eq(number_json(a, mk(a, ARTICLE_VALUE_BOOL, "false")), "false");
    ck_assert_str_eq(number_json(a, mk(a, ARTICLE_VALUE_NULL, "~")), "null");
    ck_assert_str_eq(number_json(a, mk(a, ARTICLE_VALUE_STRING, "2024-05-01")),
                     "\"2024-05-01\"");
    article_free(a);
}
END_TEST

/* ---- layout ------------------------------------------------------------------------------- */

static const char empty_compact[] =
    "{\"title\":null,\"subhed\":null,\"author\":null,\"authors\":[],\"author_title\":null,"
    "\"date\":null,\"category\":null,\"tags\":[],\"layout\":null,\"permalink\":null,"
    "\"excerpt\":null,\"image\":null,\"metadata\":{},\"blocks\":[],\"quotes\":[],"
    "\"stats\":{\"words\":0,\"reading_minutes\":0},\"warnings\":[]}";

static const char empty_pretty[] = "{\n"
                                   "  \"title\": null,\n"
                                   "  \"subhed\": null,\n"
                                   "  \"author\": null,\n"
                                   "  \"authors\": [],\n"
                                   "  \"author_title\": null,\n"
                                   "  \"date\": null,\n"
                                   "  \"category\": null,\n"
                                   "  \"tags\": [],\n"
                                   "  \"layout\": null,\n"
                                   "  \"permalink\": null,\n"
                                   "  \"excerpt\": null,\n"
                                   "  \"image\": null,\n"
                                   "  \"metadata\": {},\n"
                                   "  \"blocks\": [],\n"
                                   "  \"quotes\": [],\n"
                                   "  \"stats\": {\n"
                                   "    \"words\": 0,\n"
                                   "    \"reading_minutes\": 0\n"
                                   "  },\n"
                                   "  \"warnings\": []\n"
                                   "}";

START_TEST(empty_article_key_order_compact_and_pretty) {
    article *a = parse_ok("");
    size_t len;
    const char *s = article_json(a, ARTICLE_JSON_DEFAULT, &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_strn_eq(s, len, empty_compact);
    ck_assert(json_valid(s, len));
    /* Cached: the same rendering comes back. */
    ck_assert_ptr_eq(article_json(a, ARTICLE_JSON_DEFAULT, NULL), s);
    s = article_json(a, ARTICLE_JSON_PRETTY, &len);
    ck_assert_strn_eq(s, len, empty_pretty);
    ck_assert_ptr_eq(article_json(a, ARTICLE_JSON_PRETTY, NULL), s);
    ck_assert_ptr_null(article_json(NULL, 0, &len));
    ck_assert_uint_eq(len, 0);
    article_free(a);
}
END_TEST

START_TEST(fields_image_and_lists) {
    article *a = parse_ok("");
    a->field_str[ARTICLE_FIELD_TITLE] = "T \"1\"";
    a->field_len[ARTICLE_FIELD_TITLE] = 5;
    a->field_str[ARTICLE_FIELD_EXCERPT] = "x";
    a->field_len[ARTICLE_FIELD_EXCERPT] = 1;
    static const char *names[] = {"Ann", "Bo"};
    static size_t lens[] = {3, 2};
    a->authors = (art_strlist){names, lens, 2};
    a->tags = (art_strlist){names + 1, lens + 1, 1};
    article_image img = {0};
    img.path = "p.jpg";
    img.path_len = 5;
    img.alt = "";
    a->image = &img;
    size_t len;
    const char *s = render(a, ARTICLE_JSON_DEFAULT, &len);
    ck_assert_ptr_nonnull(strstr(
        s, "{\"title\":\"T \\\"1\\\"\",\"subhed\":null,\"author\":null,"
           "\"authors\":[\"Ann\",\"Bo\"],\"author_title\":null,\"date\":null,"
           "\"category\":null,\"tags\":[\"Bo\"],\"layout\":null,\"permalink\":null,"
           "\"excerpt\":\"x\",\"image\":{\"path\":\"p.jpg\",\"cutline\":null,"
           "\"credit\":null,\"alt\":\"\"},\"metadata\":{}"));
    s = render(a, ARTICLE_JSON_PRETTY, &len);
    ck_assert_ptr_nonnull(strstr(s, "  \"authors\": [\n    \"Ann\",\n    \"Bo\"\n  ],\n"));
    ck_assert_ptr_nonnull(strstr(s, "  \"image\": {\n    \"path\": \"p.jpg\",\n"
                                    "    \"cutline\": null,\n    \"credit\": null,\n"
                                    "    \"alt\": \"\"\n  },\n"));
    a->image = NULL;
    a->authors = a->tags = (art_strlist){0};
    article_free(a);
}
END_TEST

START_TEST(metadata_nested_compact_and_pretty) {
    article *a = parse_ok("");
    article_value *inner_items[] = {mk(a, ARTICLE_VALUE_STRING, "x")};
    article_value *b_items[] = {mk_coll(a, ARTICLE_VALUE_SEQUENCE, 0, NULL, NULL),
                                mk_coll(a, ARTICLE_VALUE_MAPPING, 1, inner_items, "k\n")};
    article_value *list_items[] = {mk_int(a, 1, "1"),
                                   mk_coll(a, ARTICLE_VALUE_MAPPING, 2, b_items, "b\0c")};
    article_value *top[] = {mk_coll(a, ARTICLE_VALUE_SEQUENCE, 2, list_items, NULL),
                            mk_coll(a, ARTICLE_VALUE_MAPPING, 0, NULL, NULL),
                            mk(a, ARTICLE_VALUE_STRING, "")};
    article_value *meta = mk_coll(a, ARTICLE_VALUE_MAPPING, 3, top, "a\0z\0\"q\"");
    ck_assert_str_eq(metadata_json(a, meta),
                     "{\"a\":[1,{\"b\":[],\"c\":{\"k\\n\":\"x\"}}],\"z\":{},\"\\\"q\\\"\":\"\"}");
    size_t len;
    const char *s = render(a, ARTICLE_JSON_PRETTY, &len);
    ck_assert_ptr_nonnull(strstr(s, "  \"metadata\": {\n"
                                    "    \"a\": [\n"
                                    "      1,\n"
                                    "      {\n"
                                    "        \"b\": [],\n"
                                    "        \"c\": {\n"
                                    "          \"k\\n\": \"x\"\n"
                                    "        }\n"
                                    "      }\n"
                                    "    ],\n"
                                    "    \"z\": {},\n"
                                    "    \"\\\"q\\\"\": \"\"\n"
                                    "  },\n"
                                    "  \"blocks\": [],\n"));
    /* No trailing newline, no spaces in compact output outside strings. */
    ck_assert_int_eq(s[len - 1], '}');
    article_free(a);
}
END_TEST

/* Deeper than the renderer's built-in stack, and a shared (aliased) node rendered twice. */
START_TEST(metadata_deep_and_shared) {
    article *a = parse_ok("");
    enum { DEPTH = 300 };
    article_value *v = mk(a, ARTICLE_VALUE_STRING, "leaf");
    for (int i = 0; i < DEPTH; i++) {
        article_value *items[] = {v};
        v = mk_coll(a, i % 2 ? ARTICLE_VALUE_MAPPING : ARTICLE_VALUE_SEQUENCE, 1, items, "k");
    }
    article_value *pair[] = {v, v};
    const char *m = metadata_json(a, mk_coll(a, ARTICLE_VALUE_MAPPING, 2, pair, "x\0y"));
    size_t n = strlen(m);
    ck_assert_uint_eq(n, 2 * (DEPTH / 2 * strlen("[{\"k\":}]") + strlen("\"leaf\"")) +
                             strlen("{\"x\":,\"y\":}"));
    ck_assert_ptr_nonnull(strstr(m, "{\"k\":[{\"k\":[\"leaf\"]}]}"));
    size_t len;
    const char *s = render(a, ARTICLE_JSON_PRETTY, &len);
    ck_assert(json_valid(s, len));
    article_free(a);
}
END_TEST

START_TEST(every_block_type_has_its_keys) {
    article *a = parse_ok("");
    article_block *b = add_block(a, ARTICLE_BLOCK_HEADING);
    b->level = 2;
    b->text = "Head";
    b->text_len = 4;
    b->start = 0;
    b->end = 7;
    b = add_block(a, ARTICLE_BLOCK_LIST);
    b->ordered = true;
    b->list_start = 3;
    b->tight = true;
    b = add_block(a, ARTICLE_BLOCK_ITEM);
    b->parent = 1;
    b->depth = 1;
    b->task = ARTICLE_TASK_DONE;
    b = add_block(a, ARTICLE_BLOCK_ITEM);
    b->task = ARTICLE_TASK_OPEN;
    b = add_block(a, ARTICLE_BLOCK_ITEM);
    b = add_block(a, ARTICLE_BLOCK_CODE);
    b->text = "x = 1\n";
    b->text_len = 6;
    b->info = "python";
    b->info_len = 6;
    b = add_block(a, ARTICLE_BLOCK_FOOTNOTE_DEFINITION);
    b->info = "n1";
    b->info_len = 2;
    b = add_block(a, ARTICLE_BLOCK_TABLE_ROW);
    b->header = true;
    static const article_align aligns[] = {ARTICLE_ALIGN_NONE, ARTICLE_ALIGN_LEFT,
                                           ARTICLE_ALIGN_CENTER, ARTICLE_ALIGN_RIGHT};
    for (int i = 0; i < 4; i++)
        add_block(a, ARTICLE_BLOCK_TABLE_CELL)->align = (uint8_t)aligns[i];
    add_block(a, ARTICLE_BLOCK_THEMATIC_BREAK);
    add_block(a, ARTICLE_BLOCK_LIST)->list_start = 0;
    size_t len;
    const char *s = render(a, ARTICLE_JSON_DEFAULT, &len);
    const char *want =
        "\"blocks\":["
        "{\"type\":\"heading\",\"text\":\"Head\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":7,\"level\":2},"
        "{\"type\":\"list\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,\"end\":0,"
        "\"ordered\":true,\"list_start\":3,\"tight\":true},"
        "{\"type\":\"item\",\"text\":\"\",\"parent\":1,\"depth\":1,\"start\":0,\"end\":0,"
        "\"task\":\"done\"},"
        "{\"type\":\"item\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,\"end\":0,"
        "\"task\":\"open\"},"
        "{\"type\":\"item\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,\"end\":0,"
        "\"task\":null},"
        "{\"type\":\"code\",\"text\":\"x = 1\\n\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0,\"info\":\"python\"},"
        "{\"type\":\"footnote_definition\",\"text\":\"\",\"parent\":null,\"depth\":0,"
        "\"start\":0,\"end\":0,\"label\":\"n1\"},"
        "{\"type\":\"table_row\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0,\"header\":true},"
        "{\"type\":\"table_cell\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0,\"align\":null},"
        "{\"type\":\"table_cell\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0,\"align\":\"left\"},"
        "{\"type\":\"table_cell\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0,\"align\":\"center\"},"
        "{\"type\":\"table_cell\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0,\"align\":\"right\"},"
        "{\"type\":\"thematic_break\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,"
        "\"end\":0},"
        "{\"type\":\"list\",\"text\":\"\",\"parent\":null,\"depth\":0,\"start\":0,\"end\":0,"
        "\"ordered\":false,\"list_start\":0,\"tight\":false}],"
        "\"quotes\":[]";
    ck_assert_msg(strstr(s, want) != NULL, "got %s", s);
    s = render(a, ARTICLE_JSON_PRETTY, &len);
    ck_assert_ptr_nonnull(strstr(s, "  \"blocks\": [\n"
                                    "    {\n"
                                    "      \"type\": \"heading\",\n"
                                    "      \"text\": \"Head\",\n"
                                    "      \"parent\": null,\n"
                                    "      \"depth\": 0,\n"
                                    "      \"start\": 0,\n"
                                    "      \"end\": 7,\n"
                                    "      \"level\": 2\n"
                                    "    },\n"
                                    "    {\n"
                                    "      \"type\": \"list\",\n"));
    article_free(a);
}
END_TEST

START_TEST(quotes_stats_and_warnings) {
    article *a = parse_ok("line one\nsecond “line”\n");
    ck_assert(art_grow(&a->mem, (void **)&a->quotes, &a->quote_cap, 2, sizeof *a->quotes));
    static const art_span spans[] = {{3, 9}, {20, 31}};
    static const article_speaker who = {.text = "Jo Ann", .len = 6, .start = 40, .end = 46,
                                        .type = ARTICLE_SPEAKER_NAME, .name = "Ann",
                                        .name_len = 3, .name_start = 43, .name_end = 46};
    a->quotes[0] = (article_quote){.text = "Hi \"there\"", .len = 10, .block = 4,
                                   .start = 3, .end = 31, .spans = spans, .span_count = 2,
                                   .attribution = ARTICLE_ATTRIBUTION_DIRECT,
                                   .speaker = &who, .cue = "said", .cue_len = 4,
                                   .cue_start = 47, .cue_end = 51};
    a->quotes[1] = (article_quote){.text = "", .len = 0, .block = 0, .start = 1, .end = 1,
                                   .spans = spans, .span_count = 1};
    a->quote_count = 2;
    a->words = 401;
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    art_ctx c = {a, &o, NULL, ARTICLE_OK};
    ck_assert(art_warn(&c, ARTICLE_WARN_DATE_FORMAT, 21, "date 'x' is \"bad\""));
    ck_assert(art_warn(&c, ARTICLE_WARN_UNBALANCED_QUOTE, 0, "open"));
    size_t len;
    const char *s = render(a, ARTICLE_JSON_DEFAULT, &len);
    const char *want =
        "\"quotes\":["
        "{\"text\":\"Hi \\\"there\\\"\",\"block\":4,\"start\":3,\"end\":31,"
        "\"spans\":[[3,9],[20,31]],\"speaker\":{\"text\":\"Jo Ann\",\"start\":40,\"end\":46,"
        "\"type\":\"name\",\"name\":\"Ann\"},"
        "\"cue\":\"said\",\"attribution\":\"direct\"},"
        "{\"text\":\"\",\"block\":0,\"start\":1,\"end\":1,\"spans\":[[3,9]],"
        "\"speaker\":null,\"cue\":null,\"attribution\":\"none\"}],"
        "\"stats\":{\"words\":401,\"reading_minutes\":3},"
        "\"warnings\":["
        "{\"code\":\"date_format\",\"message\":\"date 'x' is \\\"bad\\\"\",\"offset\":21,"
        "\"line\":2,\"column\":11},"
        "{\"code\":\"unbalanced_quote\",\"message\":\"open\",\"offset\":0,\"line\":1,"
        "\"column\":1}]}";
    ck_assert_msg(strstr(s, want) != NULL, "got %s", s);
    ck_assert_str_eq(s + len - strlen(want), want);
    s = render(a, ARTICLE_JSON_PRETTY, &len);
    ck_assert_ptr_nonnull(strstr(s, "      \"spans\": [\n"
                                    "        [\n"
                                    "          3,\n"
                                    "          9\n"
                                    "        ],\n"
                                    "        [\n"
                                    "          20,\n"
                                    "          31\n"
                                    "        ]\n"
                                    "      ],\n"
                                    "      \"speaker\": {\n"
                                    "        \"text\": \"Jo Ann\",\n"));
    a->quote_count = 0;
    article_free(a);
}
END_TEST

/* ---- allocation failures ----------------------------------------------------------------- */

typedef struct failing {
    long left; /* allocations still allowed; negative: unlimited */
    long live;
} failing;

static void *f_malloc(size_t n, void *ctx) {
    failing *f = ctx;
    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    void *p = malloc(n);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *p, size_t n, void *ctx) {
    failing *f = ctx;
    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    void *q = realloc(p, n);
    if (q && !p)
        f->live++;
    return q;
}

static void f_free(void *p, void *ctx) {
    failing *f = ctx;
    if (p)
        f->live--;
    free(p);
}

START_TEST(render_fails_cleanly_when_memory_runs_out) {
    failing f = {-1, 0};
    article_allocator al = {f_malloc, f_realloc, f_free, &f};
    article_options o = ARTICLE_OPTIONS_INIT;
    o.allocator = &al;
    const char *text = "hello\n";
    article *a = parse_ok_opts(text, strlen(text), &o);
    /* Deep metadata makes the renderer grow its own stack too. */
    article_value *v = mk(a, ARTICLE_VALUE_STRING, "leaf");
    for (int i = 0; i < 100; i++) {
        article_value *items[] = {v};
        v = mk_coll(a, ARTICLE_VALUE_SEQUENCE, 1, items, NULL);
    }
    article_value *top[] = {v};
    a->metadata = mk_coll(a, ARTICLE_VALUE_MAPPING, 1, top, "deep");
    long base = f.live;
    bool done = false;
    for (long limit = 0; limit < 100 && !done; limit++) {
        f.left = limit;
        size_t len = 99;
        const char *s = article_json(a, ARTICLE_JSON_PRETTY, &len);
        if (s) {
            done = true;
            ck_assert(json_valid(s, len));
            ck_assert_uint_eq(f.live, base + 1);
        } else {
            ck_assert_uint_eq(len, 0);
            ck_assert_int_eq(f.live, base);
        }
    }
    ck_assert(done);
    f.left = -1;
    article_free(a);
    ck_assert_int_eq(f.live, 0);
}
END_TEST

int main(void) {
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("strings");
    tcase_add_test(tc, validator_is_strict);
    tcase_add_test(tc, escapes_every_special_character);
    tcase_add_test(tc, escapes_a_nul_byte_and_long_runs);
    suite_add_tcase(s, tc);
    tc = tcase_create("numbers");
    tcase_add_test(tc, floats_are_shortest_round_trip_with_a_point_or_exponent);
    tcase_add_test(tc, floats_round_trip_over_many_values);
    tcase_add_test(tc, non_finite_floats_are_strings_as_written);
    tcase_add_test(tc, scalars_of_every_type);
    suite_add_tcase(s, tc);
    tc = tcase_create("layout");
    tcase_add_test(tc, empty_article_key_order_compact_and_pretty);
    tcase_add_test(tc, fields_image_and_lists);
    tcase_add_test(tc, metadata_nested_compact_and_pretty);
    tcase_add_test(tc, metadata_deep_and_shared);
    tcase_add_test(tc, every_block_type_has_its_keys);
    tcase_add_test(tc, quotes_stats_and_warnings);
    tcase_add_test(tc, render_fails_cleanly_when_memory_runs_out);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
