#include "testutil.h"

#include "body.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

article *parse_ok_opts(const char *text, size_t len, const article_options *opts) {
    article *a = NULL;
    article_error err;
    article_status st = article_parse(text, len, opts, &a, &err);
    ck_assert_msg(st == ARTICLE_OK, "parse failed: %s (%s) at %zu:%zu", err.message,
                  article_status_name(st), err.line, err.column);
    ck_assert_ptr_nonnull(a);
    return a;
}

article *parse_ok(const char *text) {
    return parse_ok_opts(text, strlen(text), NULL);
}

article_error parse_err(const char *text, size_t len, article_status code) {
    return parse_err_opts(text, len, NULL, code);
}

article_error parse_err_opts(const char *text, size_t len, const article_options *opts,
                             article_status code) {
    article *a = (article *)1;
    article_error err;
    article_status st = article_parse(text, len, opts, &a, &err);
    ck_assert_msg(st == code, "expected %s, got %s (%s)", article_status_name(code),
                  article_status_name(st), err.message);
    ck_assert_int_eq(err.code, code);
    ck_assert_ptr_null(a);
    ck_assert_msg(err.message[0] != '\0', "empty error message");
    return err;
}

static char *read_whole(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}

char *fixture(const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", ARTICLE_FIXTURES, name);
    return read_whole(path, len);
}

char *sample_article(size_t *len) {
    return read_whole(ARTICLE_SOURCE_DIR "/examples/articles/fentanyl-sanctions.md", len);
}

const char *slice(const article *a, size_t start, size_t end) {
    static char bufs[8][4096];
    static int next;
    char *b = bufs[next++ % 8];
    size_t len;
    const char *src = article_source(a, &len);
    ck_assert_msg(start <= end && end <= len, "bad span [%zu, %zu) of %zu", start, end, len);
    size_t n = end - start < sizeof bufs[0] - 1 ? end - start : sizeof bufs[0] - 1;
    memcpy(b, src + start, n);
    b[n] = '\0';
    return b;
}

char *repeat(const char *head, const char *unit, size_t n, const char *tail) {
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    return s;
}

int run_suite(Suite *s) {
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

article *parse_walk_probe(const char *text, art_body_probe_fn probe, void *ctx) {
    article *a = parse_ok(text);
    size_t nblocks = a->block_count;
    a->block_count = 0;
    a->words = 0;
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    unsigned int flags = a->flags;
    a->flags |= ARTICLE_OPT_NO_QUOTES;
    article_error err;
    art_ctx c = {a, &o, &err, ARTICLE_OK};
    ck_assert_int_eq(art_body_parse_probe(&c, probe, ctx), ARTICLE_OK);
    a->flags = flags;
    ck_assert_uint_eq(a->block_count, nblocks);
    return a;
}
