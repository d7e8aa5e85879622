/* Quotes: marks, nesting, apostrophes, quotations over several paragraphs, unbalanced
 * marks, code, block kinds, markup, and who said it. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lexicon.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static const article_quote *quote_at(const article *a, size_t i) {
    const article_quote *q = article_quote_at(a, i);
    ck_assert_msg(q != NULL, "no quote %zu (there are %zu)", i, article_quote_count(a));
    return q;
}

static void expect_text(const article *a, size_t i, const char *text) {
    size_t len;
    const char *t = article_quote_text(quote_at(a, i), &len);
    ck_assert_strn_eq(t, len, text);
}

/* A quotation in one paragraph: its text, and the span holding exactly that text. */
static void expect_quote(const article *a, size_t i, const char *text) {
    expect_text(a, i, text);
    const article_quote *q = quote_at(a, i);
    ck_assert_uint_eq(article_quote_span_count(q), 1);
    ck_assert_uint_eq(article_quote_span_start(q, 0), article_quote_start(q));
    ck_assert_uint_eq(article_quote_span_end(q, 0), article_quote_end(q));
    ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)), text);
}

/* Speaker and cue (NULL for none), both checked against their spans in the input. */
static void expect_said(const article *a, size_t i, const char *speaker, const char *cue) {
    const article_quote *q = quote_at(a, i);
    const article_speaker *s = article_quote_speaker(q);
    size_t len;
    if (!speaker) {
        ck_assert_msg(s == NULL, "quote %zu: unexpected speaker \"%s\"", i,
                      s ? article_speaker_text(s, NULL) : "");
        ck_assert_ptr_null(article_quote_cue(q, NULL));
        ck_assert_int_eq(article_quote_attribution(q), ARTICLE_ATTRIBUTION_NONE);
        return;
    }
    ck_assert_msg(s != NULL, "quote %zu: no speaker, expected \"%s\"", i, speaker);
    ck_assert_int_eq(article_quote_attribution(q), ARTICLE_ATTRIBUTION_DIRECT);
    const char *st = article_speaker_text(s, &len);
    ck_assert_strn_eq(st, len, speaker);
    ck_assert_str_eq(slice(a, article_speaker_start(s), article_speaker_end(s)), speaker);
    const char *ct = article_quote_cue(q, &len);
    ck_assert_strn_eq(ct, len, cue);
    ck_assert_str_eq(slice(a, article_quote_cue_start(q), article_quote_cue_end(q)), cue);
}

/* A quotation with no cue of its own that goes on with the speaker of the one before. */
static void expect_inherited(const article *a, size_t i, const char *speaker) {
    const article_quote *q = quote_at(a, i);
    const article_speaker *s = article_quote_speaker(q);
    ck_assert_msg(s != NULL, "quote %zu: no speaker, expected \"%s\"", i, speaker);
    ck_assert_int_eq(article_quote_attribution(q), ARTICLE_ATTRIBUTION_INHERITED);
    ck_assert_str_eq(slice(a, article_speaker_start(s), article_speaker_end(s)), speaker);
    ck_assert_ptr_null(article_quote_cue(q, NULL));
    ck_assert_uint_eq(article_quote_cue_start(q), 0);
}

static void expect_counts(const article *a, size_t quotes, size_t warnings) {
    ck_assert_uint_eq(article_quote_count(a), quotes);
    ck_assert_uint_eq(article_warning_count(a), warnings);
}

static void expect_unbalanced(const article *a, size_t i, size_t offset) {
    const article_warning *w = article_warning_at(a, i);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(article_warning_get_code(w), ARTICLE_WARN_UNBALANCED_QUOTE);
    ck_assert_uint_eq(article_warning_offset(w), offset);
    size_t len;
    const char *m = article_warning_message(w, &len);
    ck_assert_strn_eq(m, len, "quotation mark opened here is never closed");
}

/* Byte offset of the n-th (0-based) occurrence of `needle` in `hay`. */
static size_t offset_of(const char *hay, const char *needle, int n) {
    const char *p = hay;
    for (;;) {
        p = strstr(p, needle);
        ck_assert_ptr_nonnull(p);
        if (n-- == 0)
            return (size_t)(p - hay);
        p++;
    }
}

/* One quote with the given text and speaker in a one-paragraph article. */
static void said(const char *md, const char *text, const char *speaker, const char *cue) {
    article *a = parse_ok(md);
    expect_counts(a, 1, 0);
    expect_quote(a, 0, text);
    expect_said(a, 0, speaker, cue);
    article_free(a);
}

/* ---- marks ------------------------------------------------------------------------------ */

START_TEST(straight_double) {
    article *a = parse_ok("The mayor called the plan \"a bold step forward\" on Tuesday.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "a bold step forward");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 0)), 0);
    ck_assert_uint_eq(article_quote_start(quote_at(a, 0)), 27);
    expect_said(a, 0, "The mayor", "called"); /* words quoted in reported speech */
    article_free(a);
}
END_TEST

START_TEST(curly_double) {
    said("“The river rose overnight,” the ranger said.\n", "The river rose overnight,",
         "the ranger", "said");
}
END_TEST

START_TEST(guillemets) {
    article *a = parse_ok("The motto «Liberté, égalité» hangs above the door.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "Liberté, égalité");
    article_free(a);
}
END_TEST

START_TEST(curly_single) {
    article *a = parse_ok("Critics dubbed it the ‘bridge to nowhere’ within a week.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "bridge to nowhere");
    article_free(a);
}
END_TEST

START_TEST(straight_inside_curly) {
    said("“The note said \"back at noon\" and nothing else,” the clerk said.\n",
         "The note said \"back at noon\" and nothing else,", "the clerk", "said");
}
END_TEST

START_TEST(single_inside_double) {
    said("\"He told us ‘stay inside’ twice,\" Maria Ortiz said.\n",
         "He told us ‘stay inside’ twice,", "Maria Ortiz", "said");
}
END_TEST

START_TEST(straight_inside_straight) {
    said("\"The word \"maybe\" is not an answer,\" the coach said.\n",
         "The word \"maybe\" is not an answer,", "the coach", "said");
}
END_TEST

START_TEST(apostrophes_are_not_marks) {
    article *a = parse_ok("The voters’ guide didn’t mention the ’90s or rock ’n’ roll.\n\n"
                          "Give ‘em a chance ‘til Friday, ‘cause it’s early.\n");
    expect_counts(a, 0, 0);
    article_free(a);
    said("‘We don’t play rock ’n’ roll,’ the band’s drummer said.\n",
         "We don’t play rock ’n’ roll,", "the band’s drummer", "said");
    a = parse_ok("Back in the ‘90s the slogan was ‘think small’ everywhere.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "think small");
    article_free(a);
    /* A word-final ’ closes an open single quote. */
    a = parse_ok("She called it ‘a win for the voters’ and moved on.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "a win for the voters");
    article_free(a);
}
END_TEST

START_TEST(lone_marks_are_ignored) {
    /* ‘ with no closing ’ after it is no mark; closing marks with nothing open neither. */
    article *a = parse_ok("The memo praised ‘good behavior in the ranks.\n\n"
                          "The crowd left” early, and ’ then » too.\n");
    expect_counts(a, 0, 0);
    article_free(a);
}
END_TEST

START_TEST(empty_quotes_are_not_quotes) {
    article *a = parse_ok("Marks like \"\" or \" \" or \"…\" or “?!” or «—» hold nothing.\n");
    expect_counts(a, 0, 0);
    article_free(a);
}
END_TEST

START_TEST(dash_before_marks) {
    article *a = parse_ok("He began—\"Wait, I was about to—\" and stopped.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "Wait, I was about to—");
    article_free(a);
}
END_TEST

/* ---- several paragraphs ------------------------------------------------------------------- */

START_TEST(two_paragraphs) {
    const char *md = "\"The first part of the statement runs here.\n\n"
                     "\"The second part ends it,\" the chief said.\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 0);
    const article_quote *q = quote_at(a, 0);
    expect_text(a, 0, "The first part of the statement runs here. The second part ends it,");
    ck_assert_uint_eq(article_quote_block(q), 0);
    ck_assert_uint_eq(article_quote_span_count(q), 2);
    ck_assert_str_eq(slice(a, article_quote_span_start(q, 0), article_quote_span_end(q, 0)),
                     "The first part of the statement runs here.");
    ck_assert_str_eq(slice(a, article_quote_span_start(q, 1), article_quote_span_end(q, 1)),
                     "The second part ends it,");
    ck_assert_uint_eq(article_quote_start(q), 1);
    ck_assert_uint_eq(article_quote_end(q), article_quote_span_end(q, 1));
    expect_said(a, 0, "the chief", "said");
    article_free(a);
}
END_TEST

START_TEST(continued_into_inexact_text) {
    /* The closing paragraph maps to its source through an inexact segment (a footnote
     * reference that is not one): the last span still ends where it starts or after. */
    article *a = parse_ok("\xE2\x80\x9C\n\n\xE2\x80\x9C" "b\xE2\x80\x9D[^\n]");
    ck_assert_uint_eq(article_quote_count(a), 1);
    const article_quote *q = quote_at(a, 0);
    ck_assert_uint_eq(article_quote_span_count(q), 2);
    for (size_t k = 0; k < 2; k++)
        ck_assert_uint_le(article_quote_span_start(q, k), article_quote_span_end(q, k));
    ck_assert_uint_le(article_quote_start(q), article_quote_end(q));
    article_free(a);
}
END_TEST

START_TEST(follow_on_after_an_open_mark) {
    /* A mark left open in the paragraph: the quotations after it are kept, and a follow-on
     * one still goes on with its speaker. */
    article *a = parse_ok("\"One kind is country club hate,\" Lee said. \"Events are outlets for "
                          "it.\n\"The other side is nihilistic,\" Lee said. \"I do not know if "
                          "it was cathartic.\"\n\nThe next paragraph.\n");
    ck_assert_uint_eq(article_quote_count(a), 3);
    expect_said(a, 1, "Lee", "said");
    expect_inherited(a, 2, "Lee");
    article_free(a);
}
END_TEST

START_TEST(three_paragraphs) {
    const char *md = "Intro line.\n\n"
                     "The governor said: “We start with the roads.\n\n"
                     "“Then we fix the schools.\n\n"
                     "“And then we rest.”\n\n"
                     "After that, \"a new one\" starts.\n";
    article *a = parse_ok(md);
    expect_counts(a, 2, 0);
    const article_quote *q = quote_at(a, 0);
    expect_text(a, 0, "We start with the roads. Then we fix the schools. And then we rest.");
    ck_assert_uint_eq(article_quote_block(q), 1);
    ck_assert_uint_eq(article_quote_span_count(q), 3);
    ck_assert_str_eq(slice(a, article_quote_span_start(q, 0), article_quote_span_end(q, 0)),
                     "We start with the roads.");
    ck_assert_str_eq(slice(a, article_quote_span_start(q, 1), article_quote_span_end(q, 1)),
                     "Then we fix the schools.");
    ck_assert_str_eq(slice(a, article_quote_span_start(q, 2), article_quote_span_end(q, 2)),
                     "And then we rest.");
    ck_assert_uint_eq(article_quote_start(q), article_quote_span_start(q, 0));
    ck_assert_uint_eq(article_quote_end(q), article_quote_span_end(q, 2));
    expect_said(a, 0, "The governor", "said");
    expect_quote(a, 1, "a new one");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 1)), 4);
    article_free(a);
}
END_TEST

START_TEST(heading_interrupts) {
    const char *md = "\"This part opens a quote.\n\n"
                     "# A heading\n\n"
                     "\"This one is complete,\" she said.\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 1);
    expect_unbalanced(a, 0, 0);
    expect_quote(a, 0, "This one is complete,");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 0)), 2);
    expect_said(a, 0, "she", "said");
    article_free(a);
}
END_TEST

