/* Well-known fields from the front matter: key spellings and fallbacks, authors, tags,
 * categories, the featured image, dates, and the warnings for values of the wrong shape. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole input of the last article made by fm(), for offsets. */
static char input[8192];

/* An article whose front matter is `yaml` (lines ending in "\n"), with a one-line body. */
static article *fm(const char *yaml) {
    int n = snprintf(input, sizeof input, "---\n%s---\nBody text.\n", yaml);
    ck_assert(n > 0 && (size_t)n < sizeof input);
    return parse_ok(input);
}

/* Offset of the first `needle` after `after` (both found in the last input). */
static size_t off_after(const char *after, const char *needle) {
    const char *from = after ? strstr(input, after) : input;
    ck_assert_msg(from != NULL, "'%s' not in the input", after);
    const char *p = strstr(from, needle);
    ck_assert_msg(p != NULL, "'%s' not in the input", needle);
    return (size_t)(p - input);
}

static size_t off(const char *needle) {
    return off_after(NULL, needle);
}

static size_t count_code(const article *a, article_warning_code code) {
    size_t n = 0;
    for (size_t i = 0; i < article_warning_count(a); i++)
        n += article_warning_get_code(article_warning_at(a, i)) == code;
    return n;
}

/* The i-th warning must have this code and offset, and its message contain `part`. */
static void check_warning(const article *a, size_t i, article_warning_code code, size_t offset,
                          const char *part) {
    const article_warning *w = article_warning_at(a, i);
    ck_assert_msg(w != NULL, "no warning %zu (of %zu)", i, article_warning_count(a));
    size_t len;
    const char *msg = article_warning_message(w, &len);
    ck_assert_msg(article_warning_get_code(w) == code, "warning %zu is %s (%s)", i,
                  article_warning_name(article_warning_get_code(w)), msg);
    ck_assert_uint_eq(article_warning_offset(w), offset);
    ck_assert_msg(strstr(msg, part) != NULL, "message '%s' lacks '%s'", msg, part);
    ck_assert_uint_eq(strlen(msg), len);
}

#define ck_field(a, f, lit)                                                                \
    do {                                                                                   \
        size_t flen_;                                                                      \
        const char *fs_ = article_field_string((a), (f), &flen_);                          \
        ck_assert_strn_eq(fs_, flen_, (lit));                                              \
    } while (0)

#define ck_no_field(a, f)                                                                  \
    do {                                                                                   \
        size_t flen_ = 99;                                                                 \
        ck_assert_ptr_null(article_field_string((a), (f), &flen_));                        \
        ck_assert_uint_eq(flen_, 0);                                                       \
        ck_assert_ptr_null(article_field_value((a), (f)));                                 \
    } while (0)

#define ck_author_at(a, i, lit)                                                            \
    do {                                                                                   \
        size_t alen_;                                                                      \
        const char *as_ = article_author_at((a), (i), &alen_);                             \
        ck_assert_strn_eq(as_, alen_, (lit));                                              \
    } while (0)

#define ck_tag_at(a, i, lit)                                                               \
    do {                                                                                   \
        size_t tlen_;                                                                      \
        const char *ts_ = article_tag_at((a), (i), &tlen_);                                \
        ck_assert_strn_eq(ts_, tlen_, (lit));                                              \
    } while (0)

/* ---- scalars and spellings ---------------------------------------------------------------- */

