/* Bad and unusual encodings, each with its documented result: invalid UTF-8 in every form
 * (refused at its first byte), NUL bytes, UTF-16/32 byte order marks, a UTF-8 BOM at the
 * start and elsewhere, and the three line endings. */
#include "testutil.h"

#include <string.h>

START_TEST(invalid_utf8_forms) {
    static const struct {
        const char *bytes;
        size_t len;
        size_t bad; /* offset of the first byte of the bad sequence */
    } cases[] = {
        {"x\xc0\x80", 3, 1},               /* overlong NUL */
        {"x\xc1\xbf", 3, 1},               /* overlong ASCII */
        {"x\xe0\x80\xaf", 4, 1},           /* overlong three-byte */
        {"x\xf0\x80\x80\xaf", 5, 1},       /* overlong four-byte */
        {"ok\xed\xa0\x80", 5, 2},          /* high surrogate */
        {"ok\xed\xbf\xbf", 5, 2},          /* low surrogate */
        {"\xf4\x90\x80\x80", 4, 0},        /* above U+10FFFF */
        {"x\xf8\x88\x80\x80\x80", 6, 1},   /* five-byte form */
        {"x\xfc\x84\x80\x80\x80\x80", 7, 1}, /* six-byte form */
        {"a\xfe", 2, 1},
        {"a\xff", 2, 1},
        {"ab\xe2\x82", 4, 2},              /* truncated at the end of input */
        {"ab\xe2\x82 c", 6, 2},            /* truncated before ASCII */
        {"\x80 lone", 6, 0},               /* lone continuation byte */
        {"---\ntitle: \xe9t\xe9\n---\n", 19, 11}, /* Latin-1 in the front matter */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        article_error e = parse_err(cases[i].bytes, cases[i].len, ARTICLE_ERR_UTF8);
        ck_assert_msg(e.offset == cases[i].bad, "case %zu: offset %zu, expected %zu", i,
                      e.offset, cases[i].bad);
    }
    /* The largest code point, and the ones around the surrogates, are fine. */
    article_free(parse_ok("\xf4\x8f\xbf\xbf \xed\x9f\xbf \xee\x80\x80\n"));
}
END_TEST

START_TEST(nul_bytes_and_wide_encodings) {
    article_error e = parse_err("a\0b", 3, ARTICLE_ERR_NUL_BYTE);
    ck_assert_uint_eq(e.offset, 1);
    /* UTF-16 without a byte order mark shows as NUL bytes. */
    e = parse_err("T\0i\0t\0", 6, ARTICLE_ERR_NUL_BYTE);
    ck_assert_uint_eq(e.offset, 1);
    parse_err("\xff\xfeT\0", 4, ARTICLE_ERR_UTF16);        /* UTF-16 LE */
    parse_err("\xfe\xff\0T", 4, ARTICLE_ERR_UTF16);        /* UTF-16 BE */
    parse_err("\xff\xfe\0\0T\0\0\0", 8, ARTICLE_ERR_UTF16); /* UTF-32 LE */
    e = parse_err("\0\0\xfe\xff\0\0\0T", 8, ARTICLE_ERR_UTF16); /* UTF-32 BE */
    ck_assert_ptr_nonnull(strstr(e.message, "UTF-32"));
}
END_TEST

START_TEST(utf8_bom) {
    /* At the start: skipped, and the front matter after it is found. */
    const char *text = "\xef\xbb\xbf---\ntitle: X\n---\nBody \xef\xbb\xbf mid.\n";
    article *a = parse_ok(text);
    size_t start, end, len;
    ck_assert(article_front_matter(a, &start, &end));
    ck_assert_uint_eq(start, 3);
    ck_assert_str_eq(article_value_string(article_value_get(article_metadata(a), "title"),
                                          NULL),
                     "X");
    /* Elsewhere it is text (U+FEFF). */
    ck_assert_uint_eq(article_block_count(a), 1);
    const char *t = article_block_text(article_block_at(a, 0), &len);
    ck_assert_strn_eq(t, len, "Body \xef\xbb\xbf mid.");
    article_free(a);

    /* Only one BOM is skipped: after a second one, `---` is Markdown, not front matter. */
    a = parse_ok("\xef\xbb\xbf\xef\xbb\xbf---\ntitle: X\n---\n");
    ck_assert(!article_front_matter(a, NULL, NULL));
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 0);
    article_free(a);

    /* A BOM alone is an empty article. */
    a = parse_ok("\xef\xbb\xbf");
    ck_assert_uint_eq(article_block_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(line_endings) {
    /* LF, CRLF and lone CR all end lines: in the front matter, its delimiters and the
     * body alike. */
    static const char *const texts[] = {
        "---\ntitle: T\n---\nBody\nline two\n",
        "---\r\ntitle: T\r\n---\r\nBody\r\nline two\r\n",
        "---\rtitle: T\r---\rBody\rline two\r",
    };
    for (size_t i = 0; i < 3; i++) {
        article *a = parse_ok(texts[i]);
        size_t len;
        ck_assert(article_front_matter(a, NULL, NULL));
        const char *title =
            article_value_string(article_value_get(article_metadata(a), "title"), &len);
        ck_assert_strn_eq(title, len, "T");
        ck_assert_uint_eq(article_block_count(a), 1);
        const char *t = article_block_text(article_block_at(a, 0), &len);
        ck_assert_strn_eq(t, len, "Body line two");
        size_t line, col;
        article_locate(a, article_block_start(article_block_at(a, 0)), &line, &col);
        ck_assert_uint_eq(line, 4);
        ck_assert_uint_eq(col, 1);
        article_free(a);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("encodings");
    TCase *tc = tcase_create("encodings");
    tcase_add_test(tc, invalid_utf8_forms);
    tcase_add_test(tc, nul_bytes_and_wide_encodings);
    tcase_add_test(tc, utf8_bom);
    tcase_add_test(tc, line_endings);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
