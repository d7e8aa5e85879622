/* Markdown body: blocks, spans, plain text, segments, depth limit, HTML, words, threads. */
#include "testutil.h"

#include "body.h"
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------- */

static const article_block *blk(const article *a, size_t i) {
    const article_block *b = article_block_at(a, i);
    ck_assert_msg(b != NULL, "no block %zu (of %zu)", i, article_block_count(a));
    return b;
}

static const char *btext(const article_block *b, size_t *len) {
    return article_block_text(b, len);
}

/* Block i has this type, span text and plain text. */
#define ck_block(a, i, type_, span_, text_)                                             \
    do {                                                                                \
        const article_block *b_ = blk((a), (i));                                        \
        ck_assert_msg(article_block_get_type(b_) == (type_), "block %d is %s, not %s",  \
                      (int)(i), article_block_type_name(article_block_get_type(b_)),    \
                      article_block_type_name(type_));                                  \
        ck_assert_str_eq(slice((a), article_block_start(b_), article_block_end(b_)),    \
                         (span_));                                                      \
        size_t l_;                                                                      \
        const char *t_ = btext(b_, &l_);                                                \
        ck_assert_strn_eq(t_, l_, (text_));                                             \
        ck_assert_uint_eq(strlen(t_), l_);                                              \
    } while (0)

/* Offset of the first occurrence of needle in the article's source. */
static size_t src_find(const article *a, const char *needle) {
    size_t len;
    const char *s = article_source(a, &len);
    const char *p = strstr(s, needle);
    ck_assert_msg(p != NULL, "\"%s\" not in the source", needle);
    return (size_t)(p - s);
}

/* ---- block types, fields and spans ----------------------------------------------------- */

START_TEST(paragraphs_and_headings) {
    article *a = parse_ok("# Title #  \n"
                          "\n"
                          "First *para*\n"
                          "goes on.\n"
                          "\n"
                          "Setext **two**\n"
                          "lines\n"
                          "======\n"
                          "Sub\n"
                          "---\n"
                          "###### six\n");
    ck_assert_uint_eq(article_block_count(a), 5);
    ck_block(a, 0, ARTICLE_BLOCK_HEADING, "# Title #  ", "Title");
    ck_assert_int_eq(article_block_level(blk(a, 0)), 1);
    ck_block(a, 1, ARTICLE_BLOCK_PARAGRAPH, "First *para*\ngoes on.", "First para goes on.");
    ck_block(a, 2, ARTICLE_BLOCK_HEADING, "Setext **two**\nlines\n======", "Setext two lines");
    ck_assert_int_eq(article_block_level(blk(a, 2)), 1);
    ck_block(a, 3, ARTICLE_BLOCK_HEADING, "Sub\n---", "Sub");
    ck_assert_int_eq(article_block_level(blk(a, 3)), 2);
    ck_block(a, 4, ARTICLE_BLOCK_HEADING, "###### six", "six");
    ck_assert_int_eq(article_block_level(blk(a, 4)), 6);
    for (size_t i = 0; i < 5; i++) {
        const article_block *b = blk(a, i);
        ck_assert_uint_eq(article_block_parent(b), ARTICLE_NO_INDEX);
        ck_assert_uint_eq(article_block_depth(b), 0);
        ck_assert_uint_eq(article_block_descendants(b), 0);
        ck_assert_ptr_null(article_block_info(b, NULL));
    }
    ck_assert_int_eq(article_block_level(blk(a, 1)), 0);
    article_free(a);
}
END_TEST

START_TEST(nested_lists_and_quotes) {
    const char *src = "- one\n"
                      "- two\n"
                      "\n"
                      "  > quoted\n"
                      "  > - inner\n"
                      "\n"
                      "\n"
                      "3. three\n"
                      "4. four\n";
    article *a = parse_ok(src);
    /* 0 list, 1 item, 2 para, 3 item, 4 para, 5 quote, 6 para, 7 list, 8 item, 9 para,
     * 10 list, 11 item, 12 para, 13 item, 14 para */
    ck_assert_uint_eq(article_block_count(a), 15);
    ck_block(a, 0, ARTICLE_BLOCK_LIST,
             "- one\n- two\n\n  > quoted\n  > - inner", "");
    ck_assert_int_eq(article_block_list_ordered(blk(a, 0)), 0);
    ck_assert_int_eq(article_block_list_start(blk(a, 0)), 0);
    ck_assert_int_eq(article_block_list_tight(blk(a, 0)), 0);
    ck_assert_uint_eq(article_block_descendants(blk(a, 0)), 9);
    ck_block(a, 1, ARTICLE_BLOCK_ITEM, "- one", "");
    ck_block(a, 2, ARTICLE_BLOCK_PARAGRAPH, "one", "one");
    ck_block(a, 3, ARTICLE_BLOCK_ITEM, "- two\n\n  > quoted\n  > - inner", "");
    ck_assert_uint_eq(article_block_descendants(blk(a, 3)), 6);
    ck_block(a, 5, ARTICLE_BLOCK_BLOCK_QUOTE, "> quoted\n  > - inner", "");
    ck_block(a, 6, ARTICLE_BLOCK_PARAGRAPH, "quoted", "quoted");
    ck_block(a, 7, ARTICLE_BLOCK_LIST, "- inner", "");
    ck_block(a, 9, ARTICLE_BLOCK_PARAGRAPH, "inner", "inner");
    ck_block(a, 10, ARTICLE_BLOCK_LIST, "3. three\n4. four", "");
    ck_assert_int_eq(article_block_list_ordered(blk(a, 10)), 1);
    ck_assert_int_eq(article_block_list_start(blk(a, 10)), 3);
    ck_assert_int_eq(article_block_list_tight(blk(a, 10)), 1);
    ck_block(a, 13, ARTICLE_BLOCK_ITEM, "4. four", "");

    size_t parent[] = {ARTICLE_NO_INDEX, 0, 1, 0, 3, 3, 5, 5, 7, 8,
                       ARTICLE_NO_INDEX, 10, 11, 10, 13};
    size_t depth[] = {0, 1, 2, 1, 2, 2, 3, 3, 4, 5, 0, 1, 2, 1, 2};
    size_t desc[] = {9, 1, 0, 6, 0, 4, 0, 2, 1, 0, 4, 1, 0, 1, 0};
    for (size_t i = 0; i < 15; i++) {
        ck_assert_msg(article_block_parent(blk(a, i)) == parent[i], "parent of %zu", i);
        ck_assert_msg(article_block_depth(blk(a, i)) == depth[i], "depth of %zu", i);
        ck_assert_msg(article_block_descendants(blk(a, i)) == desc[i], "descendants of %zu", i);
    }
    article_free(a);
}
END_TEST

