/* The threaded --jsonl mode. N workers share a ring of 32 N slots (1,024 at most), one
 * slot an input, and loop: take the next input from the sources (FILE arguments, the lines
 * of --files-from lists, the walk of --recursive folders; one worker at a time) into the
 * next free slot, parse it into the slot's own buffers, mark it finished. The worker that
 * finishes the oldest unwritten slot writes it, and every finished slot after it, in
 * order, through the big output buffer (one writer at a time). Memory stays bounded
 * however many files there are: a worker waits for the writing when all slots are taken,
 * and the lists and folders are read only as fast as slots free up.
 *
 * The workers write, rather than a writer thread of its own: on N cores with N busy
 * workers, such a thread waits to be scheduled, the ring fills and the workers idle. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PUT_LITERAL(b, lit) art_buf_put((b), (lit), sizeof(lit) - 1)
/* While the worker on the oldest slot is slow, or off its core for another process, the
 * others go on this many files each before they wait for it. On a busy 2-core machine, 4
 * left the workers asleep for 10-20 % of a run, 32 for about none of it. */
#define RING_PER_WORKER 32
#define RING_MAX 1024 /* at least 4 per worker up to ART_CLI_MAX_JOBS */
/* A slot's buffers above this are freed once written, so that a few huge articles do not
 * leave every slot holding their size: what the ring keeps stays under 64 MB. */
#define SLOT_KEEP ((size_t)64 * 1024)
/* A --files-from line longer than this is no path. */
#define LIST_LINE_MAX ((size_t)64 * 1024)
#define LIST_CHUNK ((size_t)64 * 1024)
#define PROGRESS_NS 100000000L

enum slot_state { SLOT_FREE, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
    enum slot_state state;
    bool note;     /* no input, only a message (an unreadable list...) */
    bool is_stdin; /* parse `input` rather than open `path` */
    bool failed;
    article_status read_status; /* is_stdin: how reading it went */
    article_error read_error;
    art_buf path;  /* NUL-terminated */
    art_buf input; /* is_stdin: its bytes */
    art_buf line;  /* for standard output */
    art_buf err;   /* for standard error */
} slot;

/* One folder of a --recursive walk: its entries, sorted, and the next one to visit. */
typedef struct dir_frame {
    char **names;
    size_t n, next, cap;
    art_buf blob;   /* the names, NUL-terminated, one after the other */
    size_t pathlen; /* length of the folder's path in the walk's path buffer */
    dev_t dev;
    ino_t ino;
} dir_frame;

/* Where the next input comes from; used under the source lock only. */
typedef struct source {
    size_t next_src; /* index in the art_batch's srcs */
    enum { IN_NONE, IN_LIST, IN_WALK } in;
    bool stdin_read; /* FILE '-' has been read: any later one is empty */
    /* IN_LIST */
    const char *list_name;
    int fd;
    bool list_end, too_long;
    char *chunk;
    size_t pos, len, lineno;
    art_buf line;
    /* IN_WALK */
    art_buf walkpath;
    dir_frame *frames;
    size_t nframes, capframes;
} source;

typedef struct progress {
    bool on, shown;
    size_t total; /* 0: unknown */
    size_t done;
    size_t width; /* of the line on screen */
    struct timespec start, last;
} progress;

typedef struct batch {
    const art_batch *cfg;
    art_mem mem;
    pthread_mutex_t lock; /* the ring's counters and states, `writing`, `stop` */
    pthread_cond_t space; /* a worker with the source lock waits for a free slot */
    slot *ring;
    size_t nring;
    /* Counts of slots since the start; slot k is ring[k % nring]. */
    size_t produced, written;
    bool writing; /* a worker is writing: the others leave it to that one */
    bool stop;    /* a write failed */
    int wake[2];  /* written to on stop, so that a blocking read of a list gives up */
    pthread_mutex_t source_lock;
    source src;
    bool source_end; /* under the source lock */
    /* The writer's, whoever that is (the `writing` hand-over orders their accesses). */
    progress prog;
    int status;
} batch;

typedef struct worker {
    batch *b;
    article_options opts; /* each worker's own copy */
    pthread_t tid;
} worker;

/* ---- the sources ------------------------------------------------------------------------- */

