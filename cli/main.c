/* article: print an article (YAML front matter + Markdown body) as JSON, or its body as
 * HTML. Output goes through one large buffer written with write(2), so that thousands of
 * small files a second cost few system calls and every write error is seen. */
#include "internal.h"

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
    "       article --jsonl [OPTION]... FILE...\n"
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

typedef struct out {
    char *buf;
    size_t len, cap;
    int error; /* errno of the first failed write, 0 while all is well */
} out;

static void out_write(out *o, const char *s, size_t n) {
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

static void out_flush(out *o) {
    out_write(o, o->buf, o->len);
    o->len = 0;
}

static void out_put(out *o, const char *s, size_t n) {
    if (o->error)
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

static void out_str(out *o, const char *s) {
    out_put(o, s, strlen(s));
}

/* ---- options --------------------------------------------------------------------------- */

enum mode { MODE_JSON, MODE_JSONL, MODE_HTML };

typedef struct cli {
    enum mode mode;
    article_options opts;
    char **files;
    size_t nfiles;
    out o;
    art_mem mem;
    art_buf scratch; /* the escaped file name and error object of a --jsonl line */
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
    bool jsonl = false, html = false, options_done = false;
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            c->files[c->nfiles++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            char text[sizeof usage_format + 128];
            snprintf(text, sizeof text, usage_format, ARTICLE_DEFAULT_MAX_INPUT_SIZE,
                     ARTICLE_MAX_INPUT_SIZE, ARTICLE_DEFAULT_MAX_YAML_DEPTH,
                     ARTICLE_DEFAULT_MAX_YAML_NODES, ARTICLE_DEFAULT_MAX_MARKDOWN_DEPTH,
                     ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE, ARTICLE_DEFAULT_MAX_BLOCKS,
                     ARTICLE_DEFAULT_MAX_QUOTES, ARTICLE_DEFAULT_MAX_WARNINGS);
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
    if (c->nfiles == 0)
        return usage_error("missing FILE argument");
    if (c->nfiles > 1 && !jsonl)
        return usage_error("more than one FILE needs --jsonl");
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

/* Standard input, read whole; no more than one byte past the limit is kept, so that the
 * library reports the limit itself. */
static article_status parse_stdin(cli *c, article **a, article_error *err) {
    art_buf b;
    art_buf_init(&b, &c->mem);
    size_t limit = c->opts.max_input_size;
    article_status st = ARTICLE_OK;
    for (;;) {
        if (b.len > limit)
            break;
        if (!art_buf_reserve(&b, 65536)) {
            set_error(err, ARTICLE_ERR_NOMEM, "cannot read standard input", ENOMEM);
            st = ARTICLE_ERR_NOMEM;
            break;
        }
        ssize_t n = read(STDIN_FILENO, b.data + b.len, b.cap - b.len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            set_error(err, ARTICLE_ERR_IO, "cannot read standard input", errno);
            st = ARTICLE_ERR_IO;
            break;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
    }
    if (st == ARTICLE_OK)
        st = article_parse(b.data ? b.data : "", b.len, &c->opts, a, err);
    art_buf_free(&b);
    return st;
}

static void report(const char *path, const article_error *err) {
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (err->line)
        fprintf(stderr, "%s:%zu:%zu: error: %s\n", name, err->line, err->column, err->message);
    else
        fprintf(stderr, "%s: error: %s\n", name, err->message);
}

static void jsonl_file_key(cli *c, const char *path) {
    c->scratch.len = 0;
    c->scratch.failed = false;
    PUT_LITERAL(&c->scratch, "{\"file\":");
    art_json_string(&c->scratch, path, strlen(path));
    art_buf_putc(&c->scratch, ',');
}

static void jsonl_error(cli *c, const char *path, const article_error *err) {
    jsonl_file_key(c, path);
    art_buf *b = &c->scratch;
    const char *code = article_status_name(err->code);
    PUT_LITERAL(b, "\"error\":{\"code\":");
    art_json_string(b, code, strlen(code));
    PUT_LITERAL(b, ",\"message\":");
    art_json_string(b, err->message, strlen(err->message));
    if (err->line)
        art_buf_printf(b, ",\"line\":%zu,\"column\":%zu,\"offset\":%zu}}\n", err->line,
                       err->column, err->offset);
    else
        PUT_LITERAL(b, ",\"line\":null,\"column\":null,\"offset\":null}}\n");
    if (b->failed) {
        fputs("article: out of memory\n", stderr);
        return;
    }
    out_put(&c->o, b->data, b->len);
}

/* Parses and prints one file; false when it failed. */
static bool process(cli *c, const char *path) {
    article *a = NULL;
    article_error err;
    article_status st = strcmp(path, "-") == 0 ? parse_stdin(c, &a, &err)
                                               : article_parse_file(path, &c->opts, &a, &err);
    if (st != ARTICLE_OK) {
        report(path, &err);
        if (c->mode == MODE_JSONL)
            jsonl_error(c, path, &err);
        return false;
    }
    size_t len = 0;
    const char *text = c->mode == MODE_HTML    ? article_html(a, &len)
                       : c->mode == MODE_JSONL ? article_json(a, ARTICLE_JSON_DEFAULT, &len)
                                               : article_json(a, ARTICLE_JSON_PRETTY, &len);
    bool ok = text != NULL;
    if (!ok) {
        memset(&err, 0, sizeof err);
        err.code = ARTICLE_ERR_NOMEM;
        snprintf(err.message, sizeof err.message, "out of memory while rendering");
        report(path, &err);
        if (c->mode == MODE_JSONL)
            jsonl_error(c, path, &err);
    } else if (c->mode == MODE_JSONL) {
        /* The article's object with "file" put first: its text after the opening brace. */
        jsonl_file_key(c, path);
        if (c->scratch.failed) {
            fputs("article: out of memory\n", stderr);
            ok = false;
        } else {
            out_put(&c->o, c->scratch.data, c->scratch.len);
            out_put(&c->o, text + 1, len - 1);
            out_put(&c->o, "\n", 1);
        }
    } else {
        out_put(&c->o, text, len);
        if (c->mode == MODE_JSON)
            out_put(&c->o, "\n", 1);
    }
    article_free(a);
    return ok;
}

int main(int argc, char **argv) {
    /* A closed pipe is reported as a write error rather than killing us silently. */
    signal(SIGPIPE, SIG_IGN);
    cli c = {0};
    article_options_init(&c.opts, ARTICLE_OPTIONS_VERSION);
    art_buf_init(&c.scratch, &c.mem);
    c.o.cap = OUT_BUFFER_SIZE;
    c.o.buf = malloc(c.o.cap);
    c.files = malloc(sizeof *c.files * (size_t)(argc > 0 ? argc : 1));
    if (!c.o.buf || !c.files) {
        fputs("article: out of memory\n", stderr);
        free(c.o.buf);
        free(c.files);
        return EXIT_PARSE;
    }
    int status = parse_args(&c, argc, argv);
    if (status < 0) {
        status = EXIT_SUCCESS;
        for (size_t i = 0; i < c.nfiles && !c.o.error; i++)
            if (!process(&c, c.files[i]))
                status = EXIT_PARSE;
    }
    out_flush(&c.o);
    if (c.o.error) {
        fprintf(stderr, "article: cannot write output: %s\n", strerror(c.o.error));
        status = EXIT_PARSE;
    }
    art_buf_free(&c.scratch);
    free(c.o.buf);
    free(c.files);
    return status;
}
