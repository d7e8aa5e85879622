/* Shared by the benchmark programs: load the input files into memory, time repeated
 * passes over them, and print one JSON line the runner reads. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct bench_file {
    char *data;
    size_t len;
} bench_file;

typedef struct bench_input {
    bench_file *files;
    size_t count;
    size_t bytes;
} bench_input;

static void bench_die(const char *what, const char *path) {
    fprintf(stderr, "bench: %s %s\n", what, path);
    exit(1);
}

static void bench_load(bench_input *in, int argc, char **argv) {
    in->files = calloc((size_t)argc, sizeof *in->files);
    in->count = 0;
    in->bytes = 0;
    if (!in->files)
        bench_die("out of memory", "");
    for (int i = 0; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f)
            bench_die("cannot open", argv[i]);
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
            bench_die("cannot read", argv[i]);
        fclose(f);
        buf[n] = '\0';
        in->files[in->count].data = buf;
        in->files[in->count++].len = (size_t)n;
        in->bytes += (size_t)n;
    }
}

/* CPU time of the process (user + system): on a shared machine, waiting for a core is not
 * counted against the program. */
static void bench_free(bench_input *in) {
    for (size_t i = 0; i < in->count; i++)
        free(in->files[i].data);
    free(in->files);
}

static double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Usage: PROGRAM RUNS FILE... */
static int bench_args(int argc, char **argv, int *runs) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s RUNS FILE...\n", argv[0]);
        exit(2);
    }
    *runs = atoi(argv[1]);
    if (*runs < 1)
        *runs = 1;
    return 2;
}

static void bench_report(const bench_input *in, const double *times, int runs) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"files\": %zu, \"bytes\": %zu, \"maxrss_kb\": %ld, \"times\": [", in->count,
           in->bytes, ru.ru_maxrss);
    for (int i = 0; i < runs; i++)
        printf("%s%.6f", i ? ", " : "", times[i]);
    printf("]}\n");
}

#endif
