/* Pathological inputs: patterns known to drive Markdown and YAML parsers into super-linear
 * time or memory, each built at several sizes and parsed (then rendered to JSON and HTML).
 * Every parse must finish under a generous time bound, or be refused with a limit error;
 * a crash, an abort or a hang fails the run (ctest's timeout catches the last).
 *
 * The project's own generators always run. When the recipe file of pathological cases
 * exists (cases.json, a list of recipes: see its README), every case there is built from
 * its recipe at the same sizes too, and its HTML is compared with the case's expected
 * check where the rule is one this program knows (differences are listed, not failed:
 * some of them are the library's own deliberate choices, such as tables read as text).
 *
 * Usage: pathological [CASES_JSON]; ARTICLE_PATHOLOGICAL overrides the path, and
 * ARTICLE_PATHOLOGICAL_BOUND the bound in seconds per parse (default 10). */
#include "json_value.h"
#include "libarticle.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const size_t sizes[] = {16 * 1024, 64 * 1024, 256 * 1024};
#define SIZE_COUNT (sizeof sizes / sizeof sizes[0])

/* ---- a growable string ------------------------------------------------------------------ */

typedef struct str {
    char *p;
    size_t len, cap;
} str;

static void put(str *s, const char *p, size_t n) {
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *np = realloc(s->p, cap);
        if (!np) {
            fprintf(stderr, "pathological: out of memory\n");
            exit(1);
        }
        s->p = np;
        s->cap = cap;
    }
    memcpy(s->p + s->len, p, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static void puts_(str *s, const char *p) {
    put(s, p, strlen(p));
}

static void putn(str *s, const char *unit, size_t times) {
    size_t n = strlen(unit);
    for (size_t i = 0; i < times; i++)
        put(s, unit, n);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void putf(str *s, const char *fmt, ...);
static void putf(str *s, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(s, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* ---- the project's own generators: each makes about `n` bytes ---------------------------- */

typedef void (*gen_fn)(str *s, size_t n);

static void g_nested_lists_blank(str *s, size_t n) {
    size_t k = n / 3;
    putn(s, "- ", k);
    puts_(s, "x");
    putn(s, "\n", k);
}
static void g_nested_lists_quote(str *s, size_t n) {
    size_t k = n / 4;
    puts_(s, "> ");
    putn(s, "- ", k);
    puts_(s, "x\n");
    putn(s, ">\n", k);
}
static void g_indented_lists(str *s, size_t n) {
    for (size_t i = 0; s->len < n; i++) {
        putn(s, "  ", i % 200);
        puts_(s, "* item\n");
    }
}
static void g_table_autocomplete(str *s, size_t n) {
    size_t k = n / 8;
    puts_(s, "|");
    putn(s, "a|", k);
    puts_(s, "\n|");
    putn(s, "-|", k);
    puts_(s, "\n");
    putn(s, "x\n", k);
}
static void g_table_many_rows(str *s, size_t n) {
    puts_(s, "| a | b | c |\n|---|:-:|--:|\n");
    while (s->len < n)
        puts_(s, "| \"q,\" she said | `c` | **b** |\n");
}
static void g_deep_brackets(str *s, size_t n) {
    putn(s, "[", n / 2);
    puts_(s, "a");
    putn(s, "]", n / 2);
}
static void g_deep_emphasis(str *s, size_t n) {
    putn(s, "*a **a ", n / 14);
    puts_(s, "b");
    putn(s, " a** a*", n / 14);
}
static void g_deep_links(str *s, size_t n) {
    putn(s, "[a](", n / 8);
    putn(s, "b)", n / 8);
    putn(s, "[ (](", n / 10);
}
static void g_backticks(str *s, size_t n) {
    for (size_t x = 1; s->len < n; x++) {
        puts_(s, "e");
        putn(s, "`", x);
    }
}
static void g_backtick_pairs(str *s, size_t n) {
    while (s->len < n)
        puts_(s, "`a``b```c````");
}
static void g_block_quotes(str *s, size_t n) {
    putn(s, "> ", n / 2);
    puts_(s, "a\n");
}
static void g_emph_closers(str *s, size_t n) {
    putn(s, "a_ ", n / 6);
    putn(s, "*a_ ", n / 8);
}
static void g_html_openers(str *s, size_t n) {
    puts_(s, "a");
    putn(s, "<![CDATA[", n / 27);
    putn(s, "<?x", n / 9);
    putn(s, "<!--", n / 12);
}
static void g_footnote_refs(str *s, size_t n) {
    puts_(s, "[^a]: A note with some words in it.\n\n");
    putn(s, "[^a] ", n / 5);
}
static void g_reference_expansion(str *s, size_t n) {
    puts_(s, "[a]: /");
    putn(s, "x", n / 2);
    puts_(s, "\n\n");
    putn(s, "[a] ", n / 8);
}
static void g_many_blocks(str *s, size_t n) {
    while (s->len < n)
        puts_(s, "# H\n\nP.\n\n- i\n\n---\n\n");
}
static void g_long_line(str *s, size_t n) {
    while (s->len < n)
        puts_(s, "word \xc3\xa9t\xc3\xa9 ");
    puts_(s, "\n");
}
static void g_lone_cr(str *s, size_t n) {
    while (s->len < n)
        puts_(s, "a \"b\r\rc\" d\r- e\r");
}
static void g_straight_quotes(str *s, size_t n) {
    putn(s, "\"", n);
}
static void g_curly_quotes(str *s, size_t n) {
    while (s->len < n)
        puts_(s, "\xe2\x80\x9c" "a \xe2\x80\x98" "b ");
}
static void g_quotes_said(str *s, size_t n) {
    while (s->len < n)
        puts_(s, "\"Yes,\" said Sen. Jane Doe. \"No,\" she said. \"Maybe\n\n");
}
static void g_autolinks(str *s, size_t n) {
    putn(s, "a@", n / 4);
    puts_(s, "b.c ");
    putn(s, "www.", n / 8);
    puts_(s, "\n");
}
static void g_strikethrough(str *s, size_t n) {
    putn(s, "~~a", n / 3);
}
static void g_yaml_flow_brackets(str *s, size_t n) {
    puts_(s, "---\na: ");
    putn(s, "[", n);
    puts_(s, "\n---\nBody.\n");
}
static void g_yaml_flow_nested_ok(str *s, size_t n) {
    /* Within the depth limit, repeated: wide rather than deep. */
    puts_(s, "---\na: [");
    while (s->len < n)
        puts_(s, "[[[[[[[[1]]]]]]]], ");
    puts_(s, "0]\n---\n");
}
static void g_yaml_anchors(str *s, size_t n) {
    puts_(s, "---\n");
    for (size_t i = 0; s->len < n; i++)
        putf(s, "k%zu: &a%zu v\n", i, i);
    puts_(s, "---\n");
}
static void g_yaml_aliases(str *s, size_t n) {
    puts_(s, "---\nbase: &b [1, 2, 3]\nrefs: [");
    while (s->len < n)
        puts_(s, "*b, ");
    puts_(s, "*b]\n---\n");
}
static void g_yaml_alias_bomb(str *s, size_t n) {
    (void)n;
    puts_(s, "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'z'; c++, prev++) {
        putf(s, "%c: &%c [", c, c);
        for (int i = 0; i < 10; i++)
            putf(s, "%s*%c", i ? ", " : "", prev);
        puts_(s, "]\n");
    }
    puts_(s, "---\n");
}
static void g_yaml_huge_key(str *s, size_t n) {
    puts_(s, "---\n? ");
    putn(s, "k", n);
    puts_(s, "\n: v\n---\n");
}
static void g_yaml_long_keys(str *s, size_t n) {
    /* Implicit keys may be 1024 characters at most: many keys just under that. */
    puts_(s, "---\n");
    for (size_t i = 0; s->len < n; i++) {
        putf(s, "\"%06zu", i);
        putn(s, "k", 1000);
        puts_(s, "\": v\n");
    }
    puts_(s, "---\n");
}
static void g_yaml_many_keys(str *s, size_t n) {
    puts_(s, "---\n");
    for (size_t i = 0; s->len < n; i++)
        putf(s, "key%zu: %zu\n", i, i);
    puts_(s, "---\n");
}
static void g_yaml_deep_block(str *s, size_t n) {
    puts_(s, "---\n");
    for (size_t i = 0; s->len < n; i++) {
        putn(s, " ", i % 60);
        putf(s, "a%zu:\n", i);
    }
    puts_(s, "---\n");
}
static void g_yaml_long_scalar(str *s, size_t n) {
    puts_(s, "---\ntitle: |\n");
    while (s->len < n)
        puts_(s, "  a line of the title \"quoted\"\n");
    puts_(s, "---\n");
}
static void g_yaml_warnings(str *s, size_t n) {
    puts_(s, "---\n");
    for (size_t i = 0; s->len < n; i++)
        putf(s, "t%zu: !odd x\n", i);
    puts_(s, "---\n");
}
static void g_yaml_tags_timestamps(str *s, size_t n) {
    puts_(s, "---\nd: [");
    while (s->len < n)
        puts_(s, "2024-03-01T10:30:00.123456789+02:00, !!float 1e308, 0x7FFFFFFFFFFFFFFFF, ");
    puts_(s, "1]\n---\n");
}

static const struct {
    const char *name;
    gen_fn gen;
} own[] = {
    {"nested lists with blank lines", g_nested_lists_blank},
    {"nested lists in a block quote", g_nested_lists_quote},
    {"indented list items", g_indented_lists},
    {"table autocompleted cells", g_table_autocomplete},
    {"table with many rows and quotes", g_table_many_rows},
    {"deep brackets", g_deep_brackets},
    {"deep emphasis", g_deep_emphasis},
    {"unclosed links", g_deep_links},
    {"backtick runs of every length", g_backticks},
    {"backtick pairs", g_backtick_pairs},
    {"deep block quotes", g_block_quotes},
    {"emphasis closers without openers", g_emph_closers},
    {"HTML openers", g_html_openers},
    {"repeated footnote references", g_footnote_refs},
    {"reference expansion", g_reference_expansion},
    {"many blocks", g_many_blocks},
    {"one long line", g_long_line},
    {"lone CR line endings", g_lone_cr},
    {"straight quotation marks", g_straight_quotes},
    {"unclosed curly quotation marks", g_curly_quotes},
    {"attributed quotations, one unclosed", g_quotes_said},
    {"autolink candidates", g_autolinks},
    {"strikethrough openers", g_strikethrough},
    {"YAML [[[[ flow nesting", g_yaml_flow_brackets},
    {"YAML wide flow collections", g_yaml_flow_nested_ok},
    {"YAML many anchors", g_yaml_anchors},
    {"YAML many aliases", g_yaml_aliases},
    {"YAML alias expansion bomb", g_yaml_alias_bomb},
    {"YAML huge complex key", g_yaml_huge_key},
    {"YAML many 1000-byte keys", g_yaml_long_keys},
    {"YAML many keys", g_yaml_many_keys},
    {"YAML deep block mappings", g_yaml_deep_block},
    {"YAML long block scalar", g_yaml_long_scalar},
    {"YAML many warnings", g_yaml_warnings},
    {"YAML timestamps, tags, big integers", g_yaml_tags_timestamps},
};

/* ---- running one input ------------------------------------------------------------------ */

typedef struct tally {
    size_t runs, ok, refused, failed, checked, differ;
    double slowest;
    char slowest_name[160];
} tally;

static double bound_seconds = 10.0;

/* Processor time, not wall time: the machine may be shared, and a hang still spends it
 * (a blocked one is left to ctest's timeout). */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool expected_refusal(article_status st) {
    return article_status_family_of(st) == ARTICLE_FAMILY_LIMIT;
}

/* Parse and render; returns the HTML (malloc'd) when asked and the parse succeeded. */
static char *run_one(tally *t, const char *name, const char *text, size_t len,
                     article_status also_ok, bool want_html) {
    article *a = NULL;
    article_error err;
    double t0 = now();
    article_status st = article_parse(text, len, NULL, &a, &err);
    char *html = NULL;
    if (st == ARTICLE_OK) {
        size_t hl;
        const char *h = article_html(a, &hl);
        if (!article_json(a, ARTICLE_JSON_DEFAULT, NULL)) {
            st = ARTICLE_ERR_NOMEM;
            snprintf(err.message, sizeof err.message, "article_json() returned NULL");
        }
        if (h && want_html) {
            html = malloc(hl + 1);
            if (html)
                memcpy(html, h, hl + 1);
        }
    }
    double dt = now() - t0;
    article_free(a);
    t->runs++;
    const char *verdict;
    if (st == ARTICLE_OK) {
        t->ok++;
        verdict = "ok";
    } else if (expected_refusal(st) || (also_ok && st == also_ok)) {
        t->refused++;
        verdict = article_status_name(st);
    } else {
        t->failed++;
        verdict = "FAILED";
    }
    if (dt > bound_seconds) {
        t->failed++;
        verdict = "TOO SLOW";
    }
    if (dt > t->slowest) {
        t->slowest = dt;
        snprintf(t->slowest_name, sizeof t->slowest_name, "%.120s, %zu bytes", name, len);
    }
    printf("  %-52.52s %8zu B %8.3f s  %s", name, len, dt, verdict);
    if (st != ARTICLE_OK)
        printf(" (%s)", err.message);
    printf("\n");
    return html;
}

/* ---- recipes ------------------------------------------------------------------------------ */

typedef struct env {
    long n;
    const char *var; /* the for_each variable, or NULL */
    long value;
    bool bad;
} env;

/* An integer expression over N and the loop variable: terms joined by + and -, each a
 * product of numbers and names ("N", "N-1", "16*N", "i"). */
static long eval_atom(const char **p, env *e) {
    while (**p == ' ')
        (*p)++;
    if (**p >= '0' && **p <= '9')
        return strtol(*p, (char **)p, 10);
    const char *s = *p;
    while ((**p >= 'a' && **p <= 'z') || (**p >= 'A' && **p <= 'Z') || **p == '_')
        (*p)++;
    size_t n = (size_t)(*p - s);
    if (n == 1 && *s == 'N')
        return e->n;
    if (e->var && n == strlen(e->var) && memcmp(s, e->var, n) == 0)
        return e->value;
    e->bad = true;
    return 0;
}

static long eval_expr(const char *p, env *e) {
    long total = 0, sign = 1;
    for (;;) {
        long term = eval_atom(&p, e);
        while (*p == ' ')
            p++;
        while (*p == '*') {
            p++;
            term *= eval_atom(&p, e);
            while (*p == ' ')
                p++;
        }
        total += sign * term;
        if (*p == '+' || *p == '-') {
            sign = *p == '+' ? 1 : -1;
            p++;
            continue;
        }
        if (*p)
            e->bad = true;
        return total;
    }
}

static long eval(const json_value *v, env *e) {
    if (!v) {
        e->bad = true;
        return 0;
    }
    if (v->type == JSON_NUMBER)
        return (long)v->number;
    if (v->type == JSON_STRING)
        return eval_expr(v->string, e);
    e->bad = true;
    return 0;
}

static void putr(str *s, const json_value *unit, long times) {
    if (!unit || unit->type != JSON_STRING)
        return;
    for (long i = 0; i < times; i++)
        put(s, unit->string, unit->length);
}

static uint32_t ref_hash(const char *s) {
    uint32_t h = 0;
    for (; *s; s++)
        h = (uint32_t)(unsigned char)*s + (h << 6) + (h << 16) - h;
    return h;
}

static void build(str *s, const json_value *r, env *e, char *bad_label, size_t bad_size);

static void build_part(str *s, const json_value *part, env *e, char *bad_label, size_t bad_size) {
    const json_value *lit = json_get(part, "literal");
    const json_value *in = json_get(part, "int");
    if (lit && lit->type == JSON_STRING)
        put(s, lit->string, lit->length);
    else if (in)
        putf(s, "%ld", eval(in, e));
    else if (json_get(part, "repeat") && !json_get(part, "prefix"))
        putr(s, json_get(part, "repeat"), eval(json_get(part, "times"), e));
    else
        build(s, part, e, bad_label, bad_size);
}

/* Append the input a recipe describes. */
static void build(str *s, const json_value *r, env *e, char *bad_label, size_t bad_size) {
    const json_value *v;
    if ((v = json_get(r, "concat"))) {
        for (size_t i = 0; i < v->count; i++)
            build_part(s, &v->items[i], e, bad_label, bad_size);
    } else if ((v = json_get(r, "for_each"))) {
        const json_value *emit = json_get(r, "emit");
        env inner = *e;
        inner.var = json_get_string(v, "var");
        long from = eval(json_get(v, "from"), e), to = eval(json_get(v, "to"), e);
        for (long i = from; i < to && emit; i++) {
            inner.value = i;
            for (size_t k = 0; k < emit->count; k++)
                build_part(s, &emit->items[k], &inner, bad_label, bad_size);
        }
        e->bad |= inner.bad;
    } else if ((v = json_get(r, "generator"))) {
        if (v->type != JSON_STRING || strcmp(v->string, "refmap_hash_collisions") != 0) {
            e->bad = true;
            return;
        }
        long count = eval(json_get(r, "count"), e);
        long kept = 0;
        char label[32];
        for (long i = 0; kept < count; i++) {
            snprintf(label, sizeof label, "x%ld", i);
            if (ref_hash(label) % 16 != 0)
                continue;
            if (kept++ == 0) {
                snprintf(bad_label, bad_size, "%s", label);
                continue;
            }
            putf(s, "[%s]: /url\n\n[%s]\n\n", label, bad_label);
        }
    } else if (json_get(r, "repeat")) {
        const json_value *pre = json_get(r, "prefix"), *suf = json_get(r, "suffix");
        if (pre && pre->type == JSON_STRING)
            put(s, pre->string, pre->length);
        putr(s, json_get(r, "repeat"), eval(json_get(r, "times"), e));
        if (suf && suf->type == JSON_STRING)
            put(s, suf->string, suf->length);
    } else {
        e->bad = true;
    }
}

static size_t recipe_len(const json_value *recipe, long n, bool *bad) {
    str s = {0};
    char label[32] = "";
    env e = {n, NULL, 0, false};
    build(&s, recipe, &e, label, sizeof label);
    free(s.p);
    *bad |= e.bad;
    return s.len;
}

/* The smallest N whose input reaches `target` bytes (doubling, then bisection: some
 * recipes grow quadratically in N); -1 when the recipe is not understood. */
static long n_for_size(const json_value *recipe, size_t target) {
    bool bad = false;
    long lo = 0, hi = 1;
    while (recipe_len(recipe, hi, &bad) < target && !bad) {
        if (hi > (1L << 24))
            return hi; /* N barely changes the size */
        lo = hi;
        hi *= 2;
    }
    while (hi - lo > 1 && !bad) {
        long mid = lo + (hi - lo) / 2;
        if (recipe_len(recipe, mid, &bad) >= target)
            hi = mid;
        else
            lo = mid;
    }
    return bad ? -1 : hi;
}

/* contains_sequence: the parts, each repeated, adjacent and in order somewhere in html. */
static int check_html(const json_value *check, const char *html, env *e,
                      const char *bad_label) {
    const char *rule = json_get_string(check, "rule");
    if (!rule || strcmp(rule, "contains_sequence") != 0 || !html)
        return -1;
    const json_value *parts = json_get(check, "parts");
    str want = {0};
    put(&want, "", 0);
    for (size_t i = 0; parts && i < parts->count; i++) {
        const json_value *p = &parts->items[i];
        if (p->type != JSON_ARRAY || p->count != 2 || p->items[0].type != JSON_STRING) {
            free(want.p);
            return -1;
        }
        str unit = {0};
        put(&unit, "", 0);
        const char *u = p->items[0].string;
        const char *hole = strstr(u, "{bad_label}");
        if (hole) {
            put(&unit, u, (size_t)(hole - u));
            puts_(&unit, bad_label);
            puts_(&unit, hole + strlen("{bad_label}"));
        } else {
            put(&unit, u, p->items[0].length);
        }
        long times = eval(&p->items[1], e);
        for (long k = 0; k < times; k++)
            put(&want, unit.p, unit.len);
        free(unit.p);
    }
    int found = strstr(html, want.p) != NULL;
    free(want.p);
    return found;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    str s = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        put(&s, buf, n);
    fclose(f);
    *len = s.len;
    return s.p;
}

static void run_recipes(tally *t, const char *path) {
    size_t len;
    char *text = slurp(path, &len);
    if (!text) {
        printf("recipe file %s: not found; only the project's own patterns ran\n", path);
        return;
    }
    json_value *root = json_parse(text, len);
    if (!root || root->type != JSON_ARRAY) {
        printf("recipe file %s: not a JSON list of recipes\n", path);
        t->failed++;
        json_free(root);
        free(text);
        return;
    }
    printf("recipe file %s: %zu cases\n", path, root->count);
    for (size_t i = 0; i < root->count; i++) {
        const json_value *c = &root->items[i];
        const char *name = json_get_string(c, "name");
        const json_value *recipe = json_get(c, "how to build the input");
        const json_value *scalable = json_get(c, "scalable");
        const char *render = json_get_string(c, "render to");
        bool html_check = render && strcmp(render, "html") == 0;
        if (!name || !recipe) {
            printf("  case %zu: no name or recipe\n", i);
            t->failed++;
            continue;
        }
        bool scales = scalable && scalable->type == JSON_BOOL && scalable->boolean;
        for (size_t k = 0; k < (scales ? SIZE_COUNT : 1); k++) {
            long n;
            if (scales) {
                n = n_for_size(recipe, sizes[k]);
            } else {
                const json_value *nv = json_get(c, "N");
                n = nv && nv->type == JSON_NUMBER ? (long)nv->number : 1;
            }
            str s = {0};
            put(&s, "", 0);
            char bad[32] = "";
            env e = {n, NULL, 0, n < 0};
            if (!e.bad)
                build(&s, recipe, &e, bad, sizeof bad);
            if (e.bad) {
                printf("  %-52.52s recipe not understood\n", name);
                t->failed++;
                free(s.p);
                break;
            }
            char label[160];
            snprintf(label, sizeof label, "%s (N=%ld)", name, n);
            /* NUL bytes are refused by design (ARTICLE_ERR_NUL_BYTE). */
            char *html = run_one(t, label, s.p, s.len, ARTICLE_ERR_NUL_BYTE, html_check);
            int verdict = check_html(json_get(c, "expected check"), html, &e, bad);
            if (verdict >= 0) {
                t->checked++;
                if (!verdict) {
                    t->differ++;
                    printf("    HTML differs from the case's expected check\n");
                }
            }
            free(html);
            free(s.p);
        }
    }
    json_free(root);
    free(text);
}

int main(int argc, char **argv) {
    const char *bound = getenv("ARTICLE_PATHOLOGICAL_BOUND");
    if (bound && atof(bound) > 0)
        bound_seconds = atof(bound);
    const char *path = getenv("ARTICLE_PATHOLOGICAL");
    if (!path || !*path)
        path = argc > 1 ? argv[1] : NULL;

    tally own_t = {0}, rec_t = {0};
    printf("project patterns (bound %.1f s of processor time per parse and rendering)\n",
           bound_seconds);
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
        for (size_t k = 0; k < SIZE_COUNT; k++) {
            str s = {0};
            put(&s, "", 0);
            own[i].gen(&s, sizes[k]);
            free(run_one(&own_t, own[i].name, s.p, s.len, ARTICLE_OK, false));
            free(s.p);
        }
    }
    if (path)
        run_recipes(&rec_t, path);
    else
        printf("no recipe file given; only the project's own patterns ran\n");

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("project patterns: %zu runs, %zu parsed, %zu refused by a limit, %zu failed; "
           "slowest %.3f s (%s)\n",
           own_t.runs, own_t.ok, own_t.refused, own_t.failed, own_t.slowest,
           own_t.slowest_name);
    if (rec_t.runs)
        printf("recipe cases: %zu runs, %zu parsed, %zu refused, %zu failed; HTML checked "
               "%zu, differing %zu; slowest %.3f s (%s)\n",
               rec_t.runs, rec_t.ok, rec_t.refused, rec_t.failed, rec_t.checked, rec_t.differ,
               rec_t.slowest, rec_t.slowest_name);
    /* Sanitizer builds keep freed memory in quarantine: the bound is for blow-ups. */
    long peak_mib = ru.ru_maxrss / 1024;
    bool too_big = peak_mib > 2048;
    printf("peak resident memory: %ld MiB%s\n", peak_mib, too_big ? " (over 2 GiB)" : "");
    return own_t.failed || rec_t.failed || too_big ? 1 : 0;
}