START_TEST(no_front_matter_no_fields) {
    article *a = parse_ok("Just a body.\n");
    for (int f = ARTICLE_FIELD_TITLE; f <= ARTICLE_FIELD_EXCERPT; f++)
        ck_no_field(a, (article_field)f);
    ck_assert_uint_eq(article_author_count(a), 0);
    ck_assert_uint_eq(article_tag_count(a), 0);
    ck_assert_ptr_null(article_author_at(a, 0, NULL));
    ck_assert_ptr_null(article_featured_image(a));
    ck_assert_ptr_null(article_date_parsed(a));
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(every_scalar_field_and_its_span) {
    article *a = fm("title: The Title\n"
                    "subhed: A subhed\n"
                    "author: Ann Writer\n"
                    "author-title: Staff writer\n"
                    "date: 2024-05-01\n"
                    "category: News\n"
                    "layout: post\n"
                    "permalink: /news/the-title\n"
                    "excerpt: In short.\n");
    ck_field(a, ARTICLE_FIELD_TITLE, "The Title");
    ck_field(a, ARTICLE_FIELD_SUBHED, "A subhed");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Ann Writer");
    ck_field(a, ARTICLE_FIELD_AUTHOR_TITLE, "Staff writer");
    ck_field(a, ARTICLE_FIELD_DATE, "2024-05-01");
    ck_field(a, ARTICLE_FIELD_CATEGORY, "News");
    ck_field(a, ARTICLE_FIELD_LAYOUT, "post");
    ck_field(a, ARTICLE_FIELD_PERMALINK, "/news/the-title");
    ck_field(a, ARTICLE_FIELD_EXCERPT, "In short.");
    /* The shorthands agree with article_field_string(). */
    size_t len;
    ck_assert_strn_eq(article_title(a, &len), len, "The Title");
    ck_assert_strn_eq(article_subhed(a, &len), len, "A subhed");
    ck_assert_strn_eq(article_author(a, &len), len, "Ann Writer");
    ck_assert_strn_eq(article_author_title(a, &len), len, "Staff writer");
    ck_assert_strn_eq(article_date(a, &len), len, "2024-05-01");
    ck_assert_strn_eq(article_category(a, &len), len, "News");
    ck_assert_strn_eq(article_layout(a, &len), len, "post");
    ck_assert_strn_eq(article_permalink(a, &len), len, "/news/the-title");
    ck_assert_strn_eq(article_excerpt(a, &len), len, "In short.");
    const article_value *v = article_field_value(a, ARTICLE_FIELD_TITLE);
    ck_assert_str_eq(slice(a, article_value_start(v), article_value_end(v)), "The Title");
    v = article_field_value(a, ARTICLE_FIELD_AUTHOR_TITLE);
    ck_assert_str_eq(slice(a, article_value_start(v), article_value_end(v)), "Staff writer");
    ck_assert_uint_eq(article_warning_count(a), 0);
    /* Out-of-range fields. */
    ck_assert_ptr_null(article_field_string(a, (article_field)0, NULL));
    ck_assert_ptr_null(article_field_string(a, (article_field)10, NULL));
    ck_assert_ptr_null(article_field_value(a, (article_field)99));
    article_free(a);
}
END_TEST

START_TEST(scalars_of_other_types_give_their_text) {
    article *a = fm("title: 2024\nsubhed: 1.50\nlayout: true\nexcerpt: 0x1F\n");
    ck_field(a, ARTICLE_FIELD_TITLE, "2024");
    ck_field(a, ARTICLE_FIELD_SUBHED, "1.50");
    ck_field(a, ARTICLE_FIELD_LAYOUT, "true");
    ck_field(a, ARTICLE_FIELD_EXCERPT, "0x1F");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(null_counts_as_absent) {
    article *a = fm("title: ~\nsubhed:\nsubtitle: null\ndek: The dek\nlayout: Null\n");
    ck_no_field(a, ARTICLE_FIELD_TITLE);
    ck_no_field(a, ARTICLE_FIELD_LAYOUT);
    ck_field(a, ARTICLE_FIELD_SUBHED, "The dek");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
    /* A quoted "~" is a string, not a null. */
    a = fm("title: \"~\"\n");
    ck_field(a, ARTICLE_FIELD_TITLE, "~");
    article_free(a);
}
END_TEST

START_TEST(keys_are_exact_and_case_sensitive) {
    article *a = fm("Title: No\nTITLE: No\ntitle_: x\nauthor title: No\nauthortitle: No\n"
                    "Author-Title: No\n");
    ck_no_field(a, ARTICLE_FIELD_TITLE);
    ck_no_field(a, ARTICLE_FIELD_AUTHOR_TITLE);
    article_free(a);
}
END_TEST

START_TEST(multi_word_keys_in_both_spellings) {
    article *a = fm("author_title: Editor\nfeatured_image: a.jpg\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR_TITLE, "Editor");
    size_t len;
    ck_assert_strn_eq(article_image_path(article_featured_image(a), &len), len, "a.jpg");
    article_free(a);
    /* Both present: the `-` spelling wins, whatever the order. */
    a = fm("author_title: Under\nauthor-title: Dash\nfeatured_image: u.jpg\n"
           "featured-image: d.jpg\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR_TITLE, "Dash");
    ck_assert_strn_eq(article_image_path(article_featured_image(a), &len), len, "d.jpg");
    article_free(a);
    /* A NULL `-` spelling falls back to the `_` one. */
    a = fm("author-title: ~\nauthor_title: Under\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR_TITLE, "Under");
    article_free(a);
}
END_TEST

START_TEST(subhed_fallbacks) {
    article *a = fm("dek: D\nsubtitle: S\nsubhed: H\n");
    ck_field(a, ARTICLE_FIELD_SUBHED, "H");
    article_free(a);
    a = fm("dek: D\nsubtitle: S\n");
    ck_field(a, ARTICLE_FIELD_SUBHED, "S");
    const article_value *v = article_field_value(a, ARTICLE_FIELD_SUBHED);
    ck_assert_str_eq(slice(a, article_value_start(v), article_value_end(v)), "S");
    article_free(a);
    a = fm("dek: D\n");
    ck_field(a, ARTICLE_FIELD_SUBHED, "D");
    article_free(a);
}
END_TEST

START_TEST(permalink_excerpt_category_fallbacks) {
    article *a = fm("slug: the-slug\ndescription: Described.\ncategories: [World, Politics]\n");
    ck_field(a, ARTICLE_FIELD_PERMALINK, "the-slug");
    ck_field(a, ARTICLE_FIELD_EXCERPT, "Described.");
    ck_field(a, ARTICLE_FIELD_CATEGORY, "World");
    const article_value *v = article_field_value(a, ARTICLE_FIELD_CATEGORY);
    ck_assert_uint_eq(article_value_start(v), off("World"));
    article_free(a);
    a = fm("slug: s\npermalink: /p\ndescription: d\nexcerpt: e\ncategories: [W]\n"
           "category: C\n");
    ck_field(a, ARTICLE_FIELD_PERMALINK, "/p");
    ck_field(a, ARTICLE_FIELD_EXCERPT, "e");
    ck_field(a, ARTICLE_FIELD_CATEGORY, "C");
    article_free(a);
    /* A scalar `categories` counts as one; NULL items are skipped. */
    a = fm("categories: Sports\n");
    ck_field(a, ARTICLE_FIELD_CATEGORY, "Sports");
    article_free(a);
    a = fm("categories: [~, Arts]\n");
    ck_field(a, ARTICLE_FIELD_CATEGORY, "Arts");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
    a = fm("categories: []\n");
    ck_no_field(a, ARTICLE_FIELD_CATEGORY);
    article_free(a);
}
END_TEST

/* ---- wrong shapes ------------------------------------------------------------------------- */

START_TEST(collections_where_a_scalar_belongs_warn) {
    article *a = fm("title: {main: x}\nlayout: [a, b]\nsubhed: [s]\nsubtitle: Sub\n");
    ck_no_field(a, ARTICLE_FIELD_TITLE);
    ck_no_field(a, ARTICLE_FIELD_LAYOUT);
    /* The wrong-shaped subhed is skipped for the next key. */
    ck_field(a, ARTICLE_FIELD_SUBHED, "Sub");
    ck_assert_uint_eq(article_warning_count(a), 3);
    ck_assert_uint_eq(count_code(a, ARTICLE_WARN_FIELD_TYPE), 3);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("{main"),
                  "'title' is a mapping, not a scalar");
    check_warning(a, 1, ARTICLE_WARN_FIELD_TYPE, off("[s]"), "'subhed' is a sequence");
    check_warning(a, 2, ARTICLE_WARN_FIELD_TYPE, off("[a, b]"), "'layout'");
    article_free(a);
    a = fm("author-title:\n  - a\n  - b\ncategory: {x: 1}\ncategories: [[x], Y]\n");
    ck_no_field(a, ARTICLE_FIELD_AUTHOR_TITLE);
    ck_field(a, ARTICLE_FIELD_CATEGORY, "Y");
    ck_assert_uint_eq(article_warning_count(a), 3);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("- a"), "'author-title'");
    check_warning(a, 1, ARTICLE_WARN_FIELD_TYPE, off("{x: 1}"), "'category'");
    check_warning(a, 2, ARTICLE_WARN_FIELD_TYPE, off("[x]"), "item 1 of 'categories'");
    article_free(a);
    a = fm("categories: {a: b}\n");
    ck_no_field(a, ARTICLE_FIELD_CATEGORY);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("{a: b}"),
                  "'categories' is a mapping, not a scalar or a sequence");
    article_free(a);
}
END_TEST

/* ---- authors ------------------------------------------------------------------------------ */

START_TEST(author_scalar) {
    article *a = fm("author: Jane Roe\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Jane Roe");
    ck_assert_uint_eq(article_author_count(a), 1);
    ck_author_at(a, 0, "Jane Roe");
    ck_assert_ptr_null(article_author_at(a, 1, NULL));
    article_free(a);
}
END_TEST

START_TEST(author_mapping_with_name) {
    article *a = fm("author:\n  name: Jane Roe\n  email: jr@example.com\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Jane Roe");
    ck_assert_uint_eq(article_author_count(a), 1);
    ck_author_at(a, 0, "Jane Roe");
    const article_value *v = article_field_value(a, ARTICLE_FIELD_AUTHOR);
    ck_assert_str_eq(slice(a, article_value_start(v), article_value_end(v)), "Jane Roe");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
    a = fm("author: {email: x@example.com}\n");
    ck_no_field(a, ARTICLE_FIELD_AUTHOR);
    ck_assert_uint_eq(article_author_count(a), 0);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("{email"), "'author' has no scalar 'name'");
    ck_assert_uint_eq(article_warning_count(a), 1);
    article_free(a);
    a = fm("author: {name: [a, b]}\n");
    ck_no_field(a, ARTICLE_FIELD_AUTHOR);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("[a, b]"), "'author'");
    article_free(a);
}
END_TEST

