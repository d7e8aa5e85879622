/* Helpers shared by the Check suites. */
#ifndef ARTICLE_TESTUTIL_H
#define ARTICLE_TESTUTIL_H

#include <check.h>
#include <stddef.h>

#include "libarticle.h"

/* Parse a NUL-terminated string; fails the test with the error message unless it parses. */
article *parse_ok(const char *text);
/* Parse with options; same contract. */
article *parse_ok_opts(const char *text, size_t len, const article_options *opts);
/* Parse a string that must fail with `code`; returns the error record. */
article_error parse_err(const char *text, size_t len, article_status code);
/* The same with options. */
article_error parse_err_opts(const char *text, size_t len, const article_options *opts,
                             article_status code);
/* Read tests/fixtures/NAME whole; *len gets its size. Fails the test when missing. The
 * caller frees the result. */
char *fixture(const char *name, size_t *len);
/* The bundled sample article, examples/articles/fentanyl-sanctions.md; the caller frees it. */
char *sample_article(size_t *len);
/* Bytes of the article's input covered by [start, end), NUL-terminated, in a static
 * buffer rotated over 8 calls (for assertions). */
const char *slice(const article *a, size_t start, size_t end);
/* head + unit repeated n times + tail, malloc'd (the caller frees it). */
char *repeat(const char *head, const char *unit, size_t n, const char *tail);
/* Run a suite and return the process exit status. */
int run_suite(Suite *s);

/* Parse a NUL-terminated string, then walk its body again as the parse did, but with quotes
 * off and with `probe` (an art_body_probe_fn of body.h) seeing every prose block. Fails the
 * test unless the walk succeeds and gives the parse's blocks again; a->words is recounted.
 * The caller frees the article. */
struct art_seg;
article *parse_walk_probe(const char *text,
                          void (*probe)(void *ctx, size_t block, const char *text, size_t len,
                                        const struct art_seg *segs, size_t nsegs),
                          void *ctx);

/* ck_assert for a string with explicit length against a C literal. */
#define ck_assert_strn_eq(p, n, lit)                                                   \
    do {                                                                               \
        const char *p_ = (p);                                                          \
        size_t n_ = (n);                                                               \
        ck_assert_msg(p_ != NULL, "expected \"%s\", got NULL", (lit));                \
        ck_assert_msg(n_ == strlen(lit) && memcmp(p_, (lit), n_) == 0,                 \
                      "expected \"%s\", got \"%.*s\"", (lit), (int)n_, p_);            \
    } while (0)

#endif
