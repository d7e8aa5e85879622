/* Public API basics: versions, status codes, options, arguments, encoding checks, files,
 * positions, NULL handling and the caller's allocator. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(version_matches_header) {
    ck_assert_str_eq(article_version(), ARTICLE_VERSION_STRING);
    ck_assert_uint_eq(article_version_number(), ARTICLE_VERSION_NUMBER);
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", ARTICLE_VERSION_MAJOR, ARTICLE_VERSION_MINOR,
             ARTICLE_VERSION_PATCH);
    ck_assert_str_eq(article_version(), expect);
}
END_TEST

/* cmark-gfm before 0.29.0.gfm.13 is unsafe on untrusted input; never link one. */
START_TEST(cmark_gfm_is_at_least_gfm13) {
    const char *v = article_dependency_version("cmark-gfm");
    ck_assert_ptr_nonnull(v);
    int major, minor, patch, gfm;
    ck_assert_int_eq(sscanf(v, "%d.%d.%d.gfm.%d", &major, &minor, &patch, &gfm), 4);
    long packed = ((long)major << 24) | (minor << 16) | (patch << 8) | gfm;
    ck_assert_msg(packed >= ((0L << 24) | (29 << 16) | (0 << 8) | 13),
                  "linked cmark-gfm %s is older than 0.29.0.gfm.13", v);
    ck_assert_ptr_nonnull(article_dependency_version("libyaml"));
    ck_assert_ptr_null(article_dependency_version("zlib"));
    ck_assert_ptr_null(article_dependency_version(NULL));
}
END_TEST

START_TEST(status_names_and_families) {
    ck_assert_str_eq(article_status_name(ARTICLE_OK), "ok");
    ck_assert_str_eq(article_status_name(ARTICLE_ERR_YAML_DUPLICATE_KEY), "yaml_duplicate_key");
    ck_assert_str_eq(article_status_name((article_status)9999), "unknown");
    ck_assert_str_eq(article_status_describe((article_status)9999), "unknown error");
    ck_assert_int_eq(article_status_family_of(ARTICLE_OK), ARTICLE_FAMILY_NONE);
    ck_assert_int_eq(article_status_family_of(ARTICLE_ERR_NOMEM), ARTICLE_FAMILY_SYSTEM);
    ck_assert_int_eq(article_status_family_of(ARTICLE_ERR_UTF8), ARTICLE_FAMILY_ENCODING);
    ck_assert_int_eq(article_status_family_of(ARTICLE_ERR_YAML_SYNTAX),
                     ARTICLE_FAMILY_FRONT_MATTER);
    ck_assert_int_eq(article_status_family_of(ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH),
                     ARTICLE_FAMILY_LIMIT);
    /* Every known code has a distinct name and a description. */
    const char *seen[64];
    size_t n = 0;
    for (int code = 0; code < 1000; code++) {
        const char *name = article_status_name((article_status)code);
        if (strcmp(name, "unknown") == 0)
            continue;
        ck_assert_uint_lt(n, 64);
        for (size_t i = 0; i < n; i++)
            ck_assert_str_ne(seen[i], name);
        seen[n++] = name;
        ck_assert_str_ne(article_status_describe((article_status)code), "unknown error");
    }
    ck_assert_uint_eq(n, 26);
}
END_TEST