START_TEST(author_list_in_author) {
    article *a = fm("author:\n  - Ann\n  - name: Bo\n  - Cy\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Ann");
    ck_assert_uint_eq(article_author_count(a), 3);
    ck_author_at(a, 0, "Ann");
    ck_author_at(a, 1, "Bo");
    ck_author_at(a, 2, "Cy");
    article_free(a);
}
END_TEST

START_TEST(authors_list_and_author_together) {
    /* `authors` is the list; a scalar `author` is still the author. */
    article *a = fm("authors: [Ann, Bo]\nauthor: Cy\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Cy");
    ck_assert_uint_eq(article_author_count(a), 2);
    ck_author_at(a, 0, "Ann");
    ck_author_at(a, 1, "Bo");
    article_free(a);
    /* A list in `author` loses to `authors` entirely (and is not read). */
    a = fm("authors: [Ann, Bo]\nauthor: [Cy, [bad]]\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Ann");
    ck_assert_uint_eq(article_author_count(a), 2);
    ck_assert_uint_eq(article_warning_count(a), 0);
    const article_value *v = article_field_value(a, ARTICLE_FIELD_AUTHOR);
    ck_assert_uint_eq(article_value_start(v), off("Ann"));
    article_free(a);
    /* Only `authors`: the author is its first item. */
    a = fm("authors:\n  - name: Ann\n    role: x\n  - Bo\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Ann");
    ck_assert_uint_eq(article_author_count(a), 2);
    ck_author_at(a, 1, "Bo");
    article_free(a);
    /* One string in `authors` is a list of one. */
    a = fm("authors: Solo Writer\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Solo Writer");
    ck_assert_uint_eq(article_author_count(a), 1);
    article_free(a);
    /* An empty `authors` list wins over `author` for the list only. */
    a = fm("authors: []\nauthor: Cy\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Cy");
    ck_assert_uint_eq(article_author_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(author_items_of_the_wrong_shape_warn) {
    article *a = fm("authors:\n  - Ann\n  - email: x@example.com\n  - [nested]\n  - ~\n"
                    "  - name: ~\n  - Bo\n");
    ck_assert_uint_eq(article_author_count(a), 2);
    ck_author_at(a, 0, "Ann");
    ck_author_at(a, 1, "Bo");
    ck_assert_uint_eq(article_warning_count(a), 2);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("email"),
                  "item 2 of 'authors' has no scalar 'name'");
    check_warning(a, 1, ARTICLE_WARN_FIELD_TYPE, off("[nested]"),
                  "item 3 of 'authors' is a sequence");
    article_free(a);
    /* `authors` as a mapping without a name is ignored for `author`. */
    a = fm("authors: {role: x}\nauthor: {name: Cy}\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Cy");
    ck_assert_uint_eq(article_author_count(a), 1);
    ck_author_at(a, 0, "Cy");
    ck_assert_uint_eq(article_warning_count(a), 1);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("{role"), "'authors'");
    article_free(a);
    /* A mapping `author` without a name, next to an `authors` list: warned once. */
    a = fm("authors: [Ann]\nauthor: {role: x}\n");
    ck_field(a, ARTICLE_FIELD_AUTHOR, "Ann");
    ck_assert_uint_eq(article_warning_count(a), 1);
    article_free(a);
}
END_TEST