START_TEST(task_items) {
    article *a = parse_ok("- [ ] open\n- [x] done\n- plain\n\n* a\n* b\n");
    /* 0 list, 1 item, 2 p, 3 item, 4 p, 5 item, 6 p, 7 list, 8 item, 9 p, 10 item, 11 p */
    ck_assert_uint_eq(article_block_count(a), 12);
    ck_assert_int_eq(article_block_task(blk(a, 1)), ARTICLE_TASK_OPEN);
    ck_block(a, 1, ARTICLE_BLOCK_ITEM, "- [ ] open", "");
    ck_block(a, 2, ARTICLE_BLOCK_PARAGRAPH, "open", "open");
    ck_assert_int_eq(article_block_task(blk(a, 3)), ARTICLE_TASK_DONE);
    ck_block(a, 4, ARTICLE_BLOCK_PARAGRAPH, "done", "done");
    ck_assert_int_eq(article_block_task(blk(a, 5)), ARTICLE_TASK_NONE);
    ck_assert_int_eq(article_block_task(blk(a, 8)), ARTICLE_TASK_NONE);
    ck_assert_int_eq(article_block_task(blk(a, 10)), ARTICLE_TASK_NONE);
    ck_assert_int_eq(article_block_task(blk(a, 0)), ARTICLE_TASK_NONE);
    article_free(a);
}
END_TEST

