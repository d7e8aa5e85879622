/*
 * libarticle: read an article (YAML front matter + Markdown body) into a typed,
 * read-only document.
 *
 * Conventions (they hold for every function below unless its comment says otherwise):
 *
 *  - Ownership. article_parse() returns an `article` that owns everything reached from
 *    it: records, strings, renderings. Pointers returned by accessors are borrowed: they
 *    belong to the article, must not be freed, and must not be used after article_free().
 *  - Strings are UTF-8, NUL-terminated for convenience, and come with their length in
 *    bytes through a `size_t *len` out-parameter (which may be NULL). A string may contain
 *    no NUL byte, since input containing one is rejected.
 *  - Spans are byte offsets into the input given to article_parse(): `start` is the first
 *    byte, `end` one past the last. Lines and columns are 1-based; columns count Unicode
 *    code points from the start of the line.
 *  - Records (blocks, quotes, warnings, metadata values) are opaque and reached through
 *    count + by-index accessors. An index out of range returns NULL. Passing NULL where a
 *    record is expected returns 0, NULL or the type's "none" value.
 *  - Thread safety. Parsing keeps no global mutable state: any number of threads may parse
 *    at once. A finished article is immutable; every accessor may be called from any
 *    number of threads at once, including article_html() and article_json(), which
 *    render on first use under the article's own lock.
 *  - ABI. Only what this header declares is exported. Enum values, struct layouts and
 *    function signatures are stable within a major version; new enum values, functions
 *    and (for structs the library allocates) trailing fields may be added.
 */
#ifndef LIBARTICLE_H
#define LIBARTICLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ARTICLE_STATIC)
#define ARTICLE_EXTERN extern
#elif defined(_WIN32)
#if defined(ARTICLE_BUILDING)
#define ARTICLE_EXTERN extern __declspec(dllexport)
#else
#define ARTICLE_EXTERN extern __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define ARTICLE_EXTERN extern __attribute__((visibility("default")))
#else
#define ARTICLE_EXTERN extern
#endif

/* ---------------------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------------------- */

#define ARTICLE_VERSION_MAJOR 1
#define ARTICLE_VERSION_MINOR 1
#define ARTICLE_VERSION_PATCH 0
#define ARTICLE_VERSION_STRING "1.1.0"
/* (major << 16) | (minor << 8) | patch, for compile-time comparisons. */
#define ARTICLE_VERSION_NUMBER \
    ((ARTICLE_VERSION_MAJOR << 16) | (ARTICLE_VERSION_MINOR << 8) | ARTICLE_VERSION_PATCH)

/* The version of the library loaded at run time, e.g. "1.0.0". Static string. */
ARTICLE_EXTERN const char *article_version(void);

/* The run-time version as ARTICLE_VERSION_NUMBER encodes it. */
ARTICLE_EXTERN unsigned int article_version_number(void);

/* Version of a dependency as the library was built or loaded with it: "cmark-gfm"
 * (e.g. "0.29.0.gfm.13") or "libyaml" (e.g. "0.2.5"). NULL for any other name.
 * Static string. */
ARTICLE_EXTERN const char *article_dependency_version(const char *name);

/* ---------------------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------------------- */

/* One code per distinct cause. Codes are grouped by family in ranges of 100 (see
 * article_status_family()); values never change within a major version. */