START_TEST(code_block_interrupts) {
    const char *md = "Intro.\n\n"
                     "“Opening words here.\n\n"
                     "```\nprint(\"x\")\n```\n\n"
                     "“Closing words,” he said.\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 1);
    expect_unbalanced(a, 0, offset_of(md, "“", 0));
    expect_quote(a, 0, "Closing words,");
    expect_said(a, 0, "he", "said");
    article_free(a);
}
END_TEST

START_TEST(not_continued) {
    const char *md = "Intro \"never closed here.\n\nPlain paragraph.\n";
    article *a = parse_ok(md);
    expect_counts(a, 0, 1);
    expect_unbalanced(a, 0, 6);
    article_free(a);
    /* An item is no paragraph beside the last one. */
    md = "- \"first item opens\n- \"second item closes\"\n";
    a = parse_ok(md);
    expect_counts(a, 1, 1);
    expect_unbalanced(a, 0, 2);
    expect_quote(a, 0, "second item closes");
    article_free(a);
}
END_TEST

/* ---- unbalanced marks ---------------------------------------------------------------------- */

START_TEST(unbalanced_keeps_nested_and_later) {
    const char *md = "He said \"this one never ends, and “this one does” inside it.\n\n"
                     "Later she added a \"complete quote\" here.\n";
    article *a = parse_ok(md);
    expect_counts(a, 2, 1);
    expect_unbalanced(a, 0, 8);
    expect_quote(a, 0, "this one does");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 0)), 0);
    expect_quote(a, 1, "complete quote");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 1)), 1);
    article_free(a);
}
END_TEST

START_TEST(unbalanced_over_paragraphs) {
    const char *md = "“First paragraph with «a nested one» inside.\n\n"
                     "“Second paragraph with ‘another’ and no end.\n\n"
                     "Third is plain, then \"done\" here.\n";
    article *a = parse_ok(md);
    expect_counts(a, 3, 1); /* one warning, at the first mark */
    expect_unbalanced(a, 0, 0);
    expect_quote(a, 0, "a nested one");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 0)), 0);
    expect_quote(a, 1, "another");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 1)), 1);
    expect_quote(a, 2, "done");
    article_free(a);
}
END_TEST

START_TEST(unclosed_inside_closed) {
    const char *md =
        "\"He shouted «stop and ran,\" the witness said. \"Then «silence,\" she said.\n";
    article *a = parse_ok(md);
    expect_counts(a, 2, 2);
    expect_unbalanced(a, 0, offset_of(md, "«", 0));
    expect_unbalanced(a, 1, offset_of(md, "«", 1));
    expect_quote(a, 0, "He shouted «stop and ran,");
    expect_said(a, 0, "the witness", "said");
    expect_quote(a, 1, "Then «silence,");
    expect_said(a, 1, "she", "said");
    article_free(a);
}
END_TEST

START_TEST(warnings_in_document_order) {
    /* The outer mark stays undecided until the paragraph ends; its warning still comes
     * before the one for the mark inside it. */
    const char *md = "“Outer opens, “inner «never» ” and «lost here.\n\nNext.\n";
    article *a = parse_ok(md);
    ck_assert_uint_eq(article_warning_count(a), 2);
    expect_unbalanced(a, 0, 0);
    expect_unbalanced(a, 1, offset_of(md, "«", 1));
    expect_counts(a, 1, 2);
    expect_quote(a, 0, "inner «never» ");
    article_free(a);
}
END_TEST

START_TEST(unclosed_single) {
    /* Both ‘ may open (a ’ that can close follows); the inner pair is the quote and the
     * outer mark is reported once, at its offset. */
    const char *md = "He said ‘one thing and ‘another’ too.\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 1);
    expect_unbalanced(a, 0, offset_of(md, "‘", 0));
    expect_quote(a, 0, "another");
    article_free(a);
    /* Three opened, one closed: two warnings, in order. */
    md = "Notes: ‘first, ‘second and ‘third part’ end.\n";
    a = parse_ok(md);
    expect_counts(a, 1, 2);
    expect_unbalanced(a, 0, offset_of(md, "‘", 0));
    expect_unbalanced(a, 1, offset_of(md, "‘", 1));
    expect_quote(a, 0, "third part");
    article_free(a);
}
END_TEST

START_TEST(unclosed_single_in_order_with_others) {
    /* A single mark below an open double one is settled with its paragraph; the double one
     * waits for the next paragraph. Its warning still comes first. */
    const char *md = "‘a “b ‘c d’ e” and «f g.\n\nNext.\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 2);
    expect_unbalanced(a, 0, 0);
    expect_unbalanced(a, 1, offset_of(md, "«", 0));
    expect_quote(a, 0, "b ‘c d’ e");
    article_free(a);
    /* Nested in a quotation left unbalanced: reported, between its marks. */
    md = "“Open ‘a and ‘b’ and «c.\n\nNext.\n";
    a = parse_ok(md);
    expect_counts(a, 1, 3);
    expect_unbalanced(a, 0, 0);
    expect_unbalanced(a, 1, offset_of(md, "‘", 0));
    expect_unbalanced(a, 2, offset_of(md, "«", 0));
    expect_quote(a, 0, "b");
    article_free(a);
}
END_TEST

START_TEST(apostrophes_give_no_warning) {
    /* Elisions are no opening marks, even with a ’ that could close later on. */
    article *a = parse_ok("In the ‘90s rock ’n’ roll and rock ‘n’ roll were the teenagers’ "
                          "music.\n");
    expect_counts(a, 0, 0);
    article_free(a);
    a = parse_ok("Back in the ‘90s we played rock ’n’ roll in the ‘old hall’ downtown.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "old hall");
    article_free(a);
    /* A ‘ with no ’ after it in its paragraph is no mark; one before it does not count,
     * nor does one in the next paragraph. */
    a = parse_ok("The voters’ memo praised ‘good behavior in the ranks.\n\n"
                 "Nobody’s ‘fault’ here.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "fault");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 0)), 1);
    article_free(a);
}
END_TEST

START_TEST(unclosed_single_inside_closed) {
    /* No ’ follows: the ‘ is no mark at all. */
    said("\"He called it ‘good behavior.\" she said.\n", "He called it ‘good behavior.", "she",
         "said");
    /* With a ’ that could close after it, the ‘ opens, but the quotation around it closes:
     * the mark is part of that quotation's text, and no warning (unlike a double mark or
     * guillemet, see unclosed_inside_closed). */
    said("\"He called it ‘good behavior,\" the senators’ letter said.\n",
         "He called it ‘good behavior,", "the senators’ letter", "said");
    /* The same over paragraphs: nothing while the quotation closes in the end... */
    const char *md = "“One ‘a and ‘b’ x.\n\n“Two ‘c and ‘d’ y.\n\n“Three ends.”\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 0);
    expect_text(a, 0, "One ‘a and ‘b’ x. Two ‘c and ‘d’ y. Three ends.");
    article_free(a);
    /* ...and each open mark, the nested pairs kept, when it does not. */
    md = "“One ‘a and ‘b’ x.\n\n“Two ‘c and ‘d’ y.\n\nPlain.\n";
    a = parse_ok(md);
    expect_counts(a, 2, 3);
    expect_unbalanced(a, 0, 0);
    expect_unbalanced(a, 1, offset_of(md, "‘a", 0));
    expect_unbalanced(a, 2, offset_of(md, "‘c", 0));
    expect_quote(a, 0, "b");
    expect_quote(a, 1, "d");
    article_free(a);
    /* A quotation that closes where the next one opens: only the new one's marks count. */
    md = "“One ‘a and ‘b’ x.\n\n“Two ends,” he said. “New ‘c and ‘d’ y.\n\nPlain.\n";
    a = parse_ok(md);
    expect_counts(a, 2, 2);
    expect_text(a, 0, "One ‘a and ‘b’ x. Two ends,");
    expect_said(a, 0, "he", "said");
    expect_quote(a, 1, "d");
    expect_unbalanced(a, 0, offset_of(md, "“New", 0));
    expect_unbalanced(a, 1, offset_of(md, "‘c", 0));
    article_free(a);
}
END_TEST

/* ---- code and blocks ----------------------------------------------------------------------- */

START_TEST(code_is_ignored) {
    article *a = parse_ok("Type `\"quoted\"` to search, or say \"hello\" instead.\n\n"
                          "```\nsay \"nothing\" here\n```\n\n"
                          "    indented \"code\" too\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "hello");
    article_free(a);
    /* A mark inside code inside a quotation belongs to the code. */
    const char *md = "\"Run `ls \"x` now,\" she said.\n";
    a = parse_ok(md);
    expect_counts(a, 1, 0);
    expect_text(a, 0, "Run ls \"x now,");
    const article_quote *q = quote_at(a, 0);
    ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)), "Run `ls \"x` now,");
    expect_said(a, 0, "she", "said");
    article_free(a);
}
END_TEST

START_TEST(heading_list_blockquote_table) {
    article *a = parse_ok("## The \"quiet\" season\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "quiet");
    ck_assert_int_eq(article_block_get_type(article_block_at(a, 0)), ARTICLE_BLOCK_HEADING);
    article_free(a);

    a = parse_ok("- first item\n- second item says \"hello there\"\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "hello there");
    size_t bi = article_quote_block(quote_at(a, 0));
    const article_block *b = article_block_at(a, bi);
    ck_assert_int_eq(article_block_get_type(b), ARTICLE_BLOCK_PARAGRAPH);
    ck_assert_int_eq(article_block_get_type(article_block_at(a, article_block_parent(b))),
                     ARTICLE_BLOCK_ITEM);
    article_free(a);

    a = parse_ok("> \"Stay calm,\" the pilot said.\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "Stay calm,");
    expect_said(a, 0, "the pilot", "said");
    ck_assert_uint_eq(article_quote_block(quote_at(a, 0)), 1);
    article_free(a);

    a = parse_ok("| Name | Motto |\n|---|---|\n| Ada | \"Keep going\" |\n");
    expect_counts(a, 1, 0);
    expect_quote(a, 0, "Keep going");
    b = article_block_at(a, article_quote_block(quote_at(a, 0)));
    ck_assert_int_eq(article_block_get_type(b), ARTICLE_BLOCK_TABLE_CELL);
    article_free(a);
}
END_TEST

START_TEST(blockquote_paragraphs_continue) {
    const char *md = "> “One paragraph here.\n>\n> “Another one,” the pastor said.\n";
    article *a = parse_ok(md);
    expect_counts(a, 1, 0);
    expect_text(a, 0, "One paragraph here. Another one,");
    ck_assert_uint_eq(article_quote_span_count(quote_at(a, 0)), 2);
    expect_said(a, 0, "the pastor", "said");
    article_free(a);
}
END_TEST

START_TEST(markup_inside_quotes) {
    article *a = parse_ok("She wrote \"a *truly* bold plan\" last year.\n");
    expect_counts(a, 1, 0);
    expect_text(a, 0, "a truly bold plan");
    const article_quote *q = quote_at(a, 0);
    ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)),
                     "a *truly* bold plan");
    article_free(a);

    a = parse_ok("\"*Everything* changes,\" said **Lu Wen**.\n");
    expect_counts(a, 1, 0);
    expect_text(a, 0, "Everything changes,");
    q = quote_at(a, 0);
    ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)),
                     "*Everything* changes,");
    size_t len;
    const article_speaker *s = article_quote_speaker(q);
    ck_assert_ptr_nonnull(s);
    ck_assert_strn_eq(article_speaker_text(s, &len), len, "Lu Wen");
    ck_assert_str_eq(slice(a, article_speaker_start(s), article_speaker_end(s)), "Lu Wen");
    article_free(a);

    a = parse_ok("\"See [the report](https://example.com/r) today,\" he said.\n");
    expect_counts(a, 1, 0);
    expect_text(a, 0, "See the report today,");
    expect_said(a, 0, "he", "said");
    article_free(a);

    /* Marks written as entities map back to the entities. */
    a = parse_ok("&ldquo;Fine,&rdquo; she said. &quot;Done&quot; too.\n");
    expect_counts(a, 2, 0);
    expect_quote(a, 0, "Fine,");
    ck_assert_uint_eq(article_quote_start(quote_at(a, 0)), 7);
    expect_said(a, 0, "she", "said");
    expect_quote(a, 1, "Done");
    article_free(a);
}
END_TEST