START_TEST(code_html_and_breaks) {
    const char *src = "```py  title=x\n"
                      "print(1)\n"
                      "\n"
                      "```\n"
                      "\n"
                      "    indented\n"
                      "\tcode\n"
                      "\n"
                      "\n"
                      "<div>\n"
                      "*raw*\n"
                      "</div>\n"
                      "\n"
                      "* * *\n"
                      "~~~\n"
                      "open fence\n";
    article *a = parse_ok(src);
    ck_assert_uint_eq(article_block_count(a), 5);
    ck_block(a, 0, ARTICLE_BLOCK_CODE, "```py  title=x\nprint(1)\n\n```", "print(1)\n");
    size_t len;
    ck_assert_strn_eq(article_block_info(blk(a, 0), &len), len, "py  title=x");
    ck_block(a, 1, ARTICLE_BLOCK_CODE, "    indented\n\tcode", "indented\ncode");
    ck_assert_strn_eq(article_block_info(blk(a, 1), &len), len, "");
    ck_block(a, 2, ARTICLE_BLOCK_HTML, "<div>\n*raw*\n</div>", "<div>\n*raw*\n</div>");
    ck_block(a, 3, ARTICLE_BLOCK_THEMATIC_BREAK, "* * *", "");
    ck_block(a, 4, ARTICLE_BLOCK_CODE, "~~~\nopen fence", "open fence");
    ck_assert_uint_eq(article_word_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(tables) {
    const char *src = "| Left | Mid \\| dle | Right | None |\n"
                      "|:-----|:---------:|------:|------|\n"
                      "| a *b* | `c` | 3 &amp; 4 |\n"
                      "| x | y | z | w | extra |\n"
                      "after\n";
    article *a = parse_ok(src);
    /* 0 table; 1 header row + 4 cells; 6 row + 4 cells; 11 row + 4 cells; 16 row + 4 */
    ck_assert_uint_eq(article_block_count(a), 21);
    ck_block(a, 0, ARTICLE_BLOCK_TABLE,
             "| Left | Mid \\| dle | Right | None |\n|:-----|:---------:|------:|------|\n"
             "| a *b* | `c` | 3 &amp; 4 |\n| x | y | z | w | extra |\nafter",
             "");
    ck_assert_uint_eq(article_block_descendants(blk(a, 0)), 20);
    ck_block(a, 1, ARTICLE_BLOCK_TABLE_ROW, "| Left | Mid \\| dle | Right | None |", "");
    ck_assert_int_eq(article_block_header(blk(a, 1)), 1);
    ck_block(a, 2, ARTICLE_BLOCK_TABLE_CELL, "Left", "Left");
    ck_block(a, 3, ARTICLE_BLOCK_TABLE_CELL, "Mid \\| dle", "Mid | dle");
    ck_block(a, 4, ARTICLE_BLOCK_TABLE_CELL, "Right", "Right");
    ck_block(a, 5, ARTICLE_BLOCK_TABLE_CELL, "None", "None");
    ck_assert_int_eq(article_block_align(blk(a, 2)), ARTICLE_ALIGN_LEFT);
    ck_assert_int_eq(article_block_align(blk(a, 3)), ARTICLE_ALIGN_CENTER);
    ck_assert_int_eq(article_block_align(blk(a, 4)), ARTICLE_ALIGN_RIGHT);
    ck_assert_int_eq(article_block_align(blk(a, 5)), ARTICLE_ALIGN_NONE);
    ck_block(a, 6, ARTICLE_BLOCK_TABLE_ROW, "| a *b* | `c` | 3 &amp; 4 |", "");
    ck_assert_int_eq(article_block_header(blk(a, 6)), 0);
    ck_block(a, 7, ARTICLE_BLOCK_TABLE_CELL, "a *b*", "a b");
    ck_block(a, 8, ARTICLE_BLOCK_TABLE_CELL, "`c`", "c");
    ck_block(a, 9, ARTICLE_BLOCK_TABLE_CELL, "3 &amp; 4", "3 & 4");
    ck_assert_int_eq(article_block_align(blk(a, 9)), ARTICLE_ALIGN_RIGHT);
    /* A cell the row leaves out: empty, at the row's end. */
    ck_assert_int_eq(article_block_get_type(blk(a, 10)), ARTICLE_BLOCK_TABLE_CELL);
    ck_assert_uint_eq(article_block_start(blk(a, 10)), article_block_end(blk(a, 6)));
    ck_assert_uint_eq(article_block_end(blk(a, 10)), article_block_end(blk(a, 6)));
    ck_assert_int_eq(article_block_align(blk(a, 10)), ARTICLE_ALIGN_NONE);
    /* Extra cells are dropped. */
    ck_block(a, 11, ARTICLE_BLOCK_TABLE_ROW, "| x | y | z | w | extra |", "");
    ck_block(a, 15, ARTICLE_BLOCK_TABLE_CELL, "w", "w");
    /* A line without pipes continues the table. */
    ck_block(a, 17, ARTICLE_BLOCK_TABLE_CELL, "after", "after");
    for (size_t i = 1; i < 21; i++) {
        const article_block *b = blk(a, i);
        size_t t = article_block_get_type(b);
        ck_assert_uint_eq(article_block_depth(b), t == ARTICLE_BLOCK_TABLE_ROW ? 1 : 2);
    }
    article_free(a);
}
END_TEST

/* A table whose header row ends a paragraph: cmark-gfm splits the paragraph and leaves
 * wrong positions on both; the spans come from the header row's own line. */
START_TEST(table_after_paragraph) {
    const char *src = "Intro line\nand \"a quote\n| h1 | h \\| 2 |\n|---|:-:|\n| c | d |\n";
    article *a = parse_ok(src);
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "Intro line\nand \"a quote",
             "Intro line and \"a quote");
    ck_block(a, 1, ARTICLE_BLOCK_TABLE, "| h1 | h \\| 2 |\n|---|:-:|\n| c | d |", "");
    ck_block(a, 2, ARTICLE_BLOCK_TABLE_ROW, "| h1 | h \\| 2 |", "");
    ck_block(a, 3, ARTICLE_BLOCK_TABLE_CELL, "h1", "h1");
    ck_block(a, 4, ARTICLE_BLOCK_TABLE_CELL, "h \\| 2", "h | 2");
    ck_assert_int_eq(article_block_align(blk(a, 4)), ARTICLE_ALIGN_CENTER);
    ck_block(a, 6, ARTICLE_BLOCK_TABLE_CELL, "c", "c");
    /* The unbalanced mark is reported where it is, not at the start of the input. */
    ck_assert_uint_eq(article_warning_count(a), 1);
    ck_assert_uint_eq(article_warning_offset(article_warning_at(a, 0)), 15);
    article_free(a);

    /* A wide header row: every cell where it is written. */
    char wide[4 * 600 + 64];
    size_t n = 0;
    n += (size_t)sprintf(wide + n, "p\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(wide + n, "|c%d", i % 10);
    n += (size_t)sprintf(wide + n, "|\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(wide + n, "|-");
    sprintf(wide + n, "|\n");
    a = parse_ok(wide);
    for (size_t i = 0; i < 300; i++) {
        char cell[8];
        snprintf(cell, sizeof cell, "c%zu", i % 10);
        ck_block(a, 3 + i, ARTICLE_BLOCK_TABLE_CELL, cell, cell);
    }
    article_free(a);

    /* The same inside a block quote. */
    a = parse_ok("> para\n> | x | y |\n> |---|---|\n");
    ck_block(a, 1, ARTICLE_BLOCK_PARAGRAPH, "para", "para");
    ck_block(a, 2, ARTICLE_BLOCK_TABLE, "| x | y |\n> |---|---|", "");
    ck_block(a, 4, ARTICLE_BLOCK_TABLE_CELL, "x", "x");
    ck_block(a, 5, ARTICLE_BLOCK_TABLE_CELL, "y", "y");
    article_free(a);
}
END_TEST

/* Rows cmark-gfm fills up to the delimiter row's width: past about a cell per input byte,
 * tables are read as paragraphs rather than grow without bound. */
START_TEST(table_cell_budget) {
    size_t cols = 300, rows = 300;
    char *src = malloc(cols * 4 + rows * 2 + 8);
    ck_assert_ptr_nonnull(src);
    size_t n = 0;
    for (int line = 0; line < 2; line++) {
        for (size_t i = 0; i < cols; i++) {
            src[n++] = '|';
            src[n++] = line ? '-' : 'h';
        }
        src[n++] = '|';
        src[n++] = '\n';
    }
    for (size_t r = 0; r < rows; r++) {
        src[n++] = 'x';
        src[n++] = '\n';
    }
    src[n] = '\0';
    article *a = parse_ok(src);
    ck_assert_uint_eq(article_block_count(a), 1);
    ck_assert_int_eq(article_block_get_type(blk(a, 0)), ARTICLE_BLOCK_PARAGRAPH);
    const char *html = article_html(a, NULL);
    ck_assert_ptr_nonnull(html);
    ck_assert_ptr_null(strstr(html, "<table>"));
    /* Not silently: a warning says so, at a line of the table. */
    ck_assert_uint_eq(article_warning_count(a), 1);
    const article_warning *w = article_warning_at(a, 0);
    ck_assert_int_eq(article_warning_get_code(w), ARTICLE_WARN_TABLE_CELLS);
    ck_assert_uint_lt(article_warning_offset(w), n);
    article_free(a);

    /* The same width with every cell written is an ordinary table, even when its cells
     * are far more than the margin. */
    free(src);
    src = malloc(rows * (cols * 2 + 2) + 1);
    ck_assert_ptr_nonnull(src);
    n = 0;
    for (size_t r = 0; r < rows; r++) {
        for (size_t i = 0; i < cols; i++) {
            src[n++] = '|';
            src[n++] = r == 1 ? '-' : 'c';
        }
        src[n++] = '|';
        src[n++] = '\n';
    }
    src[n] = '\0';
    a = parse_ok(src);
    ck_assert_int_eq(article_block_get_type(blk(a, 0)), ARTICLE_BLOCK_TABLE);
    ck_assert_uint_eq(article_warning_count(a), 0);
    ck_assert_uint_eq(article_block_count(a), 1 + (rows - 1) * (cols + 1));
    ck_assert_uint_gt((rows - 1) * cols, (size_t)1 << 16);
    article_free(a);
    free(src);
}
END_TEST

START_TEST(footnotes) {
    const char *src = "Text with a note[^n1] and[^missing].\n"
                      "\n"
                      "[^n1]: The *note*\n"
                      "    goes on.\n"
                      "\n"
                      "    Second.\n"
                      "\n"
                      "After.\n";
    article *a = parse_ok(src);
    ck_assert_uint_eq(article_block_count(a), 5);
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "Text with a note[^n1] and[^missing].",
             "Text with a note[^n1] and[^missing].");
    /* cmark-gfm moves definitions to the end of the document; blocks stay in document
     * order. */
    ck_block(a, 1, ARTICLE_BLOCK_FOOTNOTE_DEFINITION,
             "[^n1]: The *note*\n    goes on.\n\n    Second.", "");
    size_t len;
    ck_assert_strn_eq(article_block_info(blk(a, 1), &len), len, "n1");
    ck_assert_uint_eq(article_block_descendants(blk(a, 1)), 2);
    ck_block(a, 2, ARTICLE_BLOCK_PARAGRAPH, "The *note*\n    goes on.", "The note goes on.");
    ck_assert_uint_eq(article_block_parent(blk(a, 2)), 1);
    ck_block(a, 3, ARTICLE_BLOCK_PARAGRAPH, "Second.", "Second.");
    ck_block(a, 4, ARTICLE_BLOCK_PARAGRAPH, "After.", "After.");
    ck_assert_uint_eq(article_warning_count(a), 0);
    article_free(a);

    /* Quotes follow the same order. */
    a = parse_ok("First \"alpha beta,\" said Ann.\n\n[^n]: Note \"gamma delta,\" said Bob.\n\n"
                 "Later \"epsilon zeta,\" said Cy.\n\nRef[^n].\n");
    ck_assert_uint_eq(article_quote_count(a), 3);
    for (size_t i = 1; i < 3; i++)
        ck_assert_uint_lt(article_quote_start(article_quote_at(a, i - 1)),
                          article_quote_start(article_quote_at(a, i)));
    article_free(a);

    /* A definition nothing refers to is dropped by cmark-gfm: not silently. */
    const char *lost = "Para[^a].\n\n[^a]: Kept.\n\n[^b]: Never referred to.\n"
                       "\n    still b\n\n```\n[^c]: in code\n```\n";
    a = parse_ok(lost);
    ck_assert_uint_eq(article_warning_count(a), 1);
    const article_warning *w = article_warning_at(a, 0);
    ck_assert_int_eq(article_warning_get_code(w), ARTICLE_WARN_FOOTNOTE_UNREFERENCED);
    ck_assert_uint_eq(article_warning_offset(w), (size_t)(strstr(lost, "[^b]:") - lost));
    ck_assert_ptr_nonnull(strstr(article_warning_message(w, NULL), "[^b]"));
    article_free(a);
}
END_TEST

/* HTML blocks closed by an end condition on their last line (comments, <pre>, <?...?>),
 * which cmark-gfm reports as ending on the line before. */
START_TEST(html_block_end_conditions) {
    article *a = parse_ok("<!-- comment\nstill -->\n\n<!-- one line -->\n\n<div>\nx\n</div>\n");
    ck_block(a, 0, ARTICLE_BLOCK_HTML, "<!-- comment\nstill -->", "<!-- comment\nstill -->");
    ck_block(a, 1, ARTICLE_BLOCK_HTML, "<!-- one line -->", "<!-- one line -->");
    ck_block(a, 2, ARTICLE_BLOCK_HTML, "<div>\nx\n</div>", "<div>\nx\n</div>");
    article_free(a);
    a = parse_ok("> <pre>\n> a\n> </pre>\n");
    ck_block(a, 1, ARTICLE_BLOCK_HTML, "<pre>\n> a\n> </pre>", "<pre>\na\n</pre>");
    article_free(a);
    a = parse_ok("<?php x ?>");
    ck_block(a, 0, ARTICLE_BLOCK_HTML, "<?php x ?>", "<?php x ?>");
    article_free(a);
}
END_TEST

/* A paragraph (or setext heading) that starts with link reference definitions: cmark-gfm
 * keeps their position on it. */
START_TEST(paragraph_after_reference_definitions) {
    const char *src = "[a]: /url\n[b]: /other \"t\"\nText after \"refs here\" ok.\n\n"
                      "> [c]: /v\n> Quoted \"aa bb\" here.\n\n[d]: /w\nTitle \"x\"\n===\n";
    article *a = parse_ok(src);
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "Text after \"refs here\" ok.",
             "Text after \"refs here\" ok.");
    ck_block(a, 2, ARTICLE_BLOCK_PARAGRAPH, "Quoted \"aa bb\" here.", "Quoted \"aa bb\" here.");
    ck_block(a, 3, ARTICLE_BLOCK_HEADING, "Title \"x\"\n===", "Title \"x\"");
    ck_assert_uint_eq(article_quote_count(a), 3);
    const char *want[] = {"refs here", "aa bb", "x"};
    for (size_t i = 0; i < 3; i++) {
        const article_quote *q = article_quote_at(a, i);
        ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)), want[i]);
    }
    article_free(a);

    /* A link whose text starts on the next line is not such a paragraph. */
    a = parse_ok("[\nlink](http://x) after\n");
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "[\nlink](http://x) after", " link after");
    article_free(a);
}
END_TEST

