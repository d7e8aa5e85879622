/* Body: the Markdown after the front matter, parsed by cmark-gfm and flattened into blocks
 * with spans, plain text, segments mapping that text back to the input, quotes (quotes.c)
 * and the word count; and the body's HTML rendering. */
#include "body.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

/* Extensions attached to every parser, for the blocks and for the HTML alike. */
static const char *const art_extension_names[] = {"table", "strikethrough", "autolink",
                                                  "tasklist"};
#define ART_EXTENSION_COUNT (sizeof art_extension_names / sizeof art_extension_names[0])

/* cmark-gfm keeps whole blocks and the rendering in buffers; it aborts the process when one
 * would pass this size. */
#define ART_CMARK_MAX_BUF ((size_t)INT32_MAX / 2)

/* Searching for inline text whose source position cmark-gfm got wrong may cost this many
 * byte steps per byte of the block; past it, positions are estimated instead. */
#define ART_SEARCH_FACTOR 8
#define ART_SEARCH_BASE 256

/* ---- cmark-gfm set-up ------------------------------------------------------------------ */

static pthread_once_t art_cmark_once = PTHREAD_ONCE_INIT;

#ifdef ARTICLE_CMARK_SPECIALS_ONCE
/* Unpatched, cmark_parser_finish() (inline parsing) adds the inline extensions' special
 * characters (strikethrough's '~', autolink's ':' and 'w') to tables global to cmark-gfm
 * and clears them when done, so a parse finishing in one thread makes another miss
 * strikethrough and autolinks. The bundled cmark-gfm is patched not to touch them
 * (cmake/CmarkGfm.cmake); they are set here, once, for every parser to come. */
static void set_special_characters(void) {
    cmark_parser *p = cmark_parser_new_with_mem(0, cmark_get_default_mem_allocator());
    if (!p)
        return;
    for (size_t i = 0; i < ART_EXTENSION_COUNT; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(art_extension_names[i]);
        if (ext)
            cmark_parser_attach_syntax_extension(p, ext);
    }
    cmark_manage_extensions_special_characters(p, 1);
    cmark_parser_free(p);
}

static cmark_node *parser_finish(cmark_parser *p) {
    return cmark_parser_finish(p);
}
#else
static void set_special_characters(void) {
}

/* An unpatched cmark-gfm (see above): its inline parsing is serialized. */
static pthread_mutex_t art_cmark_inline_lock = PTHREAD_MUTEX_INITIALIZER;

static cmark_node *parser_finish(cmark_parser *p) {
    pthread_mutex_lock(&art_cmark_inline_lock);
    cmark_node *root = cmark_parser_finish(p);
    pthread_mutex_unlock(&art_cmark_inline_lock);
    return root;
}
#endif

/* Registration sets a global flag and list without a lock: run it exactly once. */
static void cmark_setup(void) {
    cmark_gfm_core_extensions_ensure_registered();
    set_special_characters();
}

void art_cmark_init(void) {
    pthread_once(&art_cmark_once, cmark_setup);
}

/* ---- cmark-gfm's memory for one parse -------------------------------------------------- */

/* cmark-gfm makes hundreds of small allocations per article (nodes, delimiters, short
 * buffers) and frees them one by one, which costs a fifth of the time with malloc. A parse
 * gets its own allocator instead: blocks up to ART_CMEM_SMALL bytes are cut from large
 * chunks by size class; a freed block goes on its class's list, for the next allocation of
 * that class or, split, of a smaller one (so what the parse frees is reused and the peak
 * stays near cmark-gfm's own). Larger blocks are malloc's. Each block starts with a header
 * naming its pool (NULL for malloc's), so free and realloc need no context; calloc, to
 * which cmark_mem passes none, takes the pool of the parse running in this thread. The
 * chunks go at once when the tree and the parser have been freed, and nothing of the tree
 * is used after that (the HTML is rendered from a parse of its own). Built with
 * ARTICLE_ARENA_DEBUG, every block is its own malloc, freed at once, for the sanitizers. */
#define ART_CMEM_ALIGN 16
#define ART_CMEM_SMALL 1024
#define ART_CMEM_CLASSES (ART_CMEM_SMALL / ART_CMEM_ALIGN) /* 64: a bit each in `nonempty` */
/* Chunks stay below malloc's usual mmap threshold: mapped ones would be unmapped when the
 * parse ends and every page faulted in again by the next one. */
#define ART_CMEM_CHUNK_FIRST ((size_t)32 << 10)
#define ART_CMEM_CHUNK_MAX ((size_t)64 << 10)

typedef struct art_cmem art_cmem;

typedef struct art_cmem_hdr {
    _Alignas(ART_CMEM_ALIGN) art_cmem *pool; /* NULL: a malloc block */
    size_t size;                             /* usable bytes (a pool block: its class's) */
} art_cmem_hdr;

typedef struct art_cmem_chunk {
    _Alignas(ART_CMEM_ALIGN) struct art_cmem_chunk *next;
} art_cmem_chunk;

struct art_cmem {
    cmark_mem mem;      /* what cmark-gfm is given */
    char *next, *end;   /* free space in the newest chunk */
    art_cmem_chunk *chunks;
    size_t chunk_size;  /* of the next chunk */
    uint64_t nonempty;  /* bit k: freed[k] holds a block */
    art_cmem_hdr *freed[ART_CMEM_CLASSES]; /* class k: k + 1 units; linked through their
                                              first word */
    art_cmem *outer;    /* the pool of an enclosing parse in this thread, restored after */
};

/* The pool of the parse running in this thread (cmark_mem's calloc gets no context). */
static _Thread_local art_cmem *art_cmem_current;

/* cmark-gfm's allocator must never return NULL: it has no path to recover. Out of memory,
 * this does what its default allocator does, print its message and abort; only our own
 * allocations fail with ARTICLE_ERR_NOMEM. */
static _Noreturn void cmem_abort(const char *what) {
    fprintf(stderr, "[cmark] %s returned null pointer, aborting\n", what);
    abort();
}

static void *cmem_big(size_t size, bool zero) {
    if (size > SIZE_MAX - sizeof(art_cmem_hdr))
        cmem_abort(zero ? "calloc" : "realloc");
    art_cmem_hdr *h = zero ? calloc(1, sizeof *h + size) : malloc(sizeof *h + size);
    if (!h)
        cmem_abort(zero ? "calloc" : "realloc");
    h->pool = NULL;
    h->size = size;
    return h + 1;
}

static void cmem_push(art_cmem *pool, art_cmem_hdr *h) {
#ifdef ARTICLE_ARENA_DEBUG
    (void)pool;
    free(h); /* sanitizers and valgrind see each block's end and its lifetime */
    return;
#endif
    size_t k = h->size / ART_CMEM_ALIGN - 1;
    *(art_cmem_hdr **)(void *)(h + 1) = pool->freed[k];
    pool->freed[k] = h;
    pool->nonempty |= (uint64_t)1 << k;
}

static art_cmem_hdr *cmem_pop(art_cmem *pool, size_t k) {
    art_cmem_hdr *h = pool->freed[k];
    pool->freed[k] = *(art_cmem_hdr **)(void *)(h + 1); /* the link in its first word */
    if (!pool->freed[k])
        pool->nonempty &= ~((uint64_t)1 << k);
    return h;
}

/* A block of 1 to ART_CMEM_SMALL bytes from the pool: a freed one of its class, else a
 * larger freed one split (remnants of the parse's short-lived buffers would otherwise pile
 * up), else a fresh one. */
static void *cmem_small(art_cmem *pool, size_t size) {
    size_t k = (size - 1) / ART_CMEM_ALIGN, bytes = (k + 1) * ART_CMEM_ALIGN;
#ifdef ARTICLE_ARENA_DEBUG
    art_cmem_hdr *own = malloc(sizeof *own + bytes);
    if (!own)
        cmem_abort("calloc");
    own->pool = pool;
    own->size = bytes;
    return own + 1;
#endif
    if (pool->freed[k])
        return cmem_pop(pool, k) + 1;
    uint64_t larger = pool->nonempty & ~(((uint64_t)2 << k) - 1);
    art_cmem_hdr *h;
    if (larger) {
        h = cmem_pop(pool, (size_t)__builtin_ctzll(larger));
        if (h->size - bytes >= sizeof *h + ART_CMEM_ALIGN) {
            art_cmem_hdr *rest = (art_cmem_hdr *)(void *)((char *)(h + 1) + bytes);
            rest->pool = pool;
            rest->size = h->size - bytes - sizeof *h;
            cmem_push(pool, rest);
            h->size = bytes;
        }
        return h + 1;
    }
    size_t need = sizeof *h + bytes;
    if ((size_t)(pool->end - pool->next) < need) {
        art_cmem_chunk *chunk = malloc(pool->chunk_size);
        if (!chunk)
            cmem_abort("calloc");
        chunk->next = pool->chunks;
        pool->chunks = chunk;
        pool->next = (char *)(chunk + 1);
        pool->end = (char *)chunk + pool->chunk_size;
        if (pool->chunk_size < ART_CMEM_CHUNK_MAX)
            pool->chunk_size *= 2;
    }
    h = (art_cmem_hdr *)(void *)pool->next; /* sizes are multiples of the alignment */
    pool->next += need;
    h->pool = pool;
    h->size = bytes;
    return h + 1;
}

