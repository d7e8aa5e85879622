/* Shared by the fuzz targets: walk everything a parsed article exposes, and check the
 * invariants the header promises (spans inside the input, strings of their stated length,
 * parents before children). A broken invariant aborts, which the fuzzer reports. */
#ifndef ARTICLE_FUZZ_COMMON_H
#define ARTICLE_FUZZ_COMMON_H

#include "libarticle.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* A string the library returned: NUL right after its length, and no NUL inside. */
static inline void fuzz_string(const char *s, size_t len) {
    if (!s)
        return;
    FUZZ_CHECK(s[len] == '\0');
    FUZZ_CHECK(strlen(s) == len);
}

/* The call first, then its length (argument order is unspecified in C). */
#define FUZZ_STRING(call)              \
    do {                               \
        const char *s_ = (call);       \
        fuzz_string(s_, len);          \
    } while (0)

static inline void fuzz_span(size_t start, size_t end, size_t n) {
    FUZZ_CHECK(start <= end);
    FUZZ_CHECK(end <= n);
}

static inline void fuzz_value(const article_value *v, size_t n, unsigned depth) {
    size_t len;
    FUZZ_CHECK(depth < 10000);
    article_value_type t = article_value_get_type(v);
    FUZZ_CHECK(t >= ARTICLE_VALUE_NULL && t <= ARTICLE_VALUE_MAPPING);
    fuzz_span(article_value_start(v), article_value_end(v), n);
    FUZZ_STRING(article_value_string(v, &len));
    (void)article_value_bool(v);
    (void)article_value_int(v);
    (void)article_value_float(v);
    size_t count = article_value_count(v);
    for (size_t i = 0; i < count; i++) {
        const article_value *item = article_value_at(v, i);
        FUZZ_CHECK(item != NULL);
        fuzz_value(item, n, depth + 1);
        if (t == ARTICLE_VALUE_MAPPING) {
            const article_value *key = article_value_key_at(v, i);
            FUZZ_CHECK(article_value_get_type(key) == ARTICLE_VALUE_STRING);
            const char *k = article_value_string(key, &len);
            fuzz_string(k, len);
            FUZZ_CHECK(article_value_getn(v, k, len) == item);
        }
    }
    FUZZ_CHECK(article_value_at(v, count) == NULL);
}

/* Everything an article holds, rendered and checked. */
static inline void fuzz_walk(const article *a) {
    size_t n, len, line, col;
    const char *src = article_source(a, &n);
    FUZZ_CHECK(src != NULL);
    size_t fs, fe;
    if (article_front_matter(a, &fs, &fe))
        fuzz_span(fs, fe, n);
    fuzz_value(article_metadata(a), n, 0);

    size_t blocks = article_block_count(a);
    for (size_t i = 0; i < blocks; i++) {
        const article_block *b = article_block_at(a, i);
        FUZZ_CHECK(b != NULL);
        fuzz_span(article_block_start(b), article_block_end(b), n);
        FUZZ_STRING(article_block_text(b, &len));
        FUZZ_STRING(article_block_info(b, &len));
        size_t parent = article_block_parent(b);
        FUZZ_CHECK(parent == ARTICLE_NO_INDEX || parent < i);
        FUZZ_CHECK(i + article_block_descendants(b) < blocks);
        FUZZ_CHECK(article_block_type_name(article_block_get_type(b)) != NULL);
        article_locate(a, article_block_start(b), &line, &col);
        FUZZ_CHECK(line >= 1 && col >= 1);
    }
    size_t quotes = article_quote_count(a);
    for (size_t i = 0; i < quotes; i++) {
        const article_quote *q = article_quote_at(a, i);
        FUZZ_CHECK(q != NULL);
        FUZZ_STRING(article_quote_text(q, &len));
        fuzz_span(article_quote_start(q), article_quote_end(q), n);
        FUZZ_CHECK(article_quote_block(q) < blocks);
        for (size_t k = 0; k < article_quote_span_count(q); k++)
            fuzz_span(article_quote_span_start(q, k), article_quote_span_end(q, k), n);
        const char *cue = article_quote_cue(q, &len);
        fuzz_string(cue, len);
        if (cue)
            fuzz_span(article_quote_cue_start(q), article_quote_cue_end(q), n);
        const article_speaker *s = article_quote_speaker(q);
        if (s) {
            FUZZ_STRING(article_speaker_text(s, &len));
            fuzz_span(article_speaker_start(s), article_speaker_end(s), n);
            const char *name = article_speaker_name(s, &len);
            fuzz_string(name, len);
            if (name)
                fuzz_span(article_speaker_name_start(s), article_speaker_name_end(s), n);
        }
    }
    for (size_t i = 0; i < article_warning_count(a); i++) {
        const article_warning *w = article_warning_at(a, i);
        FUZZ_CHECK(w != NULL);
        FUZZ_STRING(article_warning_message(w, &len));
        FUZZ_CHECK(article_warning_offset(w) <= n);
    }
    (void)article_word_count(a);
    (void)article_reading_minutes(a);
    const char *json = article_json(a, ARTICLE_JSON_DEFAULT, &len);
    FUZZ_CHECK(json != NULL);
    fuzz_string(json, len);
    json = article_json(a, ARTICLE_JSON_PRETTY, &len);
    FUZZ_CHECK(json != NULL);
    fuzz_string(json, len);
    FUZZ_STRING(article_html(a, &len));
}

/* A failed parse: no article, a one-line message, a position inside the input. */
static inline void fuzz_error(article_status st, const article *a, const article_error *e,
                              size_t n) {
    FUZZ_CHECK(a == NULL);
    FUZZ_CHECK(e->code == st);
    FUZZ_CHECK(e->message[0] != '\0');
    FUZZ_CHECK(strchr(e->message, '\n') == NULL);
    FUZZ_CHECK(e->offset <= n);
    FUZZ_CHECK(st != ARTICLE_ERR_NOMEM && st != ARTICLE_ERR_INVALID_ARGUMENT);
}

#endif
