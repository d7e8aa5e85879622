/* The bundled sample article, examples/articles/fentanyl-sanctions.md, with its exact
 * expected values. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static char *text;
static size_t text_len;
static article *a;

static void setup(void) {
    text = sample_article(&text_len);
    a = parse_ok_opts(text, text_len, NULL);
}

static void teardown(void) {
    article_free(a);
    free(text);
}

START_TEST(front_matter_fields) {
    size_t len;
    ck_assert_strn_eq(article_title(a, &len), len,
                      "Biden wants to ease China sanctions in exchange for fentanyl "
                      "cooperation, GOP threatens to block deal");
    ck_assert_strn_eq(article_subhed(a, &len), len,
                      "American lives aren\xe2\x80\x99t a bargaining chip GOP lawmakers say");
    ck_assert_strn_eq(article_author(a, &len), len, "Charles Standard");
    ck_assert_uint_eq(article_author_count(a), 1);
    ck_assert_strn_eq(article_author_at(a, 0, &len), len, "Charles Standard");
    ck_assert_strn_eq(article_author_title(a, &len), len, "Senior Political Correspondent");
    ck_assert_strn_eq(article_layout(a, &len), len, "post");
    ck_assert_strn_eq(article_category(a, &len), len, "Politics");
    ck_assert_ptr_null(article_date(a, &len));
    ck_assert_ptr_null(article_date_parsed(a));
    ck_assert_uint_eq(article_tag_count(a), 0);

    const article_image *img = article_featured_image(a);
    ck_assert_ptr_nonnull(img);
    ck_assert_strn_eq(article_image_path(img, &len), len,
                      "https://www.washingtonpost.com/resizer/tbYo5xEpdcuIxykmZHE-x73SHp8=/"
                      "1440x0/smart/arc-anglerfish-washpost-prod-washpost.s3.amazonaws.com/"
                      "public/Z2QQQKZUEQ2VHHQPF5RCCBM3LE.jpg");
    ck_assert_strn_eq(article_image_cutline(img, &len), len,
                      "Biden and Xi Jinping pose for the camera");
    ck_assert_strn_eq(article_image_credit(img, &len), len, "Washington Post");
    ck_assert_ptr_null(article_image_alt(img, &len));

    /* The title's value spans exactly what is written after "title: ". */
    const article_value *t = article_field_value(a, ARTICLE_FIELD_TITLE);
    ck_assert_str_eq(slice(a, article_value_start(t), article_value_end(t)),
                     article_title(a, NULL));
    ck_assert_uint_eq(article_value_line(t), 2);
    ck_assert_uint_eq(article_value_column(t), 8);

    size_t fs, fe;
    ck_assert_int_eq(article_front_matter(a, &fs, &fe), 1);
    ck_assert_uint_eq(fs, 0);
    ck_assert_str_eq(slice(a, fe - 4, fe), "---\n");
    ck_assert_uint_eq(article_value_count(article_metadata(a)), 7);
    ck_assert_uint_eq(article_warning_count(a), 0);
}
END_TEST

START_TEST(ten_paragraphs) {
    size_t n = article_block_count(a);
    ck_assert_uint_eq(n, 10);
    for (size_t i = 0; i < n; i++) {
        const article_block *b = article_block_at(a, i);
        ck_assert_int_eq(article_block_get_type(b), ARTICLE_BLOCK_PARAGRAPH);
        ck_assert_uint_eq(article_block_parent(b), ARTICLE_NO_INDEX);
        ck_assert_uint_eq(article_block_depth(b), 0);
    }
    size_t len;
    const article_block *first = article_block_at(a, 0);
    ck_assert_strn_eq(article_block_text(first, &len), len,
                      "Biden is considering agreeing to demands from Beijing that the U.S. lift "
                      "human rights sanctions against China in return for cooperating on "
                      "fentanyl trafficking.");
    ck_assert_str_eq(slice(a, article_block_start(first), article_block_end(first)),
                     article_block_text(first, NULL));
    /* The eighth paragraph has two source lines joined by one space. */
    const char *p8 = article_block_text(article_block_at(a, 7), &len);
    ck_assert_ptr_nonnull(strstr(p8, "the letter states. They accused"));
    /* The last paragraph ends the file, which has no final newline. */
    const article_block *last = article_block_at(a, 9);
    ck_assert_uint_eq(article_block_end(last), text_len);
    ck_assert_uint_gt(article_word_count(a), 500);
    ck_assert_uint_eq(article_reading_minutes(a), (article_word_count(a) + 199) / 200);
}
END_TEST