typedef enum article_status {
    ARTICLE_OK = 0,

    /* System: the environment, not the article. */
    ARTICLE_ERR_NOMEM = 1,            /* an allocation of the library's own failed */
    ARTICLE_ERR_IO = 2,               /* article_parse_file() could not read the file */
    ARTICLE_ERR_INVALID_OPTIONS = 3,  /* options of an unknown version, or out of range */
    ARTICLE_ERR_INVALID_ARGUMENT = 4, /* a NULL `out`, or NULL input with a length */

    /* Encoding: the bytes are not UTF-8 text. */
    ARTICLE_ERR_UTF8 = 100,           /* an invalid UTF-8 sequence */
    ARTICLE_ERR_NUL_BYTE = 101,       /* a NUL byte (binary data, or UTF-16/32 text) */
    ARTICLE_ERR_UTF16 = 102,          /* a UTF-16 or UTF-32 byte order mark */

    /* Front matter: the YAML block between the `---` lines. */
    ARTICLE_ERR_FRONT_MATTER_UNTERMINATED = 200, /* `---` opens it, no `---`/`...` closes it */
    ARTICLE_ERR_YAML_SYNTAX = 201,               /* libyaml rejected the text */
    ARTICLE_ERR_YAML_NOT_MAPPING = 202,          /* the top level is a sequence or a scalar */
    ARTICLE_ERR_YAML_DUPLICATE_KEY = 203,        /* a key appears twice in one mapping */
    ARTICLE_ERR_YAML_MULTIPLE_DOCUMENTS = 204,   /* more than one YAML document */
    ARTICLE_ERR_YAML_UNDEFINED_ALIAS = 205,      /* `*name` with no `&name` before it */
    ARTICLE_ERR_YAML_RECURSIVE_ALIAS = 206,      /* `*name` inside the node `&name` marks */
    ARTICLE_ERR_YAML_COMPLEX_KEY = 207,          /* a mapping key that is not a scalar */
    ARTICLE_ERR_YAML_BAD_TAG_VALUE = 208,        /* e.g. `!!int abc` */

    /* Limits: the article exceeds one of article_options' limits. */
    ARTICLE_ERR_LIMIT_INPUT_SIZE = 300,     /* input longer than max_input_size */
    ARTICLE_ERR_LIMIT_YAML_DEPTH = 301,     /* YAML nesting deeper than max_yaml_depth */
    ARTICLE_ERR_LIMIT_YAML_NODES = 302,     /* more than max_yaml_nodes after alias expansion */
    ARTICLE_ERR_LIMIT_MARKDOWN_DEPTH = 303, /* Markdown nesting deeper than max_markdown_depth */
    ARTICLE_ERR_LIMIT_YAML_EXPANSION = 304, /* front matter text, aliases expanded, longer
                                             * than max_input_size */
    /* Since 1.1 (options version 2). */
    ARTICLE_ERR_LIMIT_FRONT_MATTER_SIZE = 305, /* front matter longer than
                                                * max_front_matter_size */
    ARTICLE_ERR_LIMIT_BLOCKS = 306,   /* more blocks than max_blocks */
    ARTICLE_ERR_LIMIT_QUOTES = 307,   /* more quotations than max_quotes */
    ARTICLE_ERR_LIMIT_WARNINGS = 308  /* more warnings than max_warnings */
} article_status;

typedef enum article_status_family {
    ARTICLE_FAMILY_NONE = 0,         /* ARTICLE_OK */
    ARTICLE_FAMILY_SYSTEM = 1,
    ARTICLE_FAMILY_ENCODING = 2,
    ARTICLE_FAMILY_FRONT_MATTER = 3,
    ARTICLE_FAMILY_LIMIT = 4
} article_status_family;

/* The family of a status code; ARTICLE_FAMILY_SYSTEM for unknown codes. */
ARTICLE_EXTERN article_status_family article_status_family_of(article_status code);

/* A stable lower-case identifier for a code, e.g. "yaml_duplicate_key" (the CLI's JSON
 * uses it). "unknown" for unknown codes. Static string. */
ARTICLE_EXTERN const char *article_status_name(article_status code);

/* A generic one-line description of a code, e.g. "duplicate key in front matter".
 * Static string. */
ARTICLE_EXTERN const char *article_status_describe(article_status code);

#define ARTICLE_ERROR_MESSAGE_SIZE 256

/* Filled by article_parse() on failure (and reset to code ARTICLE_OK, empty message on
 * success). The caller owns it; its layout is fixed for the major version. */
typedef struct article_error {
    article_status code;
    /* Byte offset of the cause in the input, or 0 when it has no position
     * (then line and column are 0 too). */
    size_t offset;
    size_t line;   /* 1-based; 0 when the error has no position */
    size_t column; /* 1-based, in code points; 0 when the error has no position */
    /* One impersonal line without position or trailing period, e.g.
     * "duplicate key 'title' (first defined on line 2)". */
    char message[ARTICLE_ERROR_MESSAGE_SIZE];
} article_error;

