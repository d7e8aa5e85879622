/* The word layer and the mark scan under the attribution rules: marks and words found at
 * every offset of a block (the scan and the word loops read several bytes at a time, with
 * tails), words split by non-ASCII spaces, and the lexicon probe for any case and length. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

/* `pad` repeated n times (then "! " when n > 0, ending that sentence) before `text`, parsed:
 * the one quotation must hold `quote`, start `at` bytes into `text` and be Ann Lee's. */
static void check_padded(const char *pad, size_t n, const char *text, size_t at,
                         const char *quote) {
    size_t plen = strlen(pad), tlen = strlen(text);
    char *s = malloc(plen * n + 2 + tlen + 1);
    ck_assert_ptr_nonnull(s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++, k += plen)
        memcpy(s + k, pad, plen);
    if (n) {
        s[k++] = '!';
        s[k++] = ' ';
    }
    memcpy(s + k, text, tlen + 1);
    article *a = parse_ok(s);
    ck_assert_msg(article_quote_count(a) == 1, "%zu quotes in <%s>", article_quote_count(a), s);
    const article_quote *q = article_quote_at(a, 0);
    size_t len;
    const char *t = article_quote_text(q, &len);
    ck_assert_strn_eq(t, len, quote);
    const article_speaker *sp = article_quote_speaker(q);
    ck_assert_msg(sp != NULL, "no speaker in <%s>", s);
    t = article_speaker_text(sp, &len);
    ck_assert_msg(len == 7 && memcmp(t, "Ann Lee", 7) == 0, "speaker <%.*s> in <%s>", (int)len, t,
                  s);
    t = article_quote_cue(q, &len);
    ck_assert_strn_eq(t, len, "said");
    ck_assert_uint_eq(article_quote_start(q), k + at);
    article_free(a);
    free(s);
}

static const struct {
    const char *text;
    size_t at;
    const char *quote;
} TEXTS[] = {
    {"\"We will win,\" Ann Lee said.", 1, "We will win,"},
    {"Ann Lee said: \"We will win.\"", 15, "We will win."},
    {"Ann Lee said: \xE2\x80\x9CWe will win.\xE2\x80\x9D", 17, "We will win."},
    {"Ann Lee said: \xC2\xABWe will win.\xC2\xBB", 16, "We will win."},
    {"Ann Lee said: ''We will win.''", 16, "We will win."},
};

START_TEST(test_marks_at_every_offset) {
    /* ASCII padding, padding that is not ASCII, and padding with the bytes the mark scan
     * has to look at twice ('#', '&', apostrophes inside a word). */
    static const char *const pads[] = {"x", "\xC3\xBC", "#", "&", "x'"};
    for (size_t t = 0; t < sizeof TEXTS / sizeof TEXTS[0]; t++)
        for (size_t p = 0; p < sizeof pads / sizeof pads[0]; p++)
            for (size_t n = 0; n <= 70; n++)
                check_padded(pads[p], n, TEXTS[t].text, TEXTS[t].at, TEXTS[t].quote);
}
END_TEST

/* Speaker and name of the first quotation of `text`. */
static void check_speaker(const char *text, const char *speaker, const char *name) {
    article *a = parse_ok(text);
    ck_assert_uint_ge(article_quote_count(a), 1);
    const article_speaker *sp = article_quote_speaker(article_quote_at(a, 0));
    ck_assert_ptr_nonnull(sp);
    size_t len;
    const char *t = article_speaker_text(sp, &len);
    ck_assert_strn_eq(t, len, speaker);
    t = article_speaker_name(sp, &len);
    ck_assert_strn_eq(t, len, name);
    article_free(a);
}

START_TEST(test_words_and_spaces) {
    /* A no-break space ends a word; a thin space too, and stays in the speaker's text. */
    check_speaker("\"We will win,\" said\xC2\xA0Sen.\xE2\x80\x89" "Ann Lee.",
                  "Sen.\xE2\x80\x89" "Ann Lee", "Ann Lee");
    check_speaker("\"We will win,\" said\xE3\x80\x80Sen. Ann Lee.", "Sen. Ann Lee", "Ann Lee");
    /* Words longer than eight bytes, and longer than any word of the lexicon. */
    check_speaker("\"We will win,\" said Representative Annabelle Leeuwenhoek-Smithson.",
                  "Representative Annabelle Leeuwenhoek-Smithson",
                  "Annabelle Leeuwenhoek-Smithson");
    check_speaker("\"We will win,\" Ann Lee acknowledged.", "Ann Lee", "Ann Lee");
    /* Words with marks and brackets around them, and non-ASCII letters. */
    check_speaker("Ren\xC3\xA9\xC3\xA9 \xC3\x9C" "ber said: \"We will (win).\"",
                  "Ren\xC3\xA9\xC3\xA9 \xC3\x9C" "ber", "Ren\xC3\xA9\xC3\xA9 \xC3\x9C" "ber");
}
END_TEST

START_TEST(test_lexicon_case_and_length) {
    static const struct {
        const char *word;
        unsigned bit;
    } known[] = {
        {"a", ART_LEX_DETERMINER},      {"he", ART_LEX_PRONOUN},
        {"the", ART_LEX_DETERMINER},    {"told", ART_LEX_CUE},
        {"added", ART_LEX_CUE},         {"whether", ART_LEX_BREAKER},
        {"yesterday", ART_LEX_TIME},    {"spokeswoman", ART_LEX_TITLE},
        {"acknowledged", ART_LEX_CUE},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const char *w = known[i].word;
        size_t n = strlen(w);
        unsigned lower = art_lex_lookup(w, n);
        ck_assert_msg(lower & known[i].bit, "%s", w);
        char up[32], mixed[32];
        for (size_t k = 0; k < n; k++) {
            up[k] = (char)(w[k] - 'a' + 'A');
            mixed[k] = k % 2 ? up[k] : w[k];
        }
        ck_assert_uint_eq(art_lex_lookup(up, n), lower);
        ck_assert_uint_eq(art_lex_lookup(mixed, n), lower);
        /* A prefix or a longer word is another word. */
        ck_assert_uint_eq(art_lex_lookup("thex", 4), 0);
        memcpy(up, w, n);
        up[n] = 'q';
        ck_assert_uint_eq(art_lex_lookup(up, n + 1), 0);
    }
    ck_assert_uint_eq(art_lex_lookup("", 0), 0);
    ck_assert_uint_eq(art_lex_lookup("sa1d", 4), 0);
    ck_assert_uint_eq(art_lex_lookup("sa d", 4), 0);
    ck_assert_uint_eq(art_lex_lookup("said!", 5), 0);
    ck_assert_uint_eq(art_lex_lookup("s\xC3\xA4id", 5), 0);
    ck_assert_uint_eq(art_lex_lookup("saidsaidsaidsaids", 17), 0);
    /* Only the given bytes count: "said" inside a longer buffer. */
    ck_assert(art_lex_lookup("saidx", 4) & ART_LEX_CUE);
    ck_assert(art_lex_lookup("SAID,", 4) & ART_LEX_CUE);
}
END_TEST

int main(void) {
    Suite *s = suite_create("quotes_words");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_marks_at_every_offset);
    tcase_add_test(tc, test_words_and_spaces);
    tcase_add_test(tc, test_lexicon_case_and_length);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
