/* The CLI's parallel --jsonl mode (-j N, --files-from, --recursive) and what it shares with
 * the sequential mode in main.c, so that both print the very same bytes for a file. */
#ifndef ARTICLE_CLI_BATCH_H
#define ARTICLE_CLI_BATCH_H

#include "internal.h"

#define ART_CLI_MAX_JOBS 256

/* Standard output through one large buffer (main.c). */
typedef struct art_out {
    char *buf;
    size_t len, cap;
    int error; /* errno of the first failed write, 0 while all is well */
} art_out;

void art_out_put(art_out *o, const char *s, size_t n);

/* Where the inputs come from, in command-line order. */
typedef enum art_src_kind {
    ART_SRC_FILE, /* a FILE argument ('-': standard input) */
    ART_SRC_LIST, /* --files-from: a file of paths, one a line ('-': standard input) */
    ART_SRC_DIR   /* --recursive: the *.md and *.markdown files under a folder */
} art_src_kind;

typedef struct art_src {
    art_src_kind kind;
    const char *arg;
} art_src;

/* Standard input, read whole into `b`; no more than one byte past `limit` is kept, so
 * that the library reports the limit itself. */
article_status art_cli_read_stdin(art_buf *b, size_t limit, article_error *err);

/* The --jsonl output for one parse's outcome (`a` is NULL unless st is ARTICLE_OK), and
 * its message for standard error appended to `err`. Returns false when the file failed:
 * `line` then holds the whole {"file", "error"} line (or nothing, out of memory). On
 * success `line` holds the line's start and the caller appends *tail (the article's JSON
 * after its opening brace) and "\n"; *tail belongs to `a`. */
bool art_cli_jsonl(const char *path, article_status st, const article *a,
                   const article_error *perr, art_buf *line, art_buf *err,
                   const char **tail, size_t *tail_len);

typedef struct art_batch {
    const article_options *opts;
    const art_src *srcs;
    size_t nsrcs;
    size_t jobs;  /* worker threads; 0: one per CPU this process may use */
    int progress; /* 1 on, 0 off, -1 when standard error is a terminal */
    art_out *out;
} art_batch;

/* Runs every input through the workers and writes their lines to b->out in input order.
 * Returns 0 when every input was read, 1 otherwise; a write error stops the run and is
 * left in b->out->error for the caller to report. */
int art_batch_run(const art_batch *b);

#endif
