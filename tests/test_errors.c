/* Every error code has a minimal input that triggers it, with its position. */
#include "testutil.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    article_status code;
    const char *input; /* NULL: built by make_input() */
    size_t line;       /* 0: only checked to be set */
    size_t column;     /* 0: not checked */
    const char *in_message;
    size_t limit; /* nonzero: the limit the code is about, set to this */
} error_case;

static const error_case cases[] = {
    {ARTICLE_ERR_UTF8, "ok \xff", 1, 4, "UTF-8", 0},
    {ARTICLE_ERR_NUL_BYTE, "a\nb\0", 2, 2, "NUL", 0},
    {ARTICLE_ERR_UTF16, "\xff\xfe#\0", 1, 1, "UTF-16", 0},
    {ARTICLE_ERR_FRONT_MATTER_UNTERMINATED, "---\ntitle: x\n\nBody.\n", 1, 1, "---", 0},
    {ARTICLE_ERR_YAML_SYNTAX, "---\ntitle: [a, b\n---\n", 0, 0, "", 0},
    {ARTICLE_ERR_YAML_NOT_MAPPING, "---\n- a\n- b\n---\n", 2, 1, "mapping", 0},
    {ARTICLE_ERR_YAML_DUPLICATE_KEY, "---\ntitle: a\ntitle: b\n---\n", 3, 1, "line 2", 0},
    {ARTICLE_ERR_YAML_MULTIPLE_DOCUMENTS, "---\na: 1\n--- b\n---\n", 3, 1, "", 0},
    {ARTICLE_ERR_YAML_UNDEFINED_ALIAS, "---\na: *x\n---\n", 2, 4, "x", 0},
    {ARTICLE_ERR_YAML_RECURSIVE_ALIAS, "---\na: &x [*x]\n---\n", 2, 0, "x", 0},
    {ARTICLE_ERR_YAML_COMPLEX_KEY, "---\n[a, b]: 1\n---\n", 2, 1, "", 0},
    {ARTICLE_ERR_YAML_BAD_TAG_VALUE, "---\na: !!int abc\n---\n", 2, 0, "abc", 0},
    {ARTICLE_ERR_LIMIT_YAML_DEPTH, NULL, 2, 0, "64", 0},
    {ARTICLE_ERR_LIMIT_YAML_NODES, NULL, 0, 0, "", 0},
    {ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH, NULL, 1, 0, "128", 0},
    {ARTICLE_ERR_LIMIT_YAML_EXPANSION, NULL, 3, 5 + 4 * 670, "67108864", 0},
    {ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE, "---\ntitle: long enough\n---\n", 1, 1, "26", 26},
    {ARTICLE_ERR_LIMIT_BLOCKS, "One.\n\nTwo.\n\n- three\n", 5, 3, "4 blocks", 4},
    {ARTICLE_ERR_LIMIT_QUOTES, "\"A,\" she said. \"B.\"\n\n\"C.\"\n", 3, 2, "2 quot", 2},
    {ARTICLE_ERR_LIMIT_WARNINGS, "---\nimage: {path: a, x: 1, y: 2}\n---\n", 2, 0, "1 warn", 1},
};

/* Set the limit that `code` is about. */
static void set_limit(article_options *o, article_status code, size_t limit) {
    switch (code) {
    case ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE:
        o->max_front_matter_size = limit;
        break;
    case ARTICLE_ERR_LIMIT_BLOCKS:
        o->max_blocks = limit;
        break;
    case ARTICLE_ERR_LIMIT_QUOTES:
        o->max_quotes = limit;
        break;
    case ARTICLE_ERR_LIMIT_WARNINGS:
        o->max_warnings = limit;
        break;
    default:
        ck_abort_msg("no limit for %s", article_status_name(code));
    }
}