/* ---------------------------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------------------------- */

/* Custom allocator for the library's own memory (not cmark-gfm's or libyaml's). The
 * functions follow the C library's contracts; returning NULL is an allocation failure
 * and makes the parse fail with ARTICLE_ERR_NOMEM. */
typedef struct article_allocator {
    void *(*malloc)(size_t size, void *ctx);
    void *(*realloc)(void *ptr, size_t size, void *ctx);
    void (*free)(void *ptr, void *ctx);
    void *ctx;
} article_allocator;

/* Option flags. */
#define ARTICLE_OPT_DEFAULT 0u
/* article_html() passes raw HTML (blocks and inline) through instead of replacing it
 * with a comment. Only for trusted input. */
#define ARTICLE_OPT_UNSAFE_HTML (1u << 0)
/* Skip finding quotations (article_quote_count() is then 0). */
#define ARTICLE_OPT_NO_QUOTES (1u << 1)

/* 1: up to `allocator`; 2 (since 1.1): adds the front matter, block, quote and warning
 * limits. */
#define ARTICLE_OPTIONS_VERSION 2

/* Parse options. Start from ARTICLE_OPTIONS_INIT or article_options_init(); a limit of 0
 * means its default. Later versions append fields; the library reads only the fields
 * the given `version` has. */
typedef struct article_options {
    unsigned int version; /* ARTICLE_OPTIONS_VERSION */
    unsigned int flags;   /* ARTICLE_OPT_* */
    size_t max_input_size;     /* bytes; default 64 MiB, at most ARTICLE_MAX_INPUT_SIZE */
    size_t max_yaml_depth;     /* nested collections; default 64 */
    size_t max_yaml_nodes;     /* values after alias expansion; default 100000 */
    size_t max_markdown_depth; /* nested Markdown nodes, blocks and inlines; default 128 */
    /* NULL: the C library's malloc/realloc/free. Must outlive every article parsed
     * with it. */
    const article_allocator *allocator;
    /* Version 2. */
    size_t max_front_matter_size; /* bytes, delimiters included; default 1 MiB */
    size_t max_blocks;            /* block records; default 1000000 */
    size_t max_quotes;            /* quotation records; default 100000 */
    size_t max_warnings;          /* warnings; default 10000 */
} article_options;

#define ARTICLE_DEFAULT_MAX_INPUT_SIZE ((size_t)64 * 1024 * 1024)
/* The largest max_input_size accepted: cmark-gfm aborts the process when one of its buffers
 * would pass 1 GiB, and rendering HTML can grow the text six-fold. */
#define ARTICLE_MAX_INPUT_SIZE ((size_t)128 * 1024 * 1024)
#define ARTICLE_DEFAULT_MAX_YAML_DEPTH ((size_t)64)
#define ARTICLE_DEFAULT_MAX_YAML_NODES ((size_t)100000)
#define ARTICLE_DEFAULT_MAX_MARKDOWN_DEPTH ((size_t)128)
#define ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE ((size_t)1024 * 1024)
#define ARTICLE_DEFAULT_MAX_BLOCKS ((size_t)1000000)
#define ARTICLE_DEFAULT_MAX_QUOTES ((size_t)100000)
#define ARTICLE_DEFAULT_MAX_WARNINGS ((size_t)10000)

#define ARTICLE_OPTIONS_INIT \
    { ARTICLE_OPTIONS_VERSION, ARTICLE_OPT_DEFAULT, 0, 0, 0, 0, NULL, 0, 0, 0, 0 }

/* Set *opts to the defaults of the given version (pass ARTICLE_OPTIONS_VERSION; an older
 * version fills only that version's fields). Returns ARTICLE_OK, or
 * ARTICLE_ERR_INVALID_OPTIONS for an unknown version. */
ARTICLE_EXTERN article_status article_options_init(article_options *opts, unsigned int version);

