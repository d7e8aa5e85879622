/* Internal declarations shared by the library's modules. Nothing here is exported. */
#ifndef LIBARTICLE_INTERNAL_H
#define LIBARTICLE_INTERNAL_H

#include "libarticle.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define ART_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ART_LIKELY(x) __builtin_expect(!!(x), 1)
#define ART_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define ART_PRINTF(f, a)
#define ART_LIKELY(x) (x)
#define ART_UNLIKELY(x) (x)
#endif

/* ---- memory ------------------------------------------------------------------------ */

typedef struct art_mem {
    const article_allocator *alloc; /* NULL: libc */
} art_mem;

void *art_malloc(const art_mem *m, size_t size);
void *art_realloc(const art_mem *m, void *ptr, size_t size);
void art_free(const art_mem *m, void *ptr);

/* Grow *buf (element size `elem`) so it holds at least `need` elements; *cap is updated.
 * Returns false on overflow or allocation failure (the buffer is left as it was). */
bool art_grow(const art_mem *m, void **buf, size_t *cap, size_t need, size_t elem);

/* Bump allocator owned by one article; everything is released by art_arena_free().
 * Built with ARTICLE_ARENA_DEBUG, every allocation is its own malloc so that ASan and
 * valgrind see each block's bounds. */
typedef struct art_chunk art_chunk;
typedef struct art_arena {
    const art_mem *mem;
    art_chunk *head;
    char *ptr;   /* next free byte in head */
    char *limit; /* end of head */
    size_t next_size;
} art_arena;

void art_arena_init(art_arena *ar, const art_mem *mem);
void art_arena_free(art_arena *ar);
/* 8-byte aligned; NULL on failure. */
void *art_arena_alloc(art_arena *ar, size_t size);
/* Copy of s[0..len) with a NUL after it; NULL on failure. */
char *art_arena_strdup(art_arena *ar, const char *s, size_t len);

/* A growable byte buffer (not arena memory). */
typedef struct art_buf {
    const art_mem *mem;
    char *data;
    size_t len, cap;
    bool failed; /* an append ran out of memory; data holds what fit before */
} art_buf;

void art_buf_init(art_buf *b, const art_mem *mem);
void art_buf_free(art_buf *b);
bool art_buf_reserve(art_buf *b, size_t extra);
bool art_buf_put(art_buf *b, const char *s, size_t len);
bool art_buf_putc(art_buf *b, char c);
bool art_buf_printf(art_buf *b, const char *fmt, ...) ART_PRINTF(2, 3);
/* Hand the NUL-terminated contents over to the caller (to be freed with art_free). */
char *art_buf_detach(art_buf *b, size_t *len);

typedef struct art_hash_key {
    uint64_t k0, k1;
} art_hash_key;

/* ---- records -------------------------------------------------------------------------- */

struct article_value {
    uint8_t type;        /* article_value_type */
    bool boolean;
    int64_t integer;
    double number;
    const char *str;     /* scalars: text (decoded); NULL for collections */
    size_t len;
    /* Sequences: items[count]. Mappings: keys[count] and items[count]. */
    const article_value **items;
    const article_value **keys;
    size_t count;
    uint32_t *index;     /* mappings with many keys: open-addressing table of key slots + 1 */
    size_t index_size;   /* power of two, 0 when there is no index */
    const art_hash_key *hash_key; /* the article's, for mappings with an index */
    size_t start, end;
    size_t line, column;
};

struct article_block {
    uint8_t type;   /* article_block_type */
    uint8_t level;  /* headings */
    uint8_t task;   /* article_task */
    uint8_t align;  /* article_align */
    bool ordered, tight, header;
    int list_start;
    size_t depth;
    size_t parent;       /* ARTICLE_NO_INDEX for top level */
    size_t descendants;
    size_t start, end;
    const char *text;    /* never NULL; "" for containers */
    size_t text_len;
    const char *info;    /* code info / footnote label; NULL otherwise */
    size_t info_len;
};

struct article_speaker {
    const char *text;
    size_t len;
    size_t start, end;
    uint8_t type;        /* article_speaker_type */
    const char *name;    /* resolved name; NULL when none */
    size_t name_len;
    size_t name_start, name_end;
};

typedef struct art_span {
    size_t start, end;
} art_span;

struct article_quote {
    const char *text;
    size_t len;
    size_t block;
    size_t start, end;
    const art_span *spans;
    size_t span_count;
    uint8_t attribution; /* article_attribution */
    const article_speaker *speaker; /* NULL when none */
    const char *cue;     /* NULL when none */
    size_t cue_len;
    size_t cue_start, cue_end;
};

struct article_warning {
    uint8_t code;        /* article_warning_code */
    const char *message;
    size_t len;
    size_t offset;
};

struct article_image {
    const article_value *value;
    const char *path, *cutline, *credit, *alt;
    size_t path_len, cutline_len, credit_len, alt_len;
};

#define ART_FIELD_COUNT 10 /* article_field values are 1..9 */

/* A string list (authors, tags). */
typedef struct art_strlist {
    const char **items;
    size_t *lens;
    size_t count;
} art_strlist;

/* Cached renderings, made on first request. */
typedef struct art_render {
    char *data;
    size_t len;
} art_render;

#define ART_JSON_VARIANTS 2 /* one per ARTICLE_JSON_PRETTY value */

struct article {
    art_mem mem;         /* copy of the options' allocator */
    art_arena arena;
    unsigned int flags;  /* ARTICLE_OPT_* */

    char *source;        /* the input, NUL-terminated copy */
    size_t source_len;
    size_t *lines;       /* byte offset of each line's first byte */
    size_t line_count;
    /* Lines longer than ART_LOCATE_STRIDE bytes carry a checkpoint every stride: its byte
     * offset and the code points from its line's start, so a column costs at most one
     * stride of counting whatever the line's length. */
    size_t *marks, *mark_cols;
    size_t mark_count;