/* ---- tags --------------------------------------------------------------------------------- */

START_TEST(tags_shapes) {
    article *a = fm("tags: [china, fentanyl, 2024]\n");
    ck_assert_uint_eq(article_tag_count(a), 3);
    ck_tag_at(a, 0, "china");
    ck_tag_at(a, 1, "fentanyl");
    ck_tag_at(a, 2, "2024");
    ck_assert_ptr_null(article_tag_at(a, 3, NULL));
    article_free(a);
    a = fm("tags: politics\n");
    ck_assert_uint_eq(article_tag_count(a), 1);
    ck_tag_at(a, 0, "politics");
    article_free(a);
    a = fm("tags:\n  - one\n  - [two]\n  - {three: 3}\n  - ~\n  - four\n");
    ck_assert_uint_eq(article_tag_count(a), 2);
    ck_tag_at(a, 0, "one");
    ck_tag_at(a, 1, "four");
    ck_assert_uint_eq(article_warning_count(a), 2);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("[two]"), "item 2 of 'tags'");
    check_warning(a, 1, ARTICLE_WARN_FIELD_TYPE, off("{three"), "item 3 of 'tags' is a mapping");
    article_free(a);
    a = fm("tags: {a: b}\n");
    ck_assert_uint_eq(article_tag_count(a), 0);
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("{a: b}"), "'tags' is a mapping");
    article_free(a);
    a = fm("tags: []\nTags: [x]\n");
    ck_assert_uint_eq(article_tag_count(a), 0);
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
}
END_TEST

