/* Row 2 of the benchmark: article_parse() + article_free() on every article.
 * BENCH_NO_QUOTES=1 in the environment parses with ARTICLE_OPT_NO_QUOTES (to measure what
 * finding quotations costs). */
#include "bench_util.h"

#include "libarticle.h"

__attribute__((noinline)) static size_t bench_pass(const bench_input *in,
                                                  const article_options *opts) {
    size_t ok = 0;
    for (size_t i = 0; i < in->count; i++) {
        article *a = NULL;
        article_error err;
        if (article_parse(in->files[i].data, in->files[i].len, opts, &a, &err) == ARTICLE_OK)
            ok++;
        else
            fprintf(stderr, "capi: article %zu: %s\n", i, err.message);
        article_free(a);
    }
    return ok;
}

int main(int argc, char **argv) {
    int runs;
    int first = bench_args(argc, argv, &runs);
    bench_input in;
    bench_load(&in, argc - first, argv + first);
    article_options opts = ARTICLE_OPTIONS_INIT;
    const char *nq = getenv("BENCH_NO_QUOTES");
    if (nq && *nq && *nq != '0')
        opts.flags |= ARTICLE_OPT_NO_QUOTES;
    double *times = calloc((size_t)runs, sizeof *times);
    for (int r = 0; r < runs; r++) {
        double t0 = bench_now();
        bench_pass(&in, &opts);
        times[r] = bench_now() - t0;
    }
    bench_report(&in, times, runs);
    free(times);
    bench_free(&in);
    return 0;
}
