/* article: print an article (YAML front matter + Markdown body) as JSON, or its body as
 * HTML. Output goes through one large buffer written with write(2), so that thousands of
 * small files a second cost few system calls and every write error is seen. */
#include "batch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUFFER_SIZE ((size_t)256 * 1024)
#define EXIT_PARSE 1
#define EXIT_USAGE 2
#define PUT_LITERAL(b, lit) art_buf_put((b), (lit), sizeof(lit) - 1)

/* The limits come from the library's header, so the text cannot drift from it. */
static const char usage_format[] =
    "Usage: article [OPTION]... FILE\n"
    "       article --jsonl [OPTION]... [FILE]...\n"
    "       article --html [OPTION]... FILE\n"
    "Read an article (YAML front matter, then a Markdown body) and print it as JSON.\n"
    "FILE '-' reads standard input.\n"
    "\n"
    "Output (default: the article as indented JSON):\n"
    "      --jsonl                 one compact JSON object per line for each FILE, in\n"
    "                              order, starting with \"file\"; a FILE that fails\n"
    "                              gives {\"file\": ..., \"error\": {...}}\n"
    "      --html                  the body rendered as HTML\n"
    "      --unsafe-html           with --html, pass raw HTML through (trusted input only)\n"
    "\n"
    "Many files (with --jsonl; the lines keep the order of the inputs):\n"
    "  -j, --jobs N                parse with N threads (at most %d; default: one per\n"
    "                              CPU when there is more than one FILE, a list or a DIR)\n"
    "      --files-from LIST       also the paths in file LIST, one a line, empty lines\n"
    "                              skipped ('-': standard input)\n"
    "  -r, --recursive DIR         also every *.md and *.markdown file under DIR, in\n"
    "                              sorted order; links to folders are not followed\n"
    "      --progress              count, rate and time left on standard error (default\n"
    "                              when it is a terminal and there are several inputs);\n"
    "                              --no-progress: never\n"
    "\n"
    "Parsing:\n"
    "      --no-quotes             do not look for quotations\n"
    "      --max-input-size N      longest input in bytes (default %zu, at most\n"
    "                              %zu)\n"
    "      --max-yaml-depth N      deepest front matter nesting (default %zu)\n"
    "      --max-yaml-nodes N      most front matter values, aliases expanded\n"
    "                              (default %zu)\n"
    "      --max-markdown-depth N  deepest Markdown nesting (default %zu)\n"
    "      --max-front-matter-size N\n"
    "                              longest front matter in bytes (default %zu)\n"
    "      --max-blocks N          most blocks (default %zu)\n"
    "      --max-quotes N          most quotations (default %zu)\n"
    "      --max-warnings N        most warnings (default %zu)\n"
    "\n"
    "  -h, --help                  print this help and exit\n"
    "      --version               print the version and exit\n"
    "\n"
    "Errors go to standard error as FILE:LINE:COLUMN: error: MESSAGE.\n"
    "Exit status: 0 when every FILE was read, 1 when any failed, 2 for a usage error.\n";

/* ---- output ---------------------------------------------------------------------------- */

static void out_write(art_out *o, const char *s, size_t n) {
    while (n && !o->error) {
        ssize_t k = write(STDOUT_FILENO, s, n);
        if (k < 0) {
            if (errno != EINTR)
                o->error = errno;
            continue;
        }
        s += k;
        n -= (size_t)k;
    }
}

static void out_flush(art_out *o) {
    out_write(o, o->buf, o->len);
    o->len = 0;
}

