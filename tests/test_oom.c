/* Allocation-failure injection through the public custom allocator: for representative
 * articles, the 1st, 2nd, … allocation fails in turn until the parse no longer needs the
 * failing one. Each failed parse must return ARTICLE_ERR_NOMEM with no article and no
 * allocation left live; article_html() and article_json() must return NULL under the
 * same failures and work once memory is back. (cmark-gfm's and libyaml's own memory does
 * not go through this allocator.) */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct failing {
    size_t calls;   /* allocations so far (malloc, and realloc that may allocate) */
    size_t fail_at; /* 0: never; else the call number that returns NULL */
    size_t failed;  /* how many calls returned NULL */
    long live;      /* blocks handed out and not yet freed */
} failing;

static bool should_fail(failing *f) {
    f->calls++;
    if (f->fail_at && f->calls == f->fail_at) {
        f->failed++;
        return true;
    }
    return false;
}

static void *f_malloc(size_t size, void *ctx) {
    failing *f = ctx;
    if (should_fail(f))
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *ptr, size_t size, void *ctx) {
    failing *f = ctx;
    if (should_fail(f))
        return NULL; /* ptr stays valid, as realloc's contract says */
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        f->live++;
    return p;
}

static void f_free(void *ptr, void *ctx) {
    failing *f = ctx;
    if (ptr)
        f->live--;
    free(ptr);
}

static char *inputs(int i, size_t *len) {
    switch (i) {
    case 0:
        return sample_article(len);
    case 1:
        return fixture("frontmatter-article.md", len);
    case 2:
        return fixture("body-mixed.md", len);
    case 3:
        return fixture("quotes-council.md", len);
    case 4: {
        /* Aliases, tags, big integers, an unknown image key and a table: the warning,
         * alias and index paths. */
        static const char text[] =
            "---\n"
            "title: &t \"Budget \\u00e9\"\n"
            "again: *t\n"
            "authors: [Ann Lee, Bo Chen]\n"
            "tags: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r]\n"
            "date: 2024-03-01T10:30:00Z\n"
            "big: 99999999999999999999\n"
            "odd: !custom x\n"
            "image: {path: a.jpg, cutline: Cut, shade: dark}\n"
            "nested: {a: [1, 2.5, true, null, ~], b: {c: d}}\n"
            "---\n"
            "# Head\n\n"
            "\xe2\x80\x9cWe will,\xe2\x80\x9d said Sen. Jane Doe. \xe2\x80\x9cNot now.\n\n"
            "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
            "Text[^1] and `code`.\n\n[^1]: Note.\n\n[^2]: Unused.\n\n"
            "- [ ] one\n- [x] two\n\n```c\nint x;\n```\n";
        *len = sizeof text - 1;
        char *s = malloc(sizeof text);
        ck_assert_ptr_nonnull(s);
        memcpy(s, text, sizeof text);
        return s;
    }
    default: {
        /* Long lines (locate checkpoints) and many blocks (array growth). */
        char *s = repeat("", "\"Yes,\" she said, and it went on for a while. ", 400, "\n\n");
        char *t = repeat(s, "Para.\n\n", 300, "");
        free(s);
        *len = strlen(t);
        return t;
    }
    }
}

#define INPUT_COUNT 6
/* Far above any input's allocation count: reaching it means the loop never ended. */
#define MAX_STEPS 200000

START_TEST(every_parse_allocation_can_fail) {
    size_t len;
    char *text = inputs(_i, &len);
    failing f = {0, 0, 0, 0};
    article_allocator al = {f_malloc, f_realloc, f_free, &f};
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.allocator = &al;
    size_t failures = 0;
    for (size_t n = 1;; n++) {
        ck_assert_msg(n < MAX_STEPS, "input %d: no end to the allocations", _i);
        f = (failing){0, n, 0, 0};
        article *a = (article *)1;
        article_error err;
        article_status st = article_parse(text, len, &o, &a, &err);
        if (f.failed == 0) {
            /* The n-th allocation was never reached: the parse needs fewer. */
            ck_assert_msg(st == ARTICLE_OK, "input %d: %s", _i, err.message);
            ck_assert_uint_eq(f.calls, n - 1);
            article_free(a);
            ck_assert_int_eq(f.live, 0);
            break;
        }
        ck_assert_msg(st == ARTICLE_ERR_NOMEM, "input %d, allocation %zu failed: got %s (%s)",
                      _i, n, article_status_name(st), err.message);
        ck_assert_int_eq(err.code, ARTICLE_ERR_NOMEM);
        ck_assert_ptr_null(a);
        ck_assert_msg(f.live == 0, "input %d, allocation %zu failed: %ld blocks leaked", _i, n,
                      f.live);
        failures++;
    }
    ck_assert_uint_gt(failures, 3);
    printf("oom: input %d: %zu parses, each with one failed allocation\n", _i, failures);
    free(text);
}
END_TEST