/* Codes whose triggers are not a document: the test that covers each. */
static const struct {
    article_status code;
    const char *covered_by;
} elsewhere[] = {
    {ARTICLE_ERR_NOMEM, "test_api: custom_allocator_gets_everything_back"},
    {ARTICLE_ERR_IO, "test_api: parse_file_reads_and_reports_io"},
    {ARTICLE_ERR_INVALID_OPTIONS, "test_api: options_init_and_versions"},
    {ARTICLE_ERR_INVALID_ARGUMENT, "test_api: invalid_arguments"},
    {ARTICLE_ERR_LIMIT_INPUT_SIZE, "test_api: input_size_limit"},
};

static char *make_input(article_status code) {
    switch (code) {
    case ARTICLE_ERR_LIMIT_YAML_DEPTH:
        return repeat("---\na: ", "[", 1000, "\n---\n");
    case ARTICLE_ERR_LIMIT_YAML_NODES:
        /* Each level refers to the previous one ten times: 10^9 nodes once expanded. */
        return strdup("---\n"
                      "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                      "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
                      "---\n");
    case ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH:
        return repeat("", ">", 1000, " deep\n");
    case ARTICLE_ERR_LIMIT_YAML_EXPANSION: {
        /* 100 KB of text and 700 aliases of it: the 671st passes 64 MiB. */
        char *head = repeat("---\na: &a ", "x", 100000, "\nb: [*a");
        char *s = repeat(head, ", *a", 699, "]\n---\n");
        free(head);
        return s;
    }
    default:
        ck_abort_msg("no generated input for %s", article_status_name(code));
        return NULL;
    }
}

START_TEST(each_code_from_a_minimal_input) {
    const error_case *c = &cases[_i];
    char *owned = c->input ? NULL : make_input(c->code);
    const char *input = c->input ? c->input : owned;
    size_t len = strlen(input);
    if (c->code == ARTICLE_ERR_NUL_BYTE || c->code == ARTICLE_ERR_UTF16)
        len += 1 + strlen(input + len + 1); /* these inputs hold a NUL */
    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    if (c->limit) {
        /* The input fits a limit one higher, and fails at this one. */
        set_limit(&o, c->code, c->limit + 1);
        article_free(parse_ok_opts(input, len, &o));
        set_limit(&o, c->code, c->limit);
    }
    article_error e = parse_err_opts(input, len, &o, c->code);
    ck_assert_msg(e.line >= 1 && e.column >= 1, "%s: no position (%zu:%zu)",
                  article_status_name(c->code), e.line, e.column);
    if (c->line)
        ck_assert_msg(e.line == c->line, "%s: line %zu, expected %zu (%s)",
                      article_status_name(c->code), e.line, c->line, e.message);
    if (c->column)
        ck_assert_msg(e.column == c->column, "%s: column %zu, expected %zu (%s)",
                      article_status_name(c->code), e.column, c->column, e.message);
    ck_assert_msg(strstr(e.message, c->in_message) != NULL, "%s: message \"%s\" lacks \"%s\"",
                  article_status_name(c->code), e.message, c->in_message);
    ck_assert_msg(e.offset <= len, "offset %zu past the input", e.offset);
    /* The message is one line without a trailing period. */
    ck_assert_ptr_null(strchr(e.message, '\n'));
    size_t ml = strlen(e.message);
    ck_assert_msg(ml > 0 && e.message[ml - 1] != '.', "message \"%s\"", e.message);
    free(owned);
}
END_TEST

/* A new error code must come with a case here or in another suite. */
START_TEST(every_code_is_covered) {
    for (int code = 1; code < 1000; code++) {
        if (strcmp(article_status_name((article_status)code), "unknown") == 0)
            continue;
        bool found = false;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            found |= cases[i].code == (article_status)code;
        for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++)
            found |= elsewhere[i].code == (article_status)code;
        ck_assert_msg(found, "error code %s has no test", article_status_name(code));
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("errors");
    TCase *tc = tcase_create("codes");
    tcase_add_loop_test(tc, each_code_from_a_minimal_input, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, every_code_is_covered);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
