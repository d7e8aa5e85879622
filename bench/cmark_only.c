/* Row 1 of the benchmark: cmark-gfm parsing each article's body with the extensions and
 * options libarticle uses, and nothing else: the floor for the Markdown part. */
#include "bench_util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};

/* The body: what follows a front matter block ("---" line to the next "---" line). */
static size_t body_offset(const char *s, size_t len) {
    if (len < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
        return 0;
    for (const char *p = s + 3; (p = memchr(p, '\n', (size_t)(s + len - p))); p++) {
        if ((size_t)(s + len - p) >= 4 && memcmp(p + 1, "---", 3) == 0) {
            const char *e = memchr(p + 1, '\n', (size_t)(s + len - p - 1));
            return e ? (size_t)(e + 1 - s) : len;
        }
    }
    return 0;
}

__attribute__((noinline)) static size_t bench_pass(const bench_input *in) {
    size_t nodes = 0;
    for (size_t i = 0; i < in->count; i++) {
        const bench_file *f = &in->files[i];
        size_t b = body_offset(f->data, f->len);
        cmark_parser *p =
            cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, cmark_get_default_mem_allocator());
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[k]));
        cmark_parser_feed(p, f->data + b, f->len - b);
        cmark_node *root = cmark_parser_finish(p);
        nodes += cmark_node_first_child(root) != NULL;
        cmark_node_free(root);
        cmark_parser_free(p);
    }
    return nodes;
}

int main(int argc, char **argv) {
    int runs;
    int first = bench_args(argc, argv, &runs);
    bench_input in;
    bench_load(&in, argc - first, argv + first);
    cmark_gfm_core_extensions_ensure_registered();
    /* The bundled cmark-gfm is patched to leave the inline extensions' special characters
     * ('~' for strikethrough, ':' and 'w' for autolinks) alone during a parse; libarticle
     * sets them once, and so must this program, or those extensions never trigger. */
    cmark_parser *sp =
        cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, cmark_get_default_mem_allocator());
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        cmark_parser_attach_syntax_extension(sp, cmark_find_syntax_extension(names[k]));
    cmark_manage_extensions_special_characters(sp, 1);
    cmark_parser_free(sp);
    double *times = calloc((size_t)runs, sizeof *times);
    size_t check = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = bench_now();
        check += bench_pass(&in);
        times[r] = bench_now() - t0;
    }
    if (check == 0 && in.count)
        fprintf(stderr, "cmark_only: no article had a body\n");
    bench_report(&in, times, runs);
    free(times);
    bench_free(&in);
    return 0;
}