/* ---- image -------------------------------------------------------------------------------- */

#define ck_img(img, fn, lit)                                                               \
    do {                                                                                   \
        size_t ilen_;                                                                      \
        const char *is_ = fn((img), &ilen_);                                               \
        ck_assert_strn_eq(is_, ilen_, (lit));                                              \
    } while (0)

START_TEST(image_scalar_is_the_path) {
    article *a = fm("featured-image: /img/a.jpg\n");
    const article_image *img = article_featured_image(a);
    ck_assert_ptr_nonnull(img);
    ck_img(img, article_image_path, "/img/a.jpg");
    ck_assert_ptr_null(article_image_cutline(img, NULL));
    ck_assert_ptr_null(article_image_credit(img, NULL));
    ck_assert_ptr_null(article_image_alt(img, NULL));
    const article_value *v = article_image_value(img);
    ck_assert_str_eq(slice(a, article_value_start(v), article_value_end(v)), "/img/a.jpg");
    article_free(a);
    a = fm("image: b.png\n");
    ck_img(article_featured_image(a), article_image_path, "b.png");
    article_free(a);
    a = fm("cover: c.png\n");
    ck_img(article_featured_image(a), article_image_path, "c.png");
    article_free(a);
    a = fm("cover: c.png\nimage: b.png\n");
    ck_img(article_featured_image(a), article_image_path, "b.png");
    article_free(a);
}
END_TEST

