/* The fast paths: word counting eight ASCII bytes at a time must count exactly as one byte
 * at a time does, wherever a text starts or ends relative to an 8-byte group; the tree walk
 * that follows node links must give blocks in the iterator's order on nested input; the
 * per-parse allocator given to cmark-gfm must survive a parse nested in another one (each
 * parse's pool is the thread's current one only while it runs) and buffers that grow past
 * its small blocks. */
#include "testutil.h"

#include "body.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Count of s with `pre` spaces before and `post` after it (moving it across groups). */
static size_t words_shifted(const char *s, size_t pre, size_t post) {
    char buf[512];
    size_t n = strlen(s);
    ck_assert_uint_lt(pre + n + post, sizeof buf);
    memset(buf, ' ', pre);
    memcpy(buf + pre, s, n);
    memset(buf + pre + n, ' ', post);
    return art_count_words(buf, pre + n + post);
}

static const struct {
    const char *text;
    size_t words;
} word_cases[] = {
    {"", 0},
    {"abcdefgh", 1},
    {"abcdefghijklmnopqrstuvwxyz0123456789", 1},
    {"a b c d e f g h i j k l m n o p", 16},
    {"a  b\tc\nd\re\vf\fg h", 8},
    {"-- ... !!! ??? ***", 0},
    {"--a-- ..b.. (c) [d]", 4},
    {"well-known U.S. 2024 e-mail", 4},
    {"x,y,z;w", 1},
    {"\x01\x02\x03 a \x7f\x1f b", 2},
    {"12345678 90123456", 2},
    {"\xE2\x80\x9CQuoted,\xE2\x80\x9D she said.", 3},          /* curly quotes */
    {"one\xC2\xA0two\xE2\x80\x83three\xE3\x80\x80" "four", 4}, /* Unicode spaces */
    {"a\xE2\x80\x8B" "b", 1},                                  /* zero width: not a space */
    {"\xC3\xA9lan vital \xE4\xB8\xAD\xE6\x96\x87", 3},         /* letters beyond ASCII */
    {"\xE2\x80\x94 \xE2\x80\x94 x\xE2\x80\x94y", 1},           /* dashes are no words */
    {"aaaaaaa\xC3\xA9 bbbbbbb\xE2\x80\x9C ccccccc", 3},        /* non-ASCII at a group end */
    {"\xF0\x9F\x98\x80 \xF0\x9F\x98\x80 ok", 1},               /* emoji are no words */
};

START_TEST(words_at_every_alignment) {
    for (size_t i = 0; i < sizeof word_cases / sizeof word_cases[0]; i++) {
        for (size_t pre = 0; pre < 9; pre++) {
            for (size_t post = 0; post < 9; post++) {
                size_t got = words_shifted(word_cases[i].text, pre, post);
                ck_assert_msg(got == word_cases[i].words,
                              "case %zu (\"%s\") with %zu+%zu spaces: %zu words, not %zu", i,
                              word_cases[i].text, pre, post, got, word_cases[i].words);
            }
        }
    }
}
END_TEST

/* A word split by the end of the text counts once in each part; a group of eight never
 * joins what a space separates. */
START_TEST(words_across_groups) {
    char buf[300];
    for (size_t n = 0; n < 40; n++) {
        /* n letters, a space, n letters: two words for n > 0 */
        memset(buf, 'w', n);
        buf[n] = ' ';
        memset(buf + n + 1, 'w', n);
        ck_assert_uint_eq(art_count_words(buf, 2 * n + 1), n ? 2 : 0);
        /* n words of one letter each */
        for (size_t k = 0; k < n; k++) {
            buf[2 * k] = 'x';
            buf[2 * k + 1] = ' ';
        }
        ck_assert_uint_eq(art_count_words(buf, 2 * n), n);
        /* punctuation only between letters keeps one word */
        for (size_t k = 0; k < 2 * n + 1; k++)
            buf[k] = k % 2 ? '.' : 'q';
        ck_assert_uint_eq(art_count_words(buf, 2 * n + 1), 1);
    }
}
END_TEST

/* Deeply nested containers, empty containers and leaves at every level: the blocks come
 * out in pre-order with parents and descendant counts that add up. */
START_TEST(walk_order_nested) {
    const char *text = "> - a\n>   - b\n>     > c\n>\n> -\n>\n> ```\n> code\n> ```\n"
                       "\n1. x\n\n   ---\n2. y\n\n| h | i |\n|---|---|\n| 1 | 2 |\n";
    /* Parents in pre-order, as cmark-gfm's iterator gives them. */
#define TOP ARTICLE_NO_INDEX
    static const size_t parents[] = {TOP, 0,  1,  2,  2,   4,  5,  5,  7,  1,  0,  TOP,
                                     11,  12, 12, 11, 15, TOP, 17, 18, 18, 17, 21, 21};
#undef TOP
    article *a = parse_ok(text);
    size_t n = article_block_count(a);
    ck_assert_uint_eq(n, sizeof parents / sizeof parents[0]);
    for (size_t i = 0; i < n; i++)
        ck_assert_uint_eq(article_block_parent(article_block_at(a, i)), parents[i]);
    for (size_t i = 0; i < n; i++) {
        const article_block *b = article_block_at(a, i);
        size_t parent = article_block_parent(b);
        size_t d = article_block_descendants(b);
        ck_assert_uint_le(i + d, n - 1);
        if (parent != ARTICLE_NO_INDEX) {
            const article_block *p = article_block_at(a, parent);
            ck_assert_uint_lt(parent, i);
            ck_assert_uint_le(i, parent + article_block_descendants(p));
            ck_assert_uint_eq(article_block_depth(b), article_block_depth(p) + 1);
        } else {
            ck_assert_uint_eq(article_block_depth(b), 0);
        }
    }
    ck_assert_int_eq(article_block_get_type(article_block_at(a, 0)), ARTICLE_BLOCK_BLOCK_QUOTE);
    ck_assert_int_eq(article_block_get_type(article_block_at(a, n - 1)), ARTICLE_BLOCK_TABLE_CELL);
    article_free(a);
}
END_TEST