/* ---------------------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------------------- */

typedef struct article article;

/* Parse `len` bytes of `input` (need not be NUL-terminated; the library keeps its own
 * copy, so the buffer may be freed right after). `opts` may be NULL for the defaults.
 * On success stores a new article in *out and returns ARTICLE_OK. On failure stores NULL
 * in *out, fills *err (which may be NULL) and returns the error code. `out` must not be
 * NULL. Thread-safe. */
ARTICLE_EXTERN article_status article_parse(const char *input, size_t len,
                                            const article_options *opts, article **out,
                                            article_error *err);

/* Like article_parse() on the contents of a file. A file that cannot be opened or read
 * gives ARTICLE_ERR_IO with the system's reason in the message. */
ARTICLE_EXTERN article_status article_parse_file(const char *path, const article_options *opts,
                                                 article **out, article_error *err);

/* Release the article and everything it owns. NULL is ignored. */
ARTICLE_EXTERN void article_free(article *a);

/* The article's copy of the input, exactly as given. */
ARTICLE_EXTERN const char *article_source(const article *a, size_t *len);

/* Line and column (1-based, column in code points) of a byte offset in the input.
 * Offsets past the end give the position of the end. Either out-parameter may be NULL. */
ARTICLE_EXTERN void article_locate(const article *a, size_t offset, size_t *line,
                                   size_t *column);

/* ---------------------------------------------------------------------------------------
 * Metadata: the front matter as a tree of values
 * ------------------------------------------------------------------------------------- */

typedef struct article_value article_value;

typedef enum article_value_type {
    ARTICLE_VALUE_NONE = 0, /* only for a NULL value */
    ARTICLE_VALUE_NULL,     /* `null`, `~`, empty */
    ARTICLE_VALUE_BOOL,     /* `true`, `false` (YAML 1.2 core schema; `yes`/`no` are strings) */
    ARTICLE_VALUE_INT,      /* fits in int64_t; larger integers stay strings, with a warning */
    ARTICLE_VALUE_FLOAT,
    ARTICLE_VALUE_STRING,   /* quoted scalars, and plain ones that are no other type */
    ARTICLE_VALUE_SEQUENCE,
    ARTICLE_VALUE_MAPPING   /* keys are strings, in document order, unique */
} article_value_type;

/* Whether the article has a front matter block, and its span (from the opening `---` to
 * the end of the closing line). Returns 0 when there is none; the out-parameters may be
 * NULL. */
ARTICLE_EXTERN int article_front_matter(const article *a, size_t *start, size_t *end);

/* The front matter's top-level mapping. An article without front matter, or with an
 * empty one, has an empty mapping; never NULL for a non-NULL article. */
ARTICLE_EXTERN const article_value *article_metadata(const article *a);

ARTICLE_EXTERN article_value_type article_value_get_type(const article_value *v);

/* 1 for `true`, 0 otherwise. */
ARTICLE_EXTERN int article_value_bool(const article_value *v);
/* The integer of an INT value; 0 for any other type. */
ARTICLE_EXTERN int64_t article_value_int(const article_value *v);
/* The number of a FLOAT value (or an INT converted); 0.0 for any other type. */
ARTICLE_EXTERN double article_value_float(const article_value *v);
/* A scalar's text: a STRING's value, or how a NULL, BOOL, INT or FLOAT was written
 * (e.g. "0x1F", "~", ""). NULL for sequences and mappings. */
ARTICLE_EXTERN const char *article_value_string(const article_value *v, size_t *len);

/* Number of items of a sequence or pairs of a mapping; 0 for scalars. */
ARTICLE_EXTERN size_t article_value_count(const article_value *v);
/* The i-th item of a sequence, or the value of the i-th pair of a mapping. */
ARTICLE_EXTERN const article_value *article_value_at(const article_value *v, size_t i);
/* The key of the i-th pair of a mapping: a STRING value with its own span. */
ARTICLE_EXTERN const article_value *article_value_key_at(const article_value *v, size_t i);
/* The value stored under a key in a mapping (exact byte comparison), or NULL.
 * article_value_get() takes a NUL-terminated key. */
