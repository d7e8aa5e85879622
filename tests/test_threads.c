/* Concurrency: many threads parse different articles at once and each result must equal
 * a single-threaded parse of the same text (JSON and HTML); and many threads render one
 * shared article at once. Meant for ThreadSanitizer too (make tsan). Threads only record
 * what they see; the assertions run on the main thread. */
#include "testutil.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define ROUNDS 4

typedef struct sample {
    char *text;
    size_t len;
    char *json; /* single-threaded references */
    char *html;
    size_t json_len, html_len;
} sample;

static sample samples[16];
static size_t sample_count;

static void add_sample(char *text, size_t len) {
    ck_assert_uint_lt(sample_count, sizeof samples / sizeof samples[0]);
    sample *s = &samples[sample_count++];
    s->text = text;
    s->len = len;
    article *a = parse_ok_opts(text, len, NULL);
    const char *j = article_json(a, ARTICLE_JSON_DEFAULT, &s->json_len);
    const char *h = article_html(a, &s->html_len);
    ck_assert_ptr_nonnull(j);
    ck_assert_ptr_nonnull(h);
    s->json = strndup(j, s->json_len);
    s->html = strndup(h, s->html_len);
    article_free(a);
}

static char *dup_text(const char *t, size_t *len) {
    *len = strlen(t);
    return strndup(t, *len);
}

static void load_samples(void) {
    size_t len;
    sample_count = 0;
    char *t = sample_article(&len);
    add_sample(t, len);
    t = fixture("frontmatter-article.md", &len);
    add_sample(t, len);
    t = fixture("body-mixed.md", &len);
    add_sample(t, len);
    t = fixture("quotes-council.md", &len);
    add_sample(t, len);
    /* Strikethrough and autolinks: the inline extensions whose special characters
     * cmark-gfm keeps in process-wide tables. */
    t = dup_text("---\ntitle: Links\ntags: [x, y]\n---\n"
                 "See www.example.com and ~~old~~ new, https://a.example/b?c=d.\n\n"
                 "\xe2\x80\x9cIt works,\xe2\x80\x9d said Dr. Ann Lee, a@b.example.\n\n"
                 "| a | ~~b~~ |\n|---|---|\n| www.x.example | 2 |\n",
                 &len);
    add_sample(t, len);
    t = repeat("# Many\n\n", "\"Quote,\" he said. ~~s~~ *e* **s** [l](/u) `c`\n\n", 200, "");
    len = strlen(t);
    add_sample(t, len);
    t = repeat("---\na: &x {k: [1, 2, 3]}\nb: [", "*x, ", 50, "*x]\n---\n- a\n  - b\n");
    len = strlen(t);
    add_sample(t, len);
}

static void free_samples(void) {
    for (size_t i = 0; i < sample_count; i++) {
        free(samples[i].text);
        free(samples[i].json);
        free(samples[i].html);
    }
    sample_count = 0;
}

typedef struct worker {
    size_t id;
    size_t parsed, mismatches, failures;
    char first_bad[128];
} worker;

static void note_bad(worker *w, const char *what, size_t i) {
    if (!w->first_bad[0])
        snprintf(w->first_bad, sizeof w->first_bad, "%s of sample %zu", what, i);
}

static void *parse_many(void *arg) {
    worker *w = arg;
    for (size_t r = 0; r < ROUNDS; r++) {
        for (size_t k = 0; k < sample_count; k++) {
            size_t i = (k + w->id + r) % sample_count; /* threads start on different texts */
            const sample *s = &samples[i];
            article *a = NULL;
            if (article_parse(s->text, s->len, NULL, &a, NULL) != ARTICLE_OK) {
                w->failures++;
                note_bad(w, "parse", i);
                continue;
            }
            size_t jl, hl;
            const char *j = article_json(a, ARTICLE_JSON_DEFAULT, &jl);
            const char *h = article_html(a, &hl);
            if (!j || jl != s->json_len || memcmp(j, s->json, jl) != 0) {
                w->mismatches++;
                note_bad(w, "JSON", i);
            }
            if (!h || hl != s->html_len || memcmp(h, s->html, hl) != 0) {
                w->mismatches++;
                note_bad(w, "HTML", i);
            }
            article_free(a);
            w->parsed++;
        }
    }
    return NULL;
}