/* ---- attribution ------------------------------------------------------------------------ */

START_TEST(speaker_after) {
    said("\"The bridge is safe,\" Mayor Ana Ruiz said.\n", "The bridge is safe,",
         "Mayor Ana Ruiz", "said");
    said("\"The bridge is safe,\" said Ana Ruiz, the city engineer.\n", "The bridge is safe,",
         "Ana Ruiz", "said");
    said("\"Not today\" she said.\n", "Not today", "she", "said");
    said("\"We expect delays,\" Dana Cole, a spokeswoman for the transit agency, said.\n",
         "We expect delays,", "Dana Cole, a spokeswoman for the transit agency", "said");
    said("\"We expect delays,\" the agency said in a statement.\n", "We expect delays,",
         "the agency", "said");
    said("\"Who pays?\" Lina Frost asked.\n", "Who pays?", "Lina Frost", "asked");
    said("\"We will appeal,\" the lawyer later told reporters.\n", "We will appeal,",
         "the lawyer", "told");
    said("\"Rates will hold,\" the notes state.\n", "Rates will hold,", "the notes", "state");
}
END_TEST

START_TEST(speaker_before) {
    said("The engineer said, \"The beams will hold.\"\n", "The beams will hold.",
         "The engineer", "said");
    said("Dr. Lena Park told the panel: \"The data is clear.\"\n", "The data is clear.",
         "Dr. Lena Park", "told");
    said("Earlier in the day the crowd cheered. She added, \"Nothing else changed.\"\n",
         "Nothing else changed.", "She", "added");
    said("In a statement on Friday, the union said, \"Talks will resume.\"\n",
         "Talks will resume.", "the union", "said");
    said("But Omar Haddad said in a radio interview, \"The plan works.\"\n", "The plan works.",
         "Omar Haddad", "said");
}
END_TEST

START_TEST(titles_and_coordination) {
    said("\"Funding is secured,\" Sen. Maria Gomez (D-NM) said.\n", "Funding is secured,",
         "Sen. Maria Gomez (D-NM)", "said");
    said("\"We oppose the bill,\" Rep. Tom Hale (R-OH), Rep. Ida Moss (D-MI), and Gov. Ray "
         "Lind stated in a joint letter.\n",
         "We oppose the bill,",
         "Rep. Tom Hale (R-OH), Rep. Ida Moss (D-MI), and Gov. Ray Lind", "stated");
    said("Tom Hale, Ida Moss and Ray Lind wrote, \"We oppose the bill.\"\n",
         "We oppose the bill.", "Tom Hale, Ida Moss and Ray Lind", "wrote");
    said("After the vote, Hale and Moss said, \"We lost.\"\n", "We lost.", "Hale and Moss",
         "said");
}
END_TEST

START_TEST(pronouns) {
    said("\"It works,\" he said.\n", "It works,", "he", "said");
    said("\"We agree,\" they wrote.\n", "We agree,", "they", "wrote");
    said("I said, \"Not yet.\"\n", "Not yet.", "I", "said");
    said("\"Prices will rise,\" it warned.\n", "Prices will rise,", "it", "warned");
    said("We replied: \"No comment.\"\n", "No comment.", "We", "replied");
    /* A verb folded into the pronoun: the pronoun alone. */
    said("He's said the plan is \"a total and utter disaster\" for the town.\n",
         "a total and utter disaster", "He", "said");
    said("She\xE2\x80\x99s predicting she will do \"very, very well\" in the next one.\n",
         "very, very well", "She", "predicting");
}
END_TEST

START_TEST(according_to) {
    said("\"Demand fell sharply,\" according to the quarterly report.\n",
         "Demand fell sharply,", "the quarterly report", "according to");
    said("According to the filing, \"the company owes nothing.\"\n",
         "the company owes nothing.", "the filing", "According to");
}
END_TEST

START_TEST(abbreviations_do_not_end_sentences) {
    said("\"The vote is final,\" U.S. Rep. Jo Ann Kerr said.\n", "The vote is final,",
         "U.S. Rep. Jo Ann Kerr", "said");
    said("Gen. J. R. Pike said, \"Hold the line.\"\n", "Hold the line.", "Gen. J. R. Pike",
         "said");
    said("Mr. and Mrs. Lowe said, \"Thank you.\"\n", "Thank you.", "Mr. and Mrs. Lowe", "said");
    said("\"We moved,\" Ms. Ada Lowe of Washington, D.C., said.\n", "We moved,",
         "Ms. Ada Lowe of Washington, D.C.", "said");
    said("\"It held,\" said Lt. Gen. Sam Ode Jr.\n", "It held,", "Lt. Gen. Sam Ode Jr.", "said");
}
END_TEST

START_TEST(no_attribution) {
    /* The sentence ends before a cue. */
    said("Mr. Lee resigned on Monday. \"It was time.\"\n", "It was time.", NULL, NULL);
    said("\"It was time.\" The board agreed, Lee said.\n", "It was time.", NULL, NULL);
    said("The panel met. \"We disagree,\" The end.\n", "We disagree,", NULL, NULL);
    /* Naming, not speech; no verb of speech at all; a clause, not a name. */
    said("Residents formed a group called \"Neighbors First\" in May.\n", "Neighbors First",
         NULL, NULL);
    said("This fall the house will publish \"Lee Revealed,\" a biography written by Jo Kim.\n",
         "Lee Revealed,", NULL, NULL);
    said("There is a collection from the cartoonist Jo Kim called \"Forty Years of Lee.\"\n",
         "Forty Years of Lee.", NULL, NULL);
    said("Anyone questioning her lead can find solace in a Ledger article titled \"Lee Does "
         "Best Where Voting Machines Flunk Hacking Tests.\"\n",
         "Lee Does Best Where Voting Machines Flunk Hacking Tests.", NULL, NULL);
    said("\"Yes\" is the answer.\n", "Yes", NULL, NULL);
    said("\"Yes\" is what the mayor said.\n", "Yes", NULL, NULL);
    said("They wanted to say, \"Thanks.\"\n", "Thanks.", NULL, NULL);
    said("Wait, it gets better: \"The fee doubles next year.\"\n", "The fee doubles next year.",
         NULL, NULL);
    /* Titles, not words anyone said. */
    said("Ann Lee told \"Morning Roundup\" the bill would pass.\n", "Morning Roundup", NULL,
         NULL);
    said("She spoke on \"The Evening Desk.\" Then she left.\n", "The Evening Desk.", NULL, NULL);
    /* A short quotation with no verb of speech in its sentence: a scare quote. */
    said("The \"reform\" passed on Monday.\n", "reform", NULL, NULL);
}
END_TEST

START_TEST(what_follows_the_verb) {
    said("\"We will see,\" said a source close to the campaign.\n", "We will see,",
         "a source close to the campaign", "said");
    said("\"We will see,\" said an aide who asked not to be named.\n", "We will see,",
         "an aide", "said");
    said("\"No,\" she said when asked whether the plan would pass.\n", "No,", "she", "said");
    said("\"It passed,\" Ann Lee said to reporters on Monday.\n", "It passed,", "Ann Lee",
         "said");
    said("\"It passed,\" Ann Lee told reporters that night.\n", "It passed,", "Ann Lee",
         "told");
    said("\"It passed,\" Ann Lee said late Tuesday.\n", "It passed,", "Ann Lee", "said");
    /* Reported speech after the verb: the quotation is not what was said. */
    said("On \"Morning Roundup,\" Ann Lee said the bill would pass.\n", "Morning Roundup,",
         NULL, NULL);
    said("On \"Morning Roundup,\" Ann Lee said that the bill would pass.\n",
         "Morning Roundup,", NULL, NULL);
    said("On \"Morning Roundup,\" the host asked Lee how the bill would pass.\n",
         "Morning Roundup,", NULL, NULL);
    said("They fought \"poison pill\" measures.\n", "poison pill", NULL, NULL);
    said("They fought \"poison pill\" measures added by the committee.\n", "poison pill",
         NULL, NULL);
    said("\"Call the roll,\" came shouts from the floor.\n", "Call the roll,", NULL, NULL);
    said("\"It works,\" posted the account on Monday.\n", "It works,", NULL, NULL);
}
END_TEST

START_TEST(verb_then_anything) {
    /* A quotation closed by its own comma, '?' or '!' is the object of the verb after it,
     * whatever follows the verb. */
    said("\"We are ready,\" Ms. Ortiz said by telephone.\n", "We are ready,", "Ms. Ortiz",
         "said");
    said("\"We are ready,\" he said two days after the vote.\n", "We are ready,", "he",
         "said");
    said("\"Sit down!\" she demanded, as the crowd shouted.\n", "Sit down!", "she",
         "demanded");
    said("\"It was a mistake,\" the editorial read.\n", "It was a mistake,", "the editorial",
         "read");
    said("\"Vote no,\" tweeted council member Ana Ruiz.\n", "Vote no,",
         "council member Ana Ruiz", "tweeted");
    /* The quotation is a noun phrase of the clause, not what was said. */
    said("In \"The Long Road,\" Ann Lee said the plan would fail.\n", "The Long Road,", NULL,
         NULL);
    /* "read" and "state" are verbs of speech only after the quotation. */
    said("The sign read \"closed\" all week.\n", "closed", NULL, NULL);
    said("Lee won her home state by \"a lot\" in May.\n", "a lot", NULL, NULL);
}
END_TEST

START_TEST(words_after_a_verb) {
    /* Right after a verb of speech and its object, capitalised words are words said,
     * not a title. */
    said("Lee called the mayor \"The Best Friend Of Bankers.\" Then she left.\n",
         "The Best Friend Of Bankers.", NULL, NULL);
    said("Lee called Ruiz \"The Friend of Bankers.\" Then she left.\n",
         "The Friend of Bankers.", "Lee", "called");
    said("He said \"The Farmers\" and left.\n", "The Farmers", "He", "said");
    said("Ann Lee decried the council for \"turning its back\" on the town.\n",
         "turning its back", "Ann Lee", "decried");
    /* A listener is no speaker: the title heard it. */
    said("Ann Lee told \"Morning Roundup\" the bill would pass.\n", "Morning Roundup", NULL,
         NULL);
}
END_TEST

START_TEST(leading_phrases) {
    said("In response to the plan to close two of the schools in the county, Ann Lee rallied "
         "parents, saying: \"We have to be ready.\"\n",
         "We have to be ready.", "Ann Lee", "saying");
    /* Not a leading phrase: a subject and its verb before a word of time. */
    said("Ann Lee hit back in March, attacking Jo Kim for \"the greed, the showing off and the "
         "theatrics\" of his campaign.\n",
         "the greed, the showing off and the theatrics", "Ann Lee", "hit");
    said("Filling in for the senator at the same event where both rivals appeared on Sunday, "
         "Ann Lee landed a sharp dig at \"my dear friend the governor.\"\n",
         "my dear friend the governor.", "Ann Lee", "landed");
    /* Leading phrases before the subject are skipped, however many. */
    said("At a rally in Concord, N.H., on Monday, Sen. Ann Lee backed the bill, saying it "
         "would \"change lives.\"\n",
         "change lives.", "Sen. Ann Lee", "saying");
    said("Eight years ago, he backed Ruiz and said, \"She will win.\"\n", "She will win.",
         "he", "said");
    /* A phrase that starts with "when" or "according" names nobody. */
    said("When asked, only 20 percent who chose \"honest and trustworthy\" voted.\n",
         "honest and trustworthy", NULL, NULL);
}
END_TEST