START_TEST(options_init_and_versions) {
    article_options o;
    ck_assert_int_eq(article_options_init(&o, ARTICLE_OPTIONS_VERSION), ARTICLE_OK);
    ck_assert_uint_eq(o.version, ARTICLE_OPTIONS_VERSION);
    ck_assert_uint_eq(o.max_input_size, ARTICLE_DEFAULT_MAX_INPUT_SIZE);
    ck_assert_uint_eq(o.max_yaml_depth, ARTICLE_DEFAULT_MAX_YAML_DEPTH);
    ck_assert_uint_eq(o.max_yaml_nodes, ARTICLE_DEFAULT_MAX_YAML_NODES);
    ck_assert_uint_eq(o.max_markdown_depth, ARTICLE_DEFAULT_MAX_MARKDOWN_DEPTH);
    ck_assert_ptr_null(o.allocator);
    ck_assert_uint_eq(o.max_front_matter_size, ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE);
    ck_assert_uint_eq(o.max_blocks, ARTICLE_DEFAULT_MAX_BLOCKS);
    ck_assert_uint_eq(o.max_quotes, ARTICLE_DEFAULT_MAX_QUOTES);
    ck_assert_uint_eq(o.max_warnings, ARTICLE_DEFAULT_MAX_WARNINGS);
    ck_assert_int_eq(article_options_init(&o, 99), ARTICLE_ERR_INVALID_OPTIONS);
    ck_assert_int_eq(article_options_init(&o, 0), ARTICLE_ERR_INVALID_OPTIONS);
    ck_assert_int_eq(article_options_init(NULL, 1), ARTICLE_ERR_INVALID_ARGUMENT);

    article *a = (article *)1;
    article_error err;
    article_options bad = ARTICLE_OPTIONS_INIT;
    bad.version = 0;
    ck_assert_int_eq(article_parse("x", 1, &bad, &a, &err), ARTICLE_ERR_INVALID_OPTIONS);
    ck_assert_ptr_null(a);
    ck_assert_ptr_nonnull(strstr(err.message, "version 0"));
    bad.version = ARTICLE_OPTIONS_VERSION + 1;
    ck_assert_int_eq(article_parse("x", 1, &bad, &a, &err), ARTICLE_ERR_INVALID_OPTIONS);
    article_options big = ARTICLE_OPTIONS_INIT;
    big.max_input_size = ARTICLE_MAX_INPUT_SIZE + 1;
    ck_assert_int_eq(article_parse("x", 1, &big, &a, &err), ARTICLE_ERR_INVALID_OPTIONS);
    ck_assert_ptr_nonnull(strstr(err.message, "max_input_size"));
    ck_assert_uint_eq(err.line, 0);
}
END_TEST

/* A caller built against the version 1 header passes a struct that ends at `allocator`:
 * neither init nor parse may touch what lies after it. */
START_TEST(options_version_1_is_read_short) {
    size_t v1 = offsetof(article_options, max_front_matter_size);
    article_options *o = malloc(sizeof *o);
    unsigned char *mem = (unsigned char *)o;
    memset(mem, 0xA5, sizeof *o);
    ck_assert_int_eq(article_options_init(o, 1), ARTICLE_OK);
    ck_assert_uint_eq(o->version, 1);
    ck_assert_uint_eq(o->max_yaml_depth, ARTICLE_DEFAULT_MAX_YAML_DEPTH);
    for (size_t i = v1; i < sizeof(article_options); i++)
        ck_assert_uint_eq(mem[i], 0xA5);
    /* The garbage after the v1 fields would be absurd limits if it were read. */
    o->max_input_size = 0;
    article *a = parse_ok_opts("---\ntitle: t\n---\n\"Hi,\" she said.\n", 33, o);
    ck_assert_uint_eq(article_quote_count(a), 1);
    article_free(a);
    free(o);
}
END_TEST

