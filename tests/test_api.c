/* Public API basics: versions, status codes, options, argument checks, ownership. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(version_matches_header) {
    ck_assert_str_eq(article_version(), ARTICLE_VERSION_STRING);
    ck_assert_uint_eq(article_version_number(), ARTICLE_VERSION_NUMBER);
}
END_TEST

/* cmark-gfm before 0.29.0.gfm.13 is unsafe on untrusted input; never link one. */
START_TEST(cmark_gfm_is_at_least_gfm13) {
    const char *v = article_dependency_version("cmark-gfm");
    ck_assert_ptr_nonnull(v);
    int major, minor, patch, gfm;
    ck_assert_int_eq(sscanf(v, "%d.%d.%d.gfm.%d", &major, &minor, &patch, &gfm), 4);
    long packed = ((long)major << 24) | (minor << 16) | (patch << 8) | gfm;
    ck_assert_msg(packed >= ((0L << 24) | (29 << 16) | (0 << 8) | 13),
                  "linked cmark-gfm %s is older than 0.29.0.gfm.13", v);
    ck_assert_ptr_nonnull(article_dependency_version("libyaml"));
    ck_assert_ptr_null(article_dependency_version("zlib"));
}
END_TEST

int main(void) {
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("basics");
    tcase_add_test(tc, version_matches_header);
    tcase_add_test(tc, cmark_gfm_is_at_least_gfm13);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