START_TEST(clauses_and_paragraphs) {
    /* The clause that opens with the inverted verb, not the sentence's last one. */
    said("\"Prices are high\" this year, said Ann Lee, the chief economist at the bank.\n",
         "Prices are high", "Ann Lee", "said");
    /* An -ing verb after a noun reports the sentence subject's words. */
    said("On Monday, she released a statement saying, \"We will appeal.\"\n",
         "We will appeal.", "she", "saying");
    /* A verb, not a noun phrase, cannot be a speaker. */
    said("Lee issued a statement Tuesday \"to be clear\" about it.\n", "to be clear", NULL,
         NULL);
    /* A paragraph that ends with `X said:` introduces the quotation opening the next. */
    article *a = parse_ok("The mayor's office responded:\n\n\"We disagree with the ruling.\"\n");
    expect_counts(a, 1, 0);
    expect_said(a, 0, "The mayor's office", "responded");
    article_free(a);
    /* Not across a paragraph with a quotation after the colon, nor two paragraphs on. */
    a = parse_ok("Ann Lee said: \"Yes.\"\n\n\"We disagree with it.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 0, "Ann Lee", "said");
    expect_inherited(a, 1, "Ann Lee");
    article_free(a);
    a = parse_ok("Ann Lee said:\n\nThe board met.\n\n\"We disagree with it.\"\n");
    expect_counts(a, 1, 0);
    expect_said(a, 0, NULL, NULL);
    article_free(a);
    /* A quotation that ended its sentence: the next sentence's quotation does not take its
     * speaker. */
    a = parse_ok("\"We won,\" Lee said of the \"long fight.\" The board ignored \"it.\"\n");
    expect_counts(a, 3, 0);
    expect_said(a, 0, "Lee", "said");
    expect_said(a, 2, NULL, NULL);
    article_free(a);
}
END_TEST

START_TEST(appositives_and_descriptions) {
    said("\"We back it,\" Cruz, who sponsored the bill, said.\n", "We back it,",
         "Cruz, who sponsored the bill", "said");
    said("\"We back it,\" election law expert Rick Hasen wrote.\n", "We back it,",
         "election law expert Rick Hasen", "wrote");
    said("\"We back it,\" officials said.\n", "We back it,", "officials", "said");
    said("\"We back it,\" police said.\n", "We back it,", "police", "said");
    said("After the rally in Akron, Gov. Ann Lee (R-OH), said, \"We won.\"\n", "We won.",
         "Gov. Ann Lee (R-OH)", "said");
    said("Jane Doe, a spokeswoman, said: \"We agree.\"\n", "We agree.",
         "Jane Doe, a spokeswoman", "said");
    /* A pronoun is a whole speaker; what comes before it is not part of it. */
    said("On \"Good Day\" Tuesday, he said nothing new.\n", "Good Day", NULL, NULL);
    said("He then put on an accent and joked, \"Not me.\"\n", "Not me.", "He", "joked");
    said("\"Silver standard,\" says she warned about surprises.\n", "Silver standard,", NULL,
         NULL);
    said("Lemkin, who coined the word, once said, \"It happened before.\"\n",
         "It happened before.", "Lemkin, who coined the word", "said");
    said("\"It holds,\" Cory Vance, 41, of Flint, Mich., said.\n", "It holds,",
         "Cory Vance, 41, of Flint, Mich.", "said");
}
END_TEST

START_TEST(two_quotes_one_sentence) {
    const char *md = "\"We tried,\" she said, \"and we failed.\" \"Not again.\"\n";
    article *a = parse_ok(md);
    expect_counts(a, 3, 0);
    expect_quote(a, 0, "We tried,");
    expect_said(a, 0, "she", "said");
    expect_quote(a, 1, "and we failed.");
    expect_said(a, 1, "she", "said");
    expect_quote(a, 2, "Not again.");
    expect_inherited(a, 2, "she");
    article_free(a);
    /* A question ends its sentence: the verb after it introduces the next quotation. */
    article *b = parse_ok("Ann Lee wrote to Jo Kim, \"Why now? Was it on my way?\" Kim then "
                          "wrote back, \"You look fine.\"\n");
    expect_counts(b, 2, 0);
    expect_said(b, 0, "Ann Lee", "wrote");
    expect_said(b, 1, "Kim", "wrote");
    article_free(b);
}
END_TEST

/* ---- two apostrophes as a double mark; mixed families --------------------------------------- */

START_TEST(double_apostrophes) {
    said("''We are ready,'' Ms. Ida Lowe said.\n", "We are ready,", "Ms. Ida Lowe", "said");
    /* Apostrophes alone stay apostrophes; a single quotation inside keeps its marks. */
    article *a = parse_ok("The mayor's aide said ''the 'green' plan is dead,'' and left. "
                          "''It isn't,'' he said. ''We said 'no.'''\n");
    expect_counts(a, 3, 0);
    expect_quote(a, 0, "the 'green' plan is dead,");
    expect_said(a, 0, "The mayor's aide", "said");
    expect_quote(a, 1, "It isn't,");
    expect_said(a, 1, "he", "said");
    expect_quote(a, 2, "We said 'no.'");
    expect_inherited(a, 2, "he");
    article_free(a);
    /* Over two paragraphs, the opening pair repeated. */
    a = parse_ok("''The first part.\n\n''The second part,'' she said.\n");
    expect_counts(a, 1, 0);
    expect_text(a, 0, "The first part. The second part,");
    ck_assert_uint_eq(article_quote_span_count(quote_at(a, 0)), 2);
    article_free(a);
    /* Unclosed: a warning, and the rest is kept. */
    a = parse_ok("He said ''never and left.\n\nThen ''Fine,'' she said.\n");
    expect_counts(a, 1, 1);
    expect_quote(a, 0, "Fine,");
    article_free(a);
}
END_TEST

START_TEST(mixed_families) {
    said("\"I prefer the east route,\xe2\x80\x9d he said.\n", "I prefer the east route,", "he",
         "said");
    said("\xe2\x80\x9cThe pool is out of balance,\" the group wrote.\n",
         "The pool is out of balance,", "the group", "wrote");
}
END_TEST

/* ---- attribution beyond the quotation's own clause ----------------------------------------- */

START_TEST(partial_quotes) {
    /* Words quoted inside reported speech belong to the one who reports them. */
    said("Ann Lee called the budget \"a disgrace\" on Monday.\n", "a disgrace", "Ann Lee",
         "called");
    said("Sen. Omar Diaz said the bill was \"dead on arrival\" in the House.\n",
         "dead on arrival", "Sen. Omar Diaz", "said");
    said("The memo said that \"costs rose.\"\n", "costs rose.", "The memo", "said");
    said("Officials urged voters to show \"calm and patience\" at the polls.\n",
         "calm and patience", "Officials", "urged");
    said("The mayor spoke for an hour, saying the city \"will not back down.\"\n",
         "will not back down.", "The mayor", "saying");
    said("On Monday, Gov. Ray Lind described the storm as \"the worst in a century.\"\n",
         "the worst in a century.", "Gov. Ray Lind", "described");
    /* The sentence's last clause names the speaker. */
    said("The fund grew \"faster than anyone planned\" last year, she said.\n",
         "faster than anyone planned", "she", "said");
    /* Or an earlier one, when the last has no verb of speech. */
    said("The rival's \"excesses\" are sickening, Ann Lee said in Paris, noting the cost.\n",
         "excesses", "Ann Lee", "said");
    /* With no verb of speech, the subject of a sentence that quotes several words. */
    said("Ann Lee offered a defense of the \"build it once and build it right\" plan.\n",
         "build it once and build it right", "Ann Lee", "offered");
    /* Naming is not quoting. */
    said("Residents formed a group called \"Neighbors for a Safer Street\" in May.\n",
         "Neighbors for a Safer Street", NULL, NULL);
}
END_TEST

START_TEST(statement_and_listener) {
    said("\"We are reviewing the order,\" the agency said in a statement.\n",
         "We are reviewing the order,", "the agency", "said");
    said("\"It will pass,\" Ana Ruiz told reporters on Tuesday.\n", "It will pass,", "Ana Ruiz",
         "told");
    said("According to Ana Ruiz, the plan is \"ready to go.\"\n", "ready to go.", "Ana Ruiz",
         "According to");
}
END_TEST

START_TEST(follow_on_quotes) {
    const char *md = "\"We will rebuild,\" said Mayor Lena Ortiz. \"Every house.\"\n\n"
                     "\"And every school.\"\n\n"
                     "The council met later.\n\n"
                     "\"Not now.\"\n";
    article *a = parse_ok(md);
    expect_counts(a, 4, 0);
    expect_said(a, 0, "Mayor Lena Ortiz", "said");
    /* The next sentence, and the next paragraph, go on with her. */
    expect_inherited(a, 1, "Mayor Lena Ortiz");
    expect_inherited(a, 2, "Mayor Lena Ortiz");
    /* Two paragraphs on, with other text between: nobody. */
    expect_said(a, 3, NULL, NULL);
    article_free(a);
    /* A split quotation: both halves are the speaker's, by the same cue. */
    a = parse_ok("\"The risk,\" said Ed Lamb, an economist at the bank, \"is in the timing.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 0, "Ed Lamb", "said");
    expect_said(a, 1, "Ed Lamb", "said");
    article_free(a);
}
END_TEST

/* Kinds of speaker, and the name each one resolves to. */
static void expect_kind(const article *a, size_t i, article_speaker_type type,
                        const char *name) {
    const article_speaker *s = article_quote_speaker(quote_at(a, i));
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(article_speaker_get_type(s), type);
    size_t len;
    const char *n = article_speaker_name(s, &len);
    if (!name) {
        ck_assert_msg(n == NULL, "quote %zu: unexpected name \"%s\"", i, n ? n : "");
        ck_assert_uint_eq(article_speaker_name_start(s), 0);
        return;
    }
    ck_assert_msg(n != NULL, "quote %zu: no name, expected \"%s\"", i, name);
    ck_assert_strn_eq(n, len, name);
    ck_assert_str_eq(slice(a, article_speaker_name_start(s), article_speaker_name_end(s)), name);
}

START_TEST(speaker_names) {
    /* The subject of a relative clause after its "whom"; a speaker without the time. */
    said("Much of the ire was directed at Jo Kim, whom Ann Lee called \"a horrible, "
         "despicable person.\"\n",
         "a horrible, despicable person.", "Ann Lee", "called");
    said("Ann Lee on Wednesday called the plan \"a total disaster for us.\"\n",
         "a total disaster for us.", "Ann Lee", "called");
    const char *md = "\"It is done,\" the letter said.\n\n"
                     "\"We won,\" Rep. Young Kim (R-CA) said.\n\n"
                     "\"It was close,\" she added.\n\n"
                     "\"We will see,\" a campaign spokeswoman said.\n\n"
                     "\"No,\" Jane Doe, a lawyer for the city, said.\n\n"
                     "\"Later,\" the White House said.\n\n"
                     "\"Maybe,\" the party's nominee said.\n\n"
                     "\"Soon,\" it said.\n";
    article *a = parse_ok(md);
    expect_counts(a, 8, 0);
    expect_kind(a, 0, ARTICLE_SPEAKER_DESCRIPTION, NULL); /* no name yet, and no person */
    expect_kind(a, 1, ARTICLE_SPEAKER_NAME, "Young Kim");
    expect_kind(a, 2, ARTICLE_SPEAKER_PRONOUN, "Young Kim");
    expect_kind(a, 3, ARTICLE_SPEAKER_DESCRIPTION, "Young Kim");
    expect_kind(a, 4, ARTICLE_SPEAKER_NAME, "Jane Doe");
    expect_kind(a, 5, ARTICLE_SPEAKER_NAME, "White House");
    expect_kind(a, 6, ARTICLE_SPEAKER_DESCRIPTION, "White House");
    expect_kind(a, 7, ARTICLE_SPEAKER_PRONOUN, NULL); /* "it" is no person */
    ck_assert_str_eq(article_speaker_type_name(ARTICLE_SPEAKER_PRONOUN), "pronoun");
    article_free(a);
    /* "he", "she" and gendered nouns pass over names an honorific gives the other gender;
     * a name keeps the gender an earlier mention of it had. */
    a = parse_ok("\"We will win,\" Mrs. Ann Lee said. \"They will lose,\" Mr. Kim said. "
                 "\"It is over,\" she said. \"No,\" he said.\n\n"
                 "\"Again,\" Lee said. \"Fine,\" said the spokesman.\n\n"
                 "\"Never,\" Mr. Ruiz said. \"Later,\" she said.\n\n"
                 "\"Done,\" said Mr. Ortiz, who left. \"Yes,\" she said.\n");
    expect_counts(a, 10, 0);
    expect_kind(a, 2, ARTICLE_SPEAKER_PRONOUN, "Ann Lee");
    expect_kind(a, 3, ARTICLE_SPEAKER_PRONOUN, "Kim");
    expect_kind(a, 4, ARTICLE_SPEAKER_NAME, "Lee");
    expect_kind(a, 5, ARTICLE_SPEAKER_DESCRIPTION, "Kim");
    expect_kind(a, 7, ARTICLE_SPEAKER_PRONOUN, "Lee");
    expect_kind(a, 9, ARTICLE_SPEAKER_PRONOUN, "Lee");
    article_free(a);
}
END_TEST

START_TEST(relative_pronoun_speakers) {
    /* "who" is the speaker as written; its name is the one before its comma. */
    const char *md = "\"We will hold,\" said Ann Lee, who said the vote was \"a travesty of the "
                     "process.\"\n\n"
                     "He met Bo Park, who called the plan \"a disgrace\" on Monday.\n\n"
                     "The mayor, who called it \"a sad day for the city,\" left early.\n";
    article *a = parse_ok(md);
    expect_counts(a, 4, 0);
    expect_said(a, 0, "Ann Lee", "said");
    expect_said(a, 1, "who", "said");
    expect_kind(a, 1, ARTICLE_SPEAKER_PRONOUN, "Ann Lee");
    expect_said(a, 2, "who", "called");
    expect_kind(a, 2, ARTICLE_SPEAKER_PRONOUN, "Bo Park"); /* not the last speaker */
    expect_said(a, 3, "who", "called");
    expect_kind(a, 3, ARTICLE_SPEAKER_PRONOUN, NULL); /* "the mayor" is no name */
    article_free(a);
}
END_TEST

START_TEST(colon_labels_and_idioms) {
    /* Transcript labels, an inverted verb before one, "as X put it:". */
    said("LEE: \"We will not back down from this fight.\"\n",
         "We will not back down from this fight.", "LEE", ":");
    article *a = parse_ok("\"We will see,\" Ann Lee said.\n\nLee: \"We will not back down.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 1, "Lee", ":");
    article_free(a);
    said("Sen. Ann Lee: \"We will not back down.\"\n", "We will not back down.",
         "Sen. Ann Lee", ":");
    /* One name as a label: written in the paragraph before, or earlier in its own. */
    a = parse_ok("Ann Lee and Jo Kim, among others, reject the plan.\n\n"
                 "Lee: \"It fails the state.\" Kim: \"It fails everyone.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 0, "Lee", ":");
    expect_said(a, 1, "Kim", ":");
    article_free(a);
    said("Continued Park: \"It is a very real problem.\"\n", "It is a very real problem.",
         "Park", "Continued");
    said("Or, as Tom Ridge, a former governor, put it: \"The gate is open.\"\n",
         "The gate is open.", "Tom Ridge, a former governor", "put it");
    said("As Jo Kim observed, the winner was the stage itself: \"The network won the night.\"\n",
         "The network won the night.", "Jo Kim", "observed");
    /* Not a label: a clause, one word that may be a heading, a verb of speech. */
    a = parse_ok("The plan was simple: \"Win the state and move on.\"\n\n"
                          "Update: \"The polls have closed in the state.\"\n\n"
                          "In the end it came to this: \"Vote, and vote early.\"\n");
    expect_counts(a, 3, 0);
    for (size_t i = 0; i < 3; i++)
        ck_assert_ptr_null(article_quote_speaker(quote_at(a, i)));
    article_free(a);
}
END_TEST

START_TEST(clauses_and_appositives) {
    /* An appositive with an infinitive or a clause of its own closes at its comma. */
    said("Bo Park, lawyer for one of the groups to file suit over the law, said in a statement: "
         "\"The ruling stands.\"\n",
         "The ruling stands.", "Bo Park, lawyer for one of the groups to file suit over the law",
         "said");
    /* "…, saying" after a concessive clause: its pronoun, not the sentence's subject. */
    said("The group is known by two names, though at a news conference he used stronger words, "
         "saying the group \"must be destroyed.\"\n",
         "must be destroyed.", "he", "saying");
    said("\"That would have been a show of good faith,\" Toomey fumed on Tuesday.\n",
         "That would have been a show of good faith,", "Toomey", "fumed");
    /* A clause with a pronoun for subject is no leading phrase, though it ends in a time. */
    said("She sharpened her attack on Tuesday, telling reporters the mayor is a \"faker.\"\n",
         "faker.", "She", "telling");
    said("He is predicting he will do \"very, very well\" in the next contest.\n",
         "very, very well", "He", "predicting");
    said("Lee later blamed the delay on \"a broken earpiece at the studio.\"\n",
         "a broken earpiece at the studio.", "Lee", "blamed");
    /* A title after a verb and its object ("called his rival "Senator Lee""), not after a
     * verb that names ("a blog, called the "Feed,""). */
    said("There was no mention of the race; he called his rival ''Senator Lee'' instead.\n",
         "Senator Lee", "he", "called");
    article *a = parse_ok("A blog, called the \"Feed,\" pumps out articles all day.\n\n"
                          "\"We won,\" he said on \"Morning Roundup.\"\n");
    expect_counts(a, 3, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 2)));
    article_free(a);
    /* A show after a possessive is a title, not what the verb says or who heard it. */
    a = parse_ok("Speaking Sunday on ABC's \"This Week,\" Park admitted the name was wrong.\n\n"
                 "Lee told NBC's \"Today\" on Monday that he would run.\n");
    expect_counts(a, 2, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 1)));
    article_free(a);
    /* A title with a subtitle may be longer. */
    a = parse_ok("\"It is fair,\" said Jo Park, a co-author of \"Those Guys Have All the Fun: "
                 "Inside the World of Sports.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 0, "Jo Park", "said");
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 1)));
    article_free(a);
    /* Both quotations of a sentence take its closing clause, across "and". */
    a = parse_ok("\"A big truck\" came through the barriers, he said, and \"everyone started "
                 "running.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 0, "he", "said");
    expect_said(a, 1, "he", "said");
    article_free(a);
}
END_TEST