START_TEST(parallel_parses_match_serial_ones) {
    load_samples();
    pthread_t th[THREADS];
    worker ws[THREADS];
    memset(ws, 0, sizeof ws);
    for (size_t t = 0; t < THREADS; t++) {
        ws[t].id = t;
        ck_assert_int_eq(pthread_create(&th[t], NULL, parse_many, &ws[t]), 0);
    }
    for (size_t t = 0; t < THREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (size_t t = 0; t < THREADS; t++) {
        ck_assert_msg(ws[t].failures == 0 && ws[t].mismatches == 0,
                      "thread %zu: %zu failed parses, %zu differences (first: %s)", t,
                      ws[t].failures, ws[t].mismatches, ws[t].first_bad);
        ck_assert_uint_eq(ws[t].parsed, ROUNDS * sample_count);
    }
    free_samples();
}
END_TEST

/* One article, rendered by many threads at once: every thread gets the one cached
 * rendering. */
typedef struct shared {
    size_t id;
    const article *a;
    pthread_barrier_t *start;
    const char *json, *pretty, *html;
    size_t json_len, pretty_len, html_len;
    size_t words, quotes;
} shared;

static void *render_shared(void *arg) {
    shared *s = arg;
    pthread_barrier_wait(s->start);
    /* Different threads ask in different orders. */
    if (s->id % 2) {
        s->html = article_html(s->a, &s->html_len);
        s->json = article_json(s->a, ARTICLE_JSON_DEFAULT, &s->json_len);
    } else {
        s->json = article_json(s->a, ARTICLE_JSON_DEFAULT, &s->json_len);
        s->html = article_html(s->a, &s->html_len);
    }
    s->pretty = article_json(s->a, ARTICLE_JSON_PRETTY, &s->pretty_len);
    s->words = article_word_count(s->a);
    s->quotes = article_quote_count(s->a);
    for (size_t i = 0; i < article_block_count(s->a); i++)
        (void)article_block_text(article_block_at(s->a, i), NULL);
    return NULL;
}

START_TEST(shared_article_renders_once) {
    size_t len;
    char *text = sample_article(&len);
    article *ref = parse_ok_opts(text, len, NULL);
    size_t rj, rp, rh;
    const char *j = article_json(ref, ARTICLE_JSON_DEFAULT, &rj);
    const char *p = article_json(ref, ARTICLE_JSON_PRETTY, &rp);
    const char *h = article_html(ref, &rh);
    ck_assert(j && p && h);
    char *want_json = strndup(j, rj);
    char *want_pretty = strndup(p, rp);
    char *want_html = strndup(h, rh);
    article_free(ref);

    for (int round = 0; round < 10; round++) {
        article *a = parse_ok_opts(text, len, NULL);
        pthread_barrier_t start;
        ck_assert_int_eq(pthread_barrier_init(&start, NULL, THREADS), 0);
        pthread_t th[THREADS];
        shared ss[THREADS];
        memset(ss, 0, sizeof ss);
        for (size_t t = 0; t < THREADS; t++) {
            ss[t].id = t;
            ss[t].a = a;
            ss[t].start = &start;
            ck_assert_int_eq(pthread_create(&th[t], NULL, render_shared, &ss[t]), 0);
        }
        for (size_t t = 0; t < THREADS; t++)
            ck_assert_int_eq(pthread_join(th[t], NULL), 0);
        pthread_barrier_destroy(&start);
        for (size_t t = 0; t < THREADS; t++) {
            ck_assert_ptr_nonnull(ss[t].json);
            ck_assert_ptr_eq(ss[t].json, ss[0].json);
            ck_assert_ptr_eq(ss[t].pretty, ss[0].pretty);
            ck_assert_ptr_eq(ss[t].html, ss[0].html);
            ck_assert_uint_eq(ss[t].words, ss[0].words);
            ck_assert_uint_eq(ss[t].quotes, ss[0].quotes);
        }
        ck_assert(ss[0].json_len == rj && memcmp(ss[0].json, want_json, rj) == 0);
        ck_assert(ss[0].pretty_len == rp && memcmp(ss[0].pretty, want_pretty, rp) == 0);
        ck_assert(ss[0].html_len == rh && memcmp(ss[0].html, want_html, rh) == 0);
        article_free(a);
    }
    free(want_json);
    free(want_pretty);
    free(want_html);
    free(text);
}
END_TEST

int main(void) {
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("concurrency");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, parallel_parses_match_serial_ones);
    tcase_add_test(tc, shared_article_renders_once);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