void art_out_put(art_out *o, const char *s, size_t n) {
    if (o->error || n == 0)
        return;
    if (n > o->cap - o->len) {
        out_flush(o);
        if (n >= o->cap) {
            out_write(o, s, n);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_str(art_out *o, const char *s) {
    art_out_put(o, s, strlen(s));
}

/* ---- options --------------------------------------------------------------------------- */

enum mode { MODE_JSON, MODE_JSONL, MODE_HTML };

typedef struct cli {
    enum mode mode;
    article_options opts;
    art_src *srcs; /* the inputs, in command-line order */
    size_t nsrcs;
    bool batch;      /* -j, --files-from or --recursive: the threaded --jsonl mode */
    size_t jobs;     /* -j N; 0: one per CPU */
    int progress;    /* --progress 1, --no-progress 0, else -1 */
    art_out o;
    art_mem mem;
    art_buf scratch; /* the --jsonl line (or its start) of one file */
    art_buf errtext; /* what one file prints on standard error */
} cli;

static int usage_error(const char *fmt, ...) ART_PRINTF(1, 2);
static int usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("article: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'article --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static bool parse_count(const char *s, size_t *out_value) {
    size_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        size_t d = (size_t)(*s - '0');
        if (v > (SIZE_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out_value = v;
    return v > 0;
}

/* The value of option `name` at argv[*i]: given as "--name=VALUE", as "-xVALUE" for a
 * one-letter name, or as the next argument. NULL when there is none. */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
    const char *arg = argv[*i];
    size_t len = strlen(name);
    if (arg[len] == '=' && name[1] == '-')
        return arg + len + 1;
    if (arg[len] && name[1] != '-')
        return arg + len;
    if (*i + 1 == argc)
        return NULL;
    return argv[++*i];
}

/* Whether arg is option `name` (a long one perhaps followed by "=VALUE", a short one
 * perhaps followed by its value). */
static bool is_option(const char *arg, const char *name) {
    size_t len = strlen(name);
    if (strncmp(arg, name, len) != 0)
        return false;
    return !arg[len] || name[1] != '-' || arg[len] == '=';
}

/* Fills the cli from argv; returns -1 to go on, or an exit status. */
static int parse_args(cli *c, int argc, char **argv) {
    const struct {
        const char *name;
        size_t *value;
    } limits[] = {
        {"--max-input-size", &c->opts.max_input_size},
        {"--max-yaml-depth", &c->opts.max_yaml_depth},
        {"--max-yaml-nodes", &c->opts.max_yaml_nodes},
        {"--max-markdown-depth", &c->opts.max_markdown_depth},
        {"--max-front-matter-size", &c->opts.max_front_matter_size},
        {"--max-blocks", &c->opts.max_blocks},
        {"--max-quotes", &c->opts.max_quotes},
        {"--max-warnings", &c->opts.max_warnings},
    };
    bool jsonl = false, html = false, options_done = false, jobs_given = false;
    bool stdin_file = false, stdin_list = false;
    const char *batch_option = NULL;
    size_t nfiles = 0;
    c->progress = -1;
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            c->srcs[c->nsrcs++] = (art_src){ART_SRC_FILE, arg};
            nfiles++;
            stdin_file |= strcmp(arg, "-") == 0;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            char text[sizeof usage_format + 128];
            snprintf(text, sizeof text, usage_format, ART_CLI_MAX_JOBS,
                     ARTICLE_DEFAULT_MAX_INPUT_SIZE, ARTICLE_MAX_INPUT_SIZE,
                     ARTICLE_DEFAULT_MAX_YAML_DEPTH, ARTICLE_DEFAULT_MAX_YAML_NODES,
                     ARTICLE_DEFAULT_MAX_MARKDOWN_DEPTH, ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE,
                     ARTICLE_DEFAULT_MAX_BLOCKS, ARTICLE_DEFAULT_MAX_QUOTES,
                     ARTICLE_DEFAULT_MAX_WARNINGS);
            out_str(&c->o, text);
            return EXIT_SUCCESS;
        } else if (strcmp(arg, "--version") == 0) {
            out_str(&c->o, "article ");
            out_str(&c->o, article_version());
            out_str(&c->o, " (cmark-gfm ");
            out_str(&c->o, article_dependency_version("cmark-gfm"));
            out_str(&c->o, ", libyaml ");
            out_str(&c->o, article_dependency_version("libyaml"));
            out_str(&c->o, ")\n");
            return EXIT_SUCCESS;
        } else if (strcmp(arg, "--jsonl") == 0) {
            jsonl = true;
        } else if (strcmp(arg, "--html") == 0) {
            html = true;
        } else if (strcmp(arg, "--unsafe-html") == 0) {
            c->opts.flags |= ARTICLE_OPT_UNSAFE_HTML;
        } else if (strcmp(arg, "--no-quotes") == 0) {
            c->opts.flags |= ARTICLE_OPT_NO_QUOTES;
        } else if (strcmp(arg, "--progress") == 0) {
            c->progress = 1;
        } else if (strcmp(arg, "--no-progress") == 0) {
            c->progress = 0;
        } else if (is_option(arg, "-j") || is_option(arg, "--jobs")) {
            const char *name = arg[1] == 'j' ? "-j" : "--jobs";
            const char *value = option_value(argc, argv, &i, name);
            if (!value)
                return usage_error("option '%s' needs a number", name);
            if (!parse_count(value, &c->jobs))
                return usage_error("'%s' is not a positive whole number", value);
            if (c->jobs > ART_CLI_MAX_JOBS)
                c->jobs = ART_CLI_MAX_JOBS;
            jobs_given = true;
            batch_option = name;
        } else if (is_option(arg, "--files-from") || is_option(arg, "-r") ||
                   is_option(arg, "--recursive")) {
            const char *name = arg[1] == 'r'         ? "-r"
                               : arg[2] == 'r'       ? "--recursive"
                                                     : "--files-from";
            const char *value = option_value(argc, argv, &i, name);
            if (!value)
                return usage_error("option '%s' needs a %s", name,
                                   name[2] == 'f' ? "file" : "folder");
            bool list = name[2] == 'f';
            c->srcs[c->nsrcs++] = (art_src){list ? ART_SRC_LIST : ART_SRC_DIR, value};
            stdin_list |= list && strcmp(value, "-") == 0;
            batch_option = name;
        } else {
            size_t k = 0, n = sizeof limits / sizeof limits[0], len = 0;
            for (; k < n; k++) {
                len = strlen(limits[k].name);
                if (strncmp(arg, limits[k].name, len) == 0 && (!arg[len] || arg[len] == '='))
                    break;
            }
            if (k == n)
                return usage_error("unknown option '%s'", arg);
            const char *value = arg[len] == '=' ? arg + len + 1 : NULL;
            if (!value) {
                if (i + 1 == argc)
                    return usage_error("option '%s' needs a number", arg);
                value = argv[++i];
            }
            if (!parse_count(value, limits[k].value))
                return usage_error("'%s' is not a positive whole number", value);
        }
    }
    if (jsonl && html)
        return usage_error("--jsonl and --html cannot be used together");
    c->mode = jsonl ? MODE_JSONL : html ? MODE_HTML : MODE_JSON;
    if (batch_option && !jsonl)
        return usage_error("option '%s' needs --jsonl", batch_option);
    /* Several inputs: threads, whose output is byte for byte the one-at-a-time output. */
    c->batch = batch_option != NULL || (jsonl && c->nsrcs > 1);
    if (c->nsrcs == 0)
        return usage_error("missing FILE argument");
    if (nfiles > 1 && !jsonl)
        return usage_error("more than one FILE needs --jsonl");
    if (stdin_file && stdin_list)
        return usage_error("'-' cannot be both a FILE and the list of --files-from");
    if (!jobs_given)
        c->jobs = 0;
    /* Limits the library refuses are a usage error, not a failure of every file. */
    article *probe = NULL;
    article_error err;
    if (article_parse("", 0, &c->opts, &probe, &err) == ARTICLE_ERR_INVALID_OPTIONS)
        return usage_error("%s", err.message);
    article_free(probe);
    return -1;
}

/* ---- one file -------------------------------------------------------------------------- */

static void set_error(article_error *err, article_status code, const char *what, int errnum) {
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s: %s", what, strerror(errnum));
}

article_status art_cli_read_stdin(art_buf *b, size_t limit, article_error *err) {
    for (;;) {
        if (b->len > limit)
            return ARTICLE_OK;
        if (!art_buf_reserve(b, 65536)) {
            set_error(err, ARTICLE_ERR_NOMEM, "cannot read standard input", ENOMEM);
            return ARTICLE_ERR_NOMEM;
        }
        ssize_t n = read(STDIN_FILENO, b->data + b->len, b->cap - b->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            set_error(err, ARTICLE_ERR_IO, "cannot read standard input", errno);
            return ARTICLE_ERR_IO;
        }
        if (n == 0)
            return ARTICLE_OK;
        b->len += (size_t)n;
    }
}

static article_status parse_stdin(cli *c, article **a, article_error *err) {
    art_buf b;
    art_buf_init(&b, &c->mem);
    article_status st = art_cli_read_stdin(&b, c->opts.max_input_size, err);
    if (st == ARTICLE_OK)
        st = article_parse(b.data ? b.data : "", b.len, &c->opts, a, err);
    art_buf_free(&b);
    return st;
}

static void report(art_buf *b, const char *path, const article_error *err) {
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (err->line)
        art_buf_printf(b, "%s:%zu:%zu: error: %s\n", name, err->line, err->column,
                       err->message);
    else
        art_buf_printf(b, "%s: error: %s\n", name, err->message);
}

static void render_error(article_error *err) {
    memset(err, 0, sizeof *err);
    err->code = ARTICLE_ERR_NOMEM;
    snprintf(err->message, sizeof err->message, "out of memory while rendering");
}

bool art_cli_jsonl(const char *path, article_status st, const article *a,
                   const article_error *perr, art_buf *line, art_buf *err,
                   const char **tail, size_t *tail_len) {
    size_t len = 0;
    const char *text = st == ARTICLE_OK ? article_json(a, ARTICLE_JSON_DEFAULT, &len) : NULL;
    size_t start = line->len;
    line->failed = false;
    PUT_LITERAL(line, "{\"file\":");
    art_json_string(line, path, strlen(path));
    art_buf_putc(line, ',');
    if (text) {
        /* The article's object with "file" put first: its text after the opening brace. */
        *tail = text + 1;
        *tail_len = len - 1;
    } else {
        article_error rerr;
        if (st == ARTICLE_OK)
            render_error(&rerr);
        const article_error *e = st == ARTICLE_OK ? &rerr : perr;
        report(err, path, e);
        const char *code = article_status_name(e->code);
        PUT_LITERAL(line, "\"error\":{\"code\":");
        art_json_string(line, code, strlen(code));
        PUT_LITERAL(line, ",\"message\":");
        art_json_string(line, e->message, strlen(e->message));
        if (e->line)
            art_buf_printf(line, ",\"line\":%zu,\"column\":%zu,\"offset\":%zu}}\n", e->line,
                           e->column, e->offset);
        else
            PUT_LITERAL(line, ",\"line\":null,\"column\":null,\"offset\":null}}\n");
    }
    if (line->failed) {
        line->len = start;
        PUT_LITERAL(err, "article: out of memory\n");
        return false;
    }
    return text != NULL;
}

/* Parses and prints one file; false when it failed. */
static bool process(cli *c, const char *path) {
    article *a = NULL;
    article_error err;
    article_status st = strcmp(path, "-") == 0 ? parse_stdin(c, &a, &err)
                                               : article_parse_file(path, &c->opts, &a, &err);
    c->errtext.len = 0;
    bool ok;
    if (c->mode == MODE_JSONL) {
        const char *tail = NULL;
        size_t tail_len = 0;
        c->scratch.len = 0;
        ok = art_cli_jsonl(path, st, a, &err, &c->scratch, &c->errtext, &tail, &tail_len);
        art_out_put(&c->o, c->scratch.data, c->scratch.len);
        if (ok) {
            art_out_put(&c->o, tail, tail_len);
            art_out_put(&c->o, "\n", 1);
        }
    } else if (st != ARTICLE_OK) {
        report(&c->errtext, path, &err);
        ok = false;
    } else {
        size_t len = 0;
        const char *text = c->mode == MODE_HTML ? article_html(a, &len)
                                                : article_json(a, ARTICLE_JSON_PRETTY, &len);
        ok = text != NULL;
        if (!ok) {
            render_error(&err);
            report(&c->errtext, path, &err);
        } else {
            art_out_put(&c->o, text, len);
            if (c->mode == MODE_JSON)
                art_out_put(&c->o, "\n", 1);
        }
    }
    if (c->errtext.len)
        fwrite(c->errtext.data, 1, c->errtext.len, stderr);
    article_free(a);
    return ok;
}

int main(int argc, char **argv) {
    /* A closed pipe is reported as a write error rather than killing us silently. */
    signal(SIGPIPE, SIG_IGN);
    cli c = {0};
    article_options_init(&c.opts, ARTICLE_OPTIONS_VERSION);
    art_buf_init(&c.scratch, &c.mem);
    art_buf_init(&c.errtext, &c.mem);
    c.o.cap = OUT_BUFFER_SIZE;
    c.o.buf = malloc(c.o.cap);
    c.srcs = malloc(sizeof *c.srcs * (size_t)(argc > 0 ? argc : 1));
    if (!c.o.buf || !c.srcs) {
        fputs("article: out of memory\n", stderr);
        free(c.o.buf);
        free(c.srcs);
        return EXIT_PARSE;
    }
    int status = parse_args(&c, argc, argv);
    if (status < 0 && c.batch) {
        art_batch b = {&c.opts, c.srcs, c.nsrcs, c.jobs, c.progress, &c.o};
        status = art_batch_run(&b);
    } else if (status < 0) {
        status = EXIT_SUCCESS;
        for (size_t i = 0; i < c.nsrcs && !c.o.error; i++)
            if (!process(&c, c.srcs[i].arg))
                status = EXIT_PARSE;
    }
    out_flush(&c.o);
    if (c.o.error) {
        fprintf(stderr, "article: cannot write output: %s\n", strerror(c.o.error));
        status = EXIT_PARSE;
    }
    art_buf_free(&c.scratch);
    art_buf_free(&c.errtext);
    free(c.o.buf);
    free(c.srcs);
    return status;
}