START_TEST(image_mapping_keys_and_fallbacks) {
    article *a = fm("featured-image:\n  path: p.jpg\n  cutline: The cutline\n"
                    "  credit: A. Photographer\n  alt: Two people\n");
    const article_image *img = article_featured_image(a);
    ck_img(img, article_image_path, "p.jpg");
    ck_img(img, article_image_cutline, "The cutline");
    ck_img(img, article_image_credit, "A. Photographer");
    ck_img(img, article_image_alt, "Two people");
    ck_assert_int_eq(article_value_get_type(article_image_value(img)), ARTICLE_VALUE_MAPPING);
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
    /* url and caption stand in; path beats url and cutline beats caption in any order. */
    a = fm("image: {url: u.jpg, caption: Cap}\n");
    ck_img(article_featured_image(a), article_image_path, "u.jpg");
    ck_img(article_featured_image(a), article_image_cutline, "Cap");
    article_free(a);
    a = fm("image: {src: s.jpg, url: u.jpg, caption: Cap, cutline: Cut, path: p.jpg}\n");
    ck_img(article_featured_image(a), article_image_path, "p.jpg");
    ck_img(article_featured_image(a), article_image_cutline, "Cut");
    article_free(a);
    a = fm("cover: {src: s.jpg, url: ~}\n");
    ck_img(article_featured_image(a), article_image_path, "s.jpg");
    article_free(a);
    /* A mapping with no known key is still an image. */
    a = fm("image: {}\n");
    img = article_featured_image(a);
    ck_assert_ptr_nonnull(img);
    ck_assert_ptr_null(article_image_path(img, NULL));
    article_free(a);
}
END_TEST

START_TEST(image_warnings) {
    article *a = fm("featured-image:\n  path: p.jpg\n  width: 300\n  credit: [a, b]\n"
                    "  caption: ~\n  Path: x\n");
    const article_image *img = article_featured_image(a);
    ck_img(img, article_image_path, "p.jpg");
    ck_assert_ptr_null(article_image_credit(img, NULL));
    ck_assert_ptr_null(article_image_cutline(img, NULL));
    ck_assert_uint_eq(article_warning_count(a), 3);
    check_warning(a, 0, ARTICLE_WARN_UNKNOWN_IMAGE_KEY, off("width"),
                  "unknown key 'width' in 'featured-image'");
    check_warning(a, 1, ARTICLE_WARN_FIELD_TYPE, off("[a, b]"), "'credit'");
    check_warning(a, 2, ARTICLE_WARN_UNKNOWN_IMAGE_KEY, off("Path"), "'Path'");
    article_free(a);
    a = fm("image: {size: big}\n");
    img = article_featured_image(a);
    ck_assert_ptr_nonnull(img);
    ck_assert_ptr_null(article_image_path(img, NULL));
    check_warning(a, 0, ARTICLE_WARN_UNKNOWN_IMAGE_KEY, off("size"), "'size' in 'image'");
    article_free(a);
    /* A sequence is no image; the next key is used. */
    a = fm("featured_image: [a.jpg]\ncover: c.jpg\n");
    ck_img(article_featured_image(a), article_image_path, "c.jpg");
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("[a.jpg]"), "'featured_image'");
    article_free(a);
    a = fm("image: [a.jpg]\n");
    ck_assert_ptr_null(article_featured_image(a));
    ck_assert_uint_eq(count_code(a, ARTICLE_WARN_FIELD_TYPE), 1);
    article_free(a);
    /* NULL is absent. */
    a = fm("featured-image: ~\nimage: i.jpg\n");
    ck_img(article_featured_image(a), article_image_path, "i.jpg");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);
}
END_TEST