/* ---- plain text ---------------------------------------------------------------------- */

START_TEST(plain_text_rules) {
    article *a = parse_ok("Tom &amp; Jerry &copy; &#8220;hi&#8221; &#x41; \\*not em\\* a\\\\b\n"
                          "soft  \n"
                          "hard\\\n"
                          "end [link *text*](http://x.org \"title\") ![alt **img**](i.png)\n"
                          "`code  span` <span class=\"x\">html</span> ~~gone~~ ~one~\n"
                          "www.example.com and <https://a.b/c?d=1&amp;e> me@x.org\n"
                          "foot[^1] &bogus; AT&T\n"
                          "\n"
                          "[^1]: n\n");
    size_t len;
    const char *t = btext(blk(a, 0), &len);
    ck_assert_strn_eq(t, len,
                      "Tom & Jerry \xC2\xA9 \xE2\x80\x9Chi\xE2\x80\x9D A *not em* a\\b soft\n"
                      "hard\n"
                      "end link text alt img code  span html gone one "
                      "www.example.com and https://a.b/c?d=1&e me@x.org "
                      "foot[^1] &bogus; AT&T");
    article_free(a);
}
END_TEST

START_TEST(crlf_input) {
    const char *src = "Para one\r\nline two\r\n\r\n- a\r\n- b\r\n\r\n\r\n# H\r\n\r\n"
                      "```\r\ncode\r\n```\r\n| x |\r\n|---|\r\n| 1 |\r\n";
    article *a = parse_ok(src);
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "Para one\r\nline two", "Para one line two");
    ck_block(a, 1, ARTICLE_BLOCK_LIST, "- a\r\n- b", "");
    ck_block(a, 2, ARTICLE_BLOCK_ITEM, "- a", "");
    ck_block(a, 4, ARTICLE_BLOCK_ITEM, "- b", "");
    ck_block(a, 6, ARTICLE_BLOCK_HEADING, "# H", "H");
    ck_block(a, 7, ARTICLE_BLOCK_CODE, "```\r\ncode\r\n```", "code");
    ck_block(a, 8, ARTICLE_BLOCK_TABLE, "| x |\r\n|---|\r\n| 1 |", "");
    ck_block(a, 9, ARTICLE_BLOCK_TABLE_ROW, "| x |", "");
    ck_block(a, 12, ARTICLE_BLOCK_TABLE_CELL, "1", "1");
    article_free(a);

    /* Lone CR ends lines too. */
    a = parse_ok("one\rtwo\r\rthree");
    ck_assert_uint_eq(article_block_count(a), 2);
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "one\rtwo", "one two");
    ck_block(a, 1, ARTICLE_BLOCK_PARAGRAPH, "three", "three");
    article_free(a);
}
END_TEST

START_TEST(tabs_and_blank_line_endings) {
    const char *src = "-\tone\n"
                      "\n"
                      "  \ttwo\n"
                      "  \n"
                      "\t\n"
                      "> q\n"
                      ">\n"
                      "\n"
                      "para\t \n";
    article *a = parse_ok(src);
    ck_block(a, 0, ARTICLE_BLOCK_LIST, "-\tone\n\n  \ttwo", "");
    ck_block(a, 1, ARTICLE_BLOCK_ITEM, "-\tone\n\n  \ttwo", "");
    ck_block(a, 2, ARTICLE_BLOCK_PARAGRAPH, "one", "one");
    ck_block(a, 3, ARTICLE_BLOCK_PARAGRAPH, "two", "two");
    ck_block(a, 4, ARTICLE_BLOCK_BLOCK_QUOTE, "> q\n>", "");
    ck_block(a, 6, ARTICLE_BLOCK_PARAGRAPH, "para\t ", "para");
    article_free(a);
}
END_TEST

START_TEST(no_trailing_newline) {
    article *a = parse_ok("- item\n\n      code\n> last *line*");
    ck_block(a, 0, ARTICLE_BLOCK_LIST, "- item\n\n      code", "");
    ck_block(a, 3, ARTICLE_BLOCK_CODE, "    code", "code");
    ck_block(a, 4, ARTICLE_BLOCK_BLOCK_QUOTE, "> last *line*", "");
    ck_block(a, 5, ARTICLE_BLOCK_PARAGRAPH, "last *line*", "last line");
    size_t len;
    article_source(a, &len);
    ck_assert_uint_eq(article_block_end(blk(a, 5)), len);
    article_free(a);
}
END_TEST