ARTICLE_EXTERN const article_value *article_value_get(const article_value *map, const char *key);
ARTICLE_EXTERN const article_value *article_value_getn(const article_value *map, const char *key,
                                                       size_t key_len);

/* Where the value is written. For an alias (`*name`) these are the alias's own position;
 * the value it reaches is shared with the anchored node. */
ARTICLE_EXTERN size_t article_value_start(const article_value *v);
ARTICLE_EXTERN size_t article_value_end(const article_value *v);
ARTICLE_EXTERN size_t article_value_line(const article_value *v);
ARTICLE_EXTERN size_t article_value_column(const article_value *v);

/* ---------------------------------------------------------------------------------------
 * Well-known fields
 *
 * Multi-word keys are recognised with `-` and `_` (author-title, author_title). A field
 * whose value has the wrong shape (a mapping where a string belongs, say) is left out
 * with an ARTICLE_WARN_FIELD_TYPE warning. Scalars other than strings give their text
 * as written (`title: 2024` gives "2024").
 * ------------------------------------------------------------------------------------- */

typedef enum article_field {
    ARTICLE_FIELD_TITLE = 1,
    ARTICLE_FIELD_SUBHED,       /* subhed, subtitle, dek */
    ARTICLE_FIELD_AUTHOR,       /* author (string, or mapping with `name`) */
    ARTICLE_FIELD_AUTHOR_TITLE, /* author-title */
    ARTICLE_FIELD_DATE,
    ARTICLE_FIELD_CATEGORY,     /* category, else the first of categories */
    ARTICLE_FIELD_LAYOUT,
    ARTICLE_FIELD_PERMALINK,    /* permalink, else slug */
    ARTICLE_FIELD_EXCERPT       /* excerpt, else description */
} article_field;

/* The metadata value a well-known field's text was read from, or NULL when absent (for
 * its span): for an author given as a mapping, its `name`; for an author from a list, the
 * first item's. */
ARTICLE_EXTERN const article_value *article_field_value(const article *a, article_field field);
/* The field's text, or NULL when absent. */
ARTICLE_EXTERN const char *article_field_string(const article *a, article_field field,
                                                size_t *len);