/* A long unknown key is cut in the message, on a character boundary. */
START_TEST(long_unknown_image_key_is_clipped) {
    char yaml[600];
    char key[300] = "";
    for (int i = 0; i < 80; i++)
        strcat(key, "é");
    snprintf(yaml, sizeof yaml, "image: {%s: 1}\n", key);
    article *a = fm(yaml);
    size_t len;
    const char *msg = article_warning_message(article_warning_at(a, 0), &len);
    ck_assert_ptr_nonnull(msg);
    ck_assert_uint_lt(len, 120);
    ck_assert_ptr_nonnull(strstr(msg, "unknown key 'éé"));
    ck_assert_ptr_nonnull(strstr(msg, "' in 'image'"));
    /* Valid UTF-8: every é is whole. */
    const char *q = strchr(msg, '\'') + 1;
    size_t n = (size_t)(strchr(q, '\'') - q);
    ck_assert_uint_eq(n % 2, 0);
    article_free(a);
}
END_TEST

/* ---- dates -------------------------------------------------------------------------------- */

static const article_datetime *date_of(const char *value) {
    char yaml[256];
    snprintf(yaml, sizeof yaml, "date: %s\n", value);
    article *a = fm(yaml);
    static article_datetime copy;
    const article_datetime *d = article_date_parsed(a);
    size_t len;
    const char *s = article_date(a, &len);
    ck_assert_ptr_nonnull(s);
    if (d) {
        ck_assert_uint_eq(count_code(a, ARTICLE_WARN_DATE_FORMAT), 0);
        copy = *d;
        d = &copy;
    } else {
        ck_assert_uint_eq(article_warning_count(a), 1);
        check_warning(a, 0, ARTICLE_WARN_DATE_FORMAT, off("date: ") + 6, "not a YAML timestamp");
    }
    article_free(a);
    return d;
}

START_TEST(date_only) {
    const article_datetime *d = date_of("2024-05-01");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->year, 2024);
    ck_assert_int_eq(d->month, 5);
    ck_assert_int_eq(d->day, 1);
    ck_assert_int_eq(d->has_time, 0);
    ck_assert_int_eq(d->has_offset, 0);
    ck_assert_int_eq(d->hour, 0);
    d = date_of("\"2024-12-31\"");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->month, 12);
    ck_assert_int_eq(d->day, 31);
}
END_TEST

START_TEST(date_with_time_fraction_and_offsets) {
    const article_datetime *d = date_of("2024-05-01T10:20:30Z");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->has_time, 1);
    ck_assert_int_eq(d->hour, 10);
    ck_assert_int_eq(d->minute, 20);
    ck_assert_int_eq(d->second, 30);
    ck_assert_int_eq(d->nanosecond, 0);
    ck_assert_int_eq(d->has_offset, 1);
    ck_assert_int_eq(d->offset_minutes, 0);

    d = date_of("2024-05-01t10:20:30.123456789+05:30");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->nanosecond, 123456789);
    ck_assert_int_eq(d->offset_minutes, 330);

    d = date_of("2001-12-14 21:59:43.10 -5");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->hour, 21);
    ck_assert_int_eq(d->nanosecond, 100000000);
    ck_assert_int_eq(d->has_offset, 1);
    ck_assert_int_eq(d->offset_minutes, -300);

    d = date_of("2001-12-14   1:02:03");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->hour, 1);
    ck_assert_int_eq(d->has_offset, 0);

    d = date_of("2024-01-02T03:04:05.5 Z");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->nanosecond, 500000000);
    ck_assert_int_eq(d->has_offset, 1);

    /* Digits past nanoseconds are dropped. */
    d = date_of("2024-01-02T03:04:05.1234567891-09:45");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->nanosecond, 123456789);
    ck_assert_int_eq(d->offset_minutes, -585);

    /* Leap day and leap second. */
    ck_assert_ptr_nonnull(date_of("2024-02-29"));
    ck_assert_ptr_nonnull(date_of("2000-02-29"));
    ck_assert_ptr_nonnull(date_of("2016-12-31T23:59:60Z"));
}
END_TEST