static void cmem_free(void *p) {
    if (!p)
        return;
    art_cmem_hdr *h = (art_cmem_hdr *)p - 1;
    if (h->pool)
        cmem_push(h->pool, h);
    else
        free(h);
}

static void *cmem_calloc(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size)
        cmem_abort("calloc");
    size_t total = n * size;
    art_cmem *pool = art_cmem_current;
    if (!pool || total > ART_CMEM_SMALL)
        return cmem_big(total, true);
    void *p = cmem_small(pool, total ? total : 1);
    memset(p, 0, total);
    return p;
}

static void *cmem_realloc(void *p, size_t size) {
    if (!p) {
        art_cmem *pool = art_cmem_current;
        return pool && size <= ART_CMEM_SMALL ? cmem_small(pool, size ? size : 1)
                                              : cmem_big(size, false);
    }
    art_cmem_hdr *h = (art_cmem_hdr *)p - 1;
    if (!h->pool) {
        if (size > SIZE_MAX - sizeof *h)
            cmem_abort("realloc");
        h = realloc(h, sizeof *h + size);
        if (!h)
            cmem_abort("realloc");
        h->size = size;
        return h + 1;
    }
    if (size <= h->size)
        return p;
    void *q = size <= ART_CMEM_SMALL ? cmem_small(h->pool, size) : cmem_big(size, false);
    memcpy(q, p, h->size);
    cmem_push(h->pool, h);
    return q;
}

/* Make `pool` this thread's current one, until cmem_close(). */
static void cmem_open(art_cmem *pool) {
    memset(pool, 0, sizeof *pool);
    pool->mem.calloc = cmem_calloc;
    pool->mem.realloc = cmem_realloc;
    pool->mem.free = cmem_free;
    pool->chunk_size = ART_CMEM_CHUNK_FIRST;
    pool->outer = art_cmem_current;
    art_cmem_current = pool;
}

/* Release the pool's chunks, once cmark-gfm has freed everything it allocated from it. */
static void cmem_close(art_cmem *pool) {
    art_cmem_current = pool->outer;
    for (art_cmem_chunk *chunk = pool->chunks; chunk;) {
        art_cmem_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
}

/* Cells of the table whose delimiter row s[0..n) would be (":--|-:" and the like, after
 * container prefixes), or 0 when it is not one. */
static size_t delimiter_cells(const char *s, size_t n) {
    size_t i = 0, k = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
        i++;
    if (i < n && s[i] == '|')
        i++;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i < n && s[i] == ':')
            i++;
        if (i >= n || s[i] != '-')
            return 0;
        while (i < n && s[i] == '-')
            i++;
        if (i < n && s[i] == ':')
            i++;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        k++;
        if (i < n && s[i] == '|') {
            i++;
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
        }
        if (i >= n)
            return k;
    }
}

/* Whether the table extension may be used on this body. cmark-gfm gives every row of a
 * table as many cells as its delimiter row has, inventing the missing ones (up to half a
 * million per table): a few kilobytes of rows like "x" under a wide delimiter row make
 * millions of nodes, and a large input enough of them to exhaust memory (cmark-gfm then
 * aborts). An upper bound of the cells, each line of a run of non-blank lines counting as
 * a row of the widest delimiter row seen in the run, must stay within one cell per input
 * byte (plus a margin); beyond that the tables are read as the paragraphs they otherwise
 * are. Ordinary tables, with a '|' per cell, are far from it. Returns the offset of the
 * line where the bound is passed, or SIZE_MAX when tables may be used. */
static size_t tables_refused_at(const article *a, size_t line0) {
    const char *s = a->source;
    size_t body = a->body_start < a->source_len ? a->source_len - a->body_start : 0;
    size_t cap = body + ((size_t)1 << 16), cells = 0, widest = 0;
    for (size_t idx = line0; idx < a->line_count; idx++) {
        size_t b = a->lines[idx] > a->body_start ? a->lines[idx] : a->body_start;
        size_t e = idx + 1 < a->line_count ? a->lines[idx + 1] : a->source_len;
        while (e > b && (s[e - 1] == '\n' || s[e - 1] == '\r'))
            e--;
        size_t i = b;
        while (i < e && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == e) {
            widest = 0;
            continue;
        }
        size_t k = (s[i] == '|' || s[i] == '-' || s[i] == ':' || s[i] == '>')
                       ? delimiter_cells(s + i, e - i)
                       : 0;
        if (k > widest) {
            cells += k; /* its header row */
            widest = k;
        }
        cells += widest;
        if (cells > cap)
            return b;
    }
    return SIZE_MAX;
}

/* A parser with the allocator `mem` (never cmark's arena, which is global) and the
 * extensions (but the table one when `tables` is false); NULL when one is missing. */
