/* Every limit at its default value: the largest article within it parses, one step past
 * it is refused with the limit's own error. (Custom values of each limit are covered by
 * test_errors, test_api, test_frontmatter and test_body.) */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* The million-block and hundred-thousand-quote cases take minutes under valgrind and add
 * nothing there that the smaller cases in the other suites do not check. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

static void refused(const char *text, size_t len, article_status code, const char *in_msg) {
    article_error e = parse_err(text, len, code);
    ck_assert_int_eq(article_status_family_of(code), ARTICLE_FAMILY_LIMIT);
    ck_assert_msg(strstr(e.message, in_msg) != NULL, "message \"%s\" lacks \"%s\"", e.message,
                  in_msg);
}

START_TEST(input_size_default) {
    size_t n = ARTICLE_DEFAULT_MAX_INPUT_SIZE;
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, 'a', n + 1);
    /* Refused before anything is copied or read. */
    refused(s, n + 1, ARTICLE_ERR_LIMIT_INPUT_SIZE, "67108864");
    free(s);
}
END_TEST

/* The front matter block, delimiters included, against the default 1 MiB. */
static char *front_matter_of(size_t total) {
    const char *head = "---\nx: ", *tail = "\n---\n";
    size_t fill = total - strlen(head) - strlen(tail);
    char *s = malloc(total + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, strlen(head));
    memset(s + strlen(head), 'y', fill);
    memcpy(s + strlen(head) + fill, tail, strlen(tail) + 1);
    return s;
}

START_TEST(front_matter_size_default) {
    size_t max = ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE;
    char *s = front_matter_of(max);
    article *a = parse_ok_opts(s, max, NULL);
    size_t start, end;
    ck_assert(article_front_matter(a, &start, &end));
    ck_assert_uint_eq(end - start, max);
    article_free(a);
    free(s);
    s = front_matter_of(max + 1);
    refused(s, max + 1, ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE, "1048576");
    free(s);
}
END_TEST

START_TEST(blocks_default) {
    if (UNDER_VALGRIND())
        return;
    /* One paragraph per "a\n\n": exactly the default number of blocks, then one more. */
    size_t max = ARTICLE_DEFAULT_MAX_BLOCKS;
    char *s = repeat("", "a\n\n", max, "");
    article *a = parse_ok_opts(s, 3 * max, NULL);
    ck_assert_uint_eq(article_block_count(a), max);
    article_free(a);
    free(s);
    s = repeat("", "a\n\n", max + 1, "");
    refused(s, 3 * (max + 1), ARTICLE_ERR_LIMIT_BLOCKS, "1000000 blocks");
    free(s);
}
END_TEST

START_TEST(quotes_default) {
    if (UNDER_VALGRIND())
        return;
    size_t max = ARTICLE_DEFAULT_MAX_QUOTES;
    char *s = repeat("", "\"a\" ", max, "\n");
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    article *a = parse_ok_opts(s, strlen(s), &o);
    ck_assert_uint_eq(article_quote_count(a), max);
    article_free(a);
    free(s);
    s = repeat("", "\"a\" ", max + 1, "\n");
    refused(s, strlen(s), ARTICLE_ERR_LIMIT_QUOTES, "100000 quot");
    free(s);
}
END_TEST

START_TEST(warnings_default) {
    /* A tag the core schema does not define: one warning per value. */
    size_t max = ARTICLE_DEFAULT_MAX_WARNINGS;
    char *s = repeat("---\nx: [", "!odd a, ", max, "]\n---\n");
    article *a = parse_ok_opts(s, strlen(s), NULL);
    ck_assert_uint_eq(article_warning_count(a), max);
    ck_assert_int_eq(article_warning_get_code(article_warning_at(a, max - 1)),
                     ARTICLE_WARN_UNKNOWN_TAG);
    article_free(a);
    free(s);
    s = repeat("---\nx: [", "!odd a, ", max + 1, "]\n---\n");
    refused(s, strlen(s), ARTICLE_ERR_LIMIT_WARNINGS, "10000 warn");
    free(s);
}
END_TEST

START_TEST(markdown_depth_counts_inlines) {
    /* Nested emphasis and links count like blocks: paragraph 1, then one level each. */
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.max_markdown_depth = 8;
    char *s = repeat("", "*a ", 40, "b");
    char *t = repeat(s, " a*", 40, "\n");
    article_error e = parse_err_opts(t, strlen(t), &o, ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(e.line, 1);
    ck_assert_ptr_nonnull(strstr(e.message, "8"));
    o.max_markdown_depth = 100;
    article_free(parse_ok_opts(t, strlen(t), &o));
    free(s);
    free(t);
    o.max_markdown_depth = 4;
    /* Links may not hold links, but images may hold images. */
    s = repeat("", "![", 10, "a");
    t = repeat(s, "](/u)", 10, "\n");
    parse_err_opts(t, strlen(t), &o, ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    free(s);
    free(t);
}
END_TEST

int main(void) {
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("defaults");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, input_size_default);
    tcase_add_test(tc, front_matter_size_default);
    tcase_add_test(tc, blocks_default);
    tcase_add_test(tc, quotes_default);
    tcase_add_test(tc, warnings_default);
    tcase_add_test(tc, markdown_depth_counts_inlines);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