START_TEST(credit_lines) {
    /* A pull quote and its credit, in its paragraph or opening the next. */
    const char *md = "\"We will win this state.\" — Ann Lee, at a rally\n\n"
                     "\"Nobody pays their share of taxes.\"\n\n"
                     "— Bo Park.\n\n"
                     "\"It is a long road from here.\"\n\n"
                     "-Jo Kim, Flint\n";
    article *a = parse_ok(md);
    expect_counts(a, 3, 0);
    expect_said(a, 0, "Ann Lee", "—");
    expect_said(a, 1, "Bo Park", "—");
    expect_said(a, 2, "Jo Kim", "-");
    article_free(a);
    /* Not a byline after a reported quotation, nor a dash before a description. */
    a = parse_ok("Lee said the party was \"still the first force in the state.\"--Bo Park.\n\n"
                 "## Notes\n\n"
                 "\"Everything is fine\" — a headline nobody believed.\n\n"
                 "## More\n\n"
                 "\"Enough.\"\n\n"
                 "- a list item, not a credit\n");
    expect_counts(a, 3, 0);
    expect_said(a, 0, "Lee", "said");
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 1)));
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 2)));
    article_free(a);
}
END_TEST

START_TEST(short_quotes_of_the_speaker) {
    /* Two or three quoted words with no verb of speech are the subject's only when the
     * subject is the speaker of the moment. */
    article *a = parse_ok("\"We will win,\" Ann Lee said. She also offered a \"big tent\" "
                          "to everyone.\n\n"
                          "Later Lee proposed \"open borders\" in a speech.\n\n"
                          "Jo Kim spoke next. The \"reform\" passed anyway.\n");
    expect_counts(a, 4, 0);
    expect_said(a, 1, "She", "offered");
    expect_said(a, 2, "Lee", "proposed");
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 3)));
    article_free(a);
    a = parse_ok("Jo Kim spoke on Monday. Ann Lee offered a \"big tent\" party.\n");
    expect_counts(a, 1, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    article_free(a);
    /* The subject of the clause the quotation is in. */
    said("Ann Lee pushed for a halt to the plan, while Jo Kim, the former governor, proposed "
         "we \"wake up and smell the coffee\" before the vote.\n",
         "wake up and smell the coffee", "Jo Kim", "proposed");
    /* What the subject called someone after "as", but not after a clause's "as". */
    said("Jo Kim spoke first. Ann Lee pictured her rival as a \"menace\" on Monday.\n",
         "menace", "Ann Lee", "pictured");
    said("Ann Lee, Jo Kim's fired campaign manager, ripped the director for acting as \"the "
         "judge and the jury.\"\n",
         "the judge and the jury.", "Ann Lee", "ripped");
    said("Jo Kim spoke first. Ann Lee won the vote, as the \"reform\" wing wanted.\n", "reform",
         NULL, NULL);
}
END_TEST

START_TEST(after_a_leading_phrase) {
    /* A quotation after only a leading phrase opens its sentence for inheriting. */
    article *a = parse_ok("\"We were not happy at first,\" said Jo Kim, head of policy. Now, "
                          "\"there is a sizable constituency for it in business.\"\n\n"
                          "\"It was close,\" she said. But \"the result stands and we will "
                          "move on.\"\n\n"
                          "The council met on Monday.\n\n"
                          "The plan failed. Now, \"a new approach is needed for this city.\"\n");
    expect_counts(a, 5, 0);
    expect_inherited(a, 1, "Jo Kim");
    expect_inherited(a, 3, "she");
    /* Not with no speaker in reach. */
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 4)));
    article_free(a);
    /* A leading phrase closed by a colon; not a sentence with a verb. */
    a = parse_ok("\"We made a mistake,\" he told the network in October. Then, later that "
                 "month on the radio: \"I never said we made a mistake.\" The claim was "
                 "simple: \"Nobody made a mistake.\"\n");
    expect_counts(a, 3, 0);
    expect_inherited(a, 1, "he");
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 2)));
    article_free(a);
}
END_TEST