START_TEST(empty_body) {
    article *a = parse_ok("");
    ck_assert_uint_eq(article_block_count(a), 0);
    ck_assert_uint_eq(article_word_count(a), 0);
    ck_assert_uint_eq(article_quote_count(a), 0);
    article_free(a);
    a = parse_ok("---\ntitle: x\n---\n");
    ck_assert_uint_eq(article_block_count(a), 0);
    article_free(a);
    a = parse_ok("\n \n\t\n");
    ck_assert_uint_eq(article_block_count(a), 0);
    article_free(a);
}
END_TEST

START_TEST(bom_and_front_matter_offsets) {
    const char *src = "\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\nBody *text*\r\n\r\n> q\r\n";
    article *a = parse_ok(src);
    ck_assert_uint_eq(article_block_count(a), 3);
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, "Body *text*", "Body text");
    ck_assert_uint_eq(article_block_start(blk(a, 0)), src_find(a, "Body"));
    ck_block(a, 1, ARTICLE_BLOCK_BLOCK_QUOTE, "> q", "");
    ck_block(a, 2, ARTICLE_BLOCK_PARAGRAPH, "q", "q");
    article_free(a);

    /* A BOM without front matter: the body starts right after it, mid-line. */
    a = parse_ok("\xEF\xBB\xBF# Head\nnext");
    ck_block(a, 0, ARTICLE_BLOCK_HEADING, "# Head", "Head");
    ck_assert_uint_eq(article_block_start(blk(a, 0)), 3);
    ck_block(a, 1, ARTICLE_BLOCK_PARAGRAPH, "next", "next");
    article_free(a);
}
END_TEST

/* ---- the depth limit ----------------------------------------------------------------- */

static article_status parse_depth(const char *src, size_t max, article_error *err) {
    article_options o = ARTICLE_OPTIONS_INIT;
    o.max_markdown_depth = max;
    article *a = NULL;
    article_status st = article_parse(src, strlen(src), &o, &a, err);
    article_free(a);
    return st;
}