START_TEST(invalid_arguments) {
    article_error err;
    ck_assert_int_eq(article_parse("x", 1, NULL, NULL, &err), ARTICLE_ERR_INVALID_ARGUMENT);
    article *a = (article *)1;
    ck_assert_int_eq(article_parse(NULL, 3, NULL, &a, &err), ARTICLE_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(a);
    /* NULL input of length 0 is the empty article; err may be NULL. */
    ck_assert_int_eq(article_parse(NULL, 0, NULL, &a, NULL), ARTICLE_OK);
    ck_assert_uint_eq(article_block_count(a), 0);
    article_free(a);
    ck_assert_int_eq(article_parse_file(NULL, NULL, &a, &err), ARTICLE_ERR_INVALID_ARGUMENT);
    article_free(NULL);
}
END_TEST

START_TEST(input_size_limit) {
    article_options o = ARTICLE_OPTIONS_INIT;
    o.max_input_size = 10;
    article *a = NULL;
    article_error err;
    ck_assert_int_eq(article_parse("0123456789", 10, &o, &a, &err), ARTICLE_OK);
    article_free(a);
    ck_assert_int_eq(article_parse("0123456789X", 11, &o, &a, &err),
                     ARTICLE_ERR_LIMIT_INPUT_SIZE);
    ck_assert_ptr_null(a);
    ck_assert_ptr_nonnull(strstr(err.message, "11 bytes"));
    ck_assert_uint_eq(err.line, 0);
}
END_TEST

START_TEST(encoding_errors_have_positions) {
    /* "é" is two bytes, so the bad byte on line 2 is at column 3 in code points. */
    const char bad[] = "ok\né\xff rest\n";
    article_error e = parse_err(bad, sizeof bad - 1, ARTICLE_ERR_UTF8);
    ck_assert_uint_eq(e.offset, 5);
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.column, 2);
    ck_assert_ptr_nonnull(strstr(e.message, "0xFF"));

    const char *forms[] = {
        "\xc0\xaf",         /* overlong */
        "\xed\xa0\x80",     /* surrogate */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "\xe2\x82",         /* truncated */
        "\x80",             /* lone continuation */
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        parse_err(forms[i], strlen(forms[i]), ARTICLE_ERR_UTF8);

    const char nul[] = "---\ntitle: a\0b\n---\n";
    e = parse_err(nul, sizeof nul - 1, ARTICLE_ERR_NUL_BYTE);
    ck_assert_uint_eq(e.offset, 12);
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.column, 9);

    const char utf16[] = "\xff\xfe-\0-\0-\0";
    e = parse_err(utf16, sizeof utf16 - 1, ARTICLE_ERR_UTF16);
    ck_assert_uint_eq(e.offset, 0);
    ck_assert_uint_eq(e.line, 1);
    ck_assert_uint_eq(e.column, 1);
    parse_err("\xfe\xff\0a", 4, ARTICLE_ERR_UTF16);
    parse_err("\0\0\xfe\xff", 4, ARTICLE_ERR_UTF16);

    /* Valid multi-byte text of every length is accepted. */
    article *a = parse_ok("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x93\xb0\n");
    article_free(a);
}
END_TEST

START_TEST(locate_lines_and_columns) {
    const char *text = "ab\r\ncd\ref\n\xc3\xa9x\n";
    article *a = parse_ok(text);
    size_t line, col;
    article_locate(a, 0, &line, &col);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    article_locate(a, 4, &line, &col); /* after CRLF */
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 1);
    article_locate(a, 7, &line, &col); /* after a lone CR */
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 1);
    article_locate(a, 12, &line, &col); /* "x" after "é" */
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 2);
    article_locate(a, 1000, &line, &col); /* past the end: the end */
    ck_assert_uint_eq(line, 5);
    ck_assert_uint_eq(col, 1);
    article_locate(a, 0, NULL, NULL);
    article_locate(NULL, 3, &line, &col);
    ck_assert_uint_eq(line, 0);
    ck_assert_uint_eq(col, 0);
    size_t len;
    ck_assert_str_eq(article_source(a, &len), text);
    ck_assert_uint_eq(len, strlen(text));
    article_free(a);
}
END_TEST