START_TEST(after_reported_speech) {
    /* A quotation that opens a sentence after reported speech goes on with its speaker, in
     * its paragraph or opening the next one when that has no quotation. */
    const char *md = "Lee argued that the plan had failed. \"We have to start again.\"\n\n"
                     "Park said in an email that the rules were broken.\n\n"
                     "\"In light of this breach, we need new ones.\"\n\n"
                     "\"We won,\" said Jo Kim, who said she was tired. \"It was a long night.\"\n";
    article *a = parse_ok(md);
    expect_counts(a, 4, 0);
    expect_inherited(a, 0, "Lee");
    expect_inherited(a, 1, "Park");
    expect_said(a, 2, "Jo Kim", "said");
    expect_inherited(a, 3, "Jo Kim"); /* not "who": that sentence is the quotation's */
    article_free(a);
    /* Not after a sentence with no verb of speech. */
    a = parse_ok("The plan had failed. \"We have to start again.\"\n");
    expect_counts(a, 1, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    article_free(a);
    /* A paragraph with no quotation whose last sentence has a subject naming someone: the
     * next paragraph's opening quotation is theirs; not past another paragraph, nor after
     * a subject that names nobody. */
    a = parse_ok("Ann Lee is upbeat about the race.\n\n\"We can win this in November.\"\n\n"
                 "The vote is on Tuesday.\n\n\"Nobody knows what happens next.\"\n\n"
                 "Jo Kim spoke first.\n\nThe hall was full.\n\n\"It was a long night.\"\n");
    expect_counts(a, 3, 0);
    expect_inherited(a, 0, "Ann Lee");
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 1)));
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 2)));
    article_free(a);
}
END_TEST