START_TEST(depth_limit_default) {
    article_error err;
    /* 126 quotes, the paragraph (127) and its text (128): just within. */
    char *s = repeat("", ">", 126, " deep\n");
    article *a = parse_ok(s);
    ck_assert_uint_eq(article_block_count(a), 127);
    ck_assert_uint_eq(article_block_depth(blk(a, 126)), 126);
    article_free(a);
    free(s);
    /* One more and the text is at 129. */
    s = repeat("", ">", 127, " deep\n");
    ck_assert_int_eq(parse_depth(s, 0, &err), ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(err.offset, 128);
    ck_assert_uint_eq(err.line, 1);
    free(s);
    /* Far deeper fails at the 129th quote. */
    s = repeat("", "> ", 5000, "x\n");
    ck_assert_int_eq(parse_depth(s, 0, &err), ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(err.offset, 256);
    ck_assert_msg(strstr(err.message, "128") != NULL, "%s", err.message);
    free(s);
    /* Nested emphasis counts as well: 150 strong levels. */
    char *open = repeat("", "**", 150, "x");
    char *both = repeat("", "**", 150, "");
    size_t n = strlen(open) + strlen(both) + 2;
    s = malloc(n);
    snprintf(s, n, "%s%s\n", open, both);
    ck_assert_int_eq(parse_depth(s, 0, &err), ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(err.line, 1);
    free(s);
    free(open);
    free(both);
}
END_TEST

START_TEST(depth_limit_custom) {
    article_error err;
    /* Limit 3: quote (1), paragraph (2), text (3). */
    ck_assert_int_eq(parse_depth("> fine\n", 3, &err), ARTICLE_OK);
    ck_assert_int_eq(parse_depth("> > no\n", 3, &err), ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(err.offset, 4);
    ck_assert_int_eq(parse_depth("*em*\n", 3, &err), ARTICLE_OK);
    ck_assert_int_eq(parse_depth("ok\n\n***both***\n", 3, &err),
                     ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(err.line, 3);
    /* Limit 4: list, item, paragraph, text; the inner list's paragraph is at 5. */
    ck_assert_int_eq(parse_depth("- a\n", 4, &err), ARTICLE_OK);
    ck_assert_int_eq(parse_depth("- a\n  - b\n", 4, &err), ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.offset, 8);
    ck_assert_int_eq(err.code, ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH);
}
END_TEST

/* ---- HTML ---------------------------------------------------------------------------- */

START_TEST(html_safe_and_unsafe) {
    const char *src = "---\ntitle: x\n---\n"
                      "Hi <b>there</b> ~~old~~[^1]\n\n<div>raw</div>\n\n| a |\n|---|\n| b |\n\n"
                      "[^1]: note\n";
    article *a = parse_ok(src);
    size_t len;
    const char *html = article_html(a, &len);
    ck_assert_ptr_nonnull(html);
    ck_assert_uint_eq(strlen(html), len);
    ck_assert_ptr_null(strstr(html, "<div>raw"));
    ck_assert_ptr_null(strstr(html, "<b>"));
    ck_assert_ptr_nonnull(strstr(html, "<!-- raw HTML omitted -->"));
    ck_assert_ptr_nonnull(strstr(html, "<del>old</del>"));
    ck_assert_ptr_nonnull(strstr(html, "<table>"));
    ck_assert_ptr_nonnull(strstr(html, "footnotes"));
    ck_assert_ptr_null(strstr(html, "title: x"));
    ck_assert_ptr_eq(article_html(a, NULL), html);
    article_free(a);

    article_options o = ARTICLE_OPTIONS_INIT;
    o.flags = ARTICLE_OPT_UNSAFE_HTML;
    a = parse_ok_opts(src, strlen(src), &o);
    html = article_html(a, &len);
    ck_assert_ptr_nonnull(html);
    ck_assert_ptr_nonnull(strstr(html, "<div>raw</div>"));
    ck_assert_ptr_nonnull(strstr(html, "<b>there</b>"));
    ck_assert_ptr_null(strstr(html, "raw HTML omitted"));
    article_free(a);

    a = parse_ok("");
    html = article_html(a, &len);
    ck_assert_ptr_nonnull(html);
    ck_assert_uint_eq(len, 0);
    article_free(a);
}
END_TEST

/* ---- segments ------------------------------------------------------------------------ */

#define PROBE_MAX 64

typedef struct probed {
    size_t block;
    char *text;
    size_t len;
    art_seg *segs;
    size_t nsegs;
} probed;

typedef struct probe_log {
    probed items[PROBE_MAX];
    size_t count;
} probe_log;

static void probe_fn(void *ctx, size_t block, const char *text, size_t len, const art_seg *segs,
                     size_t nsegs) {
    probe_log *log = ctx;
    ck_assert_uint_lt(log->count, PROBE_MAX);
    probed *p = &log->items[log->count++];
    p->block = block;
    p->text = malloc(len + 1);
    memcpy(p->text, text, len + 1);
    p->len = len;
    p->segs = malloc((nsegs ? nsegs : 1) * sizeof *segs);
    if (nsegs)
        memcpy(p->segs, segs, nsegs * sizeof *segs);
    p->nsegs = nsegs;
}

static void probe_free(probe_log *log) {
    for (size_t i = 0; i < log->count; i++) {
        free(log->items[i].text);
        free(log->items[i].segs);
    }
    log->count = 0;
}

/* Parse and walk the body again with a probe; check the segments' invariants. */
static article *parse_probed(const char *src, probe_log *log) {
    log->count = 0;
    article *a = parse_walk_probe(src, probe_fn, log);
    for (size_t i = 0; i < log->count; i++) {
        probed *p = &log->items[i];
        const article_block *b = &a->blocks[p->block];
        ck_assert_uint_eq(p->len, b->text_len);
        if (p->len)
            ck_assert_uint_gt(p->nsegs, 0);
        size_t prev_end = b->start;
        for (size_t k = 0; k < p->nsegs; k++) {
            const art_seg *sg = &p->segs[k];
            size_t next = k + 1 < p->nsegs ? p->segs[k + 1].text_off : p->len;
            ck_assert_msg(sg->text_off < next, "block %zu: empty segment %zu", p->block, k);
            ck_assert_msg(sg->src_off >= prev_end && sg->src_end >= sg->src_off &&
                              sg->src_end <= b->end,
                          "block %zu: segment %zu [%zu, %zu) out of order", p->block, k,
                          sg->src_off, sg->src_end);
            if (sg->exact) {
                ck_assert_uint_eq(sg->src_end - sg->src_off, next - sg->text_off);
                ck_assert_msg(memcmp(a->source + sg->src_off, p->text + sg->text_off,
                                     next - sg->text_off) == 0,
                              "block %zu: exact segment %zu differs from the input", p->block,
                              k);
            }
            prev_end = sg->src_end;
        }
        if (p->nsegs)
            ck_assert_uint_eq(p->segs[0].text_off, 0);
    }
    return a;
}

static const probed *probed_block(const probe_log *log, size_t block) {
    for (size_t i = 0; i < log->count; i++)
        if (log->items[i].block == block)
            return &log->items[i];
    ck_abort_msg("block %zu was not probed", block);
    return NULL;
}

/* The word (its first occurrence in the text, starting with an ASCII character) maps back
 * to where `at` is in the input: its first byte (the end of that byte maps to the byte after
 * it) and its end. */
static void ck_maps(const article *a, const probed *p, const char *word, const char *at) {
    const char *w = strstr(p->text, word);
    ck_assert_msg(w != NULL, "\"%s\" not in \"%s\"", word, p->text);
    size_t off = (size_t)(w - p->text), want = src_find(a, at);
    size_t first = art_seg_map(p->segs, p->nsegs, p->len, off + 1) - 1;
    size_t end = art_seg_map(p->segs, p->nsegs, p->len, off + strlen(word));
    ck_assert_msg(first == want, "\"%s\" starts at %zu (\"%.10s\"), expected %zu", word,
                  first, a->source + first, want);
    ck_assert_msg(end == want + strlen(word), "\"%s\" ends at %zu, expected %zu", word, end,
                  want + strlen(word));
}

START_TEST(segments_in_containers) {
    const char *src = "> - item &copy; `code` one\n"
                      ">   cont *emph* &amp; two\n"
                      "> lazy \\_ three **four**\n"
                      "lazier five\n"
                      "\n"
                      "1. first\n"
                      "   second [link](http://x \"six\") six\n"
                      "       seven\n";
    probe_log log = {0};
    article *a = parse_probed(src, &log);
    /* 0 quote, 1 list, 2 item, 3 para; 4 list, 5 item, 6 para */
    const probed *p = probed_block(&log, 3);
    ck_assert_str_eq(p->text,
                     "item \xC2\xA9 code one cont emph & two lazy _ three four lazier five");
    ck_maps(a, p, "item", "item");
    ck_maps(a, p, "code", "code`");
    ck_maps(a, p, "one", "one");
    ck_maps(a, p, "cont", "cont");
    ck_maps(a, p, "emph", "emph*");
    ck_maps(a, p, "two", "two");
    ck_maps(a, p, "lazy", "lazy");
    ck_maps(a, p, "three", "three");
    ck_maps(a, p, "four", "four");
    ck_maps(a, p, "lazier", "lazier");
    ck_maps(a, p, "five", "five");
    /* The code span's segment says so, and no other does. */
    size_t code_off = (size_t)(strstr(p->text, "code") - p->text);
    bool code_seen = false;
    for (size_t k = 0; k < p->nsegs; k++) {
        size_t next = k + 1 < p->nsegs ? p->segs[k + 1].text_off : p->len;
        bool in_code = p->segs[k].text_off >= code_off && next <= code_off + 4;
        ck_assert_int_eq(p->segs[k].code, in_code);
        code_seen |= in_code;
    }
    ck_assert(code_seen);
    /* Decoded text: not exact, covering its source. */
    const char *decoded[][2] = {{"&", "&amp;"}, {"_", "\\_"}, {"\xC2\xA9", "&copy;"}};
    for (size_t d = 0; d < 3; d++) {
        size_t at = (size_t)(strstr(p->text, decoded[d][0]) - p->text);
        bool seen = false;
        for (size_t k = 0; k < p->nsegs; k++) {
            if (p->segs[k].text_off == at) {
                ck_assert(!p->segs[k].exact);
                ck_assert_str_eq(slice(a, p->segs[k].src_off, p->segs[k].src_end),
                                 decoded[d][1]);
                seen = true;
            }
        }
        ck_assert_msg(seen, "no segment for %s", decoded[d][1]);
    }

    p = probed_block(&log, 6);
    ck_assert_str_eq(p->text, "first second link six seven");
    ck_maps(a, p, "second", "second");
    ck_maps(a, p, "link", "link]");
    ck_maps(a, p, "six", "six\n");
    ck_maps(a, p, "seven", "seven");
    probe_free(&log);
    article_free(a);
}
END_TEST

START_TEST(segments_ends_and_breaks) {
    const char *src = "A \"*quoted*\"  \nnext &#8220;x&#8221;";
    probe_log log = {0};
    article *a = parse_probed(src, &log);
    const probed *p = probed_block(&log, 0);
    ck_assert_str_eq(p->text, "A \"quoted\"\nnext \xE2\x80\x9Cx\xE2\x80\x9D");
    /* Offsets at a segment's end map to the byte after its source. */
    size_t q = (size_t)(strstr(p->text, "quoted") - p->text);
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, q + 6), src_find(a, "*\""));
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, q), src_find(a, "*q"));
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, 0), 0);
    /* The hard break covers the spaces and the line ending. */
    size_t nl = (size_t)(strchr(p->text, '\n') - p->text);
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, nl), src_find(a, "  \n"));
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, nl + 1), src_find(a, "next"));
    /* The end of the text maps to the end of the input. */
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, p->len), strlen(src));
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, p->len + 5), strlen(src));
    /* Right after the decoded opening mark: after its reference. */
    size_t x = (size_t)(strstr(p->text, "x\xE2") - p->text);
    ck_assert_uint_eq(art_seg_map(p->segs, p->nsegs, p->len, x), src_find(a, "x&"));
    probe_free(&log);
    article_free(a);
}
END_TEST