START_TEST(dates_that_are_not_timestamps_warn) {
    static const char *const bad[] = {
        "2024-02-30",          "2023-13-01",          "yesterday",
        "1900-02-29",          "2023-02-29",          "2024-04-31",
        "2024-00-10",          "2024-01-00",          "2024-5-1",
        "24-05-01",            "2024/05/01",          "2024-05-01x",
        "2024-05-01T25:00:00", "2024-05-01T24:00:00", "2024-05-01T10:60:00",
        "2024-05-01T10:00:61", "2024-05-01T10:00",    "2024-05-01T10:00:00Zz",
        "2024-05-01T10:00:00+5:3", "2024-05-01T10:00:00+24", "2024-05-01T",
        "May 1, 2024",         "2024",                "\"2024-05-01 \"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(date_of(bad[i]) == NULL, "%s parsed as a timestamp", bad[i]);
}
END_TEST

START_TEST(date_keeps_its_text_when_not_a_timestamp) {
    article *a = fm("date: next Tuesday\n");
    ck_field(a, ARTICLE_FIELD_DATE, "next Tuesday");
    ck_assert_ptr_null(article_date_parsed(a));
    check_warning(a, 0, ARTICLE_WARN_DATE_FORMAT, off("next"), "date 'next Tuesday'");
    article_free(a);
    a = fm("date: [2024-05-01]\n");
    ck_no_field(a, ARTICLE_FIELD_DATE);
    ck_assert_ptr_null(article_date_parsed(a));
    check_warning(a, 0, ARTICLE_WARN_FIELD_TYPE, off("[2024"), "'date'");
    article_free(a);
}
END_TEST

int main(void) {
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("scalars");
    tcase_add_test(tc, no_front_matter_no_fields);
    tcase_add_test(tc, every_scalar_field_and_its_span);
    tcase_add_test(tc, scalars_of_other_types_give_their_text);
    tcase_add_test(tc, null_counts_as_absent);
    tcase_add_test(tc, keys_are_exact_and_case_sensitive);
    tcase_add_test(tc, multi_word_keys_in_both_spellings);
    tcase_add_test(tc, subhed_fallbacks);
    tcase_add_test(tc, permalink_excerpt_category_fallbacks);
    tcase_add_test(tc, collections_where_a_scalar_belongs_warn);
    suite_add_tcase(s, tc);
    tc = tcase_create("authors_tags");
    tcase_add_test(tc, author_scalar);
    tcase_add_test(tc, author_mapping_with_name);
    tcase_add_test(tc, author_list_in_author);
    tcase_add_test(tc, authors_list_and_author_together);
    tcase_add_test(tc, author_items_of_the_wrong_shape_warn);
    tcase_add_test(tc, tags_shapes);
    suite_add_tcase(s, tc);
    tc = tcase_create("image");
    tcase_add_test(tc, image_scalar_is_the_path);
    tcase_add_test(tc, image_mapping_keys_and_fallbacks);
    tcase_add_test(tc, image_warnings);
    tcase_add_test(tc, long_unknown_image_key_is_clipped);
    suite_add_tcase(s, tc);
    tc = tcase_create("date");
    tcase_add_test(tc, date_only);
    tcase_add_test(tc, date_with_time_fraction_and_offsets);
    tcase_add_test(tc, dates_that_are_not_timestamps_warn);
    tcase_add_test(tc, date_keeps_its_text_when_not_a_timestamp);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