/* Shorthands for article_field_string(). */
ARTICLE_EXTERN const char *article_title(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_subhed(const article *a, size_t *len);
/* The author: `author` when it is a string, else the first of the author list. */
ARTICLE_EXTERN const char *article_author(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_author_title(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_date(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_category(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_layout(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_permalink(const article *a, size_t *len);
ARTICLE_EXTERN const char *article_excerpt(const article *a, size_t *len);

/* The author list: `authors` (a list, or one string), else `author` (a list, or one
 * string); list items may be strings or mappings with a `name`. */
ARTICLE_EXTERN size_t article_author_count(const article *a);
ARTICLE_EXTERN const char *article_author_at(const article *a, size_t i, size_t *len);

/* Tags: `tags` as a list of scalars, or one string as a single tag. */
ARTICLE_EXTERN size_t article_tag_count(const article *a);
ARTICLE_EXTERN const char *article_tag_at(const article *a, size_t i, size_t *len);

/* The date parsed as a YAML timestamp (YYYY-MM-DD, optionally followed by a time and a
 * zone offset). The library allocates it, so fields may be appended. */
typedef struct article_datetime {
    int year, month, day;
    int has_time;   /* hour, minute, second, nanosecond are set */
    int hour, minute, second;
    long nanosecond;
    int has_offset; /* offset_minutes is set (`Z` gives 0) */
    int offset_minutes; /* east of UTC */
} article_datetime;

/* The parsed date, or NULL when there is no date or it is not a timestamp. */
ARTICLE_EXTERN const article_datetime *article_date_parsed(const article *a);

/* ---------------------------------------------------------------------------------------
 * Featured image: from featured-image, image or cover
 * ------------------------------------------------------------------------------------- */

typedef struct article_image article_image;

/* The featured image, or NULL when the article has none. A plain string value is the
 * image's path. In a mapping, `path` or `url` (or `src`) is the path, `cutline` or
 * `caption` the cutline; other keys give an ARTICLE_WARN_UNKNOWN_IMAGE_KEY warning. */
ARTICLE_EXTERN const article_image *article_featured_image(const article *a);
ARTICLE_EXTERN const char *article_image_path(const article_image *img, size_t *len);
ARTICLE_EXTERN const char *article_image_cutline(const article_image *img, size_t *len);
ARTICLE_EXTERN const char *article_image_credit(const article_image *img, size_t *len);
ARTICLE_EXTERN const char *article_image_alt(const article_image *img, size_t *len);
/* The metadata value the image was read from. */
ARTICLE_EXTERN const article_value *article_image_value(const article_image *img);

/* ---------------------------------------------------------------------------------------
 * Blocks: the body flattened in document order (pre-order)
 * ------------------------------------------------------------------------------------- */

typedef struct article_block article_block;

typedef enum article_block_type {
    ARTICLE_BLOCK_NONE = 0, /* only for a NULL block */
    ARTICLE_BLOCK_PARAGRAPH,
    ARTICLE_BLOCK_HEADING,
    ARTICLE_BLOCK_BLOCK_QUOTE,
    ARTICLE_BLOCK_LIST,
    ARTICLE_BLOCK_ITEM,
    ARTICLE_BLOCK_CODE,
    ARTICLE_BLOCK_HTML,
    ARTICLE_BLOCK_THEMATIC_BREAK,
    ARTICLE_BLOCK_TABLE,
    ARTICLE_BLOCK_TABLE_ROW,
    ARTICLE_BLOCK_TABLE_CELL,
    ARTICLE_BLOCK_FOOTNOTE_DEFINITION
} article_block_type;

/* Returned by index accessors that have no index to give (a top-level block's parent). */
#define ARTICLE_NO_INDEX ((size_t)-1)

typedef enum article_task {
    ARTICLE_TASK_NONE = 0,    /* not a task list item */
    ARTICLE_TASK_OPEN = 1,    /* - [ ] */
    ARTICLE_TASK_DONE = 2     /* - [x] */
} article_task;

typedef enum article_align {
    ARTICLE_ALIGN_NONE = 0,
    ARTICLE_ALIGN_LEFT,
    ARTICLE_ALIGN_CENTER,
    ARTICLE_ALIGN_RIGHT
} article_align;

ARTICLE_EXTERN size_t article_block_count(const article *a);
ARTICLE_EXTERN const article_block *article_block_at(const article *a, size_t i);

ARTICLE_EXTERN article_block_type article_block_get_type(const article_block *b);
/* "paragraph", "heading", "block_quote", "list", "item", "code", "html",
 * "thematic_break", "table", "table_row", "table_cell", "footnote_definition";
 * NULL for unknown values. Static string. */
ARTICLE_EXTERN const char *article_block_type_name(article_block_type type);

/* Index of the enclosing block, or ARTICLE_NO_INDEX for a top-level block. */
ARTICLE_EXTERN size_t article_block_parent(const article_block *b);
/* 0 for a top-level block. */
ARTICLE_EXTERN size_t article_block_depth(const article_block *b);
/* Number of blocks inside this one (all descendants): its subtree is the blocks
 * i+1 … i+article_block_descendants(b). */
ARTICLE_EXTERN size_t article_block_descendants(const article_block *b);

/* Plain text: for paragraphs, headings and table cells the inline content with markup
 * removed, entities and escapes decoded, soft breaks as spaces, hard breaks as "\n",
 * link and image text kept; for code and HTML blocks the literal content without the
 * line ending of its last line. Container blocks (block quote, list, item, table, row,
 * footnote definition) and thematic breaks have "" (their children hold the text). */
ARTICLE_EXTERN const char *article_block_text(const article_block *b, size_t *len);

ARTICLE_EXTERN size_t article_block_start(const article_block *b);
ARTICLE_EXTERN size_t article_block_end(const article_block *b);

/* Heading level 1–6; 0 for other blocks. */
ARTICLE_EXTERN int article_block_level(const article_block *b);
/* Lists: 1 when ordered; its first number (ordered lists, else 0); 1 when tight. */
ARTICLE_EXTERN int article_block_list_ordered(const article_block *b);
ARTICLE_EXTERN int article_block_list_start(const article_block *b);
ARTICLE_EXTERN int article_block_list_tight(const article_block *b);
/* Items: task state. */
ARTICLE_EXTERN article_task article_block_task(const article_block *b);
/* Code blocks: the info string ("" when none); footnote definitions: the label;
 * NULL for other blocks. */
ARTICLE_EXTERN const char *article_block_info(const article_block *b, size_t *len);
/* Table cells: column alignment. */
ARTICLE_EXTERN article_align article_block_align(const article_block *b);
/* Table rows: 1 for the header row. */
ARTICLE_EXTERN int article_block_header(const article_block *b);

/* The body rendered as HTML by cmark-gfm with the same extensions (raw HTML replaced by
 * a comment unless ARTICLE_OPT_UNSAFE_HTML was given). Rendered on first call and kept
 * by the article. NULL when memory runs out, or when the rendering would pass the 1 GiB
 * that cmark-gfm's buffers can hold (only hostile input grows that much: repeated
 * footnote references, say). */
ARTICLE_EXTERN const char *article_html(const article *a, size_t *len);

/* ---------------------------------------------------------------------------------------
 * Quotes: direct quotations in the body and who said them
 * ------------------------------------------------------------------------------------- */

typedef struct article_quote article_quote;
typedef struct article_speaker article_speaker;

typedef enum article_attribution {
    ARTICLE_ATTRIBUTION_NONE = 0,     /* no speaker */
    ARTICLE_ATTRIBUTION_DIRECT = 1,   /* a cue in the quote's own sentence names the speaker */
    ARTICLE_ATTRIBUTION_INHERITED = 2 /* since 1.1: no cue of its own; the speaker of the
                                       * quotation before it, as a reader would take it
                                       * (a follow-on sentence or paragraph) */
} article_attribution;

/* Since 1.1: what kind of phrase names a speaker. */
typedef enum article_speaker_type {
    ARTICLE_SPEAKER_NONE = 0,        /* only for a NULL speaker */
    ARTICLE_SPEAKER_NAME = 1,        /* a proper name: "Sen. Jane Doe", "the White House" */
    ARTICLE_SPEAKER_PRONOUN = 2,     /* "she", "they" */
    ARTICLE_SPEAKER_DESCRIPTION = 3  /* a common noun phrase: "the spokeswoman", "officials" */
} article_speaker_type;

ARTICLE_EXTERN size_t article_quote_count(const article *a);
ARTICLE_EXTERN const article_quote *article_quote_at(const article *a, size_t i);

/* The words inside the marks, as plain text. A quotation over several paragraphs has
 * its parts joined by one space. */
ARTICLE_EXTERN const char *article_quote_text(const article_quote *q, size_t *len);
/* Index of the block holding the quote (its first block when it spans several). */
ARTICLE_EXTERN size_t article_quote_block(const article_quote *q);
/* From the first byte inside the opening mark to the byte after the last character
 * before the closing mark. */
ARTICLE_EXTERN size_t article_quote_start(const article_quote *q);
ARTICLE_EXTERN size_t article_quote_end(const article_quote *q);
/* One span per paragraph the quote covers (1 unless it runs over several). */
ARTICLE_EXTERN size_t article_quote_span_count(const article_quote *q);
ARTICLE_EXTERN size_t article_quote_span_start(const article_quote *q, size_t i);
ARTICLE_EXTERN size_t article_quote_span_end(const article_quote *q, size_t i);

ARTICLE_EXTERN article_attribution article_quote_attribution(const article_quote *q);
/* Who said it, or NULL. */
ARTICLE_EXTERN const article_speaker *article_quote_speaker(const article_quote *q);
/* The verb or phrase that attributes it ("said", "according to"), or NULL. */
ARTICLE_EXTERN const char *article_quote_cue(const article_quote *q, size_t *len);
ARTICLE_EXTERN size_t article_quote_cue_start(const article_quote *q);
ARTICLE_EXTERN size_t article_quote_cue_end(const article_quote *q);

/* The speaker as written ("Sen. Jane Doe", "the letter", "she"). */
ARTICLE_EXTERN const char *article_speaker_text(const article_speaker *s, size_t *len);
ARTICLE_EXTERN size_t article_speaker_start(const article_speaker *s);
ARTICLE_EXTERN size_t article_speaker_end(const article_speaker *s);

/* Since 1.1. */
ARTICLE_EXTERN article_speaker_type article_speaker_get_type(const article_speaker *s);
/* "name", "pronoun", "description"; NULL for unknown values. Static string. */
ARTICLE_EXTERN const char *article_speaker_type_name(article_speaker_type type);
/* The named speaker this one refers to: for a name, the name itself without titles
 * ("Jane Doe" for "Sen. Jane Doe, D-Mass."); for a pronoun or a description, the nearest
 * compatible named speaker before it in the article. NULL when there is none. */
ARTICLE_EXTERN const char *article_speaker_name(const article_speaker *s, size_t *len);
/* Where that name is written (0 when there is no name). */
ARTICLE_EXTERN size_t article_speaker_name_start(const article_speaker *s);
ARTICLE_EXTERN size_t article_speaker_name_end(const article_speaker *s);

/* ---------------------------------------------------------------------------------------
 * Statistics and warnings
 * ------------------------------------------------------------------------------------- */

/* Words in the body's prose (paragraphs, headings, table cells; not code or HTML). */
ARTICLE_EXTERN size_t article_word_count(const article *a);
/* Reading time in whole minutes at 200 words a minute, rounded up (0 for no words). */
ARTICLE_EXTERN size_t article_reading_minutes(const article *a);

typedef struct article_warning article_warning;

typedef enum article_warning_code {
    ARTICLE_WARN_UNBALANCED_QUOTE = 1, /* an opening quotation mark is never closed */
    ARTICLE_WARN_UNKNOWN_IMAGE_KEY,    /* a featured-image key the library does not know */
    ARTICLE_WARN_FIELD_TYPE,           /* a well-known field of the wrong shape, ignored */
    ARTICLE_WARN_DATE_FORMAT,          /* the date is not a YAML timestamp */
    ARTICLE_WARN_INT_RANGE,            /* an integer beyond int64_t, kept as a string */
    ARTICLE_WARN_UNKNOWN_TAG,          /* a YAML tag the core schema does not define */
    ARTICLE_WARN_TABLE_CELLS,          /* tables that would expand to more cells than the
                                        * input has bytes: all tables are read as text */
    ARTICLE_WARN_FOOTNOTE_UNREFERENCED /* a footnote definition nothing refers to, which
                                        * cmark-gfm leaves out of the body */
} article_warning_code;

ARTICLE_EXTERN size_t article_warning_count(const article *a);
ARTICLE_EXTERN const article_warning *article_warning_at(const article *a, size_t i);
ARTICLE_EXTERN article_warning_code article_warning_get_code(const article_warning *w);
/* A stable identifier, e.g. "unbalanced_quote"; NULL for unknown codes. Static string. */
ARTICLE_EXTERN const char *article_warning_name(article_warning_code code);
/* One line, e.g. "opening quotation mark is never closed". */
ARTICLE_EXTERN const char *article_warning_message(const article_warning *w, size_t *len);
ARTICLE_EXTERN size_t article_warning_offset(const article_warning *w);

/* ---------------------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------------------- */

#define ARTICLE_JSON_DEFAULT 0u
#define ARTICLE_JSON_PRETTY (1u << 0) /* two-space indentation and newlines */

/* The whole article as one JSON object (the schema is in docs/json.md): compact on one
 * line by default. Rendered on first call for each flag set and kept by the article;
 * NULL only when memory runs out. */
ARTICLE_EXTERN const char *article_json(const article *a, unsigned int flags, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* LIBARTICLE_H */