static cmark_parser *parser_new(int options, bool tables, cmark_mem *mem) {
    art_cmark_init();
    cmark_parser *p = cmark_parser_new_with_mem(options, mem);
    if (!p)
        return NULL;
    for (size_t i = 0; i < ART_EXTENSION_COUNT; i++) {
        if (!tables && strcmp(art_extension_names[i], "table") == 0)
            continue;
        cmark_syntax_extension *ext = cmark_find_syntax_extension(art_extension_names[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(p, ext)) {
            cmark_parser_free(p);
            return NULL;
        }
    }
    return p;
}

/* ---- the walk's state ------------------------------------------------------------------ */

typedef struct walk {
    art_ctx *c;
    article *a;
    const char *src;
    size_t src_len;
    size_t body_start;
    size_t line0; /* index in a->lines of the line holding body_start (cmark's line 1) */
    art_quotes *quotes; /* NULL with ARTICLE_OPT_NO_QUOTES */
    art_body_probe_fn probe;
    void *probe_ctx;
    cmark_syntax_extension *ext_table, *ext_task;

    size_t open;        /* innermost open block, ARTICLE_NO_INDEX at top level */
    size_t block_depth; /* blocks open */
    size_t level;       /* non-leaf nodes open below the document */

    /* the table being walked */
    const uint8_t *aligns;
    size_t ncols, col;
    int header_line; /* cmark line of its header row when recomputed (see split_table) */
    size_t cell_pos; /* where the next header cell is looked for on that line */

    /* the prose block being assembled: text, segments, and where its source is */
    size_t prose; /* block index, ARTICLE_NO_INDEX when not in one */
    art_buf text;
    art_seg *segs;
    size_t nsegs, seg_cap;
    size_t lo, hi;     /* the block's span */
    size_t cursor;     /* source consumed so far; segments never go back before it */
    size_t budget;     /* search steps left */
    int delta_line;    /* cmark line the correction below applies to (0: none) */
    ptrdiff_t delta;   /* actual minus reported offset of the last node found there */

    size_t trim_from, trim_to; /* trim_end()'s last answer */
} walk;

/* ---- positions ------------------------------------------------------------------------- */

/* Index in a->lines of cmark's (1-based, body-relative) line, clamped to the input. */
static size_t line_index(const walk *w, int line) {
    size_t idx = w->line0 + (line > 1 ? (size_t)line - 1 : 0);
    return idx < w->a->line_count ? idx : w->a->line_count - 1;
}

static size_t line_begin(const walk *w, int line) {
    if (line <= 1)
        return w->body_start;
    size_t idx = w->line0 + (size_t)line - 1;
    return idx < w->a->line_count ? w->a->lines[idx] : w->src_len;
}

/* End of a line's content, before its line ending. */
static size_t line_content_end(const walk *w, size_t idx) {
    const article *a = w->a;
    if (idx + 1 >= a->line_count)
        return w->src_len;
    size_t e = a->lines[idx + 1] - 1;
    if (w->src[e] == '\n' && e > a->lines[idx] && w->src[e - 1] == '\r')
        e--;
    return e;
}

/* Byte offset of a (line, column) start position; columns are 1-based bytes. */
static size_t pos_start(const walk *w, int line, int col) {
    if (line < 1)
        return w->body_start;
    size_t base = line_begin(w, line);
    size_t lim = line_content_end(w, line_index(w, line));
    size_t off = base + (col > 1 ? (size_t)col - 1 : 0);
    if (lim < base)
        lim = base;
    return off < lim ? off : lim;
}

/* Exclusive byte offset of an inclusive (line, column) end position. Column 0 means the
 * block ended on an earlier line (cmark-gfm reports blank lines that way). */
static size_t pos_end(const walk *w, int line, int col) {
    if (line < 1)
        return w->body_start;
    size_t base = line_begin(w, line);
    if (col < 1)
        return base;
    size_t lim = line_content_end(w, line_index(w, line));
    size_t off = base + (size_t)col;
    return off < lim ? off : (lim > base ? lim : base);
}

static bool is_hspace(char ch) {
    return ch == ' ' || ch == '\t';
}

static bool is_eol(char ch) {
    return ch == '\n' || ch == '\r';
}

/* Drop trailing line endings and blank lines (lists, items, indented code and unclosed
 * fences end at the blank line after them); spaces ending the last line stay. Nested
 * lists share their end, so the last answer is kept: blank lines are scanned once. */
static size_t trim_end(walk *w, size_t start, size_t end) {
    const char *s = w->src;
    if (end == w->trim_from && w->trim_to >= start)
        return w->trim_to;
    w->trim_from = end;
    for (;;) {
        size_t e = end;
        while (e > start && is_hspace(s[e - 1]))
            e--;
        if (e == start || !is_eol(s[e - 1]))
            return w->trim_to = end;
        e--;
        if (s[e] == '\n' && e > start && s[e - 1] == '\r')
            e--;
        end = e;
    }
}

/* A setext underline: only '=' or only '-' after what may be container prefixes. */
static bool is_underline(const walk *w, size_t idx) {
    const char *s = w->src;
    size_t b = w->a->lines[idx] > w->body_start ? w->a->lines[idx] : w->body_start;
    size_t e = line_content_end(w, idx);
    while (e > b && is_hspace(s[e - 1]))
        e--;
    if (e == b || (s[e - 1] != '=' && s[e - 1] != '-'))
        return false;
    char ch = s[e - 1];
    while (e > b && s[e - 1] == ch)
        e--;
    while (e > b && (is_hspace(s[e - 1]) || s[e - 1] == '>'))
        e--;
    return e == b;
}

static bool is_fenced(cmark_node *node) {
    int length, offset;
    char ch;
    return cmark_node_get_fenced(node, &length, &offset, &ch) != 0;
}

/* The block's span, with cmark-gfm's known slips corrected. */
static void block_span(walk *w, cmark_node *node, size_t *startp, size_t *endp) {
    int sl = cmark_node_get_start_line(node), sc = cmark_node_get_start_column(node);
    int el = cmark_node_get_end_line(node), ec = cmark_node_get_end_column(node);
    const char *s = w->src;
    cmark_node_type type = cmark_node_get_type(node);
    size_t start = pos_start(w, sl, sc);
    size_t end = el < sl ? start : pos_end(w, el, ec);

    if (type == CMARK_NODE_HEADING && sl >= 1) {
        if (el == sl) {
            /* ATX: cmark-gfm ends it before a closing sequence of '#'. */
            end = line_content_end(w, line_index(w, sl));
        } else {
            /* Setext: closed by the next line, which cmark-gfm counts in; the underline is
             * the first underline-looking line after the first (content lines cannot be). */
            size_t last = line_index(w, el);
            for (size_t idx = line_index(w, sl) + 1; idx <= last; idx++) {
                if (is_underline(w, idx)) {
                    end = line_content_end(w, idx);
                    break;
                }
            }
        }
    } else if (type == CMARK_NODE_CODE_BLOCK && !is_fenced(node)) {
        /* Indented code starts after its indentation: take the indentation in. */
        size_t ls = w->a->lines[line_index(w, sl)];
        size_t cols = 0;
        while (start > ls && start > w->body_start && cols < 4 && is_hspace(s[start - 1])) {
            start--;
            cols = s[start] == '\t' ? 4 : cols + 1;
        }
    } else if (type == CMARK_NODE_HTML_BLOCK && sl >= 1) {
        /* A block closed by an end condition (comments, <pre>, <?...?>) is reported to end
         * on the line before: its literal tells how many lines it has. */
        const char *lit = cmark_node_get_literal(node);
        int lines = 0;
        for (const char *p = lit ? lit : ""; *p; p++)
            lines += *p == '\n' || (*p == '\r' && p[1] != '\n');
        size_t n = lit ? strlen(lit) : 0;
        if (n && lit[n - 1] != '\n' && lit[n - 1] != '\r')
            lines++;
        if (lines > 0)
            end = line_content_end(w, line_index(w, sl + lines - 1));
    } else if (type == CMARK_NODE_FOOTNOTE_DEFINITION) {
        /* It starts at its content, after "[^label]:" and spaces: take the label in. */
        const char *label = cmark_node_get_literal(node);
        size_t llen = label ? strlen(label) : 0;
        size_t ls = w->a->lines[line_index(w, sl)];
        if (ls < w->body_start)
            ls = w->body_start;
        size_t p = start;
        while (p > ls && is_hspace(s[p - 1]))
            p--;
        if (p >= ls + llen + 4 && s[p - 1] == ':' && s[p - 2] == ']' &&
            memcmp(s + p - 2 - llen, label ? label : "", llen) == 0 &&
            s[p - 3 - llen] == '^' && s[p - 4 - llen] == '[')
            start = p - 4 - llen;
    }
    if (end > w->src_len)
        end = w->src_len;
    if (end < start)
        end = start;
    *startp = start;
    *endp = trim_end(w, start, end);
}

/* Where a node is, for an error: inline breaks have no position, so ask a parent. */
static size_t node_offset(const walk *w, cmark_node *node) {
    while (node && cmark_node_get_start_line(node) < 1)
        node = cmark_node_parent(node);
    if (!node)
        return w->body_start;
    return pos_start(w, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
}

/* ---- segments -------------------------------------------------------------------------- */

static bool seg_add(walk *w, size_t text_off, size_t src_off, size_t src_end, bool exact,
                    bool code) {
    if (w->nsegs) {
        art_seg *last = &w->segs[w->nsegs - 1];
        if (exact && last->exact && last->code == code && last->src_end == src_off) {
            last->src_end = src_end;
            return true;
        }
    }
    if (!art_grow(&w->a->mem, (void **)&w->segs, &w->seg_cap, w->nsegs + 1, sizeof *w->segs)) {
        art_nomem(w->c);
        return false;
    }
    art_seg *sg = &w->segs[w->nsegs++];
    sg->text_off = text_off;
    sg->src_off = src_off;
    sg->src_end = src_end;
    sg->exact = exact;
    sg->code = code;
    return true;
}

/* Empty text has no segments and maps to 0. */
size_t art_seg_map(const art_seg *segs, size_t nsegs, size_t text_len, size_t off) {
    if (!segs || nsegs == 0)
        return 0;
    if (off > text_len)
        off = text_len;
    if (off <= segs[0].text_off)
        return segs[0].src_off;
    /* The last segment starting before off: an offset where one segment ends and the
     * next begins belongs to the one that ends (it is the end of its text). */
    size_t lo = 0, hi = nsegs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (segs[mid].text_off < off)
            lo = mid;
        else
            hi = mid;
    }
    const art_seg *sg = &segs[lo];
    size_t seg_end = lo + 1 < nsegs ? segs[lo + 1].text_off : text_len;
    size_t rel = off - sg->text_off;
    if (sg->exact || off >= seg_end) {
        size_t r = sg->src_off + rel;
        return off >= seg_end || r > sg->src_end ? sg->src_end : r;
    }
    /* Inside decoded text: byte for byte, but kept inside its source. */
    size_t span = sg->src_end - sg->src_off;
    return span ? sg->src_off + (rel < span ? rel : span - 1) : sg->src_off;
}

/* ---- aligning inline text with its source ---------------------------------------------- */

static bool is_ascii_punct(unsigned char ch) {
    return (ch >= 0x21 && ch <= 0x2F) || (ch >= 0x3A && ch <= 0x40) ||
           (ch >= 0x5B && ch <= 0x60) || (ch >= 0x7B && ch <= 0x7E);
}

static bool is_alnum(unsigned char ch) {
    return (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

static size_t utf8_len(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

static size_t utf8_put(uint32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of an entity reference at s[0..n) ("&name;", "&#123;", "&#x1F;"), or 0.
 * Numeric ones are decoded into *cp as cmark-gfm does; named ones set *cp to
 * UINT32_MAX (their decoding is cmark-gfm's table, which is not public). */
static size_t entity_at(const char *s, size_t n, uint32_t *cp) {
    size_t i = 1;
    if (n < 3)
        return 0;
    if (s[1] == '#') {
        bool hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
        uint32_t v = 0;
        size_t d0 = i = hex ? 3 : 2;
        for (; i < n && i - d0 < 9; i++) {
            unsigned char ch = (unsigned char)s[i];
            uint32_t dv;
            if (ch >= '0' && ch <= '9')
                dv = ch - '0';
            else if (hex && (ch | 32) >= 'a' && (ch | 32) <= 'f')
                dv = (ch | 32) - 'a' + 10;
            else
                break;
            v = v * (hex ? 16 : 10) + dv;
            if (v >= 0x110000)
                v = 0x110000;
        }
        if (i == d0 || i - d0 > 8 || i >= n || s[i] != ';')
            return 0;
        if (v == 0 || (v >= 0xD800 && v < 0xE000) || v >= 0x110000)
            v = 0xFFFD;
        *cp = v;
        return i + 1;
    }
    if (!(((unsigned char)s[1] | 32) >= 'a' && ((unsigned char)s[1] | 32) <= 'z'))
        return 0;
    for (i = 2; i < n && i < 40 && is_alnum((unsigned char)s[i]); i++)
        ;
    if (i >= n || s[i] != ';')
        return 0;
    *cp = UINT32_MAX;
    return i + 1;
}

/* Source bytes of a line ending at s[0..n) plus the container prefix and indentation of
 * the line after it (inside code spans a line ending becomes one space). */
static size_t eol_run(const char *s, size_t n) {
    size_t i = (s[0] == '\r' && n > 1 && s[1] == '\n') ? 2 : 1;
    while (i < n && (is_hspace(s[i]) || s[i] == '>'))
        i++;
    return i;
}

/* Match text[off, off+n) with the source from q: verbatim runs become exact segments;
 * backslash escapes and entity references (decoded by cmark-gfm) non-exact ones. On
 * success stores where the match ends; on failure leaves the segments as they were.
 * Trials at a searched position are paid for from the block's budget, and fail once it is
 * spent; trials at the position cmark-gfm gives cost O(n) at most twice a node. */
static bool align(walk *w, size_t off, size_t n, size_t q, bool code, bool searched,
                  size_t *endp) {
    const char *lit = w->text.data + off;
    const char *s = w->src;
    size_t lim = w->hi;
    if (q > lim)
        return false;
    if (searched) {
        if (w->budget < n)
            return false;
        w->budget -= n;
    }
    /* Most text is verbatim. */
    if (n <= lim - q && memcmp(s + q, lit, n) == 0) {
        if (!seg_add(w, off, q, q + n, true, code))
            return false;
        *endp = q + n;
        return true;
    }
    size_t saved_n = w->nsegs;
    art_seg saved_last = saved_n ? w->segs[saved_n - 1] : (art_seg){0};
    size_t li = 0, si = q;
    size_t run_li = 0, run_si = q; /* pending verbatim run */
    while (li < n) {
        if (si >= lim || (searched && w->budget == 0))
            goto fail;
        if (searched)
            w->budget--;
        unsigned char ch = (unsigned char)s[si];
        size_t take_src = 0, take_lit = 0;
        if (!code && ch == '\\' && si + 1 < lim && s[si + 1] == lit[li] &&
            is_ascii_punct((unsigned char)s[si + 1])) {
            take_src = 2;
            take_lit = 1;
        } else if (!code && ch == '&') {
            uint32_t cp;
            size_t el = entity_at(s + si, lim - si, &cp);
            if (el && !(el <= n - li && memcmp(s + si, lit + li, el) == 0)) {
                if (cp != UINT32_MAX) {
                    char buf[4];
                    size_t bl = utf8_put(cp, buf);
                    if (bl <= n - li && memcmp(buf, lit + li, bl) == 0)
                        take_lit = bl;
                } else {
                    /* A named entity gives one or two code points: take the reading after
                     * which the text goes on as the source does. */
                    size_t l1 = utf8_len((unsigned char)lit[li]);
                    size_t l2 = l1 < n - li ? l1 + utf8_len((unsigned char)lit[li + l1]) : 0;
                    size_t cand[2] = {l1, l2};
                    for (int k = 0; k < 2 && !take_lit; k++) {
                        size_t l = cand[k];
                        if (l == 0 || l > n - li)
                            continue;
                        size_t ns = si + el;
                        if (li + l == n ||
                            (ns < lim && (s[ns] == lit[li + l] || s[ns] == '&' ||
                                          s[ns] == '\\')))
                            take_lit = l;
                    }
                }
                if (take_lit)
                    take_src = el;
            }
        }
        if (!take_src) {
            if (ch == (unsigned char)lit[li]) {
                li++;
                si++;
                continue;
            }
            if (code && lit[li] == ' ' && is_eol((char)ch)) {
                take_src = eol_run(s + si, lim - si);
                take_lit = 1;
            } else {
                goto fail;
            }
        }
        if (li > run_li && !seg_add(w, off + run_li, run_si, si, true, code))
            goto fail;
        if (!seg_add(w, off + li, si, si + take_src, false, code))
            goto fail;
        li += take_lit;
        si += take_src;
        run_li = li;
        run_si = si;
    }
    if (li > run_li && !seg_add(w, off + run_li, run_si, si, true, code))
        goto fail;
    *endp = si;
    return true;
fail:
    w->nsegs = saved_n;
    if (saved_n)
        w->segs[saved_n - 1] = saved_last;
    return false;
}

/* Place text[off, off+n), which the node produced, in the source. cmark-gfm's inline
 * positions are right on a paragraph's first line but not on continuation lines inside
 * containers or lazy ones, nor for some autolinks; so they are checked, corrected by
 * what the line's previous node needed, or searched for from the cursor. */
static bool place(walk *w, cmark_node *node, size_t off, size_t n, bool code) {
    if (n == 0)
        return true;
    int sl = cmark_node_get_start_line(node), sc = cmark_node_get_start_column(node);
    int el = cmark_node_get_end_line(node), ec = cmark_node_get_end_column(node);
    size_t p0 = pos_start(w, sl, sc);
    size_t q, end;
    if (sl >= 1 && sl == w->delta_line && w->delta != 0) {
        q = p0 + (size_t)w->delta;
        if (q >= w->cursor && q <= w->hi && align(w, off, n, q, code, false, &end))
            goto found;
        if (w->c->status != ARTICLE_OK)
            return false;
    }
    q = p0;
    if (q >= w->cursor && align(w, off, n, q, code, false, &end))
        goto found;
    if (w->c->status != ARTICLE_OK)
        return false;
    size_t lim = sl >= 1 ? line_content_end(w, line_index(w, sl)) : w->hi;
    /* A reported line behind what is already placed is wrong (the paragraph cmark-gfm
     * inserts above a table has no position), and so may be the line of a block's first
     * text (a paragraph keeps the position of the link reference definitions cmark-gfm
     * took out of it): search the rest of the block. */
    if (lim > w->hi || lim <= w->cursor || w->cursor == w->lo)
        lim = w->hi;
    char first = w->text.data[off];
    for (q = w->cursor; q < lim && w->budget; q++) {
        char ch = w->src[q];
        w->budget--;
        if ((ch == first || (!code && (ch == '\\' || ch == '&'))) &&
            align(w, off, n, q, code, true, &end))
            goto found;
        if (w->c->status != ARTICLE_OK)
            return false;
    }
    /* Not found: an estimate, never behind what is already placed. */
    q = p0 > w->cursor ? p0 : w->cursor;
    if (q > w->hi)
        q = w->hi;
    size_t width = (sl >= 1 && el == sl && ec >= sc) ? (size_t)(ec - sc) + 1 : n;
    end = width < w->hi - q ? q + width : w->hi;
    w->cursor = end;
    return seg_add(w, off, q, end, false, code);
found:
    w->cursor = end;
    if (sl >= 1) {
        w->delta_line = sl;
        w->delta = (ptrdiff_t)q - (ptrdiff_t)p0;
    }
    return true;
}

/* A soft or hard break (one text byte at off): its source is the next line ending, with
 * the spaces or backslash before it. */
static bool place_break(walk *w, size_t off) {
    const char *s = w->src;
    size_t e = w->cursor;
    while (e < w->hi && !is_eol(s[e]))
        e++;
    size_t q = e;
    while (q > w->cursor && is_hspace(s[q - 1]))
        q--;
    if (q > w->cursor && s[q - 1] == '\\')
        q--;
    if (e < w->hi)
        e += (s[e] == '\r' && e + 1 < w->hi && s[e + 1] == '\n') ? 2 : 1;
    w->cursor = e;
    return seg_add(w, off, q, e, false, false);
}

/* A footnote reference reads "[^label]" as written; cmark-gfm has replaced its literal
 * with the footnote's number, so the label comes from the source, or else from the
 * definition it refers to. */
static bool place_footnote_ref(walk *w, cmark_node *node) {
    art_buf *tb = &w->text;
    size_t off = tb->len;
    int sl = cmark_node_get_start_line(node), sc = cmark_node_get_start_column(node);
    int ec = cmark_node_get_end_column(node);
    if (sl >= 1 && sl == cmark_node_get_end_line(node) && ec - sc >= 3) {
        size_t width = (size_t)(ec - sc) + 1;
        size_t p0 = pos_start(w, sl, sc);
        size_t cand[2] = {p0 + (sl == w->delta_line ? (size_t)w->delta : 0), p0};
        for (int k = 0; k < 2; k++) {
            size_t q = cand[k];
            const char *s = w->src + q;
            if (q < w->cursor || q > w->hi || width > w->hi - q || s[0] != '[' || s[1] != '^' ||
                s[width - 1] != ']' || memchr(s, '\n', width) || memchr(s, '\r', width))
                continue;
            if (!art_buf_put(tb, s, width))
                return art_nomem(w->c), false;
            w->cursor = q + width;
            return seg_add(w, off, q, q + width, true, false);
        }
    }
    cmark_node *def = cmark_node_parent_footnote_def(node);
    const char *label = def ? cmark_node_get_literal(def) : cmark_node_get_literal(node);
    size_t n = label ? strlen(label) : 0;
    if (!art_buf_put(tb, "[^", 2) || !art_buf_put(tb, label, n) || !art_buf_putc(tb, ']'))
        return art_nomem(w->c), false;
    return place(w, node, off, n + 3, false);
}

/* Inline HTML adds no text; stepping over it keeps searches out of it. */
static void skip_html(walk *w, cmark_node *node) {
    const char *lit = cmark_node_get_literal(node);
    if (!lit)
        return;
    size_t n = strlen(lit);
    int sl = cmark_node_get_start_line(node);
    size_t q = pos_start(w, sl, cmark_node_get_start_column(node));
    if (sl == w->delta_line)
        q += (size_t)w->delta;
    if (q >= w->cursor && q <= w->hi && n <= w->hi - q && memcmp(w->src + q, lit, n) == 0)
        w->cursor = q + n;
}

/* ---- words ----------------------------------------------------------------------------- */

/* Non-ASCII code points that are neither letters nor digits (punctuation, symbols, marks,
 * emoji), as ranges. The rest of Unicode counts as letters. */
static const uint32_t art_nonword[][2] = {
    {0x80, 0xA9},       {0xAB, 0xB1},       {0xB4, 0xB4},       {0xB6, 0xB8},
    {0xBB, 0xBB},       {0xBF, 0xBF},       {0xD7, 0xD7},       {0xF7, 0xF7},
    {0x300, 0x36F},     {0x2000, 0x206F},   {0x20A0, 0x20FF},   {0x2190, 0x245F},
    {0x2500, 0x27FF},   {0x2900, 0x2BFF},   {0x2E00, 0x2E7F},   {0x3000, 0x3004},
    {0x3008, 0x3020},   {0x302A, 0x3030},   {0x3036, 0x3037},   {0x303D, 0x303F},
    {0xE000, 0xF8FF},   {0xFE00, 0xFE6F},   {0xFF01, 0xFF0F},   {0xFF1A, 0xFF20},
    {0xFF3B, 0xFF40},   {0xFF5B, 0xFF65},   {0xFFF0, 0xFFFF},   {0x1F000, 0x1FBFF},
    {0xE0000, 0xE0FFF},
};

static bool is_word_cp(uint32_t cp) {
    size_t lo = 0, hi = sizeof art_nonword / sizeof art_nonword[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < art_nonword[mid][0])
            hi = mid;
        else if (cp > art_nonword[mid][1])
            lo = mid + 1;
        else
            return false;
    }
    return true;
}

/* Word counting is a two-state machine over bytes: `counted` is set once the current run
 * of non-spaces has had a letter or digit, which makes it a word. Byte classes: bit 0 an
 * ASCII letter or digit, bit 1 not an ASCII space (9-13, 32), bit 2 not ASCII (the slow
 * path decides). The state depends on no memory load and takes no branch, so bytes go
 * through at a few cycles each. */
#define W_ALNUM 1
#define W_KEEP 2
#define W_SLOW 4
static const uint8_t art_wclass[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2,
    2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2,
    2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Length of the Unicode space at s[i] (U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000), or
 * 0 for any other character. */
static size_t uspace_len(const unsigned char *s, size_t i, size_t len) {
    unsigned char c = s[i];
    if (c == 0xC2)
        return i + 1 < len && s[i + 1] == 0xA0 ? 2 : 0;
    if (c == 0xE2 && len - i > 2)
        return (s[i + 1] == 0x80 && (s[i + 2] <= 0x8A || s[i + 2] == 0xAF)) ||
                       (s[i + 1] == 0x81 && s[i + 2] == 0x9F)
                   ? 3
                   : 0;
    if (c == 0xE3 && len - i > 2)
        return s[i + 1] == 0x80 && s[i + 2] == 0x80 ? 3 : 0;
    return 0;
}

/* The code point at s[i], a lead byte; *n gets its length. */
static uint32_t utf8_at(const unsigned char *s, size_t i, size_t len, size_t *n) {
    size_t k = utf8_len(s[i]);
    if (k > len - i)
        k = len - i;
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = s[i] & lead_mask[k];
    for (size_t j = 1; j < k; j++)
        cp = (cp << 6) | (s[i + j] & 0x3F);
    *n = k;
    return cp;
}

/* One ASCII byte of class c. */
static inline void word_step(unsigned c, unsigned *counted, size_t *words) {
    unsigned alnum = c & W_ALNUM;
    *words += alnum & ~*counted;
    *counted = (*counted | alnum) & ((c & W_KEEP) >> 1);
}

/* Per byte of x (7-bit bytes only), its high bit set when lo <= byte <= hi. No sum carries
 * into the next byte. */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi) {
    const uint64_t ones = UINT64_C(0x0101010101010101);
    return (x + ones * (0x80 - lo)) & ~(x + ones * (0x7F - hi)) & (ones * 0x80);
}

/* The high bits of the 8 bytes of v as an 8-bit mask, byte k at bit k. */
static inline unsigned byte_mask(uint64_t v) {
    return (unsigned)((v * UINT64_C(0x0002040810204081)) >> 56);
}

/* Words beginning in 8 ASCII bytes, and the state after them. Bit k of A is byte k being
 * a letter or digit, of K its not being a space. With the state as bit 0 and the bytes as
 * bits 1-8, X(p) = some A(q), q <= p, with K all set over q+1..p: a letter or digit seen in
 * p's run, found by a segmented prefix scan; a word begins at each A(p) without X(p - 1). */
static inline size_t words8(uint64_t x, unsigned *counted) {
    const uint64_t ones = UINT64_C(0x0101010101010101);
    uint64_t lower = x | ones * 0x20;
    unsigned a = byte_mask(bytes_in(x, '0', '9') | bytes_in(lower, 'a', 'z'));
    unsigned k = (~byte_mask(bytes_in(x, 0x09, 0x0D) | bytes_in(x, ' ', ' '))) & 0xFF;
    unsigned A = a << 1 | *counted, P = k << 1 | 1, X = A;
    X |= (X << 1) & P;
    P &= P << 1;
    X |= (X << 2) & P;
    P &= P << 2;
    X |= (X << 4) & P;
    P &= P << 4;
    X |= (X << 8) & P;
    uint32_t starts = (A & ~(X << 1)) >> 1 & 0xFF;
    *counted = (X >> 8) & 1;
    /* Bits set in 8 bits: each bit lands in its own nibble, then a multiply sums them. */
    return (((starts * UINT32_C(0x08040201)) >> 3 & UINT32_C(0x11111111)) *
            UINT32_C(0x11111111)) >> 28;
}

size_t art_count_words(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str;
    size_t words = 0, i = 0;
    unsigned counted = 0;
    while (i < len) {
        /* Eight ASCII bytes at a time; in a group with other bytes, the ASCII ones before
         * the first of those one by one, without looking at the group again. */
        if (len - i >= 8) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (!(x & UINT64_C(0x8080808080808080))) {
                words += words8(x, &counted);
                i += 8;
                continue;
            }
            for (; s[i] < 0x80; i++)
                word_step(art_wclass[s[i]], &counted, &words);
        }
        unsigned c = art_wclass[s[i]];
        if (!(c & W_SLOW)) {
            word_step(c, &counted, &words);
            i++;
            continue;
        }
        /* Not ASCII: a Unicode space ends the run; a letter or digit may count it. */
        size_t n = uspace_len(s, i, len);
        if (n) {
            counted = 0;
            i += n;
            continue;
        }
        bool alnum = is_word_cp(utf8_at(s, i, len, &n));
        i += n;
        if (alnum && !counted) {
            words++;
            counted = 1;
        }
    }
    return words;
}

/* ---- blocks ---------------------------------------------------------------------------- */

static article_block *block_add(walk *w, article_block_type type, size_t start, size_t end) {
    article *a = w->a;
    if (a->block_count >= w->c->opts->max_blocks) {
        art_fail(w->c, ARTICLE_ERR_LIMIT_BLOCKS, start, "more than %zu blocks",
                 w->c->opts->max_blocks);
        return NULL;
    }
    if (!art_grow(&a->mem, (void **)&a->blocks, &a->block_cap, a->block_count + 1,
                  sizeof *a->blocks)) {
        art_nomem(w->c);
        return NULL;
    }
    article_block *b = &a->blocks[a->block_count++];
    memset(b, 0, sizeof *b);
    b->type = (uint8_t)type;
    b->parent = w->open;
    b->depth = w->block_depth;
    b->start = start;
    b->end = end;
    b->text = "";
    return b;
}

static bool set_str(walk *w, const char **dst, size_t *dst_len, const char *s, size_t len) {
    if (len == 0) {
        *dst = "";
        *dst_len = 0;
        return true;
    }
    char *p = art_arena_strdup(&w->a->arena, s, len);
    if (!p) {
        art_nomem(w->c);
        return false;
    }
    *dst = p;
    *dst_len = len;
    return true;
}

static bool quotes_break(walk *w) {
    if (!w->quotes)
        return true;
    article_status st = art_quotes_break(w->quotes);
    if (st != ARTICLE_OK && w->c->status == ARTICLE_OK)
        art_fail(w->c, st, ART_NO_OFFSET, "%s", article_status_describe(st));
    return st == ARTICLE_OK;
}

/* A prose block is complete: keep its text, count its words, hand it to the quotes. */
static bool prose_end(walk *w) {
    size_t idx = w->prose;
    article_block *b = &w->a->blocks[idx];
    w->prose = ARTICLE_NO_INDEX;
    bool para = b->type == ARTICLE_BLOCK_PARAGRAPH || b->type == ARTICLE_BLOCK_HEADING;
    if (w->nsegs && para) {
        /* cmark-gfm starts a paragraph (or setext heading) at the link reference
         * definitions it took out of it: start at the line of its first text instead,
         * after the same container prefix as the reported start. */
        const article *a = w->a;
        size_t first = w->segs[0].src_off;
        size_t k0 = art_line_index(a, b->start), k1 = art_line_index(a, first);
        size_t e0 = line_content_end(w, k0);
        const char *close = k1 > k0 && w->src[b->start] == '['
                                ? memchr(w->src + b->start, ']', e0 - b->start)
                                : NULL;
        if (close && close + 1 < w->src + e0 && close[1] == ':') {
            size_t s = a->lines[k1] + (b->start - a->lines[k0]);
            b->start = s < first ? s : first;
        }
    }
    if (w->text.failed) {
        art_nomem(w->c);
        return false;
    }
    if (!set_str(w, &b->text, &b->text_len, w->text.data, w->text.len))
        return false;
    w->a->words += art_count_words(b->text, b->text_len);
    if (w->probe)
        w->probe(w->probe_ctx, idx, b->text, b->text_len, w->segs, w->nsegs);
    if (w->quotes) {
        article_status st =
            art_quotes_block(w->quotes, idx, b->text, b->text_len, w->segs, w->nsegs);
        if (st != ARTICLE_OK) {
            if (w->c->status == ARTICLE_OK)
                art_fail(w->c, st, ART_NO_OFFSET, "%s", article_status_describe(st));
            return false;
        }
    }
    return true;
}

static article_align cell_align(uint8_t a) {
    switch (a) {
    case 'l':
        return ARTICLE_ALIGN_LEFT;
    case 'c':
        return ARTICLE_ALIGN_CENTER;
    case 'r':
        return ARTICLE_ALIGN_RIGHT;
    default:
        return ARTICLE_ALIGN_NONE;
    }
}

/* The block type of a block node. Table nodes are told apart by nesting (a table holds
 * rows, rows hold cells). Anything else (custom blocks, other extensions) keeps its
 * content: with inline children it is read as a paragraph, otherwise as a block quote,
 * the generic container whose children carry their own types and text. */
static article_block_type block_type(walk *w, cmark_node *node, cmark_node_type t) {
    switch (t) {
    case CMARK_NODE_PARAGRAPH:
        return ARTICLE_BLOCK_PARAGRAPH;
    case CMARK_NODE_HEADING:
        return ARTICLE_BLOCK_HEADING;
    case CMARK_NODE_BLOCK_QUOTE:
        return ARTICLE_BLOCK_BLOCK_QUOTE;
    case CMARK_NODE_LIST:
        return ARTICLE_BLOCK_LIST;
    case CMARK_NODE_ITEM:
        return ARTICLE_BLOCK_ITEM;
    case CMARK_NODE_CODE_BLOCK:
        return ARTICLE_BLOCK_CODE;
    case CMARK_NODE_HTML_BLOCK:
        return ARTICLE_BLOCK_HTML;
    case CMARK_NODE_THEMATIC_BREAK:
        return ARTICLE_BLOCK_THEMATIC_BREAK;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        return ARTICLE_BLOCK_FOOTNOTE_DEFINITION;
    default:
        break;
    }
    if (w->ext_table && cmark_node_get_syntax_extension(node) == w->ext_table) {
        cmark_node *parent = cmark_node_parent(node);
        if (!parent || cmark_node_get_syntax_extension(parent) != w->ext_table)
            return ARTICLE_BLOCK_TABLE;
        cmark_node *grand = cmark_node_parent(parent);
        if (!grand || cmark_node_get_syntax_extension(grand) != w->ext_table)
            return ARTICLE_BLOCK_TABLE_ROW;
        return ARTICLE_BLOCK_TABLE_CELL;
    }
    cmark_node *child = cmark_node_first_child(node);
    if (child && (cmark_node_get_type(child) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE)
        return ARTICLE_BLOCK_PARAGRAPH;
    return ARTICLE_BLOCK_BLOCK_QUOTE;
}

static bool is_leaf(cmark_node_type t) {
    switch (t) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        return true;
    default:
        return false;
    }
}

/* ---- a paragraph running straight into a table ------------------------------------------ */

/* When a table's header row is the last line of a paragraph, cmark-gfm's table extension
 * turns the paragraph node into the table, leaving the paragraph's position on the table
 * and on its header row, placing the header cells at offsets counted over the whole
 * paragraph, and inserting a new paragraph for the lines above with no position at all.
 * The header row is the line just above the delimiter row: these functions find it and
 * recompute the four kinds of span from it. */

/* A table node: of the table extension, and not inside another of its nodes. */
static bool is_table(const walk *w, cmark_node *node) {
    if (!node || !w->ext_table || cmark_node_get_syntax_extension(node) != w->ext_table)
        return false;
    cmark_node *parent = cmark_node_parent(node);
    return !parent || cmark_node_get_syntax_extension(parent) != w->ext_table;
}

static bool is_split_paragraph(const walk *w, cmark_node *node) {
    return node && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH &&
           cmark_node_get_start_line(node) < 1 && is_table(w, cmark_node_next(node));
}

/* The cmark line of the header row of a table split from a paragraph, or 0. */
static int split_table_header(const walk *w, cmark_node *table) {
    if (!is_split_paragraph(w, cmark_node_previous(table)))
        return 0;
    int sl = cmark_node_get_start_line(table), el = cmark_node_get_end_line(table);
    size_t ncols = cmark_gfm_extensions_get_table_columns(table);
    for (int l = sl + 1; l <= el; l++) {
        size_t idx = line_index(w, l);
        size_t b = line_begin(w, l), e = line_content_end(w, idx);
        if (e > b && delimiter_cells(w->src + b, e - b) == ncols)
            return l - 1;
    }
    return 0;
}

/* Bounds of the next cell of the header row on line `l`, from w->cell_pos (the row's
 * start for its first cell): cells are split at pipes not escaped with a backslash, and
 * trimmed of spaces. Each cell continues where the last one ended, so a row costs one
 * pass however many cells it has. */
static void next_cell(walk *w, int l, size_t *startp, size_t *endp) {
    const char *s = w->src;
    size_t e = line_content_end(w, line_index(w, l)), p = w->cell_pos;
    while (p < e && s[p] != '|')
        p += s[p] == '\\' && p + 1 < e ? 2 : 1;
    size_t b = w->cell_pos, ce = p < e ? p : e;
    while (b < ce && is_hspace(s[b]))
        b++;
    while (ce > b && is_hspace(s[ce - 1]))
        ce--;
    *startp = b;
    *endp = ce;
    w->cell_pos = p < e ? p + 1 : e;
}

/* Correct the span of a block of (or above) a table split from a paragraph. */
static void split_table_span(walk *w, cmark_node *node, article_block_type type,
                             size_t *start, size_t *end) {
    switch (type) {
    case ARTICLE_BLOCK_PARAGRAPH: {
        if (!is_split_paragraph(w, node))
            return;
        cmark_node *table = cmark_node_next(node);
        int h = split_table_header(w, table);
        if (h < 2)
            return;
        *start = pos_start(w, cmark_node_get_start_line(table),
                           cmark_node_get_start_column(table));
        size_t e = line_content_end(w, line_index(w, h - 1));
        *end = trim_end(w, *start, e > *start ? e : *start);
        return;
    }
    case ARTICLE_BLOCK_TABLE:
        w->header_line = split_table_header(w, node);
        if (w->header_line)
            *start = pos_start(w, w->header_line, cmark_node_get_start_column(node));
        return;
    case ARTICLE_BLOCK_TABLE_ROW:
        if (w->header_line && cmark_gfm_extensions_get_table_row_is_header(node)) {
            *start = w->a->blocks[w->open].start;
            *end = trim_end(w, *start, line_content_end(w, line_index(w, w->header_line)));
            w->cell_pos = *start < *end && w->src[*start] == '|' ? *start + 1 : *start;
        }
        return;
    case ARTICLE_BLOCK_TABLE_CELL:
        if (w->header_line && w->open != ARTICLE_NO_INDEX && w->a->blocks[w->open].header)
            next_cell(w, w->header_line, start, end);
        return;
    default:
        return;
    }
}

static bool block_enter(walk *w, cmark_node *node, cmark_node_type t) {
    article_block_type type = block_type(w, node, t);
    size_t start, end;
    block_span(w, node, &start, &end);
    split_table_span(w, node, type, &start, &end);
    if (type == ARTICLE_BLOCK_TABLE_CELL && cmark_node_get_start_column(node) < 1 &&
        w->open != ARTICLE_NO_INDEX) {
        /* A cell the row leaves out: empty, at the row's end. */
        start = end = w->a->blocks[w->open].end;
    }
    if (type == ARTICLE_BLOCK_TABLE_CELL) {
        /* cmark-gfm spans a cell from pipe to pipe; the span is its content. */
        while (start < end && is_hspace(w->src[start]))
            start++;
        while (end > start && is_hspace(w->src[end - 1]))
            end--;
    }
    article_block *b = block_add(w, type, start, end);
    if (!b)
        return false;
    size_t idx = w->a->block_count - 1;
    bool leaf = is_leaf(t);
    switch (type) {
    case ARTICLE_BLOCK_HEADING:
        b->level = (uint8_t)cmark_node_get_heading_level(node);
        break;
    case ARTICLE_BLOCK_LIST:
        b->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        b->list_start = b->ordered ? cmark_node_get_list_start(node) : 0;
        b->tight = cmark_node_get_list_tight(node) != 0;
        break;
    case ARTICLE_BLOCK_ITEM:
        if (w->ext_task && cmark_node_get_syntax_extension(node) == w->ext_task)
            b->task = cmark_gfm_extensions_get_tasklist_item_checked(node) ? ARTICLE_TASK_DONE
                                                                           : ARTICLE_TASK_OPEN;
        break;
    case ARTICLE_BLOCK_CODE:
    case ARTICLE_BLOCK_HTML: {
        /* The literal, without the line ending of its last line (like every other text). */
        const char *lit = cmark_node_get_literal(node);
        size_t n = lit ? strlen(lit) : 0;
        if (n && lit[n - 1] == '\n')
            n--;
        if (n && lit[n - 1] == '\r')
            n--;
        if (!set_str(w, &b->text, &b->text_len, lit ? lit : "", n))
            return false;
        if (type == ARTICLE_BLOCK_CODE) {
            const char *info = cmark_node_get_fence_info(node);
            if (!set_str(w, &b->info, &b->info_len, info ? info : "", info ? strlen(info) : 0))
                return false;
        }
        break;
    }
    case ARTICLE_BLOCK_FOOTNOTE_DEFINITION: {
        const char *label = cmark_node_get_literal(node);
        if (!set_str(w, &b->info, &b->info_len, label ? label : "", label ? strlen(label) : 0))
            return false;
        break;
    }
    case ARTICLE_BLOCK_TABLE:
        w->aligns = cmark_gfm_extensions_get_table_alignments(node);
        w->ncols = cmark_gfm_extensions_get_table_columns(node);
        break;
    case ARTICLE_BLOCK_TABLE_ROW:
        b->header = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
        w->col = 0;
        break;
    case ARTICLE_BLOCK_TABLE_CELL:
        if (w->aligns && w->col < w->ncols)
            b->align = (uint8_t)cell_align(w->aligns[w->col]);
        w->col++;
        break;
    default:
        break;
    }
    if (leaf) {
        /* Code, HTML, thematic break: no exit event comes for them. */
        return quotes_break(w);
    }
    if (type == ARTICLE_BLOCK_PARAGRAPH || type == ARTICLE_BLOCK_HEADING ||
        type == ARTICLE_BLOCK_TABLE_CELL) {
        w->prose = idx;
        w->text.len = 0;
        w->text.failed = false;
        w->nsegs = 0;
        w->lo = w->cursor = start;
        w->hi = end;
        w->budget = (end - start) * ART_SEARCH_FACTOR + ART_SEARCH_BASE;
        w->delta_line = 0;
        w->delta = 0;
    }
    w->open = idx;
    w->block_depth++;
    return true;
}

static bool block_exit(walk *w) {
    size_t idx = w->open;
    if (idx == ARTICLE_NO_INDEX)
        return true;
    if (w->prose == idx && !prose_end(w))
        return false;
    article_block *b = &w->a->blocks[idx];
    b->descendants = w->a->block_count - idx - 1;
    w->open = b->parent;
    w->block_depth--;
    return true;
}

/* An inline node inside a prose block: its text, and where that text comes from. */
static bool inline_enter(walk *w, cmark_node *node, cmark_node_type t) {
    art_buf *tb = &w->text;
    size_t off = tb->len;
    switch (t) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE: {
        const char *lit = cmark_node_get_literal(node);
        size_t n = lit ? strlen(lit) : 0;
        if (!art_buf_put(tb, lit, n))
            return art_nomem(w->c), false;
        return place(w, node, off, n, t == CMARK_NODE_CODE);
    }
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        if (!art_buf_putc(tb, t == CMARK_NODE_SOFTBREAK ? ' ' : '\n'))
            return art_nomem(w->c), false;
        return place_break(w, off);
    case CMARK_NODE_HTML_INLINE:
        skip_html(w, node);
        return true;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        return place_footnote_ref(w, node);
    default:
        /* Links, images, emphasis, strikethrough and other containers: their children
         * carry the text. */
        return true;
    }
}

/* ---- the walk -------------------------------------------------------------------------- */

static void walk_free(walk *w) {
    art_buf_free(&w->text);
    art_free(&w->a->mem, w->segs);
    w->segs = NULL;
}

/* Walk one top-level node and its subtree, entering and leaving nodes in the order of
 * cmark-gfm's iterator (leaves are only entered), but by following the links: no iterator
 * to allocate per top-level node, no call per event. */
static bool walk_subtree(walk *w, cmark_node *top) {
    size_t max_depth = w->c->opts->max_markdown_depth;
    cmark_node *node = top;
    for (;;) {
        cmark_node_type t = cmark_node_get_type(node);
        /* Depth first, before any work on the node. */
        if (w->level + 1 > max_depth) {
            art_fail(w->c, ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH, node_offset(w, node),
                     "Markdown nesting deeper than %zu levels", max_depth);
            return false;
        }
        bool leaf = is_leaf(t);
        if (!leaf)
            w->level++;
        bool ok = true;
        if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
            ok = block_enter(w, node, t);
        else if (w->prose != ARTICLE_NO_INDEX)
            ok = inline_enter(w, node, t);
        if (!ok)
            return false;
        cmark_node *child = leaf ? NULL : cmark_node_first_child(node);
        if (child) {
            node = child;
            continue;
        }
        /* Done with node: leave it and every ancestor it is the last child of. */
        for (;;) {
            if (!leaf) {
                w->level--;
                if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && !block_exit(w))
                    return false;
            }
            if (node == top)
                return w->c->status == ARTICLE_OK;
            cmark_node *next = cmark_node_next(node);
            if (next) {
                node = next;
                break;
            }
            node = cmark_node_parent(node);
            t = cmark_node_get_type(node);
            leaf = false;
        }
    }
}

typedef struct top_node {
    cmark_node *node;
    int line;
    size_t order;
} top_node;

static int top_cmp(const void *x, const void *y) {
    const top_node *p = x, *q = y;
    if (p->line != q->line)
        return p->line < q->line ? -1 : 1;
    return p->order < q->order ? -1 : p->order > q->order;
}

/* cmark-gfm moves footnote definitions to the end of the document; the top-level nodes
 * are walked by their position instead, so that blocks and quotes come out in document
 * order. */
static bool walk_tree(walk *w, cmark_node *root) {
    size_t n = 0;
    bool moved = false;
    for (cmark_node *k = cmark_node_first_child(root); k; k = cmark_node_next(k)) {
        n++;
        moved |= cmark_node_get_type(k) == CMARK_NODE_FOOTNOTE_DEFINITION;
    }
    if (!moved) {
        for (cmark_node *k = cmark_node_first_child(root); k; k = cmark_node_next(k))
            if (!walk_subtree(w, k))
                return false;
        return true;
    }
    top_node *tops = art_malloc(&w->a->mem, n * sizeof *tops);
    if (!tops) {
        art_nomem(w->c);
        return false;
    }
    n = 0;
    for (cmark_node *k = cmark_node_first_child(root); k; k = cmark_node_next(k)) {
        tops[n].node = k;
        tops[n].line = cmark_node_get_start_line(k);
        tops[n].order = n;
        n++;
    }
    qsort(tops, n, sizeof *tops, top_cmp);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = walk_subtree(w, tops[i].node);
    art_free(&w->a->mem, tops);
    return ok;
}

/* ---- footnote definitions cmark-gfm leaves out --------------------------------------- */

/* Whether a block's span covers its lines' text (a leaf) or is a footnote definition. */
static bool covers_text(uint8_t type) {
    switch (type) {
    case ARTICLE_BLOCK_PARAGRAPH:
    case ARTICLE_BLOCK_HEADING:
    case ARTICLE_BLOCK_CODE:
    case ARTICLE_BLOCK_HTML:
    case ARTICLE_BLOCK_TABLE:
    case ARTICLE_BLOCK_FOOTNOTE_DEFINITION:
        return true;
    default:
        return false;
    }
}

/* cmark-gfm drops a footnote definition that nothing refers to (or that repeats a label)
 * from its tree. Such a definition is a line starting "[^label]:" (after block quote marks
 * and at most three spaces) that no block holds: each one gets a warning, so the loss is not
 * silent. Blocks are in document order, so lines and blocks are walked together. */
static bool warn_dropped_footnotes(walk *w) {
    const article *a = w->a;
    const char *s = w->src;
    size_t body = w->body_start;
    if (body >= w->src_len || !art_memmem(s + body, w->src_len - body, "[^", 2))
        return true;
    size_t bi = 0, covered = 0; /* blocks before bi end at or before `covered` */
    for (size_t k = art_line_index(a, body); k < a->line_count; k++) {
        size_t p = a->lines[k] > body ? a->lines[k] : body, e = line_content_end(w, k);
        size_t indent = 0;
        for (; p < e && (s[p] == ' ' || s[p] == '>'); p++)
            indent = s[p] == '>' ? 0 : indent + 1;
        /* Indented four or more: code, or a continuation of a definition above. */
        if (indent > 3 || e - p < 4 || s[p] != '[' || s[p + 1] != '^')
            continue;
        const char *close = memchr(s + p + 2, ']', e - p - 2);
        if (!close || close == s + p + 2 || close + 1 >= s + e || close[1] != ':')
            continue;
        while (bi < a->block_count && a->blocks[bi].start <= p) {
            if (covers_text(a->blocks[bi].type) && a->blocks[bi].end > covered)
                covered = a->blocks[bi].end;
            bi++;
        }
        if (p < covered)
            continue;
        int n = (int)(close - (s + p) - 2);
        if (!art_warn(w->c, ARTICLE_WARN_FOOTNOTE_UNREFERENCED, p,
                      "footnote definition [^%.*s] is left out of the body: nothing refers "
                      "to it, or its label is defined before",
                      n > 48 ? 48 : n, s + p + 2))
            return false;
    }
    return true;
}

/* The line table's index of the body's first line (cmark-gfm's line 1). */
static size_t body_line0(const article *a) {
    return art_line_index(a, a->body_start);
}

/* Parse the body into a tree, with the allocator `mem`; *parserp gets the parser, to be
 * freed after the tree. NULL when memory runs out. */
static cmark_node *body_tree(const article *a, int options, bool tables, cmark_mem *mem,
                             cmark_parser **parserp) {
    size_t start = a->body_start < a->source_len ? a->body_start : a->source_len;
    cmark_parser *parser = parser_new(options, tables, mem);
    if (!parser)
        return NULL;
    cmark_parser_feed(parser, a->source + start, a->source_len - start);
    cmark_node *root = parser_finish(parser);
    if (!root) {
        cmark_parser_free(parser);
        return NULL;
    }
    *parserp = parser;
    return root;
}

article_status art_body_parse_probe(art_ctx *c, art_body_probe_fn probe, void *probe_ctx) {
    article *a = c->a;
    size_t body_len = a->body_start < a->source_len ? a->source_len - a->body_start : 0;
    if (body_len > ART_CMARK_MAX_BUF)
        return art_fail(c, ARTICLE_ERR_LIMIT_INPUT_SIZE, ART_NO_OFFSET,
                        "Markdown body of %zu bytes exceeds the parser's limit of %zu bytes",
                        body_len, ART_CMARK_MAX_BUF);

    walk w;
    memset(&w, 0, sizeof w);
    w.line0 = body_line0(a);
    size_t refused = tables_refused_at(a, w.line0);
    if (refused != SIZE_MAX &&
        !art_warn(c, ARTICLE_WARN_TABLE_CELLS, refused,
                  "tables here would expand to more cells than the article has bytes; "
                  "all tables are read as text"))
        return c->status;
    cmark_parser *parser = NULL;
    art_cmem pool;
    cmem_open(&pool);
    cmark_node *root =
        body_tree(a, CMARK_OPT_FOOTNOTES, refused == SIZE_MAX, &pool.mem, &parser);
    if (!root) {
        cmem_close(&pool);
        return art_nomem(c);
    }

    w.c = c;
    w.a = a;
    w.src = a->source;
    w.src_len = a->source_len;
    w.body_start = a->body_start < a->source_len ? a->body_start : a->source_len;
    w.probe = probe;
    w.probe_ctx = probe_ctx;
    w.ext_table = cmark_find_syntax_extension("table");
    w.ext_task = cmark_find_syntax_extension("tasklist");
    w.open = ARTICLE_NO_INDEX;
    w.prose = ARTICLE_NO_INDEX;
    w.trim_from = SIZE_MAX;
    art_buf_init(&w.text, &a->mem);

    if (!(a->flags & ARTICLE_OPT_NO_QUOTES)) {
        w.quotes = art_quotes_new(c);
        if (!w.quotes && c->status == ARTICLE_OK)
            art_nomem(c);
    }
    bool ok = c->status == ARTICLE_OK && walk_tree(&w, root) && warn_dropped_footnotes(&w);
    if (w.quotes) {
        if (ok) {
            article_status st = art_quotes_finish(w.quotes);
            if (st != ARTICLE_OK && c->status == ARTICLE_OK)
                art_fail(c, st, ART_NO_OFFSET, "%s", article_status_describe(st));
        } else {
            art_quotes_discard(w.quotes);
        }
    }
    walk_free(&w);
    cmark_node_free(root);
    cmark_parser_free(parser);
    cmem_close(&pool);
    return c->status;
}

article_status art_body_parse(art_ctx *c) {
    return art_body_parse_probe(c, NULL, NULL);
}

/* ---- HTML ------------------------------------------------------------------------------ */

static size_t lit_len(const char *s) {
    return s ? strlen(s) : 0;
}

/* Whether the tree's HTML surely stays under cmark-gfm's limit for one buffer (it aborts
 * the process past it). An upper bound, from what html.c and the extensions write for
 * each node: escaping makes a byte at most 6 ("&quot;"), and a footnote reference writes
 * its definition's label three times, once in the back-reference. Text can grow tens of
 * times (nested quotes, footnote references, filled-up table cells). */
static bool html_fits(cmark_node *root, size_t limit) {
    cmark_iter *it = cmark_iter_new(root);
    if (!it)
        return false;
    size_t total = 64;
    cmark_event_type ev;
    while (total <= limit && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        size_t n = 0;
        switch (t) {
        case CMARK_NODE_DOCUMENT:
            break;
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_EMPH:
            n = 16;
            break;
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_STRONG:
            n = 32;
            break;
        case CMARK_NODE_TEXT:
            n = 6 * lit_len(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            n = 8;
            break;
        case CMARK_NODE_CODE:
            n = 16 + 6 * lit_len(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_HTML_BLOCK:
            n = 32 + lit_len(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_CODE_BLOCK:
            n = 64 + 6 * (lit_len(cmark_node_get_literal(node)) +
                          lit_len(cmark_node_get_fence_info(node)));
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
            n = 40 + 6 * (lit_len(cmark_node_get_url(node)) +
                          lit_len(cmark_node_get_title(node)));
            break;
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            n = 32 + 6 * lit_len(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_FOOTNOTE_REFERENCE: {
            cmark_node *def = cmark_node_parent_footnote_def(node);
            n = 400 + 6 * lit_len(cmark_node_get_literal(node)) +
                18 * (def ? lit_len(cmark_node_get_literal(def)) : 0);
            break;
        }
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
            n = 64 + lit_len(cmark_node_get_on_enter(node)) +
                lit_len(cmark_node_get_on_exit(node));
            break;
        default:
            /* Items (with a checkbox), table parts, strikethrough: tags only. */
            n = 64;
            break;
        }
        total += n;
    }
    cmark_iter_free(it);
    return total <= limit;
}

bool art_body_render_html(article *a, art_render *out) {
    int options = CMARK_OPT_FOOTNOTES;
    if (a->flags & ARTICLE_OPT_UNSAFE_HTML)
        options |= CMARK_OPT_UNSAFE;
    size_t body_len = a->body_start < a->source_len ? a->source_len - a->body_start : 0;
    if (body_len > ART_CMARK_MAX_BUF)
        return false;
    cmark_parser *parser = NULL;
    cmark_mem *mem = cmark_get_default_mem_allocator();
    cmark_node *root =
        body_tree(a, options, tables_refused_at(a, body_line0(a)) == SIZE_MAX, mem, &parser);
    if (!root)
        return false;
    bool ok = false;
    char *html = NULL;
    if (html_fits(root, ART_CMARK_MAX_BUF - ((size_t)1 << 20)))
        html = cmark_render_html_with_mem(root, options,
                                          cmark_parser_get_syntax_extensions(parser), mem);
    if (html) {
        size_t len = strlen(html);
        char *copy = art_malloc(&a->mem, len + 1);
        if (copy) {
            memcpy(copy, html, len + 1);
            out->data = copy;
            out->len = len;
            ok = true;
        }
        mem->free(html);
    }
    cmark_node_free(root);
    cmark_parser_free(parser);
    return ok;
}