START_TEST(segments_hold_on_tricky_input) {
    static const char *const inputs[] = {
        "a www.x.org b http://y.z/w c\n> d www.q.org e\n> f\n",
        "> a `b\n> c` d\n> > e &ngE; f &amp;amp; g\n",
        "- x \\\\ y\n  z &#0; &#x110000; &#99999999; w\n",
        "| a \\| b | c |\n|---|---|\n| `x \\| y` | &lt; |\n",
        "> | a | b |\n> |---|---|\n> | **c** | [d](e) |\n",
        "1. a\n\n   > b\n   c *d\n   e* f\n",
        "x<!-- c\n--> y <a\nhref='z'>w</a>\n",
        "- a\n - b\n  - c\n   - d\n    - e\n",
        "\xE2\x80\x9C\xC3\xA9t\xC3\xA9\xE2\x80\x9D \\\xE2\x80\x9C\n",
        "h\\\nb  \nc\\\n",
        "~~a~~ ~b~ ~~~c~~~\n",
        "[^x]: a\n\n> [^y]: b\n\nt[^x] u[^y]\n",
        "*a **b** c*\n***d***\n",
        "```\nnot inline\n```\n",
        "![a ![b](c) d](e)\n[a [b] c](d)\n",
        "  lead\n    more\n\tlead2\n",
        "Setext\n  line &amp;\n===\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        probe_log log = {0};
        article *a = parse_probed(inputs[i], &log);
        probe_free(&log);
        article_free(a);
    }
}
END_TEST

START_TEST(seg_map_unit) {
    /* "ab" exact at 10, "&" from 12..17, "cd" exact at 20. */
    art_seg segs[] = {
        {0, 10, 12, true, false},
        {2, 12, 17, false, false},
        {3, 20, 22, true, false},
    };
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 0), 10);
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 1), 11);
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 2), 12);
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 3), 17);
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 4), 21);
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 5), 22);
    ck_assert_uint_eq(art_seg_map(segs, 3, 5, 99), 22);
    ck_assert_uint_eq(art_seg_map(segs, 0, 0, 0), 0);
    /* A decoded character of three bytes from a reference of seven. */
    art_seg one[] = {{0, 4, 11, false, false}};
    ck_assert_uint_eq(art_seg_map(one, 1, 3, 0), 4);
    ck_assert_uint_eq(art_seg_map(one, 1, 3, 1), 5);
    ck_assert_uint_eq(art_seg_map(one, 1, 3, 3), 11);
}
END_TEST

/* ---- words --------------------------------------------------------------------------- */

#define ck_words(s, n) ck_assert_uint_eq(art_count_words((s), strlen(s)), (n))

START_TEST(word_counting) {
    ck_words("", 0);
    ck_words("   ", 0);
    ck_words("one", 1);
    ck_words(" one  two\tthree\nfour ", 4);
    ck_words("well-known U.S. 2024", 3);
    ck_words("a \xE2\x80\x94 b \xE2\x80\x93 c", 3);  /* spaced dashes */
    ck_words("a\xE2\x80\x94" "b", 1);               /* one run */
    ck_words("\xE2\x80\x9C" "Hello,\xE2\x80\x9D she said.", 3);
    ck_words("caf\xC3\xA9 na\xC3\xAFve \xD0\xBC\xD0\xB8\xD1\x80", 3);
    ck_words("\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x80\xE8\xAA\x9E", 2); /* U+3000 splits */
    ck_words("a\xC2\xA0" "b\xE2\x80\x89" "c\xE2\x80\xAF" "d\xE2\x81\x9F" "e", 5);
    ck_words("- * ... \xE2\x80\xA6 \xC2\xA7 \xF0\x9F\x98\x80 --", 0);
    ck_words("x \xF0\x9F\x98\x80 y", 2);

    article *a = parse_ok("# Two words\n\nThree `code span` here &amp; there.\n\n"
                          "```\nnot counted at all\n```\n\n| cell one | two |\n|---|---|\n");
    /* 2 + 5 ("&" alone is no word) + 3 */
    ck_assert_uint_eq(article_word_count(a), 2 + 5 + 3);
    article_free(a);
}
END_TEST

/* ---- the sample article -------------------------------------------------------------- */

START_TEST(sample_article_paragraphs) {
    article *a = NULL;
    article_error err;
    const char *path = ARTICLE_SOURCE_DIR "/examples/articles/fentanyl-sanctions.md";
    ck_assert_int_eq(article_parse_file(path, NULL, &a, &err), ARTICLE_OK);
    size_t paras = 0;
    for (size_t i = 0; i < article_block_count(a); i++) {
        const article_block *b = blk(a, i);
        if (article_block_get_type(b) == ARTICLE_BLOCK_PARAGRAPH &&
            article_block_parent(b) == ARTICLE_NO_INDEX)
            paras++;
    }
    ck_assert_uint_eq(paras, 10);
    ck_assert_uint_eq(article_block_count(a), 10);

    const char *first = "Biden is considering agreeing to demands from Beijing that the U.S. "
                        "lift human rights sanctions against China in return for cooperating "
                        "on fentanyl trafficking.";
    ck_block(a, 0, ARTICLE_BLOCK_PARAGRAPH, first, first);
    size_t start = src_find(a, "Biden is considering");
    ck_assert_uint_eq(article_block_start(blk(a, 0)), start);
    ck_assert_uint_eq(article_block_end(blk(a, 0)), start + strlen(first));

    const article_block *b = blk(a, 7);
    size_t len;
    const char *t = btext(b, &len);
    ck_assert_ptr_nonnull(strstr(t, "the letter states. They accused the Biden"));
    ck_assert_ptr_null(strchr(t, '\n'));
    ck_assert_ptr_nonnull(strstr(slice(a, article_block_start(b), article_block_end(b)),
                                 "the letter states.\nThey accused"));
    ck_assert_uint_eq(len, article_block_end(b) - article_block_start(b));
    ck_assert_uint_gt(article_word_count(a), 400);
    article_free(a);
}
END_TEST

/* ---- threads ------------------------------------------------------------------------- */

#define THREADS 8

static const char *thread_src = "# Heading &amp; more\n\n"
                                "> Quote with *emphasis* and \"marks\"\n"
                                "lazy line\n\n"
                                "- [x] task\n- [ ] other\n\n"
                                "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n"
                                "Text[^1] ~~strike~~ www.example.com\n\n"
                                "[^1]: Note.\n";