START_TEST(verbs_and_subjects) {
    /* A sentence opened by its verb, capitalised. */
    said("Said Jo Kim, who grew up there, \"We were all so proud of him.\"\n",
         "We were all so proud of him.", "Jo Kim", "Said");
    /* Documents indicate. */
    said("The cable indicated that eight guards were needed for \"travel to and from the "
         "site.\"\n",
         "travel to and from the site.", "The cable", "indicated");
    /* Complaints allege. */
    said("The complaint alleged that the firm \"failed to protect the data\" of its clients.\n",
         "failed to protect the data", "The complaint", "alleged");
    /* Lyrics are sung. */
    said("As the Lees sang back in the 1980s, \"They'll turn us all into beggars.\"\n",
         "They'll turn us all into beggars.", "the Lees", "sang");
    /* A determiner standing for its noun is a subject; a preposition's object is a noun. */
    said("Another tweeted, \"The rules apply to everyone but her.\"\n",
         "The rules apply to everyone but her.", "Another", "tweeted");
    said("\"We need new ones,\" Ann Lee, secretary of state for the region, said.\n",
         "We need new ones,", "Ann Lee, secretary of state for the region", "said");
    /* A verb that names when it comes elsewhere quotes right after the quotation. */
    said("\"With every vote, we grow stronger,\" read the email.\n",
         "With every vote, we grow stronger,", "the email", "read");
    /* A name and its verb, not a participle leading the sentence. */
    said("Husted continued by saying, \"We will appeal this decision.\"\n",
         "We will appeal this decision.", "Husted", "saying");
    said("Continuing to explain his view, Ann Lee said the plan was \"rotten to the core.\"\n",
         "rotten to the core.", "Ann Lee", "said");
    /* Contractions, participles and bare determiners name nobody. */
    const char *none[] = {
        "That's the \"best deal we can get\" for now.\n",
        "Asked about it, \"We have no comment at this time,\" was all we got.\n",
        "The \"peace through strength\" slogan is old.\n",
        "Setting aside politics, states have \"immediate concerns about it\" now.\n",
        "Just as \"too big to fail\" banks grew, the rules changed.\n",
        "The \"protector role of the state,\" concluded this year.\n",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        article *a = parse_ok(none[i]);
        expect_counts(a, 1, 0);
        ck_assert_msg(!article_quote_speaker(quote_at(a, 0)), "%s", none[i]);
        article_free(a);
    }
    /* A title nobody said is read through as words of the sentence. */
    article *a = parse_ok("Ann Lee, the author of \"Going Viral,\" said the days of \"one "
                          "shared story\" are gone.\n");
    expect_counts(a, 2, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    expect_said(a, 1, "Ann Lee, the author of \"Going Viral,\"", "said");
    article_free(a);
    /* And after a quotation, up to its verb. */
    a = parse_ok("\"We have had better years,\" Jo Kim, wearing \"Lee 2024\" pins, said "
                 "calmly.\n");
    expect_counts(a, 2, 0);
    expect_said(a, 0, "Jo Kim, wearing \"Lee 2024\" pins", "said");
    article_free(a);
}
END_TEST

START_TEST(outer_speakers_and_labels) {
    /* Speech reported inside reported speech is the outer speaker's. */
    said("Ann Lee said she thinks the rivals \"are going to be dragged down.\"\n",
         "are going to be dragged down.", "Ann Lee", "said");
    said("Jo Kim said that he believes \"there may be some generals who agree.\"\n",
         "there may be some generals who agree.", "Jo Kim", "said");
    /* The verb of speech before `…, noting` names its speaker. */
    article *a = parse_ok("The \"excesses\" are sickening, Lee said Tuesday in Paris, noting "
                          "the nominee \"makes you want to retch.\"\n");
    expect_counts(a, 2, 0);
    expect_said(a, 1, "Lee", "said");
    article_free(a);
    /* Verbs that quote only next to the quotation, and "shot back". */
    said("During the debate, Ann Lee cracked, \"I like to get things done.\"\n",
         "I like to get things done.", "Ann Lee", "cracked");
    said("Jo Kim shot back, \"I am tired of this nonsense.\"\n", "I am tired of this nonsense.",
         "Jo Kim", "shot back");
    said("Kim hit back, saying at an event that Lee was \"not qualified\" to serve.\n",
         "not qualified", "Kim", "saying");
    said("When Lee spoke, Jo Kim fired back forcefully: \"If they sue us, they will lose.\"\n",
         "If they sue us, they will lose.", "Jo Kim", "fired back");
    /* A paragraph ending with a colon after a subject, its verb of speech and more. */
    said("He told his audience, to loud applause:\n\n\"I can say it with confidence.\"\n",
         "I can say it with confidence.", "He", "told");
    /* A dash ends the words back from a verb. */
    said("Closing the primaries with a speech -- complete with teleprompter -- Lee told "
         "supporters that \"we close one chapter tonight.\"\n",
         "we close one chapter tonight.", "Lee", "told");
    said("As the Post's Ann Lee wrote, \"the parliament passed a resolution.\"\n",
         "the parliament passed a resolution.", "the Post's Ann Lee", "wrote");
    /* "From X:" names where the words come from. */
    said("From the report: \"In general, larger samples did better.\"\n",
         "In general, larger samples did better.", "the report", "From");
    /* A digest's heading in capitals, a dash and the names credited. */
    said("POLLS NOT WRONG, JUST EARLY - Ann Lee and Jo Kim: \"The polls closed too soon.\"\n",
         "The polls closed too soon.", "Ann Lee and Jo Kim", ":");
    /* A name in reported speech is said; a name after "referred to" too; not elsewhere. */
    said("Lee has said that the deal could lead to another \"Holocaust.\"\n", "Holocaust.",
         "Lee", "said");
    said("Kim said he planned to fight \"Black Lives Matter\" violence.\n",
         "Black Lives Matter", "Kim", "said");
    article *m = parse_ok("\"He is a hater,\" Lee said, adding that he believed the judge "
                          "was \"Mexican.\"\n");
    expect_counts(m, 2, 0);
    expect_said(m, 1, "Lee", "said");
    article_free(m);
    /* After a verb of speech and a possessive, "it", or "that" six words on. */
    said("Lee took the stage with a shot at Kim, saying his use of the term \"Oceania\" was "
         "wrong.\n",
         "Oceania", "Lee", "saying");
    said("The network said it was canceling the low-rated \"Rush Hour.\"\n", "Rush Hour.",
         "The network", "said");
    said("Ann Lee wrote in her 1990 memoir that she had starred in \"Morning Glory.\"\n",
         "Morning Glory.", "Ann Lee", "wrote");
    /* A title in reported speech joined to the sentence of the quotation before. */
    article *d = parse_ok("Lee hit out at the witness, calling her \"a horrible witness,\" and "
                          "then tweeted that she was \"Disgraceful!\"\n");
    expect_counts(d, 2, 0);
    expect_said(d, 1, "Lee", "calling");
    article_free(d);
    said("In the debate, candidates referred to \"ISIS\" 44 times.\n", "ISIS", "candidates",
         "referred");
    said("Ms. Kim called Mrs. Ann Lee an \"Aunt Tom.\"\n", "Aunt Tom.", "Ms. Kim", "called");
    /* A title listed with the quotation before it shares its speaker. */
    article *t = parse_ok("Jo Kim calls a screaming Lee a \"fascist\" and a \"Stalinist.\"\n");
    expect_counts(t, 2, 0);
    expect_said(t, 1, "Jo Kim", "calls");
    article_free(t);
    /* An adverb before the subject; "with" and a noun phrase before a participle. */
    said("Even a top strategist said Lee will have to choose, saying, \"At some point she "
         "has to come out.\"\n",
         "At some point she has to come out.", "a top strategist", "said");
    said("Lee attacked Kim, with the campaign of the senator from Ohio saying he was \"not a "
         "real conservative.\"\n",
         "not a real conservative.", "the campaign of the senator from Ohio", "saying");
    /* A relative clause with no commas before the verb: the phrase before "who". */
    said("An aide who asked not to be named said the plan was \"dead on arrival.\"\n",
         "dead on arrival.", "An aide", "said");
    /* An appositive with an abbreviation in it. */
    said("Jo Kim, a veteran D.C. lobbyist, says the goal is \"to win the state.\"\n",
         "to win the state.", "Jo Kim, a veteran D.C. lobbyist", "says");
    /* "but said", "and said": the subject of the clause before. */
    said("A spokesman for the firm declined to comment but said in a statement that \"the firm "
         "did nothing wrong.\"\n",
         "the firm did nothing wrong.", "A spokesman", "said");
    said("Lee thought for a moment and said that in this climate, \"it is an advantage.\"\n",
         "it is an advantage.", "Lee", "said");
    /* "according to X," after a leading phrase. */
    said("Over the long term, according to the budget office, the deficit \"is mainly due to "
         "age.\"\n",
         "is mainly due to age.", "the budget office", "according to");
    /* A passive verb of speech leaves the quotation to a verb before it; "a rare note" is
     * a noun, not a verb of speech before "…, saying". */
    said("They note that under the rules, even articles can be deemed \"top secret\" now.\n",
         "top secret", "They", "note");
    said("Although he thanked them, he sounded a rare note of modesty, saying, \"I am not sure "
         "I deserve it.\"\n",
         "I am not sure I deserve it.", "he", "saying");
    /* A hyphenated age opens a name, not a leading phrase; "as he puts it". */
    said("76-year-old Jo Kim, a founder, endorsed Lee, saying he \"has shown his deep "
         "commitment.\"\n",
         "has shown his deep commitment.", "76-year-old Jo Kim", "saying");
    said("That is because, as he puts it, \"the best thing we have going\" is low rates.\n",
         "the best thing we have going", "he", "puts it");
    /* "as" before an article is a preposition; a pronoun after "when" is no reported
     * speech of a noun before it. */
    said("Lee made an appeal with jobs that serve as a ladder to the middle class, noting "
         "that she is \"the only one who will pledge it.\"\n",
         "the only one who will pledge it.", "Lee", "noting");
    said("Lee tweaked his campaign promise Saturday when he named his running mate, calling "
         "Kim \"my partner in this campaign.\"\n",
         "my partner in this campaign.", "he", "calling");
    /* A title after a participle of a verb of speech, or in a clause after "that,". */
    said("At the event, when protesters interrupted her, shouting \"Bernie, Bernie\" at "
         "her, the room fell silent.\n",
         "Bernie, Bernie", "protesters", "shouting");
    said("In a release, Kim boasted that, thanks to his \"Kim Method,\" the firm won.\n",
         "Kim Method,", "Kim", "boasted");
    /* A quotation closed by its comma before a participle of a verb of speech is in the
     * speech it reports. */
    article *v = parse_ok("Lee delivered a defense of \"city values,\" saying the city was the "
                          "\"heart of America.\"\n");
    expect_counts(v, 2, 0);
    expect_said(v, 0, "Lee", "saying");
    article_free(v);
    /* A participle after its verb's object is the sentence subject's. */
    said("Lee responded to Kim's question on Facebook writing, \"Yes, I will.\"\n",
         "Yes, I will.", "Lee", "writing");
    /* "X said, adding": the verb before the participle names the speaker. */
    said("When prayers were over, Nefzi said, adding, \"He was not very religious.\"\n",
         "He was not very religious.", "Nefzi", "said");
    /* A participle of a verb of speech leads a longer phrase. */
    said("Asked if he was in the running for a bigger job, Lee thought for a moment and said "
         "that in this climate, \"it is an advantage.\"\n",
         "it is an advantage.", "Lee", "said");
    /* A dateline is not the subject. */
    said("DALLAS, Dec. 8 (UPI) \xE2\x80\x94 In response, Lee's chief aide rallied supporters, "
         "saying: \"We have to be ready.\"\n",
         "We have to be ready.", "Lee's chief aide", "saying");
    /* A place's appositive after a clause's conjunction. */
    said("Lee says he is tough after a woman in Salem, Oregon, told him she worries he is "
         "\"too weak\" to win.\n",
         "too weak", "a woman in Salem, Oregon", "told");
    /* Words of time between the subject and its verb. */
    said("Sen. Ann Lee (D-Calif.) last week said Kim was not the source of any \"secret "
         "emails.\"\n",
         "secret emails.", "Sen. Ann Lee (D-Calif.)", "said");
    /* A subordinator opening the sentence is not part of the subject. */
    said("While those surveyed said Lee has the \"best experience,\" Kim leads.\n",
         "best experience,", "those surveyed", "said");
    said("He implied the judge was biased and \"hostile\" to him.\n", "hostile", "He",
         "implied");
    a = parse_ok("Lee watched \"Meet the Press\" that day.\n");
    expect_counts(a, 1, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    article_free(a);
}
END_TEST

START_TEST(phrasal_passive_and_outer) {
    /* A lower-case group noun after its adjective; a one-word name that is also a
     * preposition; a verb of speech that is an adjective here. */
    said("\"The harm is incalculable,\" federal prosecutors wrote in a filing.\n",
         "The harm is incalculable,", "federal prosecutors", "wrote");
    said("\"Our challenge was clear,\" From said.\n", "Our challenge was clear,", "From", "said");
    said("\"We can only wonder,\" state Sen. Ann Lee said in a statement.\n",
         "We can only wonder,", "state Sen. Ann Lee", "said");
    said("\"The market has not failed them,\" he mocks.\n", "The market has not failed them,",
         "he", "mocks");
    said("\"This is fantastic!\" beamed Don Hart of Madison.\n", "This is fantastic!",
         "Don Hart of Madison", "beamed");
    said("Mrs. Lee drew cheers as she thanked the state and then boomed, \"You proved it "
         "again.\"\n",
         "You proved it again.", "she", "boomed");
    /* "remarks" after an adjective is a noun: its sentence names the speaker. */
    article *c = parse_ok("Howard continued his scathing remarks.\n\n\"Eight years ago she was "
                          "the nominee.\"\n");
    expect_inherited(c, 0, "Howard");
    article_free(c);
    said("\"The stock has not done well,\" Mr. Rubel pointed out.\n",
         "The stock has not done well,", "Mr. Rubel", "pointed out");
    said("\"They want free stuff,\" Jo Kim shot back with a laugh.\n", "They want free stuff,",
         "Jo Kim", "shot back");
    /* A colon after a subject, its appositive and a verb with "to" after it. */
    said("Sen. Ann Lee, R-Ky., delivered a message to the nominee: \"It is time to stop.\"\n",
         "It is time to stop.", "Sen. Ann Lee", "delivered");
    /* A passive verb of speech: its subject asked nothing. */
    article *a = parse_ok("In an interview, Lee was asked, \"Where have you been all this "
                          "time?\"\n");
    expect_counts(a, 1, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    article_free(a);
    /* Speech reported after "that" is the outer speaker's; a participle's subject. */
    said("Obama said he expected that voters will say \"no\" to the plan.\n", "no", "Obama",
         "said");
    said("Rivals were quick to react, with Ann Lee tweeting that it was \"a disaster for "
         "them.\"\n",
         "a disaster for them.", "Ann Lee", "tweeting");
    said("Speaking at a rally in Salem, New Hampshire, Lee attacked Kim, calling him \"a "
         "total stiff.\"\n",
         "a total stiff.", "Lee", "calling");
    /* "after" there is a preposition, not the start of a clause with its own subject. */
    said("Jo Kim went after Ann Lee on Monday over the tax returns, calling it \"a real "
         "scandal.\"\n",
         "a real scandal.", "Jo Kim", "calling");
    /* A subject ends at its verb, irregular ones too, and a clause at its conjunction. */
    said("Jo Kim went after Lee on Sunday after the front-runner had said he was \"a "
         "recruiter for them.\"\n",
         "a recruiter for them.", "the front-runner", "said");
    said("Ann Lee interrupted me in mid-sentence to announce, \"We are done here.\"\n",
         "We are done here.", "Ann Lee", "announce");
    said("After the debate, Jo Kim told reporters she thought Lee had \"made up the story.\"\n",
         "made up the story.", "Jo Kim", "told");
    /* Parenthetical credits, before or after the quotation. */
    said("He owed it to, as an American diplomat put it, an \"extreme makeover\" last year.\n",
         "extreme makeover", "an American diplomat", "put it");
    article *b = parse_ok("Of course, as Jo Kim of the Ledger observed, the winner was not on "
                          "the stage:\n\n\"The clear winner was the network.\"\n");
    expect_counts(b, 1, 0);
    expect_said(b, 0, "Jo Kim of the Ledger", "observed");
    article_free(b);
    said("The plan was \"a real disaster,\" as Ann Lee put it on Monday.\n",
         "a real disaster,", "Ann Lee", "put it");
    said("The fact that the race \"is a dead heat right now,\" as Jo Kim said on a radio show "
         "on Monday, only raises the stakes.\n",
         "is a dead heat right now,", "Jo Kim", "said");
    said("It was \"extreme carelessness\" – as described by Director Jo Kim – in the end.\n",
         "extreme carelessness", "Director Jo Kim", "described by");
}
END_TEST

START_TEST(introductions) {
    /* An inverted verb before the speaker, before the quotation. */
    said("But, said Ann Lee, \"we are not done yet.\"\n", "we are not done yet.", "Ann Lee",
         "said");
    said("In other words, explained the moderator Jo Kim: \"What does that have to do with "
         "it?\"\n",
         "What does that have to do with it?", "the moderator Jo Kim", "explained");
    /* A colon after a sentence with no verb of speech: its subject, when a person. */
    said("Gov. Ann Lee issued the following statement: \"Our prayers are with the families.\"\n",
         "Our prayers are with the families.", "Gov. Ann Lee", "issued");
    said("One early backer, Sen. Ann Lee, Democrat of Ohio, gave the idea a try in an "
         "interview: \"You can argue the plan is a tax.\"\n",
         "You can argue the plan is a tax.", "One early backer, Sen. Ann Lee, Democrat of Ohio",
         "gave");
    said("The email went on to say, \"Today we have a community beyond our events.\"\n",
         "Today we have a community beyond our events.", "The email", "say");
    article *a = parse_ok("The plan was simple: \"Win the state and move on.\"\n");
    expect_counts(a, 1, 0);
    ck_assert_ptr_null(article_quote_speaker(quote_at(a, 0)));
    article_free(a);
}
END_TEST

/* ---- the sample article ----------------------------------------------------------------- */

static void expect_ends(const article *a, size_t i, const char *first, const char *last) {
    size_t len;
    const char *t = article_quote_text(quote_at(a, i), &len);
    ck_assert_msg(len >= strlen(first) && memcmp(t, first, strlen(first)) == 0,
                  "quote %zu starts \"%.*s\"", i, (int)len, t);
    ck_assert_msg(len >= strlen(last) && memcmp(t + len - strlen(last), last, strlen(last)) == 0,
                  "quote %zu ends \"%.*s\"", i, (int)len, t);
    const article_quote *q = quote_at(a, i);
    ck_assert_uint_eq(article_quote_span_count(q), 1);
    const char *s = slice(a, article_quote_start(q), article_quote_end(q));
    ck_assert_msg(strlen(s) == len && memcmp(s, t, len) == 0, "quote %zu span", i);
}

START_TEST(fentanyl_sample) {
    size_t len;
    char *md = sample_article(&len);
    article *a = parse_ok_opts(md, len, NULL);
    free(md);
    expect_counts(a, 10, 0);
    static const struct {
        size_t block;
        const char *first, *last, *speaker, *cue;
    } want[] = {
        {1, "The [Chinese Communist Party] is using", "for its human rights abuses,",
         "Rep. Young Kim (R-CA), House Foreign Affairs Committee Chair Michael McCaul (R-TX), "
         "and China select committee Chair Mike Gallagher (R-WI)",
         "stated"},
        {3, "Given how many", "accountable to these obligations,", "the letter", "said"},
        {3, "We do not support", "cannot circumvent Congress.", "the letter", NULL},
        {4, "China’s Ministry", "Autonomous Region (XUAR),", "the letter", "added"},
        {4, "This demonstrates", "CCP-perceived ‘good behavior.", "the letter", NULL},
        {5, "China's campaign of repression", "Muslim minority groups.", NULL, NULL},
        {7, "According to the Center", "into the United States,", "the letter", "states"},
        {7, "the importance of engagement", "as success itself.", "They", "accused"},
        {8, "As we expected", "worsened under this Administration,", "they", "wrote"},
        {9, "We are therefore", "producing any results.", "They", "added"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        expect_ends(a, i, want[i].first, want[i].last);
        ck_assert_uint_eq(article_quote_block(quote_at(a, i)), want[i].block);
        ck_assert_int_eq(article_block_get_type(article_block_at(a, want[i].block)),
                         ARTICLE_BLOCK_PARAGRAPH);
        if (want[i].speaker && !want[i].cue)
            expect_inherited(a, i, want[i].speaker);
        else
            expect_said(a, i, want[i].speaker, want[i].cue);
    }
    article_free(a);
}
END_TEST

/* An article with front matter (spans count from the start of the file) and most of the
 * above together. */
START_TEST(fixture_article) {
    size_t len;
    char *md = fixture("quotes-council.md", &len);
    article *a = parse_ok_opts(md, len, NULL);
    expect_counts(a, 8, 2);
    expect_quote(a, 0, "green corridor,");
    expect_said(a, 0, NULL, NULL);
    expect_quote(a, 1, "This is the biggest change to the east side in a generation,");
    expect_said(a, 1, "Mayor Lena Ortiz", "said");
    expect_quote(a, 2, "We listened, and we changed it.");
    expect_inherited(a, 2, "Mayor Lena Ortiz");
    const article_quote *q = quote_at(a, 3);
    expect_text(a, 3, "The cost estimates are guesswork. Nobody on this council can tell you what "
                      "the land will cost in five years,");
    ck_assert_uint_eq(article_quote_block(q), 2);
    ck_assert_uint_eq(article_quote_span_count(q), 2);
    ck_assert_str_eq(slice(a, article_quote_span_start(q, 0), article_quote_span_end(q, 0)),
                     "The cost estimates are\nguesswork.");
    expect_said(a, 3, "he", "added");
    expect_quote(a, 4, "the corridor");
    const article_block *b = article_block_at(a, article_quote_block(quote_at(a, 4)));
    ck_assert_int_eq(article_block_get_type(b), ARTICLE_BLOCK_HEADING);
    /* A soft break is a space in the text and a newline in the span. */
    expect_text(a, 5, "the corridor runs 4.2 miles from Mill Street to the river.");
    q = quote_at(a, 5);
    ck_assert_str_eq(slice(a, article_quote_start(q), article_quote_end(q)),
                     "the corridor runs 4.2 miles from Mill Street to the\nriver.");
    expect_said(a, 5, "the city’s planning office", "According to");
    expect_quote(a, 6, "We’ve waited for this since the ’90s,");
    expect_said(a, 6, "resident Ana Cole", "told");
    expect_quote(a, 7, "Phase one");
    expect_unbalanced(a, 0, offset_of(md, "\"rushed", 0));
    expect_unbalanced(a, 1, offset_of(md, "«the", 0));
    article_free(a);
    free(md);
}
END_TEST

/* ---- scale, options, memory ----------------------------------------------------------------- */

START_TEST(many_marks) {
    /* 100,000 marks in one paragraph each way: all pairs, all open, all single. */
    char *md = repeat("", "\"a\" ", 50000, "\n");
    article *a = parse_ok(md);
    expect_counts(a, 50000, 0);
    expect_quote(a, 49999, "a");
    article_free(a);
    free(md);

    /* 100,000 unbalanced marks are as many warnings: past the default limit. */
    md = repeat("", "“a ", 100000, "\n");
    article_error e = parse_err(md, strlen(md), ARTICLE_ERR_LIMIT_WARNINGS);
    ck_assert_uint_eq(e.offset, ARTICLE_DEFAULT_MAX_WARNINGS * 5);
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    o.max_warnings = 100000;
    a = parse_ok_opts(md, strlen(md), &o);
    expect_counts(a, 0, 100000);
    expect_unbalanced(a, 0, 0);
    expect_unbalanced(a, 99999, 99999 * 5);
    article_free(a);
    free(md);

    md = repeat("", "‘a ", 100000, "b’\n");
    a = parse_ok_opts(md, strlen(md), &o);
    expect_counts(a, 1, 99999); /* the last one closes */
    expect_quote(a, 0, "a b");
    expect_unbalanced(a, 0, 0);
    expect_unbalanced(a, 99998, 99998 * 5);
    article_free(a);
    free(md);

    md = repeat("", "“a” said ", 50000, "\n");
    a = parse_ok(md);
    expect_counts(a, 50000, 0);
    article_free(a);
    free(md);
}
END_TEST

START_TEST(no_quotes_option) {
    article_options o = ARTICLE_OPTIONS_INIT;
    o.flags = ARTICLE_OPT_NO_QUOTES;
    const char *md = "\"Fine,\" she said. \"Never closed.\n";
    article *a = parse_ok_opts(md, strlen(md), &o);
    expect_counts(a, 0, 0);
    article_free(a);
}
END_TEST

typedef struct budget {
    long left;
    long failures;
} budget;

static void *fail_malloc(size_t n, void *ctx) {
    budget *b = ctx;
    if (b->left-- <= 0) {
        b->failures++;
        return NULL;
    }
    return malloc(n);
}

static void *fail_realloc(void *p, size_t n, void *ctx) {
    budget *b = ctx;
    if (b->left-- <= 0) {
        b->failures++;
        return NULL;
    }
    return realloc(p, n);
}

static void fail_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

START_TEST(out_of_memory) {
    /* Every allocation failing in turn gives ARTICLE_ERR_NOMEM (leaks show under ASan
     * and valgrind), until there are enough for the parse to succeed. */
    const char *md = "“One «two» three,” Sen. Ann Lee said. “Open ‘in’ one.\n\n"
                     "“And closed,” she said. \"Left «open ‘a and ‘b’\n\n"
                     "# T ‘u ‘v’\n\n\"x\" \"y\" \"z\" said Bo.\n";
    budget b = {0, 0};
    article_allocator al = {fail_malloc, fail_realloc, fail_free, &b};
    article_options o = ARTICLE_OPTIONS_INIT;
    o.allocator = &al;
    for (long n = 0;; n++) {
        b.left = n;
        b.failures = 0;
        article *a = NULL;
        article_status st = article_parse(md, strlen(md), &o, &a, NULL);
        if (st == ARTICLE_OK) {
            ck_assert_uint_eq(b.failures, 0);
            ck_assert_uint_eq(article_quote_count(a), 7);
            ck_assert_uint_eq(article_warning_count(a), 4);
            article_free(a);
            break;
        }
        ck_assert_int_eq(st, ARTICLE_ERR_NOMEM);
        ck_assert_ptr_null(a);
        ck_assert_msg(n < 100000, "no success after %ld allocations", n);
    }
}
END_TEST

/* ---- lexicon -------------------------------------------------------------------------- */

START_TEST(lexicon) {
    if (!art_lex_check()) {
        fputs("lexicon.c: the word list is not sorted, or lex_slots needs to be:\n", stderr);
        art_lex_print_slots(stderr);
    }
    ck_assert(art_lex_check());
    ck_assert(art_lex_lookup("said", 4) & ART_LEX_CUE);
    ck_assert(art_lex_lookup("Says", 4) & ART_LEX_CUE);
    ck_assert(art_lex_lookup("acknowledged", 12) & ART_LEX_CUE);
    ck_assert(art_lex_lookup("tweeted", 7) & ART_LEX_CUE);
    ck_assert(!(art_lex_lookup("called", 6) & ART_LEX_CUE));
    ck_assert(art_lex_lookup("Sen", 3) & ART_LEX_ABBREV);
    ck_assert(art_lex_lookup("JR", 2) & ART_LEX_ABBREV);
    ck_assert(art_lex_lookup("she", 3) & ART_LEX_PRONOUN);
    ck_assert(art_lex_lookup("spokeswoman", 11) & ART_LEX_TITLE);
    ck_assert(art_lex_lookup("em", 2) & ART_LEX_ELISION);
    ck_assert_uint_eq(art_lex_lookup("sai", 3), 0);
    ck_assert_uint_eq(art_lex_lookup("said!", 5), 0);
    ck_assert_uint_eq(art_lex_lookup("", 0), 0);
    ck_assert_uint_eq(art_lex_lookup("acknowledgementsandmore", 23), 0);
}
END_TEST

/* The finder driven directly, as body.c drives it: one block of plain text whose segments
 * say where each part sits in the input. */
START_TEST(direct_segments) {
    const char *src = "x \\\"Hi *there*,\\\" said Al.";
    article *a = parse_ok(src);
    a->quote_count = 0;
    article_error err;
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    art_ctx c = {a, &o, &err, ARTICLE_OK};
    /* Plain text `x "Hi there," said Al.`: the escapes and emphasis are not exact. */
    const char *text = "x \"Hi there,\" said Al.";
    art_seg segs[] = {
        {0, 0, 2, true, false},   /* "x " */
        {2, 2, 4, false, false},  /* \" */
        {3, 4, 7, true, false},   /* "Hi " */
        {6, 8, 13, true, false},  /* "there" inside *...* */
        {11, 14, 15, true, false}, /* "," */
        {12, 15, 17, false, false}, /* \" */
        {13, 17, 26, true, false}, /* " said Al." */
    };
    art_quotes *q = art_quotes_new(&c);
    ck_assert_ptr_nonnull(q);
    ck_assert_int_eq(art_quotes_block(q, 0, text, strlen(text), segs, 7), ARTICLE_OK);
    ck_assert_int_eq(art_quotes_finish(q), ARTICLE_OK);
    expect_counts(a, 1, 0);
    expect_text(a, 0, "Hi there,");
    const article_quote *r = quote_at(a, 0);
    ck_assert_str_eq(slice(a, article_quote_start(r), article_quote_end(r)), "Hi *there*,");
    expect_said(a, 0, "Al", "said");
    article_free(a);
}
END_TEST

int main(void) {
    Suite *s = suite_create("quotes");
    TCase *tc = tcase_create("marks");
    tcase_add_test(tc, straight_double);
    tcase_add_test(tc, curly_double);
    tcase_add_test(tc, guillemets);
    tcase_add_test(tc, curly_single);
    tcase_add_test(tc, straight_inside_curly);
    tcase_add_test(tc, single_inside_double);
    tcase_add_test(tc, straight_inside_straight);
    tcase_add_test(tc, apostrophes_are_not_marks);
    tcase_add_test(tc, lone_marks_are_ignored);
    tcase_add_test(tc, empty_quotes_are_not_quotes);
    tcase_add_test(tc, dash_before_marks);
    suite_add_tcase(s, tc);

    tc = tcase_create("paragraphs");
    tcase_add_test(tc, two_paragraphs);
    tcase_add_test(tc, continued_into_inexact_text);
    tcase_add_test(tc, follow_on_after_an_open_mark);
    tcase_add_test(tc, three_paragraphs);
    tcase_add_test(tc, heading_interrupts);
    tcase_add_test(tc, code_block_interrupts);
    tcase_add_test(tc, not_continued);
    tcase_add_test(tc, unbalanced_keeps_nested_and_later);
    tcase_add_test(tc, unbalanced_over_paragraphs);
    tcase_add_test(tc, unclosed_inside_closed);
    tcase_add_test(tc, warnings_in_document_order);
    tcase_add_test(tc, unclosed_single);
    tcase_add_test(tc, unclosed_single_in_order_with_others);
    tcase_add_test(tc, apostrophes_give_no_warning);
    tcase_add_test(tc, unclosed_single_inside_closed);
    suite_add_tcase(s, tc);

    tc = tcase_create("blocks");
    tcase_add_test(tc, code_is_ignored);
    tcase_add_test(tc, heading_list_blockquote_table);
    tcase_add_test(tc, blockquote_paragraphs_continue);
    tcase_add_test(tc, markup_inside_quotes);
    tcase_add_test(tc, direct_segments);
    suite_add_tcase(s, tc);

    tc = tcase_create("attribution");
    tcase_add_test(tc, double_apostrophes);
    tcase_add_test(tc, mixed_families);
    tcase_add_test(tc, partial_quotes);
    tcase_add_test(tc, statement_and_listener);
    tcase_add_test(tc, follow_on_quotes);
    tcase_add_test(tc, speaker_names);
    tcase_add_test(tc, relative_pronoun_speakers);
    tcase_add_test(tc, colon_labels_and_idioms);
    tcase_add_test(tc, clauses_and_appositives);
    tcase_add_test(tc, credit_lines);
    tcase_add_test(tc, introductions);
    tcase_add_test(tc, verbs_and_subjects);
    tcase_add_test(tc, outer_speakers_and_labels);
    tcase_add_test(tc, phrasal_passive_and_outer);
    tcase_add_test(tc, after_reported_speech);
    tcase_add_test(tc, after_a_leading_phrase);
    tcase_add_test(tc, short_quotes_of_the_speaker);
    tcase_add_test(tc, speaker_after);
    tcase_add_test(tc, speaker_before);
    tcase_add_test(tc, titles_and_coordination);
    tcase_add_test(tc, pronouns);
    tcase_add_test(tc, according_to);
    tcase_add_test(tc, abbreviations_do_not_end_sentences);
    tcase_add_test(tc, no_attribution);
    tcase_add_test(tc, what_follows_the_verb);
    tcase_add_test(tc, verb_then_anything);
    tcase_add_test(tc, words_after_a_verb);
    tcase_add_test(tc, leading_phrases);
    tcase_add_test(tc, clauses_and_paragraphs);
    tcase_add_test(tc, appositives_and_descriptions);
    tcase_add_test(tc, two_quotes_one_sentence);
    tcase_add_test(tc, fentanyl_sample);
    tcase_add_test(tc, fixture_article);
    tcase_add_test(tc, lexicon);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, many_marks);
    tcase_add_test(tc, no_quotes_option);
    tcase_add_test(tc, out_of_memory);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