typedef struct {
    size_t block;
    const char *starts, *ends; /* the text's first and last words */
    const char *speaker, *cue; /* NULL: none; a speaker with no cue is inherited */
} expected_quote;

static const expected_quote quotes[] = {
    {1, "The [Chinese Communist Party] is using", "for its human rights abuses,",
     "Rep. Young Kim (R-CA), House Foreign Affairs Committee Chair Michael McCaul (R-TX), "
     "and China select committee Chair Mike Gallagher (R-WI)",
     "stated"},
    {3, "Given how many of our constituents", "to these obligations,", "the letter", "said"},
    {3, "We do not support lifting", "cannot circumvent Congress.", "the letter", NULL},
    {4, "China\xe2\x80\x99s Ministry of Public Security", "Autonomous Region (XUAR),",
     "the letter", "added"},
    {4, "This demonstrates the CCP", "\xe2\x80\x98good behavior.", "the letter", NULL},
    {5, "China's campaign of repression", "Muslim minority groups.", NULL, NULL},
    {7, "According to the Center for Disease Control", "into the United States,",
     "the letter", "states"},
    {7, "the importance of engagement", "as success itself.", "They", "accused"},
    {8, "As we expected", "under this Administration,", "they", "wrote"},
    {9, "We are therefore concerned", "not producing any results.", "They", "added"},
};

START_TEST(ten_quotes_with_speakers) {
    size_t n = article_quote_count(a);
    ck_assert_uint_eq(n, sizeof quotes / sizeof quotes[0]);
    for (size_t i = 0; i < n; i++) {
        const expected_quote *e = &quotes[i];
        const article_quote *q = article_quote_at(a, i);
        size_t len;
        const char *qt = article_quote_text(q, &len);
        ck_assert_msg(len >= strlen(e->starts) && memcmp(qt, e->starts, strlen(e->starts)) == 0,
                      "quote %zu starts \"%.40s\"", i, qt);
        ck_assert_msg(len >= strlen(e->ends) &&
                          memcmp(qt + len - strlen(e->ends), e->ends, strlen(e->ends)) == 0,
                      "quote %zu ends \"%s\"", i, qt + (len > 40 ? len - 40 : 0));
        ck_assert_uint_eq(article_quote_block(q), e->block);
        ck_assert_uint_eq(article_quote_span_count(q), 1);
        /* Markup-free quotes: the span is exactly the text. */
        ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)), qt);
        const article_speaker *sp = article_quote_speaker(q);
        if (!e->speaker) {
            ck_assert_msg(sp == NULL, "quote %zu has speaker %s", i,
                          sp ? article_speaker_text(sp, NULL) : "");
            ck_assert_ptr_null(article_quote_cue(q, NULL));
            ck_assert_int_eq(article_quote_attribution(q), ARTICLE_ATTRIBUTION_NONE);
            continue;
        }
        ck_assert_msg(sp != NULL, "quote %zu has no speaker", i);
        ck_assert_strn_eq(article_speaker_text(sp, &len), len, e->speaker);
        ck_assert_str_eq(slice(a, article_speaker_start(sp), article_speaker_end(sp)), e->speaker);
        if (!e->cue) {
            ck_assert_ptr_null(article_quote_cue(q, NULL));
            ck_assert_int_eq(article_quote_attribution(q), ARTICLE_ATTRIBUTION_INHERITED);
            continue;
        }
        ck_assert_strn_eq(article_quote_cue(q, &len), len, e->cue);
        ck_assert_str_eq(slice(a, article_quote_cue_start(q), article_quote_cue_end(q)), e->cue);
        ck_assert_int_eq(article_quote_attribution(q), ARTICLE_ATTRIBUTION_DIRECT);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("seed");
    TCase *tc = tcase_create("sample-article");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, front_matter_fields);
    tcase_add_test(tc, ten_paragraphs);
    tcase_add_test(tc, ten_quotes_with_speakers);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