typedef struct thread_job {
    char *dump;
    size_t len;
} thread_job;

/* Everything observable about the blocks, as one string. */
static char *dump_article(const article *a, size_t *out_len) {
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < article_block_count(a); i++) {
        const article_block *b = article_block_at(a, i);
        size_t tl, il = 0;
        const char *t = article_block_text(b, &tl);
        const char *info = article_block_info(b, &il);
        int w = snprintf(s + n, cap - n, "%d %zu %zu %zu %zu %zu %d %d %d %d %d %d %d [%s] [%s]\n",
                         (int)article_block_get_type(b), article_block_parent(b),
                         article_block_depth(b), article_block_descendants(b),
                         article_block_start(b), article_block_end(b),
                         article_block_level(b), article_block_list_ordered(b),
                         article_block_list_start(b), article_block_list_tight(b),
                         (int)article_block_task(b), (int)article_block_align(b),
                         article_block_header(b), t, info ? info : "-");
        ck_assert(w > 0 && (size_t)w < cap - n);
        n += (size_t)w;
    }
    int w = snprintf(s + n, cap - n, "words %zu quotes %zu\n", article_word_count(a),
                     article_quote_count(a));
    n += (size_t)w;
    *out_len = n;
    return s;
}

static void *thread_main(void *arg) {
    thread_job *job = arg;
    for (int round = 0; round < 20; round++) {
        article *a = NULL;
        if (article_parse(thread_src, strlen(thread_src), NULL, &a, NULL) != ARTICLE_OK)
            return NULL;
        size_t len;
        char *d = dump_article(a, &len);
        const char *html = article_html(a, NULL);
        if (round == 0) {
            job->dump = d;
            job->len = len;
        } else {
            if (len != job->len || memcmp(d, job->dump, len) != 0 || !html) {
                free(job->dump);
                job->dump = NULL;
            }
            free(d);
        }
        article_free(a);
        if (!job->dump)
            return NULL;
    }
    return NULL;
}

START_TEST(parallel_parsing) {
    thread_job jobs[THREADS] = {{0}};
    pthread_t tids[THREADS];
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&tids[i], NULL, thread_main, &jobs[i]), 0);
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_join(tids[i], NULL), 0);
    article *a = parse_ok(thread_src);
    size_t len;
    char *ref = dump_article(a, &len);
    ck_assert_uint_gt(article_block_count(a), 15);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_msg(jobs[i].dump != NULL, "thread %d saw different results", i);
        ck_assert_uint_eq(jobs[i].len, len);
        ck_assert_msg(memcmp(jobs[i].dump, ref, len) == 0, "thread %d differs", i);
        free(jobs[i].dump);
    }
    free(ref);
    article_free(a);
}
END_TEST

/* ---- allocation failures ------------------------------------------------------------- */

typedef struct fail_alloc {
    size_t left; /* allocations that succeed before one fails */
} fail_alloc;

static void *fa_malloc(size_t size, void *ctx) {
    fail_alloc *f = ctx;
    if (f->left == 0)
        return NULL;
    f->left--;
    return malloc(size);
}

static void *fa_realloc(void *p, size_t size, void *ctx) {
    fail_alloc *f = ctx;
    if (f->left == 0)
        return NULL;
    f->left--;
    return realloc(p, size);
}

static void fa_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

START_TEST(allocation_failures) {
    char *src = fixture("body-mixed.md", NULL);
    fail_alloc f;
    article_allocator al = {fa_malloc, fa_realloc, fa_free, &f};
    article_options o = ARTICLE_OPTIONS_INIT;
    o.allocator = &al;
    size_t n;
    for (n = 0; n < 100000; n++) {
        f.left = n;
        article *a = NULL;
        article_error err;
        article_status st = article_parse(src, strlen(src), &o, &a, &err);
        if (st == ARTICLE_OK) {
            ck_assert_uint_gt(article_block_count(a), 20);
            article_free(a);
            break;
        }
        ck_assert_msg(st == ARTICLE_ERR_NOMEM, "%zu: %s", n, article_status_name(st));
        ck_assert_ptr_null(a);
    }
    ck_assert_uint_gt(n, 10);
    free(src);
}
END_TEST

START_TEST(fixture_document) {
    size_t len;
    char *src = fixture("body-mixed.md", &len);
    probe_log log = {0};
    article *a = parse_probed(src, &log);
    /* Every block's span lies in the body and in its parent's span. */
    for (size_t i = 0; i < article_block_count(a); i++) {
        const article_block *b = blk(a, i);
        ck_assert_uint_le(article_block_start(b), article_block_end(b));
        ck_assert_uint_le(article_block_end(b), len);
        size_t e = article_block_end(b);
        ck_assert_msg(e == article_block_start(b) || (src[e - 1] != '\n' && src[e - 1] != '\r'),
                      "block %zu ends with a line ending", i);
        size_t p = article_block_parent(b);
        if (p != ARTICLE_NO_INDEX && article_block_get_type(blk(a, p)) !=
                                         ARTICLE_BLOCK_FOOTNOTE_DEFINITION) {
            ck_assert_msg(article_block_start(b) >= article_block_start(blk(a, p)) &&
                              article_block_end(b) <= article_block_end(blk(a, p)),
                          "block %zu lies outside its parent %zu", i, p);
        }
        ck_assert_uint_eq(article_block_depth(b),
                          p == ARTICLE_NO_INDEX ? 0 : article_block_depth(blk(a, p)) + 1);
    }
    probe_free(&log);
    article_free(a);
    free(src);
}
END_TEST

int main(void) {
    Suite *s = suite_create("body");
    TCase *tc = tcase_create("blocks");
    tcase_add_test(tc, paragraphs_and_headings);
    tcase_add_test(tc, nested_lists_and_quotes);
    tcase_add_test(tc, task_items);
    tcase_add_test(tc, code_html_and_breaks);
    tcase_add_test(tc, tables);
    tcase_add_test(tc, table_cell_budget);
    tcase_add_test(tc, table_after_paragraph);
    tcase_add_test(tc, html_block_end_conditions);
    tcase_add_test(tc, paragraph_after_reference_definitions);
    tcase_add_test(tc, footnotes);
    tcase_add_test(tc, crlf_input);
    tcase_add_test(tc, tabs_and_blank_line_endings);
    tcase_add_test(tc, no_trailing_newline);
    tcase_add_test(tc, empty_body);
    tcase_add_test(tc, bom_and_front_matter_offsets);
    tcase_add_test(tc, sample_article_paragraphs);
    tcase_add_test(tc, fixture_document);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_add_test(tc, plain_text_rules);
    tcase_add_test(tc, word_counting);
    tcase_add_test(tc, segments_in_containers);
    tcase_add_test(tc, segments_ends_and_breaks);
    tcase_add_test(tc, segments_hold_on_tricky_input);
    tcase_add_test(tc, seg_map_unit);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, depth_limit_default);
    tcase_add_test(tc, depth_limit_custom);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, parallel_parsing);
    tcase_add_test(tc, html_safe_and_unsafe);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