    bool has_front_matter;
    size_t fm_start, fm_end;     /* whole block, delimiters included */
    size_t body_start;           /* first byte of the Markdown body */
    const article_value *metadata;
    art_hash_key hash_key;       /* for the mapping indexes */

    const article_value *fields[ART_FIELD_COUNT];
    const char *field_str[ART_FIELD_COUNT];
    size_t field_len[ART_FIELD_COUNT];
    art_strlist authors, tags;
    const article_datetime *date;
    const article_image *image;

    article_block *blocks;
    size_t block_count, block_cap;
    article_quote *quotes;
    size_t quote_count, quote_cap;
    article_warning *warnings;
    size_t warning_count, warning_cap;

    size_t words;

    pthread_mutex_t render_lock;
    art_render html;
    art_render json[ART_JSON_VARIANTS];
};

/* hash.c: keyed hash for tables built from input (mapping indexes, anchors); the key is
 * random per article so that no input can make its keys collide. */
uint64_t art_hash(const art_hash_key *key, const char *s, size_t len);
void art_hash_key_init(art_hash_key *key, const void *salt);

/* ---- parse context ---------------------------------------------------------------------- */

typedef struct art_ctx {
    article *a;
    const article_options *opts; /* resolved: every limit set */
    article_error *err;          /* never NULL (points to a scratch record if needed) */
    article_status status;       /* first failure; ARTICLE_OK while all is well */
} art_ctx;

/* Record a failure (the first one wins) at a byte offset of the input; line and column
 * are derived from it. `offset` may be ART_NO_OFFSET for errors without a position.
 * Returns the code, so callers can `return art_fail(...)`. */
#define ART_NO_OFFSET ((size_t)-1)
article_status art_fail(art_ctx *c, article_status code, size_t offset, const char *fmt, ...)
    ART_PRINTF(4, 5);
article_status art_nomem(art_ctx *c);

/* Append a warning; a failure to allocate it fails the parse with ARTICLE_ERR_NOMEM. */
bool art_warn(art_ctx *c, article_warning_code code, size_t offset, const char *fmt, ...)
    ART_PRINTF(4, 5);

#define ART_LOCATE_STRIDE 4096

/* Index in a->lines of the line holding a byte offset (0-based). */
size_t art_line_index(const article *a, size_t offset);
/* Line (1-based) and column (1-based, code points) of a byte offset. */
void art_locate(const article *a, size_t offset, size_t *line, size_t *column);

/* ---- UTF-8 ------------------------------------------------------------------------------ */

/* Offset of the first invalid sequence or NUL byte in s[0..len), or len when there is
 * none; *is_nul tells which was found. */
size_t art_utf8_check(const char *s, size_t len, bool *is_nul);
/* Decode one code point at s[i] (which must be valid UTF-8); stores its length. */
uint32_t art_utf8_decode(const char *s, size_t len, size_t i, size_t *n);
/* Code points in s[0..len). */
size_t art_utf8_count(const char *s, size_t len);
/* First occurrence of needle[0..m) in hay[0..n), or NULL (memmem is not in C11/POSIX). */
const char *art_memmem(const char *hay, size_t n, const char *needle, size_t m);

/* ---- modules ---------------------------------------------------------------------------- */

/* frontmatter.c: find the block at the start of the input (after a BOM) and load its YAML
 * into a->metadata; sets a->has_front_matter, fm_start, fm_end and body_start. */
article_status art_front_matter_parse(art_ctx *c);

/* fields.c: well-known fields, authors, tags, date and image from a->metadata. */
article_status art_fields_extract(art_ctx *c);

/* Plain text of a leaf block and how it maps back to the input: segment k covers plain
 * text [text_off, next segment's text_off) and starts at input byte src_off. When `exact`
 * it is a verbatim copy of the input there; otherwise (entities, escapes) every byte of it
 * maps to [src_off, src_end). */
typedef struct art_seg {
    size_t text_off;
    size_t src_off;
    size_t src_end;
    bool exact;
    bool code; /* inline code: not prose, quotes are not looked for in it */
} art_seg;

/* Input offset of a plain-text offset, given the block's segments. Offsets at a
 * segment's end map to the byte after it. */
size_t art_seg_map(const art_seg *segs, size_t nsegs, size_t text_len, size_t off);

/* body.c: parse the Markdown body with cmark-gfm into a->blocks (and feed quotes.c);
 * also checks the Markdown depth limit. */
article_status art_body_parse(art_ctx *c);
/* Render the body to HTML (called under the render lock). */
bool art_body_render_html(article *a, art_render *out);
/* One-time cmark-gfm extension registration (thread-safe). */
void art_cmark_init(void);

/* quotes.c: a quote finder fed one leaf block at a time, in document order. */
typedef struct art_quotes art_quotes;
art_quotes *art_quotes_new(art_ctx *c);
/* A prose block (paragraph, heading, table cell). */
article_status art_quotes_block(art_quotes *q, size_t block, const char *text, size_t len,
                                const art_seg *segs, size_t nsegs);
/* Any other block, which ends a quotation running over several paragraphs. */
article_status art_quotes_break(art_quotes *q);
/* End of the body: flush what is pending; frees q. */
article_status art_quotes_finish(art_quotes *q);
/* Free without flushing (error paths). */
void art_quotes_discard(art_quotes *q);

/* body.c: words in a prose text (for the word count). */
size_t art_count_words(const char *s, size_t len);

/* json.c */
bool art_json_render(const article *a, unsigned int flags, art_render *out);
/* Append s as a JSON string literal (quoted, escaped). */
bool art_json_string(art_buf *b, const char *s, size_t len);

#endif