/* Makes slot s a message for standard error, in its place among the inputs; the run's
 * status becomes 1. */
static void note(slot *s, const char *fmt, ...) ART_PRINTF(2, 3);
static void note(slot *s, const char *fmt, ...) {
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    s->note = s->failed = true;
    art_buf_printf(&s->err, "article: %s\n", text);
}

static void set_path(slot *s, const char *path, size_t len) {
    art_buf_put(&s->path, path, len);
    art_buf_putc(&s->path, '\0');
    if (s->path.failed)
        note(s, "out of memory");
}

/* read(2) that gives up, with EINTR, when the run stops: a list on a pipe or a terminal
 * may never end. */
static ssize_t read_or_stop(batch *b, int fd, char *buf, size_t n) {
    struct pollfd p[2] = {{fd, POLLIN, 0}, {b->wake[0], POLLIN, 0}};
    for (;;) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (p[1].revents) {
            errno = EINTR;
            return -1;
        }
        ssize_t k = read(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        return k;
    }
}

/* FILE '-': standard input, whole (one byte past the limit at most, for the library to
 * report), read here so that the first '-' gets it all and any later one nothing, as in
 * the sequential mode. False when the run stops. */
static bool read_stdin(batch *b, slot *s) {
    s->is_stdin = true;
    set_path(s, "-", 1);
    s->input.len = 0;
    s->read_status = ARTICLE_OK;
    if (b->src.stdin_read)
        return true;
    b->src.stdin_read = true;
    size_t limit = b->cfg->opts->max_input_size;
    art_buf *in = &s->input;
    while (in->len <= limit) {
        if (!art_buf_reserve(in, 65536)) {
            s->read_status = ARTICLE_ERR_NOMEM;
            errno = ENOMEM;
            break;
        }
        ssize_t k = read_or_stop(b, STDIN_FILENO, in->data + in->len, in->cap - in->len - 1);
        if (k < 0 && errno == EINTR)
            return false;
        if (k < 0)
            s->read_status = ARTICLE_ERR_IO;
        if (k <= 0)
            break;
        in->len += (size_t)k;
    }
    if (s->read_status != ARTICLE_OK) {
        article_error *e = &s->read_error;
        memset(e, 0, sizeof *e);
        e->code = s->read_status;
        snprintf(e->message, sizeof e->message, "cannot read standard input: %s",
                 strerror(errno));
    }
    return true;
}

static void list_close(source *src) {
    if (src->fd != STDIN_FILENO)
        close(src->fd);
    src->in = IN_NONE;
}

/* One complete line of the list in src->line: 1 when it gave slot s an input or a note,
 * 0 when it is to be skipped (empty). */
static int list_line(source *src, slot *s) {
    art_buf *line = &src->line;
    size_t lineno = src->lineno++;
    int r = 1;
    if (src->too_long)
        note(s, "%s:%zu: line too long for a path", src->list_name, lineno);
    else if (line->failed)
        note(s, "out of memory");
    else if (line->len == 0)
        r = 0;
    else if (memchr(line->data, '\0', line->len))
        note(s, "%s:%zu: a path with a NUL byte", src->list_name, lineno);
    else
        set_path(s, line->data, line->len);
    line->len = 0;
    line->failed = src->too_long = false;
    return r;
}

/* The next path of the current list into s: 1 when s got an input or a note, 0 at the end
 * of the list, -1 when the run stops. */
static int list_next(batch *b, slot *s) {
    source *src = &b->src;
    for (;;) {
        if (src->pos == src->len) {
            if (src->list_end) {
                bool last = src->line.len || src->too_long;
                if (last && list_line(src, s))
                    return 1;
                list_close(src);
                return 0;
            }
            ssize_t k = read_or_stop(b, src->fd, src->chunk, LIST_CHUNK);
            if (k < 0 && errno == EINTR)
                return -1;
            src->pos = 0;
            src->len = k > 0 ? (size_t)k : 0;
            if (k < 0) {
                src->list_end = true;
                src->line.len = 0;
                src->too_long = false;
                note(s, "cannot read %s: %s", src->list_name, strerror(errno));
                return 1;
            }
            src->list_end = k == 0;
            continue;
        }
        const char *p = src->chunk + src->pos;
        size_t avail = src->len - src->pos;
        const char *nl = memchr(p, '\n', avail);
        size_t n = nl ? (size_t)(nl - p) : avail;
        if (src->line.len + n > LIST_LINE_MAX)
            src->too_long = true;
        if (!src->too_long)
            art_buf_put(&src->line, p, n);
        src->pos += nl ? n + 1 : n;
        if (nl && list_line(src, s))
            return 1;
    }
}