/* Columns on very long lines come from checkpoints; they must equal a plain count. */
START_TEST(locate_on_long_lines) {
    static const char *parts[] = {"ab ", "\xc3\xa9", "\xe2\x80\x9c", "x"};
    size_t cap = 50000 + 16, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    memcpy(text, "head\n", 5);
    len = 5;
    for (size_t i = 0; len < 50000; i++) {
        const char *p = parts[i % 4];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    memcpy(text + len, "\ntail", 5);
    len += 5;
    article *a = parse_ok_opts(text, len, NULL);
    size_t expect = 1; /* column of `off` on line 2, counted as we go */
    for (size_t off = 5; off < len - 5; off++) {
        if (off > 5)
            expect += ((unsigned char)text[off - 1] & 0xC0) != 0x80;
        if (off % 211 != 0 && off != len - 6 && off != 5 + 4096)
            continue;
        size_t line, col;
        article_locate(a, off, &line, &col);
        ck_assert_uint_eq(line, 2);
        ck_assert_uint_eq(col, expect);
    }
    size_t line, col;
    article_locate(a, len - 4, &line, &col);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 1);
    article_free(a);
    free(text);
}
END_TEST

START_TEST(parse_file_reads_and_reports_io) {
    char path[] = "/tmp/article-test-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *text = "---\ntitle: From a file\n---\nBody.\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);

    article *a = NULL;
    article_error err;
    ck_assert_int_eq(article_parse_file(path, NULL, &a, &err), ARTICLE_OK);
    size_t len;
    ck_assert_str_eq(article_source(a, &len), text);
    article_free(a);

    article_options o = ARTICLE_OPTIONS_INIT;
    o.max_input_size = 8;
    ck_assert_int_eq(article_parse_file(path, &o, &a, &err), ARTICLE_ERR_LIMIT_INPUT_SIZE);
    ck_assert_ptr_null(a);
    unlink(path);

    ck_assert_int_eq(article_parse_file(path, NULL, &a, &err), ARTICLE_ERR_IO);
    ck_assert_ptr_null(a);
    ck_assert_ptr_nonnull(strstr(err.message, path));
    ck_assert_uint_eq(err.line, 0);
    ck_assert_int_eq(article_parse_file("/", NULL, &a, &err), ARTICLE_ERR_IO);
}
END_TEST

