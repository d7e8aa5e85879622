/* The fast paths: word counting eight ASCII bytes at a time must count exactly as one byte
 * at a time does, wherever a text starts or ends relative to an 8-byte group; the tree walk
 * that follows node links must give blocks in the iterator's order on nested input. */
#include "testutil.h"

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

int main(void) {
    Suite *s = suite_create("speed");
    TCase *tc = tcase_create("fast paths");
    tcase_add_test(tc, words_at_every_alignment);
    tcase_add_test(tc, words_across_groups);
    tcase_add_test(tc, walk_order_nested);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