/* ---- cmark-gfm's per-parse allocator ----------------------------------------------------- */

static const char nested_src[] = "---\ntitle: Inner\n---\n# Inner *heading*\n\n"
                                 "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: Note.\n";

typedef struct nested_ctx {
    const char *expect_json; /* nested_src's JSON from a parse outside any other */
    size_t calls;
} nested_ctx;

/* Parses and renders another article from inside the outer parse's walk. */
static void nested_probe(void *ctx, size_t block, const char *text, size_t len,
                         const art_seg *segs, size_t nsegs) {
    (void)block, (void)text, (void)len, (void)segs, (void)nsegs;
    nested_ctx *n = ctx;
    article *in = parse_ok(nested_src);
    size_t jl = 0, hl = 0;
    const char *json = article_json(in, ARTICLE_JSON_DEFAULT, &jl);
    ck_assert_ptr_nonnull(json);
    ck_assert_str_eq(json, n->expect_json);
    ck_assert_ptr_nonnull(article_html(in, &hl));
    article_free(in);
    n->calls++;
}

START_TEST(pool_nested_parse) {
    article *ref = parse_ok(nested_src);
    size_t jl = 0;
    char *expect = strdup(article_json(ref, ARTICLE_JSON_DEFAULT, &jl));
    article_free(ref);

    /* Footnote labels and link titles make cmark-gfm allocate while the tree is walked. */
    const char *src = "# Outer\n\nOne *two* [link](http://x.example \"T\")[^a].\n\n"
                      "> quoted **text**\n\n- item ~~gone~~\n- item `code`\n\n[^a]: Foot.\n";
    article *a = parse_ok(src);
    size_t nblocks = a->block_count, nwords = a->words;
    size_t ol = 0;
    char *outer_json = strdup(article_json(a, ARTICLE_JSON_DEFAULT, &ol));
    article_free(a);

    nested_ctx n = {expect, 0};
    a = parse_walk_probe(src, nested_probe, &n);
    ck_assert_uint_ge(n.calls, 5);
    ck_assert_uint_eq(a->block_count, nblocks);
    ck_assert_uint_eq(a->words, nwords);
    article_free(a);

    /* And the outer article, parsed again afterwards, is unchanged. */
    a = parse_ok(src);
    ck_assert_str_eq(article_json(a, ARTICLE_JSON_DEFAULT, &ol), outer_json);
    article_free(a);
    free(outer_json);
    free(expect);
}
END_TEST

/* Paragraphs longer than the pool's blocks, a wide table (its row cells are reallocated)
 * and many short-lived emphasis delimiters, all read back exactly. */
START_TEST(pool_large_and_growing) {
    char *src = malloc(64 * 1024);
    size_t n = 0;
    for (int i = 0; i < 300; i++) /* one paragraph of 300 words, ~3 KB */
        n += (size_t)sprintf(src + n, "%sw%03d", i ? " " : "", i);
    n += (size_t)sprintf(src + n, "\n\n");
    for (int r = 0; r < 3; r++) { /* 40 columns: header, delimiter, one row */
        for (int k = 0; k < 40; k++)
            n += r == 1 ? (size_t)sprintf(src + n, "| --- ")
                        : (size_t)sprintf(src + n, "| c%d ", k);
        n += (size_t)sprintf(src + n, "|\n");
    }
    n += (size_t)sprintf(src + n, "\n");
    for (int i = 0; i < 400; i++)
        n += (size_t)sprintf(src + n, "*e%d* _u%d_ ", i, i);
    n += (size_t)sprintf(src + n, "\n");
    src[n] = '\0';

    article *a = parse_ok(src);
    const article_block *p = article_block_at(a, 0);
    ck_assert_int_eq(article_block_get_type(p), ARTICLE_BLOCK_PARAGRAPH);
    size_t len = 0;
    const char *text = article_block_text(p, &len);
    ck_assert_uint_eq(len, 300 * 5 - 1);
    ck_assert_int_eq(memcmp(text, src, len), 0);
    size_t cells = 0;
    for (size_t i = 0; i < article_block_count(a); i++)
        if (article_block_get_type(article_block_at(a, i)) == ARTICLE_BLOCK_TABLE_CELL)
            cells++;
    ck_assert_uint_eq(cells, 80);
    const article_block *last = article_block_at(a, article_block_count(a) - 1);
    ck_assert_int_eq(article_block_get_type(last), ARTICLE_BLOCK_PARAGRAPH);
    text = article_block_text(last, &len);
    ck_assert_uint_ge(len, 3000);
    ck_assert_int_eq(strncmp(text, "e0 u0 e1 u1 ", 12), 0);
    ck_assert_uint_eq(article_word_count(a), 300 + 80 + 800);
    article_free(a);
    free(src);
}
END_TEST

int main(void) {
    Suite *s = suite_create("speed");
    TCase *tc = tcase_create("fast paths");
    tcase_add_test(tc, words_at_every_alignment);
    tcase_add_test(tc, words_across_groups);
    tcase_add_test(tc, walk_order_nested);
    tcase_add_test(tc, pool_nested_parse);
    tcase_add_test(tc, pool_large_and_growing);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