/* Every accessor tolerates NULL records and out-of-range indexes. */
START_TEST(null_records_are_harmless) {
    size_t len = 99;
    ck_assert_ptr_null(article_title(NULL, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_null(article_metadata(NULL));
    ck_assert_uint_eq(article_block_count(NULL), 0);
    ck_assert_ptr_null(article_block_at(NULL, 0));
    ck_assert_int_eq(article_block_get_type(NULL), ARTICLE_BLOCK_NONE);
    ck_assert_uint_eq(article_block_parent(NULL), ARTICLE_NO_INDEX);
    ck_assert_ptr_null(article_block_text(NULL, &len));
    ck_assert_int_eq(article_value_get_type(NULL), ARTICLE_VALUE_NONE);
    ck_assert_ptr_null(article_value_get(NULL, "x"));
    ck_assert_ptr_null(article_value_at(NULL, 0));
    ck_assert_uint_eq(article_quote_count(NULL), 0);
    ck_assert_ptr_null(article_quote_speaker(NULL));
    ck_assert_ptr_null(article_speaker_text(NULL, &len));
    ck_assert_ptr_null(article_featured_image(NULL));
    ck_assert_ptr_null(article_image_path(NULL, &len));
    ck_assert_uint_eq(article_warning_count(NULL), 0);
    ck_assert_ptr_null(article_html(NULL, &len));
    ck_assert_ptr_null(article_json(NULL, 0, &len));
    ck_assert_ptr_null(article_date_parsed(NULL));
    ck_assert_ptr_null(article_block_type_name((article_block_type)0));
    ck_assert_ptr_null(article_block_type_name((article_block_type)99));
    ck_assert_str_eq(article_block_type_name(ARTICLE_BLOCK_TABLE_CELL), "table_cell");
    ck_assert_ptr_null(article_warning_name((article_warning_code)0));
    ck_assert_str_eq(article_warning_name(ARTICLE_WARN_UNBALANCED_QUOTE), "unbalanced_quote");

    article *a = parse_ok("Just one paragraph.\n");
    ck_assert_ptr_null(article_block_at(a, article_block_count(a)));
    ck_assert_ptr_null(article_quote_at(a, 0));
    ck_assert_ptr_null(article_warning_at(a, 0));
    ck_assert_ptr_null(article_author_at(a, 0, &len));
    ck_assert_ptr_null(article_tag_at(a, 0, NULL));
    ck_assert_ptr_null(article_field_value(a, (article_field)0));
    ck_assert_ptr_null(article_field_string(a, (article_field)42, NULL));
    ck_assert_int_eq(article_front_matter(a, NULL, NULL), 0);
    const article_value *m = article_metadata(a);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(article_value_get_type(m), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_value_count(m), 0);
    article_free(a);
}
END_TEST

/* A counting allocator: every byte the library takes from it is given back. */
typedef struct {
    size_t live;
    size_t calls;
    size_t fail_at; /* fail the n-th call (1-based); 0 never */
} counting;

typedef struct {
    size_t size;
    size_t pad;
} header;

static void *c_malloc(size_t size, void *ctx) {
    counting *c = ctx;
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    header *h = malloc(sizeof *h + size);
    if (!h)
        return NULL;
    h->size = size;
    c->live += size;
    return h + 1;
}

static void c_free(void *ptr, void *ctx) {
    counting *c = ctx;
    if (!ptr)
        return;
    header *h = (header *)ptr - 1;
    c->live -= h->size;
    free(h);
}

static void *c_realloc(void *ptr, size_t size, void *ctx) {
    counting *c = ctx;
    if (!ptr)
        return c_malloc(size, ctx);
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    header *h = (header *)ptr - 1;
    size_t old = h->size;
    header *n = realloc(h, sizeof *n + size);
    if (!n)
        return NULL;
    n->size = size;
    c->live = c->live - old + size;
    return n + 1;
}

START_TEST(custom_allocator_gets_everything_back) {
    counting cnt = {0, 0, 0};
    article_allocator al = {c_malloc, c_realloc, c_free, &cnt};
    article_options o = ARTICLE_OPTIONS_INIT;
    o.allocator = &al;
    size_t len;
    char *text = sample_article(&len);
    article *a = parse_ok_opts(text, len, &o);
    ck_assert_uint_gt(cnt.live, len);
    ck_assert_ptr_nonnull(article_json(a, ARTICLE_JSON_PRETTY, NULL));
    ck_assert_ptr_nonnull(article_html(a, NULL));
    article_free(a);
    ck_assert_uint_eq(cnt.live, 0);

    /* Failing the first allocations one by one gives ARTICLE_ERR_NOMEM, never a crash,
     * and nothing stays allocated. */
    for (size_t n = 1; n <= 4; n++) {
        counting f = {0, 0, n};
        article_allocator fa = {c_malloc, c_realloc, c_free, &f};
        o.allocator = &fa;
        article *b = NULL;
        article_error err;
        ck_assert_int_eq(article_parse(text, len, &o, &b, &err), ARTICLE_ERR_NOMEM);
        ck_assert_ptr_null(b);
        ck_assert_uint_eq(f.live, 0);
    }
    free(text);
}
END_TEST

int main(void) {
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("basics");
    tcase_add_test(tc, version_matches_header);
    tcase_add_test(tc, cmark_gfm_is_at_least_gfm13);
    tcase_add_test(tc, status_names_and_families);
    tcase_add_test(tc, options_init_and_versions);
    tcase_add_test(tc, options_version_1_is_read_short);
    tcase_add_test(tc, invalid_arguments);
    tcase_add_test(tc, input_size_limit);
    tcase_add_test(tc, encoding_errors_have_positions);
    tcase_add_test(tc, locate_lines_and_columns);
    tcase_add_test(tc, locate_on_long_lines);
    tcase_add_test(tc, parse_file_reads_and_reports_io);
    tcase_add_test(tc, null_records_are_harmless);
    tcase_add_test(tc, custom_allocator_gets_everything_back);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