static bool is_markdown_name(const char *name) {
    size_t n = strlen(name);
    return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
           (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

static int compare_names(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Reads the folder named in the walk's path buffer (of length pathlen) into a new frame.
 * Trouble becomes a note in s (returns true then). */
static bool open_frame(batch *b, size_t pathlen, const struct stat *st, slot *s) {
    source *src = &b->src;
    const char *path = src->walkpath.data;
    DIR *d = opendir(path);
    if (!d) {
        note(s, "cannot open folder %s: %s", path, strerror(errno));
        return true;
    }
    if (!art_grow(&b->mem, (void **)&src->frames, &src->capframes, src->nframes + 1,
                  sizeof *src->frames)) {
        closedir(d);
        note(s, "out of memory");
        return true;
    }
    dir_frame *f = &src->frames[src->nframes];
    memset(f, 0, sizeof *f);
    art_buf_init(&f->blob, &b->mem);
    f->pathlen = pathlen;
    f->dev = st->st_dev;
    f->ino = st->st_ino;
    int read_errno = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            read_errno = errno;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        art_buf_put(&f->blob, e->d_name, strlen(e->d_name) + 1);
        f->n++;
    }
    closedir(d);
    if (f->blob.failed ||
        (f->n && !art_grow(&b->mem, (void **)&f->names, &f->cap, f->n, sizeof *f->names))) {
        art_buf_free(&f->blob);
        note(s, "out of memory");
        return true;
    }
    char *p = f->blob.data;
    for (size_t i = 0; i < f->n; i++, p += strlen(p) + 1)
        f->names[i] = p;
    if (f->n)
        qsort(f->names, f->n, sizeof *f->names, compare_names);
    src->nframes++;
    if (read_errno) {
        note(s, "cannot read folder %s: %s", path, strerror(read_errno));
        return true;
    }
    return false;
}

static void close_frame(batch *b) {
    dir_frame *f = &b->src.frames[--b->src.nframes];
    art_buf_free(&f->blob);
    art_free(&b->mem, f->names);
}

/* Starts the walk of root; true when that gave s a note. */
static bool walk_start(batch *b, const char *root, slot *s) {
    source *src = &b->src;
    src->walkpath.len = 0;
    src->walkpath.failed = false;
    art_buf_put(&src->walkpath, root, strlen(root) + 1);
    if (src->walkpath.failed) {
        note(s, "out of memory");
        return true;
    }
    struct stat st;
    if (stat(root, &st) != 0) {
        note(s, "cannot open folder %s: %s", root, strerror(errno));
        return true;
    }
    if (!S_ISDIR(st.st_mode)) {
        note(s, "cannot open folder %s: %s", root, strerror(ENOTDIR));
        return true;
    }
    src->in = IN_WALK;
    return open_frame(b, strlen(root), &st, s);
}

/* The next file of the walk into s: depth first, each folder's entries in strcmp order.
 * Links to files are followed, links to folders are not; a folder already being walked
 * (reached again through a bind mount, say) is skipped. 1 when s got an input or a note,
 * 0 at the end of the walk. */
static int walk_next(batch *b, slot *s) {
    source *src = &b->src;
    art_buf *path = &src->walkpath;
    while (src->nframes) {
        dir_frame *f = &src->frames[src->nframes - 1];
        if (f->next == f->n) {
            close_frame(b);
            continue;
        }
        const char *name = f->names[f->next++];
        path->len = f->pathlen;
        if (!path->len || path->data[path->len - 1] != '/')
            art_buf_putc(path, '/');
        art_buf_put(path, name, strlen(name) + 1);
        if (path->failed) {
            path->failed = false;
            note(s, "out of memory");
            return 1;
        }
        size_t len = path->len - 1;
        struct stat st;
        if (lstat(path->data, &st) != 0)
            continue; /* gone since the folder was read */
        bool link = S_ISLNK(st.st_mode);
        if (link && stat(path->data, &st) != 0)
            continue; /* a dangling link */
        if (S_ISREG(st.st_mode) && is_markdown_name(name)) {
            set_path(s, path->data, len);
            return 1;
        }
        if (S_ISDIR(st.st_mode) && !link) {
            bool seen = false;
            for (size_t i = 0; i < src->nframes && !seen; i++)
                seen = src->frames[i].dev == st.st_dev && src->frames[i].ino == st.st_ino;
            if (!seen && open_frame(b, len, &st, s))
                return 1;
        }
    }
    src->in = IN_NONE;
    return 0;
}

/* The next input into slot s: 1 when s got one (or a note), 0 when there are no more,
 * -1 when the run stops. Called with the source lock held. */
static int source_next(batch *b, slot *s) {
    source *src = &b->src;
    const art_batch *cfg = b->cfg;
    for (;;) {
        int r = 0;
        if (src->in == IN_LIST)
            r = list_next(b, s);
        else if (src->in == IN_WALK)
            r = walk_next(b, s);
        if (r)
            return r;
        if (src->next_src == cfg->nsrcs)
            return 0;
        const art_src *a = &cfg->srcs[src->next_src++];
        switch (a->kind) {
        case ART_SRC_FILE:
            if (strcmp(a->arg, "-") == 0)
                return read_stdin(b, s) ? 1 : -1;
            set_path(s, a->arg, strlen(a->arg));
            return 1;
        case ART_SRC_LIST:
            src->list_name = strcmp(a->arg, "-") == 0 ? "<stdin>" : a->arg;
            src->fd = strcmp(a->arg, "-") == 0 ? STDIN_FILENO
                                                : open(a->arg, O_RDONLY | O_CLOEXEC);
            if (src->fd < 0) {
                note(s, "cannot open %s: %s", src->list_name, strerror(errno));
                return 1;
            }
            src->in = IN_LIST;
            src->list_end = src->too_long = false;
            src->pos = src->len = 0;
            src->lineno = 1;
            src->line.len = 0;
            src->line.failed = false;
            break;
        case ART_SRC_DIR:
            if (walk_start(b, a->arg, s))
                return 1;
            break;
        }
    }
}

static void source_free(batch *b) {
    source *src = &b->src;
    if (src->in == IN_LIST)
        list_close(src);
    while (src->nframes)
        close_frame(b);
    art_free(&b->mem, src->frames);
    art_free(&b->mem, src->chunk);
    art_buf_free(&src->line);
    art_buf_free(&src->walkpath);
}

/* ---- progress ---------------------------------------------------------------------------- */

static double seconds_between(const struct timespec *a, const struct timespec *z) {
    return (double)(z->tv_sec - a->tv_sec) + (double)(z->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_erase(progress *p) {
    if (!p->shown)
        return;
    fprintf(stderr, "\r%*s\r", (int)p->width, "");
    p->shown = false;
    p->width = 0;
}

/* Redrawn at most every PROGRESS_NS unless `force`. */
static void progress_draw(progress *p, bool force) {
    if (!p->on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long since = (long long)(now.tv_sec - p->last.tv_sec) * 1000000000LL +
                      (now.tv_nsec - p->last.tv_nsec);
    if (!force && p->shown && since < PROGRESS_NS)
        return;
    p->last = now;
    double elapsed = seconds_between(&p->start, &now);
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    char text[160];
    int n;
    if (p->total) {
        n = snprintf(text, sizeof text, "%zu/%zu files, %.0f files/s", p->done, p->total,
                     rate);
        if (rate > 0 && p->done < p->total) {
            unsigned long eta = (unsigned long)((double)(p->total - p->done) / rate + 0.5);
            n += snprintf(text + n, sizeof text - (size_t)n, ", ETA %lu:%02lu:%02lu",
                          eta / 3600, eta / 60 % 60, eta % 60);
        }
    } else {
        n = snprintf(text, sizeof text, "%zu files, %.0f files/s", p->done, rate);
    }
    size_t len = (size_t)n;
    /* Blanks over what is left of a longer line before. */
    fprintf(stderr, "\r%s%*s", text, len < p->width ? (int)(p->width - len) : 0, "");
    if (len > p->width)
        p->width = len;
    p->shown = true;
}

/* ---- the workers ------------------------------------------------------------------------- */

static void run_slot(const article_options *opts, slot *s) {
    article *a = NULL;
    article_error err;
    article_status st;
    const char *path = s->path.data;
    if (!s->is_stdin) {
        st = article_parse_file(path, opts, &a, &err);
    } else if (s->read_status != ARTICLE_OK) {
        st = s->read_status;
        err = s->read_error;
    } else {
        st = article_parse(s->input.data ? s->input.data : "", s->input.len, opts, &a, &err);
    }
    const char *tail = NULL;
    size_t tail_len = 0;
    bool ok = art_cli_jsonl(path, st, a, &err, &s->line, &s->err, &tail, &tail_len);
    if (ok) {
        art_buf_put(&s->line, tail, tail_len);
        art_buf_putc(&s->line, '\n');
        if (s->line.failed) {
            s->line.len = 0;
            PUT_LITERAL(&s->err, "article: out of memory\n");
            ok = false;
        }
    }
    article_free(a);
    s->failed = !ok;
}

static void shrink(art_buf *buf) {
    if (buf->cap > SLOT_KEEP) {
        art_buf_free(buf);
        art_buf_init(buf, buf->mem);
    }
}

static void stop_run(batch *b) {
    if (!b->stop) {
        b->stop = true;
        char c = 0;
        if (write(b->wake[1], &c, 1) < 0) {
            /* The pipe is empty and has room for this byte. */
        }
    }
    pthread_cond_broadcast(&b->space);
}

/* Writes the finished slots from the oldest unwritten one on, in order, while no other
 * worker does. Called with the lock held; it is let go while writing. */
static void write_ready(batch *b) {
    if (b->writing)
        return;
    b->writing = true;
    art_out *o = b->cfg->out;
    progress *p = &b->prog;
    while (!b->stop && b->written < b->produced &&
           b->ring[b->written % b->nring].state == SLOT_DONE) {
        size_t n = 1;
        while (n < b->produced - b->written &&
               b->ring[(b->written + n) % b->nring].state == SLOT_DONE)
            n++;
        size_t first = b->written;
        pthread_mutex_unlock(&b->lock);
        for (size_t i = 0; i < n; i++) {
            slot *s = &b->ring[(first + i) % b->nring];
            if (s->err.len) {
                progress_erase(p);
                fwrite(s->err.data, 1, s->err.len, stderr);
            }
            art_out_put(o, s->line.data, s->line.len);
            if (s->failed)
                b->status = 1;
            if (!s->note) {
                p->done++;
                progress_draw(p, false);
            }
            shrink(&s->line);
            shrink(&s->input);
            shrink(&s->err);
        }
        pthread_mutex_lock(&b->lock);
        for (size_t i = 0; i < n; i++)
            b->ring[(first + i) % b->nring].state = SLOT_FREE;
        b->written += n;
        pthread_cond_signal(&b->space);
        if (o->error)
            stop_run(b);
    }
    b->writing = false;
}

/* The next input into a free slot, or NULL when there are no more or the run stops. */
static slot *next_input(batch *b) {
    pthread_mutex_lock(&b->source_lock);
    slot *s = NULL;
    if (!b->source_end) {
        pthread_mutex_lock(&b->lock);
        while (!b->stop && b->produced - b->written >= b->nring)
            pthread_cond_wait(&b->space, &b->lock);
        if (!b->stop)
            s = &b->ring[b->produced % b->nring];
        pthread_mutex_unlock(&b->lock);
    }
    if (s) {
        /* Free, and no one else's until `produced` passes it: filled without the lock. */
        s->note = s->is_stdin = s->failed = false;
        s->path.len = s->line.len = s->err.len = 0;
        s->path.failed = s->line.failed = s->err.failed = false;
        if (source_next(b, s) == 1) {
            pthread_mutex_lock(&b->lock);
            s->state = SLOT_BUSY;
            b->produced++;
            pthread_mutex_unlock(&b->lock);
        } else {
            s = NULL;
        }
    }
    if (!s)
        b->source_end = true;
    pthread_mutex_unlock(&b->source_lock);
    return s;
}

static void *worker_main(void *arg) {
    worker *w = arg;
    batch *b = w->b;
    slot *s;
    while ((s = next_input(b)) != NULL) {
        if (!s->note)
            run_slot(&w->opts, s);
        pthread_mutex_lock(&b->lock);
        s->state = SLOT_DONE;
        write_ready(b);
        pthread_mutex_unlock(&b->lock);
    }
    return NULL;
}

/* ---- the run ----------------------------------------------------------------------------- */

static size_t cpu_count(void) {
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (size_t)CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

static bool init_sync(batch *b) {
    if (pthread_mutex_init(&b->lock, NULL) != 0)
        return false;
    if (pthread_mutex_init(&b->source_lock, NULL) == 0) {
        if (pthread_cond_init(&b->space, NULL) == 0) {
            if (pipe(b->wake) == 0)
                return true;
            pthread_cond_destroy(&b->space);
        }
        pthread_mutex_destroy(&b->source_lock);
    }
    pthread_mutex_destroy(&b->lock);
    return false;
}

static void free_sync(batch *b) {
    close(b->wake[0]);
    close(b->wake[1]);
    pthread_cond_destroy(&b->space);
    pthread_mutex_destroy(&b->source_lock);
    pthread_mutex_destroy(&b->lock);
}

int art_batch_run(const art_batch *cfg) {
    batch b;
    memset(&b, 0, sizeof b);
    b.cfg = cfg;
    art_buf_init(&b.src.line, &b.mem);
    art_buf_init(&b.src.walkpath, &b.mem);

    size_t jobs = cfg->jobs ? cfg->jobs : cpu_count();
    if (jobs > ART_CLI_MAX_JOBS)
        jobs = ART_CLI_MAX_JOBS;
    bool known = true;
    for (size_t i = 0; i < cfg->nsrcs; i++)
        known &= cfg->srcs[i].kind == ART_SRC_FILE;
    if (known && jobs > cfg->nsrcs)
        jobs = cfg->nsrcs ? cfg->nsrcs : 1;

    progress *p = &b.prog;
    p->on = cfg->progress > 0 || (cfg->progress < 0 && isatty(STDERR_FILENO));
    p->total = known ? cfg->nsrcs : 0;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;

    b.nring = jobs * RING_PER_WORKER < RING_MAX ? jobs * RING_PER_WORKER : RING_MAX;
    b.ring = art_malloc(&b.mem, b.nring * sizeof *b.ring);
    worker *workers = art_malloc(&b.mem, jobs * sizeof *workers);
    b.src.chunk = art_malloc(&b.mem, LIST_CHUNK);
    if (!b.ring || !workers || !b.src.chunk || !init_sync(&b)) {
        art_free(&b.mem, b.ring);
        art_free(&b.mem, workers);
        art_free(&b.mem, b.src.chunk);
        fputs("article: out of memory\n", stderr);
        return 1;
    }
    for (size_t i = 0; i < b.nring; i++) {
        slot *s = &b.ring[i];
        memset(s, 0, sizeof *s);
        art_buf_init(&s->path, &b.mem);
        art_buf_init(&s->input, &b.mem);
        art_buf_init(&s->line, &b.mem);
        art_buf_init(&s->err, &b.mem);
    }
    size_t started = 0;
    for (; started < jobs; started++) {
        workers[started].b = &b;
        workers[started].opts = *cfg->opts;
        if (pthread_create(&workers[started].tid, NULL, worker_main, &workers[started]))
            break;
    }
    if (!started) {
        fputs("article: cannot start a thread\n", stderr);
        b.status = 1;
    }
    for (size_t i = 0; i < started; i++)
        pthread_join(workers[i].tid, NULL);
    if (p->on) {
        progress_draw(p, true);
        progress_erase(p);
    }
    int status = b.status;
    free_sync(&b);
    source_free(&b);
    for (size_t i = 0; i < b.nring; i++) {
        art_buf_free(&b.ring[i].path);
        art_buf_free(&b.ring[i].input);
        art_buf_free(&b.ring[i].line);
        art_buf_free(&b.ring[i].err);
    }
    art_free(&b.mem, b.ring);
    art_free(&b.mem, workers);
    return status;
}