/* Renderings: fail the k-th allocation after the parse, for each rendering in turn. */
typedef const char *(*render_fn)(const article *a, size_t *len);

static const char *json_compact(const article *a, size_t *len) {
    return article_json(a, ARTICLE_JSON_DEFAULT, len);
}
static const char *json_pretty(const article *a, size_t *len) {
    return article_json(a, ARTICLE_JSON_PRETTY, len);
}
static const char *html(const article *a, size_t *len) {
    return article_html(a, len);
}

START_TEST(renderings_return_null_under_failure) {
    static const render_fn fns[] = {json_compact, json_pretty, html};
    size_t len;
    char *text = inputs(_i, &len);
    failing f = {0, 0, 0, 0};
    article_allocator al = {f_malloc, f_realloc, f_free, &f};
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.allocator = &al;
    for (size_t r = 0; r < sizeof fns / sizeof fns[0]; r++) {
        /* The reference rendering, without failures. */
        article *a = parse_ok_opts(text, len, &o);
        size_t ref_len;
        const char *ref = fns[r](a, &ref_len);
        ck_assert_ptr_nonnull(ref);
        char *want = strndup(ref, ref_len);
        article_free(a);
        ck_assert_int_eq(f.live, 0);

        size_t failures = 0;
        for (size_t k = 1;; k++) {
            ck_assert(k < MAX_STEPS);
            f = (failing){0, 0, 0, 0};
            a = parse_ok_opts(text, len, &o);
            f.fail_at = f.calls + k;
            size_t got_len = 12345;
            const char *got = fns[r](a, &got_len);
            bool hit = f.failed != 0;
            f.fail_at = 0;
            if (!hit) {
                ck_assert_ptr_nonnull(got);
                ck_assert_uint_eq(got_len, ref_len);
                ck_assert(memcmp(got, want, ref_len) == 0);
                article_free(a);
                ck_assert_int_eq(f.live, 0);
                break;
            }
            ck_assert_msg(got == NULL, "input %d, rendering %zu: allocation %zu failed but a "
                          "result came back", _i, r, k);
            ck_assert_uint_eq(got_len, 0);
            /* Nothing half-made is kept: with memory back, the same call succeeds and
             * gives the full rendering. */
            got = fns[r](a, &got_len);
            ck_assert_ptr_nonnull(got);
            ck_assert_uint_eq(got_len, ref_len);
            ck_assert(memcmp(got, want, ref_len) == 0);
            article_free(a);
            ck_assert_msg(f.live == 0, "input %d, rendering %zu, allocation %zu: %ld leaked",
                          _i, r, k, f.live);
            failures++;
        }
        ck_assert_uint_ge(failures, 1);
        printf("oom: input %d, rendering %zu: %zu failed allocations\n", _i, r, failures);
        free(want);
    }
    free(text);
}
END_TEST

/* A failure in article_parse_file's read buffer too. */
START_TEST(parse_file_allocation_can_fail) {
    char path[] = ARTICLE_FIXTURES "/frontmatter-article.md";
    failing f = {0, 0, 0, 0};
    article_allocator al = {f_malloc, f_realloc, f_free, &f};
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.allocator = &al;
    for (size_t n = 1;; n++) {
        ck_assert(n < MAX_STEPS);
        f = (failing){0, n, 0, 0};
        article *a = NULL;
        article_error err;
        article_status st = article_parse_file(path, &o, &a, &err);
        if (!f.failed) {
            ck_assert_int_eq(st, ARTICLE_OK);
            article_free(a);
            ck_assert_int_eq(f.live, 0);
            break;
        }
        ck_assert_int_eq(st, ARTICLE_ERR_NOMEM);
        ck_assert_ptr_null(a);
        ck_assert_int_eq(f.live, 0);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("injection");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, every_parse_allocation_can_fail, 0, INPUT_COUNT);
    tcase_add_loop_test(tc, renderings_return_null_under_failure, 0, INPUT_COUNT);
    tcase_add_test(tc, parse_file_allocation_can_fail);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
