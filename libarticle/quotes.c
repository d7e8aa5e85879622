/* Quotes: quotation marks paired within each prose block, quotations that run over
 * several paragraphs, and who said them: a cue in the quotation's sentence, else the
 * speaker of the quotation before it (docs/quotes.md describes the rules in order).
 *
 * Each block is scanned once. Opening marks go on a stack; a closing mark pairs with the
 * nearest open mark of its family, and marks of other families still open above it are
 * dropped. Only the outermost complete pairs become quotations (a list kept sorted by
 * opening offset: a pair that closes removes the pairs it encloses). A double mark or
 * guillemet still open at the end of a paragraph may be continued by the next paragraph
 * (the newsroom convention); until that is known, the pairs nested in it are kept aside
 * as "conditional" records, published only if the quotation turns out to be unbalanced.
 *
 * Every opening mark left unclosed is a warning at its offset, with one exception: a single
 * mark nested in a quotation that closes is taken as part of that quotation's text, a
 * stray ‘ that costs no quote, and is not reported (double marks and guillemets nested
 * that way are). A single mark never continues into the next paragraph: one still open at
 * the end of its block is reported, unless it is nested in a quotation that may go on;
 * then it is reported only if that quotation turns out to be unbalanced.
 */
#include "internal.h"
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define ART_QUOTES_SSE2 1
#else
#define ART_QUOTES_SSE2 0
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ART_QUOTES_LE 1
#else
#define ART_QUOTES_LE 0
#endif

/* FAM_DAPOS: two ASCII apostrophes used as a double mark ('' … ''), as in wire copy. */
enum { FAM_STRAIGHT, FAM_CURLY, FAM_SINGLE, FAM_GUILLEMET, FAM_DAPOS, FAM_COUNT };

#define NONE ((size_t)-1)
#define CREDIT_MAX_WORDS 16 /* a credit line: "— Ann Lee, mayor of Flint, at a rally" */
/* Longest speaker phrase, in words ("Rep. Young Kim (R-CA), House Foreign ... (R-WI)"). */
#define SPEAKER_MAX_WORDS 30
/* Words allowed between a verb and the mark after it ("said in a statement, "). */
#define TAIL_MAX_WORDS 4
#define FWD_MAX_TOKENS (SPEAKER_MAX_WORDS + 2)
#define BACK_MAX_TOKENS (SPEAKER_MAX_WORDS + TAIL_MAX_WORDS + 2)

static const char UNBALANCED_MSG[] = "quotation mark opened here is never closed";

typedef struct open_mark {
    size_t off;    /* plain-text offset of the mark */
    uint8_t fam;
    uint8_t len;   /* bytes */
    bool cont;     /* repeats the mark of a quotation open since an earlier paragraph */
} open_mark;

typedef struct pair {
    size_t open, close; /* plain-text offsets of the two marks */
    uint8_t open_len, close_len;
    bool cont;          /* closes the quotation continued from earlier paragraphs */
    bool alnum;         /* a letter or digit between the marks */
    uint8_t minor;      /* minor_pair(): 0 not known yet, 1 a title or a few words, 2 not */
} pair;

typedef struct attrib {
    const article_speaker *speaker; /* NULL: none */
    const char *cue;
    size_t cue_len, cue_start, cue_end;
} attrib;

/* The prose block being scanned. */
typedef struct word_memo word_memo;

typedef struct blk {
    const char *s;
    size_t len;
    const art_seg *segs;
    size_t nsegs;
    size_t block;
    word_memo *memo; /* words made in this block, by start offset */
    unsigned gen;    /* entries of other blocks are stale */
} blk;

/* Offset segments of a paragraph kept for the next one: most have one or two. */
#define PREV_SEGS_MAX 8

/* A named speaker kept for resolving pronouns: its name (arena), span in the input, and
 * its gender when an honorific or a noun says it ('m', 'f'; 0 when unknown). */
typedef struct seen_name {
    const char *s;
    size_t len, start, end;
    char gender;
} seen_name;

/* How many named speakers are kept: a pronoun skips those of the other gender. */
#define NAMES_KEPT 8

struct art_quotes {
    art_ctx *c;
    article *a;
    bool disabled; /* ARTICLE_OPT_NO_QUOTES */

    open_mark *stack;
    size_t depth, stack_cap;
    size_t open_count[FAM_COUNT];
    pair *pairs; /* outermost complete pairs of the block, by opening offset */
    size_t npairs, pairs_cap;

    /* Input offsets of unbalanced marks, published in order once no quotation is
     * pending (a pending one may still add an earlier offset). */
    size_t *held;
    size_t nheld, held_cap;
    /* Records and unclosed single marks (input offsets) nested in the pending quotation:
     * kept if it turns out unbalanced. */
    article_quote *cond;
    size_t ncond, cond_cap;
    size_t *cond_held;
    size_t ncond_held, cond_held_cap;

    /* A double mark or guillemet open at the end of the last prose block. */
    bool pending;
    uint8_t chain_fam;
    size_t chain_mark;  /* input offset of its opening mark */
    size_t chain_block; /* block it opened in */
    size_t last_block;  /* last block it covers */
    bool chain_alnum;
    art_buf chain_text; /* the parts so far, joined by one space */
    art_span *spans;
    size_t nspans, spans_cap;
    attrib chain_before; /* attribution before its opening mark */
    bool chain_sent_start; /* its opening mark starts a sentence */

    /* The speaker of the last attributed quotation and its block: a quotation with no
     * cue of its own that starts a sentence inherits it. */
    const article_speaker *cur;
    size_t cur_block;
    /* The last named speakers, newest at names[(nnames - 1) % NAMES_KEPT]: what pronouns
     * and descriptions resolve to. */
    seen_name names[NAMES_KEPT];
    size_t nnames, gendered; /* how many kept have a gender */
    attrib prev; /* attribution of the block's last quotation */
    /* A paragraph that ends with `X said:` and no quotation after it introduces the
     * quotation that opens the next one. */
    attrib intro;
    size_t intro_block;
    /* The last quotation when it has no speaker and ends its paragraph: a credit line
     * opening the next one (`— Ann Lee`) names it. Index in a->quotes, or NONE. */
    size_t credit_quote, credit_block;

    word_memo *memo;
    unsigned memo_gen; /* of the current block; 0 is never used */

    /* The last prose block, kept for a quotation that opens the next one with no speaker
     * when it had no quotation and ends a sentence: its text (the article's), a copy of
     * its segments (a block with more is not kept) and its memo generation. */
    const char *prev_s;
    size_t prev_len, prev_block;
    art_seg prev_segs[PREV_SEGS_MAX];
    size_t prev_nsegs;
    unsigned prev_gen;
    bool prev_quoteless;

    /* Per block, computed lazily while scanning forward. */
    size_t alnum_upto, last_alnum;
    bool rsq_known;
    size_t rsq_last; /* last ’ in the block that could close a single quote */
};

/* ---- characters --------------------------------------------------------------------- */

static inline uint32_t cp_at(const blk *b, size_t i, size_t *n) {
    if (i >= b->len) {
        *n = 0;
        return 0;
    }
    unsigned char c = (unsigned char)b->s[i];
    if (ART_LIKELY(c < 0x80)) {
        *n = 1;
        return c;
    }
    return art_utf8_decode(b->s, b->len, i, n);
}

/* The code point ending at i (0 at the start); *start gets where it begins. */
static inline uint32_t cp_before(const blk *b, size_t i, size_t *start) {
    if (i == 0) {
        if (start)
            *start = 0;
        return 0;
    }
    unsigned char c = (unsigned char)b->s[i - 1];
    if (ART_LIKELY(c < 0x80)) {
        if (start)
            *start = i - 1;
        return c;
    }
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)b->s[k] & 0xC0) == 0x80)
        k--;
    size_t n;
    if (start)
        *start = k;
    return art_utf8_decode(b->s, b->len, k, &n);
}

static inline bool is_space(uint32_t c) {
    if (ART_LIKELY(c < 0x80))
        return c == ' ' || (c >= 9 && c <= 13);
    return c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

static bool is_digit(uint32_t c) {
    return c >= '0' && c <= '9';
}

/* Letters, roughly: ASCII letters and non-ASCII code points outside the punctuation,
 * symbol, private-use and emoji blocks. */
static bool is_letter(uint32_t c) {
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7)
        return false;
    if (c < 0x2000)
        return true;
    if (c <= 0x2BFF || (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F))
        return false;
    if ((c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE10 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
        (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x1F000 && c <= 0x1FAFF))
        return false;
    return true;
}

static bool is_alnum(uint32_t c) {
    return is_digit(c) || is_letter(c);
}

static bool is_lower(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
           (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x44F);
}

static bool is_open_bracket(uint32_t c) {
    return c == '(' || c == '[' || c == '{';
}

static bool is_dash(uint32_t c) {
    return c == '-' || (c >= 0x2010 && c <= 0x2015);
}

/* The classes below of each ASCII byte, so that the word loops test a byte without
 * decoding it or calling a function per character. Keep in step with the functions. */
enum { CC_SPACE = 1, CC_LEAD = 2, CC_CLOSE_PUNCT = 4, CC_CLOSER = 8 };
static const unsigned char ascii_class[128] = {
    ['\t'] = CC_SPACE, ['\n'] = CC_SPACE, ['\v'] = CC_SPACE, ['\f'] = CC_SPACE,
    ['\r'] = CC_SPACE, [' '] = CC_SPACE,
    ['('] = CC_LEAD, ['['] = CC_LEAD, ['{'] = CC_LEAD,
    ['"'] = CC_LEAD | CC_CLOSER, ['\''] = CC_LEAD | CC_CLOSER,
    [')'] = CC_CLOSE_PUNCT | CC_CLOSER, [']'] = CC_CLOSE_PUNCT | CC_CLOSER,
    ['}'] = CC_CLOSE_PUNCT | CC_CLOSER,
    ['.'] = CC_CLOSE_PUNCT, [','] = CC_CLOSE_PUNCT, [';'] = CC_CLOSE_PUNCT,
    [':'] = CC_CLOSE_PUNCT, ['!'] = CC_CLOSE_PUNCT, ['?'] = CC_CLOSE_PUNCT,
};

static inline bool is_close_punct(uint32_t c) {
    return c < 0x80 ? (ascii_class[c] & CC_CLOSE_PUNCT) != 0 : c == 0x2026;
}

/* Closing brackets and marks, skipped when looking for a word's final punctuation. */
static inline bool is_closer(uint32_t c) {
    return c < 0x80 ? (ascii_class[c] & CC_CLOSER) != 0 : c == 0x201D || c == 0x2019 || c == 0xBB;
}

static bool is_lead_punct(uint32_t c) {
    return is_open_bracket(c) || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 ||
           c == 0xAB || c == 0xBF || c == 0xA1;
}

static bool is_trail_punct(uint32_t c) {
    return is_close_punct(c) || is_closer(c);
}

/* ---- plain text to input offsets ------------------------------------------------------ */

/* The last segment starting at or before plain offset `off` (the one holding it). */
static size_t seg_find(const blk *b, size_t off) {
    size_t lo = 0, hi = b->nsegs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->segs[mid].text_off <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Input byte just after the character that ends at plain offset `off` (markup after it
 * is not included). */
static size_t map_end(const blk *b, size_t off) {
    if (b->nsegs == 0)
        return off;
    return art_seg_map(b->segs, b->nsegs, b->len, off);
}

/* Input byte where the character at plain offset `off` starts. art_seg_map() gives the
 * end of the previous segment at a boundary; this leans the other way, so that markup
 * between a character and what precedes it (the `*` in `"*a*"`) is included. */
static size_t map_start(const blk *b, size_t off) {
    if (b->nsegs == 0)
        return off;
    if (off >= b->len)
        return map_end(b, b->len);
    const art_seg *g = &b->segs[seg_find(b, off)];
    if (off < g->text_off)
        return g->src_off;
    return g->exact ? g->src_off + (off - g->text_off) : g->src_off;
}

static bool in_code_at(const blk *b, size_t off) {
    if (b->nsegs == 0)
        return false;
    const art_seg *g = &b->segs[seg_find(b, off)];
    return g->code && g->text_off <= off;
}

/* ---- memory helpers ------------------------------------------------------------------- */

static bool hold(art_quotes *q, size_t input_off) {
    if (!art_grow(&q->a->mem, (void **)&q->held, &q->held_cap, q->nheld + 1, sizeof *q->held))
        return false;
    q->held[q->nheld++] = input_off;
    return true;
}

/* An unclosed single mark nested in the pending quotation. */
static bool hold_cond(art_quotes *q, size_t input_off) {
    if (!art_grow(&q->a->mem, (void **)&q->cond_held, &q->cond_held_cap, q->ncond_held + 1,
                  sizeof *q->cond_held))
        return false;
    q->cond_held[q->ncond_held++] = input_off;
    return true;
}

static int cmp_size(const void *x, const void *y) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

static article_status flush_held(art_quotes *q) {
    if (q->nheld > 1)
        qsort(q->held, q->nheld, sizeof *q->held, cmp_size);
    for (size_t i = 0; i < q->nheld; i++)
        if (!art_warn(q->c, ARTICLE_WARN_UNBALANCED_QUOTE, q->held[i], "%s", UNBALANCED_MSG))
            return q->c->status;
    q->nheld = 0;
    return q->c->status;
}

/* Inline, as it runs after every block and there is mostly nothing to flush. */
static inline article_status flush_warnings(art_quotes *q) {
    return q->nheld ? flush_held(q) : q->c->status;
}

/* Room for n more published quotations under max_quotes (false: the parse has failed). */
static bool quote_room(art_quotes *q, size_t n, size_t offset) {
    size_t max = q->c->opts->max_quotes;
    if (q->a->quote_count + n <= max)
        return true;
    art_fail(q->c, ARTICLE_ERR_LIMIT_QUOTES, offset, "more than %zu quotations", max);
    return false;
}

static bool push_record(art_quotes *q, const article_quote *r, bool conditional) {
    article *a = q->a;
    if (conditional) {
        if (!art_grow(&a->mem, (void **)&q->cond, &q->cond_cap, q->ncond + 1, sizeof *q->cond))
            return false;
        q->cond[q->ncond++] = *r;
        return true;
    }
    if (!quote_room(q, 1, r->start))
        return false;
    if (!art_grow(&a->mem, (void **)&a->quotes, &a->quote_cap, a->quote_count + 1,
                  sizeof *a->quotes))
        return false;
    a->quotes[a->quote_count++] = *r;
    return true;
}

/* ---- words ---------------------------------------------------------------------------- */

/* A run of non-space characters, its core (without leading and trailing punctuation)
 * and the punctuation that ends it (',', '.', ';', ':', '!', '?' or 0), closing
 * brackets and marks aside. */
typedef struct word {
    size_t s, e;
    size_t cs, ce;
    char last;
    unsigned lex; /* art_lex_lookup() of the core */
} word;

/* The words around neighbouring quotations overlap (one's text after is the next one's
 * text before), so each block keeps the words it made, by start offset, direct-mapped. */
#define MEMO_SIZE 128
/* The lexicon's answers for the article's short words so far, by their bytes (the same
 * words come back: "the", "said", the names), direct-mapped. */
#define LEX_CACHE_BITS 10
#define LEX_CACHE_SIZE (1u << LEX_CACHE_BITS)
struct word_memo {
    unsigned gen[MEMO_SIZE];
    word w[MEMO_SIZE];
    uint64_t lex_key[LEX_CACHE_SIZE];   /* the word's bytes, little-endian */
    unsigned lex_val[LEX_CACHE_SIZE];   /* art_lex_lookup() of it */
    uint8_t lex_len[LEX_CACHE_SIZE];    /* its length, 1 to 8; 0: empty */
};

/* art_lex_lookup() of b->s[cs..ce), through the cache when the word is at most eight
 * bytes and eight can be read from its start. */
static unsigned lex_cached(const blk *b, size_t cs, size_t ce) {
    size_t len = ce - cs;
#if ART_QUOTES_LE
    if (len - 1 < 8 && cs + 8 <= b->len) {
        uint64_t key;
        memcpy(&key, b->s + cs, 8);
        key &= ~0ull >> (64 - 8 * len);
        word_memo *m = b->memo;
        size_t k = (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - LEX_CACHE_BITS));
        if (m->lex_len[k] == len && m->lex_key[k] == key)
            return m->lex_val[k];
        unsigned v = art_lex_lookup(b->s + cs, len);
        m->lex_key[k] = key;
        m->lex_val[k] = v;
        m->lex_len[k] = (uint8_t)len;
        return v;
    }
#endif
    return art_lex_lookup(b->s + cs, len);
}

/* The word s[i..j): from the memo or made now. */
static void word_get(const blk *b, size_t i, size_t j, word *w);

/* The end of the run of characters that starts at i (before hi) and are in ASCII classes
 * cc or, beyond ASCII, satisfy in(). */
static inline size_t run_fwd(const blk *b, size_t i, size_t hi, unsigned cc,
                             bool (*in)(uint32_t)) {
    const unsigned char *p = (const unsigned char *)b->s;
    size_t n;
    while (i < hi) {
        if (p[i] < 0x80) {
            if (!(ascii_class[p[i]] & cc))
                break;
            i++;
        } else {
            if (!in(cp_at(b, i, &n)))
                break;
            i += n;
        }
    }
    return i;
}

/* The start of such a run that ends at j (after lo). */
static inline size_t run_back(const blk *b, size_t j, size_t lo, unsigned cc,
                              bool (*in)(uint32_t)) {
    const unsigned char *p = (const unsigned char *)b->s;
    size_t st;
    while (j > lo) {
        if (p[j - 1] < 0x80) {
            if (!(ascii_class[p[j - 1]] & cc))
                break;
            j--;
        } else {
            if (!in(cp_before(b, j, &st)))
                break;
            j = st;
        }
    }
    return j;
}

static void word_make(const blk *b, size_t s, size_t e, word *w) {
    w->s = s;
    w->e = e;
    size_t cs = run_fwd(b, s, e, CC_LEAD, is_lead_punct);
    size_t ce = run_back(b, e, cs, CC_CLOSE_PUNCT | CC_CLOSER, is_trail_punct);
    w->cs = cs;
    w->ce = ce;
    size_t j = run_back(b, e, s, CC_CLOSER, is_closer);
    w->last = 0;
    if (j > s) {
        char c = b->s[j - 1];
        if (c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?')
            w->last = c;
    }
    w->lex = lex_cached(b, cs, ce);
}

/* word_is(b, w, "lit"): whether w's core is the lower-case literal, ignoring case. A macro,
 * so that the literal's length is known at compile time (literals only). */
#define word_is(b, w, lit) word_is_n((b), (w), "" lit, sizeof(lit) - 1)

static bool word_is_n(const blk *b, const word *w, const char *lit, size_t n) {
    if (w->ce - w->cs != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = b->s[w->cs + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

static uint32_t word_first(const blk *b, const word *w) {
    size_t n;
    return w->cs < w->ce ? cp_at(b, w->cs, &n) : 0;
}

static bool word_lower(const blk *b, const word *w) {
    return is_lower(word_first(b, w));
}

/* Lower-case and in one of the classes (capitalised "Will" or "May" is a name). */
static bool word_lower_in(const blk *b, const word *w, unsigned classes) {
    return (w->lex & classes) && word_lower(b, w);
}

static void word_get(const blk *b, size_t i, size_t j, word *w) {
    word_memo *m = b->memo;
    size_t k = i & (MEMO_SIZE - 1);
    if (m->gen[k] == b->gen && m->w[k].s == i && m->w[k].e == j) {
        *w = m->w[k];
        return;
    }
    word_make(b, i, j, &m->w[k]);
    m->gen[k] = b->gen;
    *w = m->w[k];
}
#if ART_QUOTES_LE
#define ART_QUOTES_SWAR 1
/* The top bit of each byte of v that may end a word: one below '!' (spaces, controls) or
 * not ASCII. Exact per byte (no carry crosses bytes), so the first and the last are. */
static inline uint64_t word_stops(uint64_t v) {
    return (~((v & 0x7F7F7F7F7F7F7F7Full) + 0x5F5F5F5F5F5F5F5Full) | v) & 0x8080808080808080ull;
}
#else
#define ART_QUOTES_SWAR 0
#endif

/* ASCII bytes are classed in place (eight at a time through a word); only the others are
 * decoded. */
static bool next_word(const blk *b, size_t *pos, size_t hi, word *w) {
    const unsigned char *p = (const unsigned char *)b->s;
    size_t n;
    if (hi > b->len)
        hi = b->len;
    size_t i = run_fwd(b, *pos, hi, CC_SPACE, is_space);
    if (i >= hi)
        return false;
    size_t j = i;
    while (j < hi) {
#if ART_QUOTES_SWAR
        if (j + 8 <= hi) {
            uint64_t v;
            memcpy(&v, p + j, 8);
            uint64_t m = word_stops(v);
            if (!m) {
                j += 8;
                continue;
            }
            j += (size_t)__builtin_ctzll(m) >> 3;
        }
#endif
        if (p[j] < 0x80) {
            if (ascii_class[p[j]] & CC_SPACE)
                break;
            j++;
        } else {
            if (is_space(cp_at(b, j, &n)))
                break;
            j += n;
        }
    }
    word_get(b, i, j, w);
    *pos = j;
    return true;
}

static bool prev_word(const blk *b, size_t *pos, size_t lo, word *w) {
    const unsigned char *p = (const unsigned char *)b->s;
    size_t st;
    size_t j = run_back(b, *pos, lo, CC_SPACE, is_space);
    if (j <= lo)
        return false;
    size_t i = j;
    while (i > lo) {
#if ART_QUOTES_SWAR
        if (i >= lo + 8) {
            uint64_t v;
            memcpy(&v, p + i - 8, 8);
            uint64_t m = word_stops(v);
            if (!m) {
                i -= 8;
                continue;
            }
            i -= 7 - ((size_t)(63 - __builtin_clzll(m)) >> 3);
        }
#endif
        if (p[i - 1] < 0x80) {
            if (ascii_class[p[i - 1]] & CC_SPACE)
                break;
            i--;
        } else {
            if (is_space(cp_before(b, i, &st)))
                break;
            i = st;
        }
    }
    word_get(b, i, j, w);
    *pos = i;
    return true;
}

/* Whether the period ending w belongs to an abbreviation (Sen., Jr.), an initial
 * (J. Smith) or a dotted acronym (U.S.). */
static bool abbrev_period(const blk *b, const word *w) {
    size_t n = w->ce - w->cs, cl;
    if (n == 0 || w->last != '.')
        return false;
    if (memchr(b->s + w->cs, '.', n))
        return true;
    uint32_t c = cp_at(b, w->cs, &cl);
    return (cl == n && is_letter(c)) || (w->lex & ART_LEX_ABBREV);
}

/* Whether w ends its sentence, given the word after it (NULL at the end of the text
 * looked at). An abbreviation's period does not, nor one followed by a lower-case word. */
static bool ends_sentence(const blk *b, const word *w, const word *next) {
    if (w->last != '.' && w->last != '!' && w->last != '?')
        return false;
    if (next && word_lower(b, next))
        return false;
    if (w->last != '.' || !next || !abbrev_period(b, w))
        return true;
    /* "in the U.S. She said": an acronym before a pronoun ends the sentence. */
    return memchr(b->s + w->cs, '.', w->ce - w->cs) && (next->lex & ART_LEX_PRONOUN);
}

static bool is_and_or(const blk *b, const word *w) {
    return w->last == 0 && (word_is(b, w, "and") || word_is(b, w, "or"));
}

/* A word ending in 's, straight or curly. */
static bool possessive(const blk *b, const word *w) {
    size_t n = w->ce - w->cs;
    const char *e = b->s + w->ce;
    return (n > 2 && e[-2] == '\'' && e[-1] == 's') ||
           (n > 4 && memcmp(e - 4, "\xE2\x80\x99s", 4) == 0);
}

/* Where the apostrophe, straight or curly, one or two letters from the end of the n bytes
 * at s is (0: none); *tl gets the letters after it. */
static size_t apostrophe_at(const unsigned char *s, size_t n, size_t *tl) {
    if (n >= 3 && s[n - 2] == '\'')
        return *tl = 1, n - 2;
    if (n >= 4 && s[n - 3] == '\'')
        return *tl = 2, n - 3;
    if (n >= 5 && s[n - 2] == 0x99 && s[n - 3] == 0x80 && s[n - 4] == 0xE2)
        return *tl = 1, n - 4;
    if (n >= 6 && s[n - 3] == 0x99 && s[n - 4] == 0x80 && s[n - 5] == 0xE2)
        return *tl = 2, n - 5;
    return 0;
}

/* "He's", "they've", "she'd": a subject pronoun with a verb folded into it; the pronoun's
 * length, or 0. */
static size_t pronoun_stem(const blk *b, const word *w) {
    size_t n = w->ce - w->cs;
    const unsigned char *s = (const unsigned char *)b->s + w->cs;
    size_t tl, ap = apostrophe_at(s, n, &tl);
    if (ap == 0 || (tl == 1 && s[n - 1] == 't')) /* "won't" */
        return 0;
    unsigned lex = art_lex_lookup((const char *)s, ap);
    bool it = ap == 2 && (s[0] | 0x20) == 'i' && s[1] == 't'; /* "It's" names nobody */
    return (lex & ART_LEX_PRONOUN) && !(lex & ART_LEX_OBJECT) && !it ? ap : 0;
}

/* A verb folded into a word: "That's", "I'm", "aren't", "they've" name nobody. */
static bool contraction(const blk *b, const word *w) {
    size_t n = w->ce - w->cs;
    const unsigned char *s = (const unsigned char *)b->s + w->cs;
    size_t tl, ap = apostrophe_at(s, n, &tl);
    if (ap == 0)
        return false;
    const unsigned char *t = s + n - tl;
    if (tl == 2)
        return memcmp(t, "re", 2) == 0 || memcmp(t, "ve", 2) == 0 || memcmp(t, "ll", 2) == 0;
    if (*t == 'm' || *t == 'd' || (*t == 't' && s[ap - 1] == 'n'))
        return true;
    /* "It's", "that's", "there's": not a possessive. */
    return *t == 's' &&
           ((ap == 5 && (memcmp(s, "there", 5) == 0 || memcmp(s, "There", 5) == 0)) ||
            (art_lex_lookup((const char *)s, ap) &
             (ART_LEX_PRONOUN | ART_LEX_DETERMINER | ART_LEX_BREAKER | ART_LEX_TIME)) != 0);
}

static bool ends_ed(const blk *b, const word *w) {
    size_t n = w->ce - w->cs;
    return n > 3 && word_lower(b, w) && memcmp(b->s + w->ce - 2, "ed", 2) == 0;
}

static bool ends_ing(const blk *b, const word *w) {
    size_t n = w->ce - w->cs;
    return n > 4 && word_lower(b, w) && memcmp(b->s + w->ce - 3, "ing", 3) == 0;
}

/* A verb of speech at w[k] of n words: lower case, not a noun after a determiner ("the
 * notes said"), not followed by another verb of speech ("Kim's post said"), not passive
 * ("measures added by"). */
static bool is_cue_as(const blk *b, const word *w, size_t k, size_t n, unsigned classes,
                      bool object) {
    if (!(w[k].lex & classes) || w[k].cs != w[k].s || !word_lower(b, &w[k]))
        return false;
    /* "the report", "his claims", "secretary of state": nouns. A determiner that stands
     * for its noun is a subject ("Another said", "Some wrote"). */
    if (k > 0 && w[k - 1].last == 0 &&
        (((w[k - 1].lex & ART_LEX_DETERMINER) && !(w[k - 1].lex & ART_LEX_ALONE)) ||
         (possessive(b, &w[k - 1]) && !pronoun_stem(b, &w[k - 1])) || /* not "He's said" */
         (word_lower_in(b, &w[k - 1], ART_LEX_PREPOSITION) && !ends_ing(b, &w[k]))))
        return false;
    if (k + 1 < n && w[k].last == 0 && word_lower(b, &w[k + 1])) {
        if ((w[k + 1].lex & ART_LEX_CUE) && !(w[k].lex & ART_LEX_LISTENER))
            return false;
        if (!object && word_is(b, &w[k + 1], "by"))
            return false;
    }
    return true;
}

/* A cue anywhere but right after the quotation: not the verbs that are one only there. */
static bool is_cue_in(const blk *b, const word *w, size_t k, size_t n, unsigned classes) {
    return !(w[k].lex & ART_LEX_AFTER) && is_cue_as(b, w, k, n, classes, false);
}

static bool is_cue(const blk *b, const word *w, size_t k, size_t n) {
    return is_cue_in(b, w, k, n, ART_LEX_CUE);
}

static bool capitalised(const blk *b, const word *w) {
    uint32_t c = word_first(b, w);
    return is_letter(c) && !is_lower(c);
}

static bool is_adverb(const blk *b, const word *w) {
    if (!word_lower(b, w))
        return false;
    if (w->lex & ART_LEX_ADVERB)
        return true;
    size_t n = w->ce - w->cs;
    return n > 3 && b->s[w->ce - 2] == 'l' && b->s[w->ce - 1] == 'y';
}

/* A lower-case plural noun such as "officials" or "prosecutors". */
static bool looks_plural(const blk *b, const word *w) {
    size_t n = w->ce - w->cs;
    if (n < 4)
        return false;
    for (size_t i = w->cs; i < w->ce; i++)
        if (b->s[i] < 'a' || b->s[i] > 'z')
            return false;
    const char *e = b->s + w->ce;
    return e[-1] == 's' && e[-2] != 's' && e[-2] != 'u' && e[-2] != 'i';
}

/* "to" before a noun, as in "a source close to the campaign", "aide to Sen. Lee". */
static bool to_before_noun(const blk *b, const word *w, size_t k, size_t n) {
    if (!word_is(b, &w[k], "to") || w[k].last || k + 1 >= n)
        return false;
    const word *y = &w[k + 1];
    return capitalised(b, y) || (y->lex & ART_LEX_DETERMINER) || looks_plural(b, y);
}

/* A verb and its particle that together report speech: "shot back", "pointed out". */
static bool phrasal_cue(const blk *b, const word *w, size_t k, size_t n) {
    if (!(w[k].lex & (ART_LEX_BACK | ART_LEX_OUT)) || k + 1 >= n || w[k].last ||
        !word_lower(b, &w[k]))
        return false;
    return ((w[k].lex & ART_LEX_BACK) && word_is(b, &w[k + 1], "back")) ||
           ((w[k].lex & ART_LEX_OUT) && word_is(b, &w[k + 1], "out"));
}

/* After `"…," X said` the verb ends the attribution, or is followed by where, when, how
 * or to whom it was said; anything else ("said that …", "said the plan …") starts a
 * clause of its own, of which the quotation is not the object. */
static bool verb_ends_attribution(const blk *b, const word *w, size_t k, size_t n) {
    if (w[k].last || k + 1 >= n)
        return true;
    const word *x = &w[k + 1];
    if (word_lower_in(b, x, ART_LEX_SUBORDINATOR)) /* "said when asked whether …" */
        return true;
    /* "told him that …", "asked Trump how …": reported speech follows. */
    for (size_t j = k + 1; j < n && j <= k + 3; j++) {
        bool that_time = j + 1 < n && !w[j].last && (w[j + 1].lex & ART_LEX_TIME); /* that day */
        if ((word_is(b, &w[j], "that") && !that_time) || word_is(b, &w[j], "how") ||
            word_is(b, &w[j], "what") || word_is(b, &w[j], "why") ||
            word_is(b, &w[j], "whether") || word_is(b, &w[j], "if") ||
            word_is(b, &w[j], "where"))
            return false;
        if (w[j].last)
            break;
    }
    if (w[k].lex & ART_LEX_LISTENER)
        return true;
    /* Adverbs, but not auxiliaries: "said later", "said just after", not "said had". */
    if ((x->lex & ART_LEX_TIME) || (is_adverb(b, x) && !(x->lex & ART_LEX_BREAKER)) ||
        is_digit(word_first(b, x)) || is_and_or(b, x) || ends_ing(b, x))
        return true;
    if (word_is(b, x, "to")) /* "said to reporters", not "states to organize" */
        return to_before_noun(b, w, k + 1, n) ||
               (k + 2 < n && !x->last && (w[k + 2].lex & ART_LEX_OBJECT));
    return word_lower(b, x) && (x->lex & ART_LEX_PREPOSITION);
}

/* "As Ann Lee observed", "as the Post's Jo Kim wrote": the clause's subject follows its
 * conjunction at w[k]. */
static bool as_subject(const blk *b, const word *w, size_t k, size_t end) {
    return k + 1 < end && word_is(b, &w[k], "as") && !w[k].last &&
           (capitalised(b, &w[k + 1]) || word_lower_in(b, &w[k + 1], ART_LEX_DETERMINER));
}

/* Whether "who", "that" or "which" is among w[from..to). */
static bool clause_before(const blk *b, const word *w, size_t from, size_t to) {
    for (size_t k = from; k < to; k++)
        if (word_is(b, &w[k], "who") || word_is(b, &w[k], "that") || word_is(b, &w[k], "which"))
            return true;
    return false;
}

/* Whether words w[from..to) can name a speaker: a name, a title, a noun phrase with a
 * determiner, a lone pronoun, coordinated ones; not a clause. */
static bool speaker_ok(const blk *b, const word *w, size_t from, size_t to) {
    if (from >= to || to - from > SPEAKER_MAX_WORDS)
        return false;
    if (is_and_or(b, &w[to - 1])) /* "he adopted an accent and joked" */
        return false;
    bool relative = false; /* in ", who …": a clause is fine there */
    if (contraction(b, &w[from]))
        return false;
    for (size_t k = from + 1; k < to; k++) {
        /* Not after "who", "that": "an aide who didn't want to be named". */
        if (contraction(b, &w[k]) && !clause_before(b, w, from + 1, k))
            return false;
        /* ", who …" and a name's appositive (", attorney for the groups that sued,"). */
        if (w[k - 1].last == ',')
            relative = word_is(b, &w[k], "who") || word_is(b, &w[k], "whose") ||
                       word_is(b, &w[k], "which") ||
                       (capitalised(b, &w[from]) && word_lower(b, &w[k]) &&
                        !(w[k].lex & (ART_LEX_PRONOUN | ART_LEX_BREAKER | ART_LEX_CUE |
                                      ART_LEX_SUBORDINATOR | ART_LEX_OPENER)));
        if (relative || to_before_noun(b, w, k, to))
            continue;
        if (word_lower_in(b, &w[k], ART_LEX_BREAKER))
            return false;
        /* "Tuesday, he said": the pronoun is the subject, not what precedes it. */
        if ((w[k].lex & ART_LEX_PRONOUN) && !is_and_or(b, &w[k - 1]))
            return false;
    }
    /* "policies, which he said": the verb belongs to the relative clause. */
    if (relative && !w[to - 1].last)
        return false;
    const word *f = &w[from];
    uint32_t c = word_first(b, f);
    /* One capitalised word is a name, even one that is also a preposition: `"…," From
     * said.` */
    if ((f->lex & (ART_LEX_PREPOSITION | ART_LEX_OPENER | ART_LEX_SUBORDINATOR)) &&
        !(to - from == 1 && capitalised(b, f) && (f->lex & ART_LEX_PREPOSITION)))
        return false;
    if (word_is(b, f, "who")) /* "Ann Lee, who said": the relative pronoun, as written */
        return to - from == 1;
    /* "articles from", "Signs of": a phrase cut after its preposition names nobody. */
    if (to - from > 1 && word_lower_in(b, &w[to - 1], ART_LEX_PREPOSITION) && !w[to - 1].last)
        return false;
    if (word_is(b, f, "according") || is_adverb(b, f) ||
        ((f->lex & ART_LEX_ADVERB) && !(f->lex & ART_LEX_BREAKER) &&
         capitalised(b, f))) /* "Just as", "First", but "Will" */
        return false;
    /* "Asked", "Acknowledging that …", "Setting aside …": a verb or participle, not a
     * name. */
    if (capitalised(b, f) && f->ce - f->cs > 4 &&
        ((memcmp(b->s + f->ce - 3, "ing", 3) == 0 &&
          ((f->lex & (ART_LEX_CUE | ART_LEX_REPORT)) ||
           (to - from > 1 && !f->last && word_lower(b, &w[from + 1])))) ||
         ((f->lex & (ART_LEX_CUE | ART_LEX_REPORT)) && memcmp(b->s + f->ce - 2, "ed", 2) == 0)))
        return false;
    /* "this year", "last week", "Tuesday": a time, not a speaker ("…," concluded this year). */
    bool time = true;
    for (size_t k = from; k < to && time; k++)
        time = (w[k].lex & ART_LEX_TIME) != 0;
    if (time)
        return false;
    /* "the", "This": a determiner alone, but "Another", "Some". */
    if (to - from == 1 && (f->lex & ART_LEX_DETERMINER) && !(f->lex & ART_LEX_ALONE))
        return false;
    /* "issued a statement Tuesday": a verb, not the head of a noun phrase. */
    if (word_lower(b, f) && !(f->lex & (ART_LEX_DETERMINER | ART_LEX_TITLE | ART_LEX_GROUP)) &&
        f->ce - f->cs > 3 && memcmp(b->s + f->ce - 2, "ed", 2) == 0 && to - from > 1 &&
        word_lower_in(b, &w[from + 1], ART_LEX_DETERMINER | ART_LEX_PREPOSITION))
        return false;
    if (f->lex & ART_LEX_PRONOUN)
        return to - from == 1 || is_and_or(b, &w[from + 1]);
    if (is_digit(c) || capitalised(b, f))
        return true;
    if (f->lex & (ART_LEX_DETERMINER | ART_LEX_TITLE | ART_LEX_GROUP))
        return true;
    /* A verb of speech that is one only after a quotation is an adjective here: "state
     * Sen. Ann Lee". */
    unsigned verb = (f->lex & ART_LEX_AFTER) ? 0u : ART_LEX_CUE;
    if ((f->lex & (ART_LEX_BREAKER | verb | ART_LEX_ADVERB | ART_LEX_SUBORDINATOR)) ||
        !is_letter(c) || ends_ing(b, f))
        return false;
    /* "officials", "state prosecutors", "federal prosecutors" */
    bool group = to - from == 2 && (w[to - 1].lex & (ART_LEX_GROUP | ART_LEX_PERSON)) &&
                 !f->lex && !is_digit(c) && !ends_ing(b, f);
    if (to - from <= 3 && (looks_plural(b, f) || group))
        return true;
    /* Lower-case words before a name: "election law expert Rick Hasen". */
    for (size_t k = from; k < to && k < from + 5; k++) {
        if (capitalised(b, &w[k]))
            return true;
        if (w[k].last || (w[k].lex & (ART_LEX_BREAKER | ART_LEX_PRONOUN)) ||
            ((w[k].lex & ART_LEX_CUE) && !(w[k].lex & ART_LEX_AFTER)) ||
            ends_ing(b, &w[k]))
            return false;
    }
    return false;
}

/* End of a speaker phrase's last word without the punctuation that ends the clause. */
static size_t speaker_end(const blk *b, const word *w, const word *next) {
    size_t e = w->e;
    while (e > w->s && (b->s[e - 1] == ',' || b->s[e - 1] == ';' || b->s[e - 1] == ':'))
        e--;
    if (e > w->s && ends_sentence(b, w, next) && !abbrev_period(b, w))
        while (e > w->s && (b->s[e - 1] == '.' || b->s[e - 1] == '!' || b->s[e - 1] == '?'))
            e--;
    return e;
}

/* A word that can be part of a name: capitalised, and no title, determiner or other
 * function word ("Sen.", "The", "President" stay out of "Sen. Jane Doe"'s name). */
static bool name_word(const blk *b, const word *w) {
    if (w->ce <= w->cs || w->cs != w->s || !capitalised(b, w))
        return false;
    return !(w->lex & (ART_LEX_TITLE | ART_LEX_ABBREV | ART_LEX_DETERMINER | ART_LEX_PRONOUN |
                       ART_LEX_OPENER | ART_LEX_PREPOSITION | ART_LEX_BREAKER | ART_LEX_GROUP));
}

/* The last named speaker, or NULL. */
static const seen_name *last_seen(const art_quotes *q) {
    return q->nnames ? &q->names[(q->nnames - 1) % NAMES_KEPT] : NULL;
}

/* Whether the name [name, +n) ends with the word [x, +len). */
static bool ends_name(const char *name, size_t n, const char *x, size_t len) {
    return n >= len && memcmp(name + n - len, x, len) == 0 &&
           (n == len || name[n - len - 1] == ' ');
}

/* Whether the last name seen ends with the word w ("Lee" for "Ann Lee"). */
static bool last_name_is(const art_quotes *q, const blk *b, const word *w) {
    const seen_name *n = last_seen(q);
    return n && ends_name(n->s, n->len, b->s + w->cs, w->ce - w->cs);
}

/* The gender a word says: an honorific ("Mr.", "Ms.") or a noun ("spokeswoman"). */
static char word_gender(const blk *b, const word *w) {
    size_t n = w->ce - w->cs; /* most words are neither: an honorific or a "-man" noun */
    if (n > 4 && (n < 8 || memcmp(b->s + w->ce - 3, "man", 3) != 0))
        return 0;
    if (word_is(b, w, "mr") || word_is(b, w, "spokesman") || word_is(b, w, "chairman") ||
        word_is(b, w, "congressman") || word_is(b, w, "businessman"))
        return 'm';
    if (word_is(b, w, "mrs") || word_is(b, w, "ms") || word_is(b, w, "miss") ||
        word_is(b, w, "spokeswoman") || word_is(b, w, "chairwoman") ||
        word_is(b, w, "congresswoman") || word_is(b, w, "businesswoman"))
        return 'f';
    return 0;
}

/* Keeps the name that words [s, e) hold as the last one seen, of the given gender, or of
 * the gender an earlier mention of the same name had; false on OOM. */
static bool name_seen(art_quotes *q, const blk *b, size_t s, size_t e, char gender) {
    char *name = art_arena_strdup(&q->a->arena, b->s + s, e - s);
    if (!name)
        return false;
    for (size_t i = 0; i < NAMES_KEPT && i < q->nnames && !gender && q->gendered; i++) {
        const seen_name *n = &q->names[i];
        if (n->gender &&
            (ends_name(n->s, n->len, name, e - s) || ends_name(name, e - s, n->s, n->len)))
            gender = n->gender;
    }
    seen_name *n = &q->names[q->nnames++ % NAMES_KEPT];
    q->gendered += (size_t)(gender != 0) - (size_t)(n->gender != 0); /* unused slots: 0 */
    *n = (seen_name){name, e - s, map_start(b, s), map_end(b, e), gender};
    return true;
}

/* "Ann Lee, who said": a relative pronoun's name is the one right before its comma, not
 * the last speaker's; *named tells whether there is one ("the mayor, who" has none). */
static bool who_antecedent(art_quotes *q, const blk *b, size_t ss, bool *named) {
    size_t pos = ss;
    word x;
    *named = false;
    if (!prev_word(b, &pos, 0, &x) || x.last != ',' || !name_word(b, &x))
        return true;
    *named = true;
    size_t s = x.cs, e = x.ce;
    char gender = 0; /* "Mr. Lee, who" */
    for (int k = 0; k < SPEAKER_MAX_WORDS && prev_word(b, &pos, 0, &x) && !x.last; k++) {
        if (!name_word(b, &x) || possessive(b, &x)) {
            gender = word_gender(b, &x);
            break;
        }
        s = x.cs;
    }
    return name_seen(q, b, s, e, gender);
}

/* The nearest named speaker a pronoun or description of the given gender can stand for:
 * not one known to be of the other gender. */
static const seen_name *resolve_name(const art_quotes *q, char gender) {
    for (size_t i = 0; i < NAMES_KEPT && i < q->nnames; i++) {
        const seen_name *n = &q->names[(q->nnames - 1 - i) % NAMES_KEPT];
        if (!gender || !n->gender || n->gender == gender)
            return n;
    }
    return NULL;
}

/* The kind of speaker phrase [ss, se) and, for a name, the name in it: the first run of
 * name words that is the head of its phrase (followed by its end, a comma, a bracket,
 * "of", "who" or "and"), not a modifier ("the GOP front-runner", "Trump's aide").
 * Pronouns and descriptions resolve to the nearest name seen that can be the same person. */
static bool speaker_classify(art_quotes *q, const blk *b, size_t ss, size_t se,
                             article_speaker *sp) {
    word w[SPEAKER_MAX_WORDS + 1];
    size_t n = 0, pos = ss;
    while (n < SPEAKER_MAX_WORDS + 1 && next_word(b, &pos, se, &w[n]))
        n++;
    sp->type = ARTICLE_SPEAKER_DESCRIPTION;
    if (n == 1 && ((w[0].lex & ART_LEX_PRONOUN) || word_is(b, &w[0], "who"))) {
        sp->type = ARTICLE_SPEAKER_PRONOUN;
        if (word_is(b, &w[0], "who")) {
            bool named;
            if (!who_antecedent(q, b, ss, &named))
                return false;
            if (!named)
                return true;
        }
    } else {
        for (size_t k = 0; k < n; k++) {
            if (!name_word(b, &w[k]))
                continue;
            size_t e = k;
            while (e + 1 < n && !w[e].last && !possessive(b, &w[e]) && name_word(b, &w[e + 1]))
                e++;
            const word *x = e + 1 < n ? &w[e + 1] : NULL;
            bool head = !possessive(b, &w[e]) &&
                        (!x || w[e].last || x->cs != x->s || word_is(b, x, "of") ||
                         word_is(b, x, "who") || is_and_or(b, x));
            if (!head) {
                k = e;
                continue;
            }
            if (!name_seen(q, b, w[k].cs, w[e].ce, k > 0 ? word_gender(b, &w[k - 1]) : 0))
                return false;
            sp->type = ARTICLE_SPEAKER_NAME;
            break;
        }
    }
    /* Compatible: a name for itself; a person's pronoun ("it" is none) or a description
     * headed by a title ("the senator", not "the letter") for the nearest name not of the
     * other gender. */
    bool person = sp->type == ARTICLE_SPEAKER_NAME;
    char gender = 0; /* "she", "the spokeswoman": not the last name if that is Mr. Lee */
    if (sp->type == ARTICLE_SPEAKER_PRONOUN) {
        person = !word_is(b, &w[0], "it");
        gender = word_is(b, &w[0], "he") ? 'm' : word_is(b, &w[0], "she") ? 'f' : 0;
    }
    for (size_t k = 0; k < n && !person; k++)
        person = (w[k].lex & (ART_LEX_TITLE | ART_LEX_PERSON)) != 0;
    for (size_t k = 0; k < n && !gender && sp->type == ARTICLE_SPEAKER_DESCRIPTION; k++)
        gender = word_gender(b, &w[k]);
    const seen_name *name = !person                          ? NULL
                            : sp->type == ARTICLE_SPEAKER_NAME ? last_seen(q)
                                                               : resolve_name(q, gender);
    if (name) {
        sp->name = name->s;
        sp->name_len = name->len;
        sp->name_start = name->start;
        sp->name_end = name->end;
    }
    return true;
}

/* Store the attribution found: speaker text [ss, se) and cue [cs, ce), plain offsets.
 * Returns 1, or -1 when memory runs out. */
static int attrib_set(art_quotes *q, const blk *b, size_t ss, size_t se, size_t cs, size_t ce,
                      attrib *out) {
    art_arena *ar = &q->a->arena;
    article_speaker *sp = art_arena_alloc(ar, sizeof *sp);
    char *st = art_arena_strdup(ar, b->s + ss, se - ss);
    char *ct = art_arena_strdup(ar, b->s + cs, ce - cs);
    if (!sp || !st || !ct)
        return -1;
    memset(sp, 0, sizeof *sp);
    sp->text = st;
    sp->len = se - ss;
    sp->start = map_start(b, ss);
    sp->end = map_end(b, se);
    if (!speaker_classify(q, b, ss, se, sp))
        return -1;
    out->speaker = sp;
    out->cue = ct;
    out->cue_len = ce - cs;
    out->cue_start = map_start(b, cs);
    out->cue_end = map_end(b, ce);
    return 1;
}

/* Speaker named after a verb or "according to": w[from..] up to the end of its clause. */
static int speaker_after_cue(art_quotes *q, const blk *b, const word *w, size_t from, size_t n,
                             size_t cs, size_t ce, attrib *out) {
    size_t to = from;
    bool closed = false;
    while (to < n) {
        const word *x = &w[to];
        if (to_before_noun(b, w, to, n)) {
            to++;
            continue;
        }
        /* A relative clause or one of time ends the name ("said an aide who asked not to
         * be named", "said Ann Lee as she left"); another clause means this is no name
         * ("suggested X to …"). */
        if (to > from && word_lower(b, x) &&
            (word_is(b, x, "who") || word_is(b, x, "whose") || word_is(b, x, "which") ||
             word_is(b, x, "that") || (x->lex & ART_LEX_SUBORDINATOR))) {
            closed = true;
            break;
        }
        if (word_lower_in(b, x, ART_LEX_BREAKER))
            break;
        to++;
        const word *next = to < n ? &w[to] : NULL;
        if (w[to - 1].last == ',' || w[to - 1].last == ';' || w[to - 1].last == ':' ||
            ends_sentence(b, &w[to - 1], next)) {
            closed = true;
            break;
        }
        if (to - from >= SPEAKER_MAX_WORDS)
            break;
    }
    /* Ran past the word limit without reaching the clause's end: not a name. */
    if (!closed && (to < n || n == FWD_MAX_TOKENS))
        return 0;
    if (!speaker_ok(b, w, from, to))
        return 0;
    size_t se = speaker_end(b, &w[to - 1], to < n ? &w[to] : NULL);
    if (se <= w[from].s)
        return 0;
    return attrib_set(q, b, w[from].s, se, cs, ce, out);
}

/* Whether the word before the quotation's opening mark (the mark ends at qs) makes the
 * quotation a noun phrase of its clause: `On "Morning Roundup," Ann Lee said the …`.
 * Only the 64 bytes before the mark are looked at, so that a block without spaces costs
 * no more per quotation. */
static bool quote_in_phrase(const blk *b, size_t qs) {
    size_t lo = qs > 64 ? qs - 64 : 0;
    size_t pos = qs, st;
    while (pos > lo && !is_space(cp_before(b, pos, &st)))
        pos = st;
    word x;
    if (!prev_word(b, &pos, lo, &x) || x.last)
        return false;
    /* "on ABC's "This Week," Lee said": a show, a book, not the verb's object. */
    return (x.lex & (ART_LEX_PREPOSITION | ART_LEX_DETERMINER)) != 0 || possessive(b, &x);
}

/* `"…" — Ann Lee, at a rally`: a credit line after a quotation, in its paragraph or
 * opening the next: a dash, then a name and what describes it up to the paragraph's end. */
static int dash_credit(art_quotes *q, const blk *b, size_t pos, attrib *out) {
    size_t n;
    while (pos < b->len && is_space(cp_at(b, pos, &n)))
        pos += n;
    size_t cs = pos;
    while (pos < b->len && is_dash(cp_at(b, pos, &n)))
        pos += n;
    if (pos == cs || pos - cs > 3) /* "-", "--", "---" or one of U+2010..2015 */
        return 0;
    size_t ce = pos;
    word w[CREDIT_MAX_WORDS + 1];
    size_t nw = 0;
    while (nw <= CREDIT_MAX_WORDS && next_word(b, &pos, b->len, &w[nw]))
        nw++;
    if (nw == 0 || nw > CREDIT_MAX_WORDS || !capitalised(b, &w[0]) || w[0].cs != w[0].s)
        return 0;
    size_t end = 0;
    bool named = false;
    while (end < nw) {
        const word *x = &w[end++];
        if (!name_word(b, x) && !((x->lex & (ART_LEX_TITLE | ART_LEX_ABBREV)) &&
                                  capitalised(b, x)))
            return 0;
        named = named || name_word(b, x);
        if (x->last == ',' || (x->last && !abbrev_period(b, x)))
            break;
    }
    if (!named || !speaker_ok(b, w, 0, end))
        return 0;
    return attrib_set(q, b, w[0].s, speaker_end(b, &w[end - 1], NULL), cs, ce, out);
}

/* Whether words w[from..to) hold a verb of speech. */
static bool clause_has_cue(const blk *b, const word *w, size_t from, size_t to) {
    for (size_t k = from; k < to; k++)
        if (word_lower_in(b, &w[k], ART_LEX_CUE))
            return true;
    return false;
}

static int as_credit(art_quotes *q, const blk *b, const word *w, size_t n, attrib *out);
static bool dash_word(const blk *b, const word *w);

/* `"…," X said.`, `"…," said X.`, `"…," according to X.` in [lo, hi) after the closing
 * mark of a quotation whose text is [qs, qe). */
static int attrib_after(art_quotes *q, const blk *b, size_t qs, size_t qe, size_t lo, size_t hi,
                        size_t *trail, size_t *trail_hi, attrib *out) {
    size_t st, n;
    *trail = NONE;
    size_t j = qe;
    uint32_t lastc = 0;
    while (j > qs) {
        lastc = cp_before(b, j, &st);
        if (!is_closer(lastc))
            break;
        j = st;
    }
    size_t pos = lo;
    while (pos < hi && is_space(cp_at(b, pos, &n)))
        pos += n;
    bool comma_out = pos < hi && b->s[pos] == ','; /* comma outside the marks */
    if (comma_out)
        pos++;
    /* Words up to the end of the sentence (and the one after it, which tells whether a
     * period ends the sentence). */
    word w[FWD_MAX_TOKENS];
    size_t nw = 0;
    bool ended = false; /* by the sentence's end, a ';' or a ':' */
    while (nw < FWD_MAX_TOKENS && next_word(b, &pos, hi, &w[nw])) {
        nw++;
        if (nw >= 2 && (w[nw - 2].last == ';' || w[nw - 2].last == ':' ||
                        ends_sentence(b, &w[nw - 2], &w[nw - 1]))) {
            ended = true;
            break;
        }
    }
    if (nw == 0)
        return 0;
    /* The sentence's last clause after a comma, for attrib_trailing(); none when the
     * quotation ended its sentence ("It was time." The board agreed, Lee said.). */
    bool sentence_ended =
        (lastc == '.' || lastc == '!' || lastc == '?') && !word_lower(b, &w[0]);
    if (!sentence_ended && (ended || nw < FWD_MAX_TOKENS)) {
        size_t sn = ended ? nw - 1 : nw;
        if (ended && (w[sn - 1].last == ';' || w[sn - 1].last == ':'))
            sn = 0;
        /* The first clause that opens with an inverted verb or "according to" (`…,
         * said Ann Lee, the chief economist.`), else the last one (`…, he said.`). */
        size_t first = NONE, last = NONE;
        for (size_t k = 1; k < sn; k++) {
            if (w[k - 1].last != ',')
                continue;
            /* `…, he said, and "…"`: not a clause with no verb of speech after one. */
            if (last == NONE || !is_and_or(b, &w[k]) || !clause_has_cue(b, w, last, k))
                last = k;
            if (first == NONE &&
                ((word_lower_in(b, &w[k], ART_LEX_INVERTS) && !w[k].last) ||
                 (word_is(b, &w[k], "according") && !w[k].last)))
                first = k;
        }
        if (first != NONE || last != NONE) {
            *trail = w[(first != NONE ? first : last) - 1].e;
            *trail_hi = ended ? w[nw - 1].s : hi;
        }
        /* `"…" are sickening, Lee said Tuesday, noting …`: the clause with a verb of
         * speech when the last one has none. */
        if (first == NONE && last != NONE && !clause_has_cue(b, w, last, sn)) {
            for (size_t k = last, next = last; k-- > 1;) {
                if (w[k - 1].last != ',')
                    continue;
                if (clause_has_cue(b, w, k, next)) {
                    *trail = w[k - 1].e;
                    *trail_hi = w[next].s;
                    break;
                }
                next = k;
            }
        }
    }
    if (lastc == '.' && !word_lower(b, &w[0]))
        return 0;
    /* `"…?" Kim then wrote back, "You look fine."`: a question ended the quotation's
     * sentence, and the verb introduces the next one. */
    for (size_t i = 1; (lastc == '?' || lastc == '!') && i < nw; i++) {
        if (w[i - 1].last != ',') {
            if (w[i - 1].last)
                break;
            continue;
        }
        size_t n1;
        uint32_t c = cp_at(b, w[i].s, &n1);
        if (w[i].s < w[i].cs && is_lead_punct(c) && !is_open_bracket(c) && capitalised(b, &w[i]))
            return 0;
    }
    /* A quotation closed by its own comma, '?' or '!' is the verb's object whatever
     * follows the verb ("said by telephone", "said two days after the attack"). */
    bool object = (lastc == ',' || lastc == '?' || lastc == '!' || comma_out) &&
                  !quote_in_phrase(b, qs);
    /* `"…," as Ann Lee put it.`, `"…" – as described by Ann Lee –` */
    if (word_is(b, &w[0], "as") || (nw > 1 && dash_word(b, &w[0]) && word_is(b, &w[1], "as"))) {
        int r = as_credit(q, b, w, nw, out);
        if (r)
            return r;
    }
    if (nw > 2 && word_is(b, &w[0], "according") && w[0].last == 0 && word_is(b, &w[1], "to") &&
        w[1].last == 0)
        return speaker_after_cue(q, b, w, 2, nw, w[0].cs, w[1].ce, out);
    if (is_cue_as(b, w, 0, nw, ART_LEX_CUE, object)) { /* `"…," read the email.` */
        if (w[0].last)
            return 0;
        /* Not inverted, it may be an adjective: `"…," state Sen. Ann Lee said.` */
        if (w[0].lex & ART_LEX_INVERTS)
            return speaker_after_cue(q, b, w, 1, nw, w[0].cs, w[0].ce, out);
    }
    size_t k = 1;
    for (;; k++) {
        const word *prev = &w[k - 1];
        if (prev->last == ';' || prev->last == ':' ||
            ends_sentence(b, prev, k < nw ? &w[k] : NULL))
            return 0;
        if (k >= nw)
            return 0;
        if (is_cue_as(b, w, k, nw, ART_LEX_CUE, object))
            break;
        if ((w[k].lex & (ART_LEX_BACK | ART_LEX_OUT)) && phrasal_cue(b, w, k, nw)) {
            /* `"…," Lee pointed out.` */
            size_t end = k;
            if (!speaker_ok(b, w, 0, end) || !verb_ends_attribution(b, w, k + 1, nw))
                return 0;
            return attrib_set(q, b, w[0].s, speaker_end(b, &w[end - 1], &w[end]), w[k].cs,
                              w[k + 1].ce, out);
        }
    }
    /* `"Lee Revealed," a biography written by Jo Kim`: the verb is a participle. */
    if (!w[k].last && k + 1 < nw && word_is(b, &w[k + 1], "by") &&
        (word_is(b, &w[0], "a") || word_is(b, &w[0], "an")))
        return 0;
    size_t end = k;
    while (end > 1 && !w[end - 1].last && is_adverb(b, &w[end - 1]) &&
           !(w[end - 2].lex & ART_LEX_DETERMINER))
        end--;
    if (!speaker_ok(b, w, 0, end) || (!object && !verb_ends_attribution(b, w, k, nw)))
        return 0;
    return attrib_set(q, b, w[0].s, speaker_end(b, &w[end - 1], &w[end]), w[k].cs, w[k].ce,
                      out);
}

static bool quote_ended_sentence(const blk *b, size_t end);

/* A word that is only a dash: " - ", " — ", " -- ". */
static bool dash_word(const blk *b, const word *w) {
    unsigned char c0 = (unsigned char)b->s[w->s];
    if (c0 != '-' && c0 != 0xE2) /* "-" or U+2010 to U+2015 */
        return false;
    size_t n;
    uint32_t c = cp_at(b, w->s, &n);
    return is_dash(c) && (w->s + n == w->e || (w->s + 2 == w->e && b->s[w->s + 1] == '-'));
}

/* How many capital ASCII letters s[from..to) has, or NONE when it has a lower-case one. */
static size_t caps_letters(const blk *b, size_t from, size_t to) {
    size_t letters = 0;
    for (size_t i = from; i < to; i++) {
        if (b->s[i] >= 'a' && b->s[i] <= 'z')
            return NONE;
        letters += b->s[i] >= 'A' && b->s[i] <= 'Z';
    }
    return letters;
}

/* Whether w[0..n) are at least two words in capitals, as a heading is written. */
static bool caps_words(const blk *b, const word *w, size_t n) {
    size_t letters = n > 0 ? caps_letters(b, w[0].s, w[n - 1].e) : NONE;
    return n >= 2 && letters != NONE && letters >= 4;
}

/* Whether s[0..n) holds the word `x` (len bytes) after a space and before no letter. */
static bool has_word(const char *s, size_t n, const char *x, size_t len) {
    for (size_t at = 0; at < n;) {
        const char *hit = art_memmem(s + at, n - at, x, len);
        if (!hit)
            return false;
        size_t h = (size_t)(hit - s);
        if (h > 0 && s[h - 1] == ' ' && (h + len == n || !is_letter((uint8_t)s[h + len])))
            return true;
        at = h + 1;
    }
    return false;
}

/* `Ann Lee: "…"`, as in interviews and transcripts, and `Continued Lee: "…"`: words
 * w[0..n) that are a sentence of their own, made of a name and its titles, after an
 * inverted verb of speech if any. Returns where the name starts, or NONE. */
static size_t name_label(const art_quotes *q, const blk *b, const word *w, size_t n,
                         size_t lo) {
    size_t pos = w[0].s, from = 0;
    word x;
    if (n > 5 || (prev_word(b, &pos, lo, &x) ? !ends_sentence(b, &x, &w[0])
                                             : lo > 0 && !quote_ended_sentence(b, lo)))
        return NONE;
    if (n > 1 && (w[0].lex & ART_LEX_INVERTS) && !w[0].last)
        from = 1;
    bool named = false;
    for (size_t k = from; k < n; k++) {
        if ((k + 1 < n && w[k].last && !abbrev_period(b, &w[k])) || (w[k].lex & ART_LEX_CUE))
            return NONE;
        if (name_word(b, &w[k]))
            named = true;
        else if (!(w[k].lex & (ART_LEX_TITLE | ART_LEX_ABBREV)) || !capitalised(b, &w[k]))
            return NONE;
    }
    if (!named || n - from > 4)
        return NONE;
    if (n - from > 1 || from == 1)
        return from;
    /* One word may be a heading ("Update:"): a transcript's capitals, or a name seen. */
    const word *x1 = &w[from];
    size_t len = x1->ce - x1->cs;
    bool caps = len > 1;
    for (size_t i = x1->cs; i < x1->ce && caps; i++)
        caps = !(b->s[i] >= 'a' && b->s[i] <= 'z');
    bool seen = last_name_is(q, b, x1);
    /* "Lee and Kim reject the term." then `Lee: "…" Kim: "…"`: a name written earlier in
     * the paragraph or in the one before. */
    if (!caps && !seen)
        seen = has_word(b->s, x1->cs, b->s + x1->cs, len) ||
               (q->prev_quoteless && q->prev_block + 1 == b->block &&
                has_word(q->prev_s, q->prev_len, b->s + x1->cs, len));
    return caps || seen ? from : NONE;
}

static bool sentence_subject(const blk *b, const word *w, size_t n, size_t *from, size_t *to);

/* The verb after a subject that ends before w[verb]: past up to two appositives ("Mitch
 * McConnell, R-Ky., delivered", "Jo Kim, the former governor, proposed", "One supporter,
 * Rep. Lee Zeldin, Republican of New York, gave"). NONE when the sentence ends first. */
static size_t past_appositives(const blk *b, const word *w, size_t verb, size_t n) {
    for (int app = 0; app < 2 && verb < n && w[verb - 1].last == ',' &&
                      (!word_lower(b, &w[verb]) || (w[verb].lex & ART_LEX_DETERMINER));
         app++) {
        size_t j = verb;
        while (j < n && j < verb + 10 && w[j].last != ',')
            j++;
        if (j >= n || w[j].last != ',')
            break; /* no appositive closed by a comma */
        if ((verb = j + 1) >= n)
            return NONE;
    }
    return verb;
}

/* Whether the subject w[from..to) names someone: a name or a personal pronoun. */
static bool named_subject(const blk *b, const word *w, size_t from, size_t to) {
    for (size_t k = from; k < to; k++)
        if (name_word(b, &w[k]) || ((w[k].lex & ART_LEX_PRONOUN) && !word_is(b, &w[k], "it")))
            return true;
    return false;
}

static size_t skip_aux(const blk *b, const word *w, size_t k);

/* `Ann Lee issued a statement: "…"`, `Lee explained it this way: "…"`: a sentence that
 * introduces the quotation with a colon and no verb of speech is its subject's, when that
 * subject names someone. */
static int attrib_colon_subject(art_quotes *q, const blk *b, const word *w, size_t n, bool cut,
                                attrib *out) {
    size_t start, end;
    if (cut || !sentence_subject(b, w, n, &start, &end) || end >= n)
        return 0;
    /* A verb of speech: the subject's when it is its verb ("He told his audience, to
     * applause:"), else attrib_in_sentence()'s. */
    for (size_t k = 0; k < n; k++)
        if (is_cue_in(b, w, k, n, ART_LEX_CUE | ART_LEX_REPORT)) {
            if (k != skip_aux(b, w, k) || end != k || !named_subject(b, w, start, end) ||
                !speaker_ok(b, w, start, end))
                return 0;
            return attrib_set(q, b, w[start].s, speaker_end(b, &w[end - 1], &w[end]), w[k].cs,
                              w[k].ce, out);
        }
    size_t verb = past_appositives(b, w, end, n);
    if (verb == NONE || !word_lower(b, &w[verb]) || !speaker_ok(b, w, start, end))
        return 0;
    /* "One early supporter, Rep. Lee Zeldin,": the appositives name him. */
    if (!named_subject(b, w, start, end)) {
        if (verb == end || !named_subject(b, w, end, verb))
            return 0;
        end = verb;
    }
    return attrib_set(q, b, w[start].s, speaker_end(b, &w[end - 1], &w[end]), w[verb].cs,
                      w[verb].ce, out);
}

static bool passive(const blk *b, const word *w, size_t k);

/* `X said, "…"`, `X said: "…"`, `According to X, "…"` in [lo, open). */
static int attrib_before(art_quotes *q, const blk *b, size_t lo, size_t open, attrib *out) {
    size_t pos = open, st;
    while (pos > lo && is_space(cp_before(b, pos, &st)))
        pos = st;
    if (pos <= lo || (b->s[pos - 1] != ',' && b->s[pos - 1] != ':'))
        return 0;
    size_t mark = --pos; /* the comma or colon */
    bool colon = b->s[mark] == ':';
    /* Words back to the sentence start (commas included), last word first. */
    word rev[BACK_MAX_TOKENS];
    size_t nw = 0;
    bool cut = false;
    while (nw < BACK_MAX_TOKENS) {
        word x;
        size_t save = pos;
        if (!prev_word(b, &pos, lo, &x))
            break;
        if (x.last == ';' || x.last == ':' || (nw > 0 && ends_sentence(b, &x, &rev[nw - 1]))) {
            pos = save;
            break;
        }
        rev[nw++] = x;
        if (nw == BACK_MAX_TOKENS)
            cut = true;
    }
    if (nw == 0)
        return 0;
    word w[BACK_MAX_TOKENS];
    for (size_t i = 0; i < nw; i++)
        w[i] = rev[nw - 1 - i];
    size_t n = nw;
    size_t label = colon ? name_label(q, b, w, n, lo) : NONE;
    if (label != NONE)
        return label ? attrib_set(q, b, w[1].s, w[n - 1].e, w[0].cs, w[0].ce, out)
                     : attrib_set(q, b, w[0].s, w[n - 1].e, mark, mark + 1, out);
    /* "From the report: "…"", "From Lee's Facebook post: "…"": where the words come from. */
    if (colon && n >= 2 && n <= 6 && word_is(b, &w[0], "from") && !w[0].last &&
        speaker_ok(b, w, 1, n))
        return attrib_set(q, b, w[1].s, w[n - 1].e, w[0].cs, w[0].ce, out);
    /* "A HEADLINE IN CAPITALS - Ann Lee and Jo Kim: "…"": a digest's credit. */
    size_t d = n;
    while (colon && d > 1 && !dash_word(b, &w[d - 1]))
        d--;
    bool names = colon && d > 1 && d < n && n - d <= 7 && caps_words(b, w, d - 1);
    for (size_t k = d; names && k < n; k++)
        names = name_word(b, &w[k]) || (is_and_or(b, &w[k]) && k > d && k + 1 < n) ||
                ((w[k].lex & (ART_LEX_TITLE | ART_LEX_ABBREV)) && capitalised(b, &w[k]));
    if (names)
        return attrib_set(q, b, w[d].s, w[n - 1].e, mark, mark + 1, out);
    /* The clause: after the last comma. */
    size_t c0 = 0;
    for (size_t k = n - 1; k > 0; k--)
        if (w[k - 1].last == ',') {
            c0 = k;
            break;
        }
    if (c0 == 0 && cut)
        return 0;
    if (n - c0 > 2 && word_is(b, &w[c0], "according") && w[c0].last == 0 &&
        word_is(b, &w[c0 + 1], "to") && w[c0 + 1].last == 0) {
        if (!speaker_ok(b, w, c0 + 2, n))
            return 0;
        return attrib_set(q, b, w[c0 + 2].s, w[n - 1].e, w[c0].cs, w[c0 + 1].ce, out);
    }
    /* "Said Ann Lee, who grew up there, "…"": a sentence opened by its verb; the name
     * up to its first comma. */
    if (n > 1 && !cut && (w[0].lex & ART_LEX_INVERTS) && (w[0].lex & ART_LEX_CUE) &&
        !w[0].last && w[0].cs == w[0].s && capitalised(b, &w[1])) {
        size_t e = 1;
        while (e < n && w[e++].last != ',')
            ;
        if (speaker_ok(b, w, 1, e))
            return attrib_set(q, b, w[1].s, speaker_end(b, &w[e - 1], NULL), w[0].cs, w[0].ce,
                              out);
    }
    size_t v = NONE, ve = NONE;
    for (size_t k = n; k-- > c0 && n - 1 - k <= TAIL_MAX_WORDS;) {
        /* A verb that is one only next to its quotation: "Lee cracked, "…"". */
        if (k + 1 == n ? is_cue_as(b, w, k, n, ART_LEX_CUE, false) : is_cue(b, w, k, n)) {
            v = k;
            break;
        }
        /* "Lee shot back, "…"", "Lee fired back forcefully: "…"" */
        if (k > c0 && phrasal_cue(b, w, k - 1, n) &&
            (k + 1 == n || (k + 2 == n && !w[k].last && is_adverb(b, &w[k + 1])))) {
            v = k - 1;
            ve = w[k].ce;
            break;
        }
        /* "as Ann Lee put it:" */
        if (k + 2 == n && word_is(b, &w[k], "put") && word_is(b, &w[k + 1], "it") &&
            !w[k].last) {
            v = k;
            ve = w[k + 1].ce;
            break;
        }
        if (word_lower_in(b, &w[k], ART_LEX_BREAKER)) { /* "said that" */
            if (!colon)
                return 0;
            break;
        }
    }
    if (v == NONE && colon) { /* "As Ann Lee observed, the debate was over:" */
        int r = as_credit(q, b, w, n, out);
        return r ? r : attrib_colon_subject(q, b, w, n, cut, out);
    }
    if (v == NONE)
        return 0;
    if (passive(b, w, v))
        return 0;
    size_t start = c0, end = v;
    /* "But, said Ann Lee, "…"", "explained the moderator, Jo Kim: "…"". */
    if (v == c0 && v + 1 < n && (w[v].lex & ART_LEX_INVERTS) && !w[v].last &&
        (capitalised(b, &w[v + 1]) || n - v > 2) && speaker_ok(b, w, v + 1, n))
        return attrib_set(q, b, w[v + 1].s, w[n - 1].e, w[v].cs, w[v].ce, out);
    if (v == c0) {
        /* "Gov. Ann Lee (R-OH), said, …": the speaker is the segment before the comma. */
        if (c0 == 0)
            return 0;
        start = c0 - 1;
        while (start > 0 && w[start - 1].last != ',')
            start--;
        /* "Jane Doe, a spokeswoman, said, …": the name before the appositive. */
        if (start > 0 && word_lower_in(b, &w[start], ART_LEX_DETERMINER)) {
            size_t ps = start - 1;
            while (ps > 0 && w[ps - 1].last != ',')
                ps--;
            if (ps + 1 < start && word_is(b, &w[ps], "as") && capitalised(b, &w[ps + 1]))
                ps++; /* "as Tom Ridge, a former secretary, put it:" */
            if (capitalised(b, &w[ps]) && !(w[ps].lex & (ART_LEX_OPENER | ART_LEX_PREPOSITION)))
                start = ps;
        }
        if (start == 0 && cut)
            return 0;
    } else {
        while (end > c0 + 1 && !w[end - 1].last && is_adverb(b, &w[end - 1]) &&
               !(w[end - 2].lex & ART_LEX_DETERMINER))
            end--;
        /* "went on to say,"; "interrupted me to announce,": the sentence's subject, when
         * it names someone; not "wanted to say,", which says nothing was said. */
        if (word_is(b, &w[end - 1], "to")) {
            if (!(end >= c0 + 4 && word_is(b, &w[end - 2], "on") &&
                  (word_is(b, &w[end - 3], "went") || word_is(b, &w[end - 3], "goes")))) {
                /* The subject of the clause the verb is in: after its "that" or
                 * subordinator ("so subdued that Mr. Trump was prompted to say,"). */
                size_t j = end - 1, ss, se;
                while (j > 0 && !(word_lower(b, &w[j - 1]) &&
                                  (word_is(b, &w[j - 1], "that") ||
                                   (w[j - 1].lex & ART_LEX_SUBORDINATOR))))
                    j--;
                if (cut || end < 2 || (w[end - 2].lex & ART_LEX_UNSAID) ||
                    !sentence_subject(b, w + j, n - j, &ss, &se) || j + se >= end - 1 ||
                    !named_subject(b, w, j + ss, j + se) || !speaker_ok(b, w, j + ss, j + se))
                    return 0;
                return attrib_set(q, b, w[j + ss].s, speaker_end(b, &w[j + se - 1], &w[j + se]),
                                  w[v].cs, w[v].ce, out);
            }
            end -= 3;
        }
    }
    /* Coordinated speakers run over commas: "Kim, McCaul and Gallagher said". */
    bool coord = false;
    for (size_t k = start; k < end; k++)
        if (word_is(b, &w[k], "and") || word_is(b, &w[k], "or"))
            coord = true;
    while (coord && start > 0) {
        size_t ps = start - 1;
        while (ps > 0 && w[ps - 1].last != ',')
            ps--;
        if ((ps == 0 && cut) || end - ps > SPEAKER_MAX_WORDS || start - ps > 8)
            break;
        const word *f = &w[ps];
        uint32_t c = word_first(b, f);
        if ((f->lex & (ART_LEX_OPENER | ART_LEX_PREPOSITION)) || !is_letter(c) || is_lower(c))
            break;
        start = ps;
    }
    while (start < end && (w[start].lex & ART_LEX_OPENER) && w[start].last == 0)
        start++;
    if (as_subject(b, w, start, end))
        start++;
    if (!speaker_ok(b, w, start, end))
        return 0;
    return attrib_set(q, b, w[start].s, speaker_end(b, &w[end - 1], &w[end]), w[v].cs,
                      ve != NONE ? ve : w[v].ce, out);
}

#define SENT_MAX_WORDS 48
/* A leading phrase before the subject ("At a rally in Concord on Monday,") is this short. */
#define LEAD_MAX_WORDS 8
/* Fewer words than this are taken for a scare quote or a name, not for words someone
 * said, unless a verb of speech says otherwise. */
#define SUBJECT_MIN_WORDS 4

/* How many words s[lo..hi) has, counting up to `max`. */
static size_t words_upto(const blk *b, size_t lo, size_t hi, size_t max) {
    size_t n = 0, pos = lo;
    word x;
    while (n < max && next_word(b, &pos, hi, &x))
        n++;
    return n;
}

/* Whether s[lo..hi) has at least `min` words (0 or 1). */
static size_t count_words(const blk *b, size_t lo, size_t hi, size_t min) {
    return words_upto(b, lo, hi, min) >= min;
}

/* A title or a name rather than words someone said: `on "Meet the Press."`, `the
 * "Jeb Can Fix It" tour`: every word capitalised but for small function words, at most
 * eight, nothing ending a sentence but the last word. */
static bool is_title(const blk *b, size_t qs, size_t qe) {
    word x;
    size_t pos = qs, n = 0;
    bool subtitle = false; /* "Chick Lit: The New Fiction" may be longer */
    while (next_word(b, &pos, qe, &x)) {
        bool sub = x.last == ':' && pos < qe && !subtitle;
        subtitle = subtitle || sub;
        if (++n > (subtitle ? 12 : 8) ||
            (!sub && (x.last == '?' || x.last == '!' || x.last == ':' || x.last == ';' ||
                      (x.last == '.' && !abbrev_period(b, &x))) && pos < qe))
            return false;
        if (!capitalised(b, &x) && !(x.lex & (ART_LEX_PREPOSITION | ART_LEX_DETERMINER)) &&
            !is_and_or(b, &x) && !is_digit(word_first(b, &x)))
            return false;
        if (n == 1 && (x.lex & ART_LEX_PRONOUN))
            return false; /* "I", "We": a sentence */
    }
    return n > 0;
}

/* A verb of speech right before the opening mark, with at most an object between:
 * `X said "…"`, `X called Merkel "…"`, `called him "…"`. What it quotes is words, even
 * when they look like a title. */
static bool cue_just_before(const blk *b, size_t lo, size_t open) {
    size_t pos = open;
    word x, y;
    if (!prev_word(b, &pos, lo, &x))
        return false;
    if (x.last && x.last != ',' && x.last != ':')
        return false;
    /* "referred to "ISIS"", "described it as "…"", "called him an "…"". */
    if (!x.last &&
        (word_is(b, &x, "to") || word_is(b, &x, "as") || word_is(b, &x, "a") ||
         word_is(b, &x, "an")) &&
        !prev_word(b, &pos, lo, &x))
        return false;
    /* Not a listener's verb: in `told "Morning Roundup"` the title is who heard it. */
    if (x.lex & (ART_LEX_AFTER | ART_LEX_LISTENER))
        return false;
    if (word_lower_in(b, &x, ART_LEX_CUE | ART_LEX_REPORT) && x.cs == x.s)
        return true;
    if (x.last || !prev_word(b, &pos, lo, &y) || (y.last && !abbrev_period(b, &y)))
        return false;
    if (word_lower(b, &x) && !(x.lex & ~(ART_LEX_UNSAID | ART_LEX_BACK | ART_LEX_OUT)) &&
        word_lower_in(b, &y, ART_LEX_DETERMINER)) {
        /* "called his opponent "Senator Lee"": a determiner and a noun for object. */
        if (!prev_word(b, &pos, lo, &y) || y.last)
            return false;
    } else if (capitalised(b, &x)) {
        /* "called Mrs. Ann Lee an "…"": a name of up to three words for object. */
        for (int k = 0; k < 2 && capitalised(b, &y) && !(y.lex & ART_LEX_CUE); k++)
            if (!prev_word(b, &pos, lo, &y) || (y.last && !abbrev_period(b, &y)))
                return false;
    } else if (!(x.lex & ART_LEX_OBJECT)) {
        return false;
    }
    /* "told NBC's "Today"": the show heard it. */
    return !(y.lex & (ART_LEX_AFTER | ART_LEX_LISTENER)) &&
           word_lower_in(b, &y, ART_LEX_CUE | ART_LEX_REPORT);
}

/* Whether w[from..n) opens with a phrase of place or time that ends at a comma: "on a
 * radio show on Monday,", "last week,". */
static bool phrase_to_comma(const blk *b, const word *w, size_t from, size_t n) {
    if (from >= n || !word_lower_in(b, &w[from], ART_LEX_PREPOSITION | ART_LEX_TIME))
        return false;
    for (size_t k = from; k < n && k < from + 10; k++) {
        if (word_lower_in(b, &w[k], ART_LEX_CUE | ART_LEX_BREAKER | ART_LEX_SUBORDINATOR))
            return false;
        if (w[k].last)
            return w[k].last == ',';
    }
    return false;
}

/* "as Ann Lee put it", "as described by Ann Lee": a parenthetical credit anywhere in the
 * words w[0..n) of the quotation's sentence. */
static int as_credit(art_quotes *q, const blk *b, const word *w, size_t n, attrib *out) {
    for (size_t i = 0; i + 2 < n; i++) {
        if (!(w[i].lex & ART_LEX_SUBORDINATOR) || !word_is(b, &w[i], "as") || w[i].last)
            continue;
        if (word_lower_in(b, &w[i + 1], ART_LEX_CUE | ART_LEX_REPORT) && !w[i + 1].last &&
            word_is(b, &w[i + 2], "by") && !w[i + 2].last) {
            size_t e = i + 3; /* up to a comma, a dash or the sentence's end */
            while (e < n && e < i + 3 + SPEAKER_MAX_WORDS && !w[e].last && !dash_word(b, &w[e]))
                e++;
            size_t to = e < n && w[e].last ? e + 1 : e;
            if (to > i + 3 && speaker_ok(b, w, i + 3, to))
                return attrib_set(q, b, w[i + 3].s, speaker_end(b, &w[to - 1], NULL),
                                  w[i + 1].cs, w[i + 2].ce, out);
            continue;
        }
        for (size_t j = i + 2; j < n && j < i + 10; j++) {
            if (w[j - 1].last && !abbrev_period(b, &w[j - 1]))
                break;
            /* "as Ann Lee observed,", "as the report notes:" */
            bool put = j + 1 < n && (word_is(b, &w[j], "put") || word_is(b, &w[j], "puts")) &&
                       !w[j].last && word_is(b, &w[j + 1], "it");
            if (put || (word_lower_in(b, &w[j], ART_LEX_CUE) && !(w[j].lex & ART_LEX_AFTER) &&
                        w[j].cs == w[j].s &&
                        (w[j].last == ',' || w[j].last == ':' || j + 1 == n ||
                         phrase_to_comma(b, w, j + 1, n)))) {
                if (speaker_ok(b, w, i + 1, j))
                    return attrib_set(q, b, w[i + 1].s, w[j - 1].e, w[j].cs,
                                      put ? w[j + 1].ce : w[j].ce, out);
                break;
            }
        }
    }
    return 0;
}

/* Whether the opening mark at `open` is in a clause of reported speech: "that" earlier in
 * its sentence with a verb of speech at most six words before it ("wrote in her 1990
 * memoir that"), or a verb of speech right before a subject pronoun ("said he planned to
 * fight "…""), a possessive ("saying his use of") or, not a naming verb, "it" ("said it
 * was canceling"). */
static bool in_reported_clause(const blk *b, size_t lo, size_t open) {
    size_t pos = open, before_that = NONE; /* words read before the last "that", if any */
    word x;
    bool pronoun = false; /* the word after x is a subject pronoun: "said he planned" */
    bool poss = false;    /* or a possessive: "saying his use of the term" */
    bool it = false;
    for (size_t n = 0; n < SENT_MAX_WORDS && prev_word(b, &pos, lo, &x); n++) {
        if (x.last == ';' || ((x.last == '.' || x.last == '!' || x.last == '?') && n > 0 &&
                              !abbrev_period(b, &x)))
            return false;
        bool cue = word_lower_in(b, &x, ART_LEX_CUE | ART_LEX_REPORT) &&
                   !(x.lex & ART_LEX_AFTER) && !x.last;
        if ((before_that != NONE || pronoun || (poss && !(x.lex & ART_LEX_LISTENER)) ||
             (it && (x.lex & ART_LEX_CUE))) && cue)
            return true;
        if (before_that != NONE)
            before_that = x.last || ++before_that == 6 ? NONE : before_that;
        if (word_is(b, &x, "that") && (!x.last || x.last == ',')) /* "boasted that, …" */
            before_that = 0;
        pronoun = (x.lex & ART_LEX_PRONOUN) && !(x.lex & ART_LEX_OBJECT) && !x.last &&
                  !word_is(b, &x, "it");
        it = !x.last && word_is(b, &x, "it"); /* "said it was", not "called it" */
        poss = !x.last && (word_is(b, &x, "his") || word_is(b, &x, "her") ||
                           word_is(b, &x, "their") || word_is(b, &x, "its"));
    }
    return false;
}

/* "Trump was asked, "…"": the verb at w[k] is passive, its subject did not say it. */
static bool passive(const blk *b, const word *w, size_t k) {
    if (k == 0 || w[k - 1].last || ends_ing(b, &w[k])) /* "is telling" */
        return false;
    const word *x = &w[k - 1];
    return word_is(b, x, "was") || word_is(b, x, "were") || word_is(b, x, "is") ||
           word_is(b, x, "are") || word_is(b, x, "be") || word_is(b, x, "been") ||
           word_is(b, x, "being");
}

/* Skips auxiliaries, adverbs and words of time back from the verb at w[k] ("has also
 * said", "last week said"). */
static size_t skip_aux(const blk *b, const word *w, size_t k) {
    while (k > 0 && !w[k - 1].last && word_lower(b, &w[k - 1]) &&
           (is_adverb(b, &w[k - 1]) || (w[k - 1].lex & ART_LEX_TIME) || /* "last week" */
            word_is(b, &w[k - 1], "not") ||
            word_is(b, &w[k - 1], "had") || word_is(b, &w[k - 1], "has") ||
            word_is(b, &w[k - 1], "have")))
        k--;
    return k;
}

/* The subject at the start of the sentence w[0..n): after a leading phrase closed by a
 * comma ("On Monday, the senator said"), a run of words up to its first verb. */
static bool sentence_subject(const blk *b, const word *w, size_t n, size_t *from, size_t *to) {
    size_t s0 = 0;
    /* A dateline: "WASHINGTON (AP) — Ann Lee said", "DALLAS, Dec. 8 (UPI) — …". */
    size_t c0 = n > 0 ? caps_letters(b, w[0].cs, w[0].ce) : NONE;
    for (size_t k = 1; c0 != NONE && c0 >= 3 && k < n && k < 6; k++)
        if (dash_word(b, &w[k])) {
            s0 = k + 1;
            break;
        }
    /* Leading phrases closed by a comma are skipped unless they are a name ("Sen. Jane
     * Doe, a Democrat, said"): "Eight years ago,", "Weighing in on the debate,", "At a
     * rally in Portsmouth, N.H., on Tuesday,". */
    for (int phrase = 0; phrase < 4 && s0 < n; phrase++) {
        /* A participle or a preposition may lead a longer phrase ("Asked if he was in the
         * running for a job,", "Filling in for …,", "In response to the plan to close …,"). */
        size_t limit = ((w[s0].lex & (ART_LEX_CUE | ART_LEX_REPORT | ART_LEX_PREPOSITION)) ||
                        (w[s0].ce - w[s0].cs > 4 && memcmp(b->s + w[s0].ce - 3, "ing", 3) == 0)) &&
                               !(w[s0].lex & ART_LEX_SUBORDINATOR) && capitalised(b, &w[s0])
                           ? 2 * LEAD_MAX_WORDS
                           : LEAD_MAX_WORDS;
        size_t k = s0;
        while (k < n && k < s0 + limit && w[k].last != ',')
            k++;
        if (k >= n || k >= s0 + limit)
            break;
        const word *f = &w[s0];
        size_t len0 = f->ce - f->cs;
        const char *e0 = b->s + f->ce;
        /* A phrase ending in a word of time ("Eight years ago,"), not a clause with a
         * pronoun for subject ("She spoke on Tuesday,") or a verb ("Lee hit back in
         * March,"). */
        bool verb = false; /* not one in a clause of its own: "Ever since she endorsed" */
        for (size_t j = s0 + 1; j < k && !verb && !word_lower_in(b, &w[j], ART_LEX_SUBORDINATOR);
             j++)
            verb = ends_ed(b, &w[j]) || (w[j].lex & (ART_LEX_BACK | ART_LEX_OUT));
        bool lead = (f->lex & (ART_LEX_PREPOSITION | ART_LEX_SUBORDINATOR | ART_LEX_OPENER |
                               ART_LEX_TIME)) ||
                    ((w[k].lex & ART_LEX_TIME) && !(f->lex & ART_LEX_PRONOUN) && !verb) ||
                    (is_digit(word_first(b, f)) && /* not "76-year-old Ann Lee," */
                     !memchr(b->s + f->cs, '-', f->ce - f->cs));
        /* A participle ("Asked about it,", "Weighing in,"), not a name and its verb
         * ("Husted continued by saying,"). */
        if (!lead && len0 > 3 &&
            (memcmp(e0 - 2, "ly", 2) == 0 || memcmp(e0 - 3, "ing", 3) == 0 ||
             memcmp(e0 - 2, "ed", 2) == 0)) {
            lead = k == s0 || !word_lower_in(b, &w[s0 + 1], ART_LEX_CUE | ART_LEX_REPORT);
        }
        /* "Portsmouth, N.H.,", "in Salem, New Hampshire, Trump": a place's state after a
         * leading phrase that ends with the place, when a name follows. */
        if (!lead && phrase > 0 && k == s0 && memchr(b->s + f->cs, '.', f->ce - f->cs))
            lead = true;
        if (!lead && phrase > 0 && k < s0 + 2 && k + 1 < n && capitalised(b, &w[s0 - 1]) &&
            capitalised(b, f) && capitalised(b, &w[k]) && !(f->lex & ART_LEX_TITLE) &&
            name_word(b, &w[k + 1]))
            lead = true;
        if (!lead)
            break;
        s0 = k + 1;
    }
    while (s0 < n && (w[s0].lex & ART_LEX_OPENER) && !w[s0].last)
        s0++;
    size_t e = s0;
    while (e < n && e - s0 < 8) {
        const word *x = &w[e];
        if (word_lower(b, x) && (x->lex & (ART_LEX_BREAKER | ART_LEX_CUE | ART_LEX_ADVERB |
                                           ART_LEX_REPORT | ART_LEX_PREPOSITION |
                                           ART_LEX_BACK | ART_LEX_OUT))) /* "hit back" */
            break;
        if (word_lower(b, x) && !(x->lex & (ART_LEX_DETERMINER | ART_LEX_TITLE)) &&
            x->ce - x->cs > 3 && memcmp(b->s + x->ce - 2, "ed", 2) == 0)
            break;
        /* "The mayor spoke": a lower-case word after a noun for a person is its verb. */
        if (e > s0 && word_lower(b, x) && word_lower(b, &w[e - 1]) &&
            (w[e - 1].lex & (ART_LEX_PERSON | ART_LEX_GROUP)))
            break;
        e++;
        if ((x->last && !abbrev_period(b, x)) || (x->lex & ART_LEX_PRONOUN))
            break;
    }
    /* "Wait, it gets better:": a word set off before "it" is no subject. */
    if (e == s0 + 1 && e + 1 < n && w[s0].last == ',' && word_is(b, &w[e], "it")) {
        s0 = e;
        e++;
    }
    if (e == s0 || e >= n)
        return false;
    *from = s0;
    *to = e;
    return true;
}

/* Whether the text before `end` (just after a closing mark) ends with '.', '!' or '?'
 * before its closing marks. */
static bool quote_ended_sentence(const blk *b, size_t end) {
    size_t j = end, st;
    uint32_t c = 0;
    while (j > 0) {
        c = cp_before(b, j, &st);
        if (!is_closer(c))
            break;
        j = st;
    }
    return c == '.' || c == '!' || c == '?';
}

static bool current_subject(const art_quotes *q, const blk *b, const word *w, size_t from,
                            size_t to);

/* "Lee responded to Kim's question on Facebook writing": the capitalised words before
 * w[end] follow a verb in their phrase, so they are its object, not a participle's subject. */
static bool after_verb(const blk *b, const word *w, size_t end) {
    for (size_t j = end; j-- > 0 && end - j <= 8 && !w[j].last;)
        if (word_lower_in(b, &w[j], ART_LEX_CUE | ART_LEX_REPORT) || ends_ed(b, &w[j]))
            return true;
    return false;
}

/* "who", "whom": opens a relative clause whose subject may follow it. */
static bool relative_word(const blk *b, const word *w) {
    return word_is(b, w, "who") || word_is(b, w, "whom");
}

/* Whether w[from..to) are only words of time: "Wednesday", "last week", "Jan. 12". */
static bool only_time(const blk *b, const word *w, size_t from, size_t to) {
    for (size_t k = from; k < to; k++)
        if (!(w[k].lex & ART_LEX_TIME) && !is_digit(word_first(b, &w[k])))
            return false;
    return from < to;
}

/* "An aide who asked not to be named said": when the words back from the verb are the end
 * of a relative clause with no commas, the speaker is the phrase before its "who",
 * [*start, *end) on return. */
static bool who_head(const blk *b, const word *w, size_t *start, size_t *end) {
    /* Not "those who left but said": there the verb is the sentence subject's. */
    if (*end == 0 || is_and_or(b, &w[*end - 1]) || (w[*end - 1].lex & ART_LEX_OPENER))
        return false;
    size_t k = NONE; /* the first "who" of the run of words with no punctuation */
    for (size_t j = *start, seen = 0; j > 1 && seen < 16 && !w[j - 1].last; seen++) {
        j--;
        if (word_is(b, &w[j], "who") && word_lower(b, &w[j]))
            k = j;
    }
    if (k == NONE || w[k - 1].last)
        return false;
    size_t s = k - 1;
    while (s > 0 && !w[s - 1].last && !(w[s - 1].lex & ART_LEX_PRONOUN) &&
           !(word_lower(b, &w[s - 1]) &&
             (w[s - 1].lex & (ART_LEX_BREAKER | ART_LEX_CUE | ART_LEX_REPORT |
                              ART_LEX_SUBORDINATOR | ART_LEX_OPENER))))
        s--;
    if (!speaker_ok(b, w, s, k))
        return false;
    *start = s;
    *end = k;
    return true;
}

/* Whether the words before a naming verb at w[k] ("called", "titled") are the thing it
 * names: "an account called", "a collection from Jo Kim called". */
static bool names_thing(const blk *b, const word *w, size_t k) {
    const word *p = &w[k - 1];
    if (word_lower(b, p))
        return !(p->lex & ART_LEX_PRONOUN) && !word_is(b, p, "who") && !is_adverb(b, p);
    if (p->last)
        return false;
    /* A name after "from" or "by" is the maker of the thing ("Merkel of Germany
     * condemned" is no such thing). */
    for (size_t j = k - 1; j > 0 && k - j < 6 && !w[j - 1].last; j--) {
        if (word_is(b, &w[j - 1], "from") || word_is(b, &w[j - 1], "by"))
            return true;
        if (w[j - 1].lex & (ART_LEX_CUE | ART_LEX_REPORT | ART_LEX_BREAKER))
            break;
    }
    return false;
}

/* A cue earlier in the quotation's sentence: `X said the plan was "a disgrace"`, `X called
 * it "…"`, `…, saying "…"`. Words back from the opening mark to the sentence start. *words
 * gets how many there are (0: the quotation starts its sentence). */
static int attrib_in_sentence(art_quotes *q, const blk *b, size_t lo, size_t open,
                              size_t min_words, size_t *words, bool *at_lo, attrib *out) {
    size_t pos = open;
    word rev[SENT_MAX_WORDS];
    size_t nw = 0;
    bool cut = false;
    *words = 0;
    *at_lo = false;
    while (nw < SENT_MAX_WORDS) {
        word x;
        size_t save = pos;
        if (!prev_word(b, &pos, lo, &x)) {
            /* At the quotation before: its sentence goes on unless that quotation ended
             * one and a capitalised word starts this one (`"… to vote." He commanded`). */
            *at_lo = !(nw > 0 && lo > 0 && capitalised(b, &rev[nw - 1]) &&
                       quote_ended_sentence(b, lo));
            break;
        }
        if (x.last == ';' || (nw > 0 && ends_sentence(b, &x, &rev[nw - 1])) ||
            (nw == 0 && (x.last == '.' || x.last == '!' || x.last == '?') &&
             !abbrev_period(b, &x))) {
            pos = save;
            break;
        }
        rev[nw++] = x;
        if (nw == SENT_MAX_WORDS)
            cut = true;
    }
    *words = nw;
    if (nw == 0)
        return 0;
    word w[SENT_MAX_WORDS];
    for (size_t i = 0; i < nw; i++)
        w[i] = rev[nw - 1 - i];
    size_t n = nw;
    /* "According to X, …", "Over the long term, according to X, …": X, whatever the verbs
     * after. */
    for (size_t i = 0; !cut && i + 3 < n; i++) {
        if ((i > 0 && w[i - 1].last != ',') || !word_is(b, &w[i], "according") ||
            !word_is(b, &w[i + 1], "to") || w[i].last || w[i + 1].last)
            continue;
        size_t e = i + 2;
        while (e < n && !w[e].last && e < i + 2 + SPEAKER_MAX_WORDS)
            e++;
        if (e < n && w[e].last == ',' && speaker_ok(b, w, i + 2, e + 1))
            return attrib_set(q, b, w[i + 2].s, speaker_end(b, &w[e], &w[e + 1]), w[i].cs,
                              w[i + 1].ce, out);
    }
    if (!cut) {
        int r = as_credit(q, b, w, n, out);
        if (r)
            return r;
    }
    bool asked = false; /* a verb of speech in the passive: its subject is no speaker */
    for (size_t k = n; k-- > 0;) {
        if (!is_cue_in(b, w, k, n, ART_LEX_CUE | ART_LEX_REPORT))
            continue;
        if (passive(b, w, k)) { /* "can be deemed "top secret"": maybe a verb before */
            asked = true;
            continue;
        }
        /* "an account called "X"": the verb names, nothing is quoted. */
        if (k + 1 == n && k > 0 && !(w[k].lex & ART_LEX_CUE) && !ends_ing(b, &w[k]) &&
            !w[k - 1].last && names_thing(b, w, k))
            return 0;
        size_t end = skip_aux(b, w, k), start;
        if (end == 0)
            continue;
        const word *p = &w[end - 1];
        if ((ends_ing(b, &w[k]) && (p->last || word_lower(b, p) || after_verb(b, w, end))) ||
            ((is_and_or(b, p) || word_is(b, p, "but")) && end >= 2)) {
            /* "Lee said Tuesday, noting": the verb of speech before names the speaker. */
            bool earlier = false; /* not "a rare note of …": a noun after its adjective */
            for (size_t j = 0; j < end && !earlier && ends_ing(b, &w[k]) && p->last == ',';
                 j++) /* also "Nefzi said, adding" */
                earlier = is_cue(b, w, j, n) &&
                          !(j > 1 && !w[j - 1].last && word_lower(b, &w[j - 1]) &&
                            !w[j - 1].lex && !is_adverb(b, &w[j - 1]) &&
                            word_lower_in(b, &w[j - 2], ART_LEX_DETERMINER));
            if (earlier)
                continue;
            /* "…, saying", "X arrived and said": the subject of the clause before, after
             * its conjunction ("as Ann Lee echoed the point, saying"), or the sentence's. */
            size_t j = end - 1;
            while (j > 0 && !(word_lower(b, &w[j - 1]) &&
                              (w[j - 1].lex & ART_LEX_SUBORDINATOR) &&
                              /* "serve as a ladder": a preposition there */
                              !(word_is(b, &w[j - 1], "as") &&
                                word_lower_in(b, &w[j], ART_LEX_DETERMINER))))
                j--;
            size_t pr = j;
            /* "though at a news conference he used stronger words, saying": the pronoun
             * after the clause's leading phrase. */
            while (j > 0 && pr < end - 1 &&
                   !((w[pr].lex & ART_LEX_PRONOUN) && !(w[pr].lex & ART_LEX_OBJECT)))
                pr++;
            size_t cs, ce; /* "went after Ann Lee on Monday, calling": no clause there */
            if (j > 0 && sentence_subject(b, w + j, end - j, &cs, &ce) &&
                !((w[j - 1].lex & ART_LEX_PREPOSITION) && (w[j + ce].lex & ART_LEX_PREPOSITION))) {
                start = cs + j;
                end = ce + j;
            } else if (j > 0 && pr < end - 1) {
                start = pr;
                end = pr + 1;
            } else if (cut || !sentence_subject(b, w, n, &start, &end) || end > k) {
                continue;
            }
        } else if (!p->last && ((p->lex & ART_LEX_PRONOUN) || word_is(b, p, "who") ||
                                pronoun_stem(b, p))) {
            start = end - 1;
            size_t stem = pronoun_stem(b, p); /* "He's predicting" */
            /* "Lee said she thinks …", "Lee said that he believes …": the speech reported
             * is the outer speaker's. */
            /* Also "Lee told reporters that he …"; not "Lee's promise Saturday when he …". */
            bool outer = false;
            for (size_t j = start; j-- > 0 && start - j <= 3 && !w[j].last && !outer &&
                                   !word_lower_in(b, &w[j], ART_LEX_SUBORDINATOR);)
                outer = ((p->lex & ART_LEX_PRONOUN) || stem) && is_cue(b, w, j, n);
            if (outer)
                continue;
            if (stem) /* the pronoun without its folded verb */
                return attrib_set(q, b, p->cs, p->cs + stem, w[k].cs, w[k].ce, out);
        } else if (p->last == ',') {
            /* "Jane Doe, a spokeswoman for the campaign, said": back over the appositive. */
            start = end - 1;
            while (start > 0 && (!w[start - 1].last || abbrev_period(b, &w[start - 1])))
                start--; /* "veteran D.C. lobbyist" */
            /* "Cory Lee, 22, of Flint, Mich., said": back over short segments. */
            for (int seg = 0; seg < 4 && start > 0 && w[start - 1].last == ','; seg++) {
                bool weak = word_lower(b, &w[start]) || is_digit(word_first(b, &w[start])) ||
                            end - start <= 2;
                if (!weak)
                    break;
                size_t ps = start - 1; /* not past "after" in "after a woman in Worcester," */
                while (ps > 0 && (!w[ps - 1].last || abbrev_period(b, &w[ps - 1])) &&
                       !word_lower_in(b, &w[ps - 1], ART_LEX_SUBORDINATOR | ART_LEX_BREAKER))
                    ps--;
                start = ps;
            }
        } else {
            start = end - 1;
            while (start > 0 && (!w[start - 1].last || abbrev_period(b, &w[start - 1])) &&
                   !(w[start - 1].lex & ART_LEX_PRONOUN) &&
                   !(word_lower(b, &w[start - 1]) &&
                     (w[start - 1].lex & (ART_LEX_BREAKER | ART_LEX_CUE | ART_LEX_REPORT |
                                          ART_LEX_SUBORDINATOR | ART_LEX_OPENER))) &&
                   !(is_and_or(b, &w[start - 1]) && start >= 2 && word_lower(b, &w[start - 2])) &&
                   !dash_word(b, &w[start - 1]) && /* "-- complete with teleprompter -- Trump" */
                   !(relative_word(b, &w[start - 1]) && capitalised(b, &w[start])))
                start--; /* not past "whom" in "whom Lee called" */
            if (start == 0 && cut)
                continue;
            /* "Lee on Wednesday called": the speaker without the time. */
            for (size_t t = start + 1; t + 1 < end; t++)
                if (word_lower_in(b, &w[t], ART_LEX_PREPOSITION) && only_time(b, w, t + 1, end)) {
                    end = t;
                    break;
                }
        }
        /* "But Lee said", "While those surveyed said", "Even a strategist said": the
         * clause's subject. */
        while (start + 1 < end && !w[start].last && !(w[start].lex & ART_LEX_PREPOSITION) &&
               ((w[start].lex & (ART_LEX_OPENER | ART_LEX_SUBORDINATOR)) ||
                ((w[start].lex & ART_LEX_ADVERB) && !(w[start].lex & ART_LEX_BREAKER))))
            start++;
        if (as_subject(b, w, start, end))
            start++;
        /* "…, with Donald Trump tweeting that", "with the campaign saying": the subject of
         * the participle. */
        if (start + 1 < end && word_is(b, &w[start], "with") && ends_ing(b, &w[k]) &&
            (capitalised(b, &w[start + 1]) ||
             word_lower_in(b, &w[start + 1], ART_LEX_DETERMINER)))
            start++;
        if (start < end && (w[start].lex & ART_LEX_PREPOSITION)) {
            /* "On Monday he said": only a pronoun after the phrase is taken. */
            size_t j = end;
            while (j > start && !(w[j - 1].lex & ART_LEX_PRONOUN))
                j--;
            if (j == start)
                continue;
            start = j - 1;
        }
        if (!speaker_ok(b, w, start, end) && !who_head(b, w, &start, &end))
            continue;
        /* "Obama said he expected that Americans will say "no"": the outer speaker's. */
        if (start > 1 && word_is(b, &w[start - 1], "that") && !w[start - 2].last) {
            bool outer = false;
            for (size_t j = 0; j + 1 < start && !outer; j++)
                outer = is_cue(b, w, j, n);
            if (outer)
                continue;
        }
        return attrib_set(q, b, w[start].s, speaker_end(b, &w[end - 1], &w[end]), w[k].cs,
                          w[k].ce, out);
    }
    /* No verb of speech: words quoted in a sentence are its subject's ("Rubio offered a
     * defense of the "Gang of Eight" bill"), when that subject names someone. */
    size_t start, end;
    if (!min_words || cut || asked || (*at_lo && lo > 0))
        return 0;
    /* "…, while Ann Lee, a former governor, proposed we "…"": the subject of the clause
     * the quotation is in. */
    size_t j = n;
    while (j > 1 && !(w[j - 2].last == ',' && word_lower_in(b, &w[j - 1], ART_LEX_SUBORDINATOR)))
        j--;
    if (j > 1 && sentence_subject(b, w + j, n - j, &start, &end)) {
        start += j;
        end += j;
    } else if (!sentence_subject(b, w, n, &start, &end)) {
        return 0;
    }
    size_t v = past_appositives(b, w, end, n); /* the verb */
    if (v == NONE || !word_lower(b, &w[v]) || (w[v].lex & ART_LEX_DETERMINER) ||
        !speaker_ok(b, w, start, end))
        return 0;
    /* Two or three words: only when the subject is the speaker of the moment ("He also
     * called it "a disgrace"" after his quotation). */
    if (min_words == 1 && !current_subject(q, b, w, start, end))
        return 0;
    bool named = false;
    for (size_t k = start; k < end; k++)
        if (name_word(b, &w[k]) || (w[k].lex & ART_LEX_PRONOUN))
            named = true;
    if (!named || word_is(b, &w[start], "it") || word_is(b, &w[start], "this"))
        return 0;
    while (v + 1 < n && is_adverb(b, &w[v]) && !w[v].last) /* "also offered" */
        v++;
    return attrib_set(q, b, w[start].s, speaker_end(b, &w[end - 1], &w[end]), w[v].cs,
                      w[v].ce, out);
}

/* `… "a disgrace" for the party, he said.`: the clause that ends the sentence after the
 * quotation, from `trail` (after its comma) to `hi`. */
static int attrib_trailing(art_quotes *q, const blk *b, size_t qs, size_t trail, size_t hi,
                           attrib *out) {
    size_t t, th;
    return attrib_after(q, b, qs, qs, trail, hi, &t, &th, out);
}

/* Whether the subject w[from..to) of a sentence is the speaker of the moment: a personal
 * pronoun while the last speaker is in reach, or the last name seen, by its last word. */
static bool current_subject(const art_quotes *q, const blk *b, const word *w, size_t from,
                            size_t to) {
    if (to - from == 1 && (w[from].lex & ART_LEX_PRONOUN))
        return q->cur && b->block <= q->cur_block + 1 && !word_is(b, &w[from], "it");
    return name_word(b, &w[to - 1]) && last_name_is(q, b, &w[to - 1]);
}

/* Whether the words of the sentence before the opening mark at `open` only lead into the
 * quotation: "But", "Now,", "Unless rivals quit the race,"; no verb of speech, no subject
 * before a verb. Such a quotation opens its sentence as far as inheriting goes. */
static bool only_lead(const blk *b, size_t lo, size_t open) {
    size_t pos = open, n = 0;
    word x;
    bool comma = false, colon = false, openers = true;
    unsigned first = 0; /* the lexicon classes of the sentence's first word */
    while (prev_word(b, &pos, lo, &x)) {
        if (n > 0 && (x.last == '.' || x.last == '!' || x.last == '?' || x.last == ':') &&
            !abbrev_period(b, &x))
            break;
        if (n == 0) {
            comma = x.last == ',';
            colon = x.last == ':';
        }
        if (++n > LEAD_MAX_WORDS || word_lower_in(b, &x, ART_LEX_CUE | ART_LEX_REPORT) ||
            (x.lex & ART_LEX_PRONOUN))
            return false;
        openers = openers && (x.lex & (ART_LEX_OPENER | ART_LEX_ADVERB));
        first = x.lex;
    }
    /* "Then, later that month on CNN:", not "The plan was simple:". */
    if (colon && (first & (ART_LEX_OPENER | ART_LEX_PREPOSITION | ART_LEX_TIME)))
        comma = true;
    return n > 0 && (openers || comma);
}

/* Whether s[lo..open) is "and", "or" or a comma, with at most an article: the quotation
 * at `open` is listed with the one before it (`a "fascist" and a "Stalinist"`). */
static bool joined(const blk *b, size_t lo, size_t open) {
    size_t pos = open, n = 0;
    word x;
    bool and_or = false;
    while (prev_word(b, &pos, lo, &x)) {
        if (++n > 2 || (x.last && x.last != ','))
            return false;
        and_or = and_or || is_and_or(b, &x);
        if (!is_and_or(b, &x) && !word_is(b, &x, "a") && !word_is(b, &x, "an") &&
            !word_is(b, &x, "the"))
            return false;
    }
    return and_or;
}

/* `referred to him as a "reformer"`: whether the quotation at `open` follows "as", maybe
 * with an article, so that it is what the sentence's subject called someone. */
static bool after_as(const blk *b, size_t lo, size_t open) {
    size_t pos = open;
    word x;
    if (!prev_word(b, &pos, lo, &x) || x.last)
        return false;
    if ((word_is(b, &x, "a") || word_is(b, &x, "an") || word_is(b, &x, "the")) &&
        (!prev_word(b, &pos, lo, &x) || x.last))
        return false;
    /* Not "…, as the "autopsy" urged": there "as" opens a clause. */
    return word_is(b, &x, "as") && prev_word(b, &pos, lo, &x) && !x.last;
}

/* Attribution of a quotation: its own sentence after the closing mark, else before the
 * opening mark. [qs, qe) is its text in this block; [before_lo, qopen) and [after_lo,
 * after_hi) the text around it, up to the neighbouring quotations. *sent_start tells
 * whether the quotation starts its sentence. */
static int attribute(art_quotes *q, const blk *b, size_t qs, size_t qe, size_t after_lo,
                     size_t after_hi, size_t before_lo, size_t qopen, attrib *out,
                     bool *sent_start) {
    memset(out, 0, sizeof *out);
    *sent_start = before_lo == NONE;
    size_t trail = NONE, trail_hi = 0;
    if (qopen == 0 && after_lo != NONE && after_hi == b->len) {
        /* A paragraph that is a quotation and its credit line (a pull quote): not a
         * byline after a reported quotation ("… force in Spain."--Kim Hjelmgaard). */
        int r = dash_credit(q, b, after_lo, out);
        if (r)
            return r;
    }
    if (after_lo != NONE) {
        int r = attrib_after(q, b, qs, qe, after_lo, after_hi, &trail, &trail_hi, out);
        if (r)
            return r;
    }
    if (before_lo == NONE)
        return 0;
    int r = attrib_before(q, b, before_lo, qopen, out);
    if (r)
        return r;
    if (is_title(b, qs, qe) && !cue_just_before(b, before_lo, qopen)) {
        /* A name inside reported speech is part of what was said: `Lee said that the
         * deal could lead to another "Holocaust."`. */
        size_t words;
        bool at_lo;
        if (in_reported_clause(b, before_lo, qopen)) {
            r = attrib_in_sentence(q, b, before_lo, qopen, 0, &words, &at_lo, out);
            /* `calling her a "…," and then tweeted that she was "Disgraceful!"` */
            if (r || !at_lo || before_lo == 0 || !q->prev.speaker)
                return r;
            *out = q->prev;
            return 1;
        }
        /* `called him a "fascist" and a "Stalinist"`: joined to the quotation before. */
        if (before_lo > 0 && q->prev.speaker && joined(b, before_lo, qopen)) {
            *out = q->prev;
            return 1;
        }
        return 0;
    }
    if (trail != NONE) {
        r = attrib_trailing(q, b, qs, trail, trail_hi, out);
        if (r)
            return r;
    }
    size_t words;
    bool at_lo;
    size_t nw = words_upto(b, qs, qe, SUBJECT_MIN_WORDS);
    size_t size = nw >= SUBJECT_MIN_WORDS || after_as(b, before_lo, qopen) ? 2 : nw >= 2;
    r = attrib_in_sentence(q, b, before_lo, qopen, size, &words, &at_lo, out);
    if (!r && after_lo != NONE) {
        /* `Lee defended "New York values," saying …`: the quotation is in the speech the
         * participle after it reports; its sentence up to the participle. */
        size_t pos = after_lo, w2;
        bool lo2;
        word x;
        if (next_word(b, &pos, after_hi, &x) && ends_ing(b, &x) &&
            (x.lex & (ART_LEX_CUE | ART_LEX_REPORT)) && qe > qs &&
            memchr(b->s + qe - 1, ',', x.s - qe + 1)) {
            attrib at;
            int r2 = attrib_in_sentence(q, b, before_lo, x.ce, 0, &w2, &lo2, &at);
            if (r2)
                *out = at;
            if (r2 < 0)
                return r2;
            r = r2;
        }
    }
    *sent_start = words == 0 ||
                  (!r && words <= LEAD_MAX_WORDS && size == 2 &&
                   only_lead(b, before_lo, qopen));
    if (r || !at_lo || words == 0 || before_lo == 0 || !q->prev.speaker)
        return r;
    /* `"…," said X, "…"`, `X called it "…" and "…"`: the sentence of the quotation before. */
    *out = q->prev;
    return 1;
}

/* `Lee argued that the plan had failed. "…"`: a quotation that opens a sentence right
 * after reported speech in its paragraph goes on with that speech's speaker. */
static int attrib_reported(art_quotes *q, const blk *b, size_t lo, size_t open, attrib *out) {
    size_t pos = open, words;
    bool at_lo;
    word x;
    if (!prev_word(b, &pos, lo, &x) || x.last != '.' || abbrev_period(b, &x) || x.ce <= x.cs)
        return 0;
    attrib at;
    /* attrib_in_sentence() names one speaker at most: only the slot after the newest name
     * can be overwritten. */
    size_t nnames = q->nnames, gendered = q->gendered;
    seen_name slot = q->names[nnames % NAMES_KEPT];
    int r = attrib_in_sentence(q, b, lo, x.ce, 0, &words, &at_lo, &at);
    /* Not the sentence of the quotation before (`"…," said Lee, who said …. "…"`): that
     * one's speaker goes on, and the names seen stay. */
    if (r > 0 && at_lo && lo > 0) {
        q->names[nnames % NAMES_KEPT] = slot;
        q->nnames = nnames;
        q->gendered = gendered;
        r = 0;
    }
    if (r > 0)
        *out = at;
    return r;
}

/* A quotation that opens a paragraph, with no speaker in reach, after a paragraph with no
 * quotation: the last sentence of that paragraph, when it reports speech or has a subject
 * that names someone (`Viguerie is upbeat about the race.` then `"Not only can he win, …"`).
 * Only looked at for such a quotation, so that other paragraphs cost nothing. */
static int attrib_prev_block(art_quotes *q, const blk *b, attrib *out) {
    if (!q->prev_quoteless || q->prev_block + 1 != b->block ||
        (q->cur && b->block <= q->cur_block + 1))
        return 0;
    blk pb = {q->prev_s, q->prev_len, q->prev_segs, q->prev_nsegs, q->prev_block, q->memo,
              q->prev_gen};
    size_t pos = pb.len, words;
    bool at_lo;
    word x;
    if (!prev_word(&pb, &pos, 0, &x) || x.last != '.' || abbrev_period(&pb, &x) ||
        x.ce <= x.cs)
        return 0;
    attrib at;
    int r = attrib_in_sentence(q, &pb, 0, x.ce, 2, &words, &at_lo, &at);
    if (r > 0)
        *out = at;
    return r;
}

/* A quotation with no cue of its own goes on with the speaker of the reported speech
 * before it, who is then the current speaker. */
static void go_on(art_quotes *q, article_quote *r, const article_speaker *sp, size_t block) {
    r->attribution = ARTICLE_ATTRIBUTION_INHERITED;
    r->speaker = sp;
    q->cur = sp;
    q->cur_block = block;
}

/* No cue of its own: a quotation that starts a sentence in the paragraph of the last
 * attributed one, or in the next, goes on with its speaker. */
static void inherit(art_quotes *q, article_quote *r, bool sent_start) {
    if (r->speaker || !q->cur || !sent_start || r->block > q->cur_block + 1)
        return;
    r->attribution = ARTICLE_ATTRIBUTION_INHERITED;
    r->speaker = q->cur;
}

static void remember(art_quotes *q, const article_quote *r) {
    if (r->speaker && r->attribution == ARTICLE_ATTRIBUTION_DIRECT) {
        q->cur = r->speaker;
        q->cur_block = r->block + r->span_count - 1;
    }
}

static void apply_attrib(article_quote *r, const attrib *at) {
    if (!at->speaker)
        return;
    r->attribution = ARTICLE_ATTRIBUTION_DIRECT;
    r->speaker = at->speaker;
    r->cue = at->cue;
    r->cue_len = at->cue_len;
    r->cue_start = at->cue_start;
    r->cue_end = at->cue_end;
}

/* ---- scanning ------------------------------------------------------------------------- */

/* Whether s[lo..hi) holds a letter or digit; calls come with non-decreasing hi. Only the
 * text not looked at before is searched, from its end back to its last letter or digit,
 * which is usually right before the closing mark. */
static bool has_alnum(art_quotes *q, const blk *b, size_t lo, size_t hi) {
    size_t j = hi, st;
    while (j > q->alnum_upto) {
        uint32_t c = cp_before(b, j, &st);
        if (is_alnum(c)) {
            q->last_alnum = st;
            break;
        }
        j = st;
    }
    if (hi > q->alnum_upto)
        q->alnum_upto = hi;
    return q->last_alnum != NONE && q->last_alnum >= lo && q->last_alnum < hi;
}

static bool is_rsq(const blk *b, size_t i) {
    return i + 3 <= b->len && (unsigned char)b->s[i] == 0xE2 &&
           (unsigned char)b->s[i + 1] == 0x80 && (unsigned char)b->s[i + 2] == 0x99;
}

/* "rock ’n’ roll": the second ’ of a lone n between two apostrophes. */
static bool is_n_elision(const blk *b, size_t i) {
    if (i < 4 || (b->s[i - 1] != 'n' && b->s[i - 1] != 'N'))
        return false;
    const unsigned char *p = (const unsigned char *)b->s + i - 4;
    if (p[0] != 0xE2 || p[1] != 0x80 || (p[2] != 0x98 && p[2] != 0x99))
        return false;
    uint32_t c = cp_before(b, i - 4, NULL);
    return c == 0 || is_space(c);
}

/* Whether the ’ at i can close a single quote: it follows a non-space, is not inside a
 * word (don’t) and is not an elision. */
static bool rsq_can_close(const blk *b, size_t i) {
    size_t n;
    uint32_t p = cp_before(b, i, NULL);
    if (p == 0 || is_space(p))
        return false;
    if (is_alnum(p) && is_letter(cp_at(b, i + 3, &n)))
        return false;
    return !is_n_elision(b, i);
}

/* Offset of the last ’ of the block that could close a single quote, or NONE. */
static size_t last_closing_rsq(art_quotes *q, const blk *b) {
    if (q->rsq_known)
        return q->rsq_last;
    q->rsq_known = true;
    q->rsq_last = NONE;
    for (size_t i = b->len; i >= 3; i--) {
        if (is_rsq(b, i - 3) && rsq_can_close(b, i - 3) && !in_code_at(b, i - 3)) {
            q->rsq_last = i - 3;
            break;
        }
    }
    return q->rsq_last;
}

/* ‘ before a digit ("‘90s") or a clipped word ("‘em", "‘til", "‘n’"). */
static bool is_elision(const blk *b, size_t i) {
    size_t n;
    uint32_t c = cp_at(b, i, &n);
    if (is_digit(c))
        return true;
    size_t j = i;
    while (j < b->len && (((unsigned char)b->s[j] | 0x20) >= 'a') &&
           (((unsigned char)b->s[j] | 0x20) <= 'z'))
        j++;
    if (j == i || is_letter(cp_at(b, j, &n)))
        return false;
    return (art_lex_lookup(b->s + i, j - i) & ART_LEX_ELISION) != 0;
}

static bool push_open(art_quotes *q, size_t off, int fam, size_t len, bool cont) {
    if (!art_grow(&q->a->mem, (void **)&q->stack, &q->stack_cap, q->depth + 1,
                  sizeof *q->stack))
        return false;
    q->stack[q->depth++] = (open_mark){off, (uint8_t)fam, (uint8_t)len, cont};
    q->open_count[fam]++;
    return true;
}

/* A closing mark of family `fam` at plain offset i. The single marks it drops are nested
 * in what it closes: no warning (if that holds no letter, neither could they). */
static bool close_mark(art_quotes *q, const blk *b, int fam, size_t i, size_t len) {
    /* Mixed marks ("I prefer Kasich,” or “out of balance,"): a straight or curly closing
     * mark with none of its own family open closes the other one. */
    if (q->open_count[fam] == 0 && fam == FAM_CURLY && q->open_count[FAM_STRAIGHT])
        fam = FAM_STRAIGHT;
    else if (q->open_count[fam] == 0 && fam == FAM_STRAIGHT && q->open_count[FAM_CURLY])
        fam = FAM_CURLY;
    if (q->open_count[fam] == 0)
        return true; /* nothing to close: ignored */
    open_mark e;
    for (;;) {
        e = q->stack[--q->depth];
        q->open_count[e.fam]--;
        if (e.fam == fam)
            break;
        if (e.fam != FAM_SINGLE && !hold(q, map_start(b, e.off)))
            return false;
    }
    bool alnum = has_alnum(q, b, e.off + e.len, i);
    while (q->npairs > 0 && q->pairs[q->npairs - 1].open > e.off)
        q->npairs--;
    if (!alnum && !e.cont)
        return true; /* "", "…": not a quotation */
    if (!art_grow(&q->a->mem, (void **)&q->pairs, &q->pairs_cap, q->npairs + 1,
                  sizeof *q->pairs))
        return false;
    q->pairs[q->npairs++] = (pair){e.off, i, e.len, (uint8_t)len, e.cont, alnum, 0};
    return true;
}

#if ART_QUOTES_SSE2
/* The top bit of each byte of v that may start a mark: x | 0x05 is 0x27 for '"' and '\''
 * (and for '#' and '&'), x | 0x20 is 0xE2 for the lead bytes 0xC2 and 0xE2. */
static inline __m128i marks16(__m128i v) {
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x05)), _mm_set1_epi8(0x27)),
                        _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
                                       _mm_set1_epi8((char)0xE2)));
}
#endif

/* From i, the first byte that may start a mark ('"', '\'', 0xC2, 0xE2, and a few others
 * that the caller passes over), or len when there is none. */
static inline size_t mark_candidate(const unsigned char *s, size_t i, size_t len) {
#if ART_QUOTES_SSE2
    while (i + 32 <= len) {
        __m128i m0 = marks16(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        __m128i m1 = marks16(_mm_loadu_si128((const __m128i *)(const void *)(s + i + 16)));
        if (_mm_movemask_epi8(_mm_or_si128(m0, m1))) {
            uint32_t bits = (uint32_t)_mm_movemask_epi8(m0) |
                            (uint32_t)_mm_movemask_epi8(m1) << 16;
            return i + (size_t)__builtin_ctz(bits);
        }
        i += 32;
    }
    while (i < len && len >= 16) {
        /* Sixteen bytes; at the end, the last sixteen with those before i left out. */
        size_t base = i + 16 <= len ? i : len - 16;
        unsigned bits = (unsigned)_mm_movemask_epi8(
                            marks16(_mm_loadu_si128((const __m128i *)(const void *)(s + base)))) >>
                        (i - base);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
        i = base + 16;
        if (i == len)
            return len;
    }
#endif
    /* Eight bytes at a time while they are ASCII and hold no '"' or '\''. */
    while (i + 8 <= len) {
        uint64_t v, x, y;
        memcpy(&v, s + i, 8);
        x = v ^ 0x2222222222222222ull;
        y = v ^ 0x2727272727272727ull;
        uint64_t m = (v | ((x - 0x0101010101010101ull) & ~x) | ((y - 0x0101010101010101ull) & ~y)) &
                     0x8080808080808080ull;
        if (m) {
#if ART_QUOTES_SWAR
            i += (size_t)__builtin_ctzll(m) >> 3; /* the lowest flag is exact */
#endif
            return i;
        }
        i += 8;
    }
    for (; i < len; i++)
        if (s[i] == '"' || s[i] == '\'' || s[i] == 0xC2 || s[i] == 0xE2)
            return i;
    return len;
}

/* Pair the marks of s[from..len). */
static bool scan(art_quotes *q, const blk *b, size_t from) {
    const unsigned char *s = (const unsigned char *)b->s;
    size_t seg = 0;
    size_t last_open_end = from ? from : NONE;
    size_t i = from;
    while (i < b->len) {
        i = mark_candidate(s, i, b->len);
        if (i >= b->len)
            break;
        unsigned char ch = s[i];
        if (ART_LIKELY(ch != '"' && ch != '\'' && ch != 0xC2 && ch != 0xE2)) {
            i++;
            continue;
        }
        /* 0 ", 1 “, 2 ”, 3 ‘, 4 ’, 5 «, 6 », 7 '' */
        int kind;
        size_t len;
        if (ch == '"') {
            kind = 0;
            len = 1;
        } else if (ch == '\'') {
            if (i + 1 >= b->len || s[i + 1] != '\'') {
                i++;
                continue;
            }
            kind = 7;
            len = 2;
            /* '''': a single mark's apostrophe next to the double one. The closing pair
             * is the last two ("'no.'''"), the opening pair the first two. */
            if (i + 2 < b->len && s[i + 2] == '\'' && i > 0 && !is_space(cp_before(b, i, NULL)))
                i++;
        } else if (ch == 0xC2 && i + 1 < b->len && (s[i + 1] == 0xAB || s[i + 1] == 0xBB)) {
            kind = s[i + 1] == 0xAB ? 5 : 6;
            len = 2;
        } else if (ch == 0xE2 && i + 2 < b->len && s[i + 1] == 0x80 &&
                   (s[i + 2] == 0x98 || s[i + 2] == 0x99 || s[i + 2] == 0x9C ||
                    s[i + 2] == 0x9D)) {
            kind = s[i + 2] == 0x9C ? 1 : s[i + 2] == 0x9D ? 2 : s[i + 2] == 0x98 ? 3 : 4;
            len = 3;
        } else {
            i++;
            continue;
        }
        while (seg + 1 < b->nsegs && b->segs[seg + 1].text_off <= i)
            seg++;
        if (b->nsegs && b->segs[seg].code && b->segs[seg].text_off <= i) {
            i += len;
            continue;
        }
        size_t n;
        uint32_t prev = cp_before(b, i, NULL);
        uint32_t next = cp_at(b, i + len, &n);
        bool after_open = i == last_open_end;
        bool prev_space = prev == 0 || is_space(prev);
        bool next_space = next == 0 || is_space(next);
        int open_fam = -1, close_fam = -1;
        switch (kind) {
        case 0: {
            /* Open at the start, after a space, bracket, dash or opening mark; close
             * after anything else. Right after an opening mark or a dash, a mark
             * followed by a space or punctuation closes instead ("", "wait—"). */
            bool next_closes = next_space || is_close_punct(next);
            if (after_open || is_dash(prev)) {
                if (!next_closes || (after_open && !q->open_count[FAM_STRAIGHT]))
                    open_fam = FAM_STRAIGHT;
                else
                    close_fam = FAM_STRAIGHT;
            } else if (prev_space) {
                if (!next_space)
                    open_fam = FAM_STRAIGHT;
                else
                    close_fam = FAM_STRAIGHT; /* a lone " between spaces: ignored if none open */
            } else if (is_open_bracket(prev)) {
                open_fam = FAM_STRAIGHT;
            } else {
                close_fam = FAM_STRAIGHT;
            }
            break;
        }
        case 1:
            open_fam = FAM_CURLY;
            break;
        case 2:
            close_fam = FAM_CURLY;
            break;
        case 3:
            if ((prev_space || is_open_bracket(prev) || is_dash(prev) || after_open ||
                 prev == 0x201C || prev == 0xAB) &&
                !is_elision(b, i + len)) {
                size_t r = last_closing_rsq(q, b);
                if (r != NONE && r > i)
                    open_fam = FAM_SINGLE;
            }
            break;
        case 4:
            if (q->open_count[FAM_SINGLE] && rsq_can_close(b, i))
                close_fam = FAM_SINGLE;
            break;
        case 5:
            open_fam = FAM_GUILLEMET;
            break;
        case 6:
            close_fam = FAM_GUILLEMET;
            break;
        default:
            /* Like the straight mark, without the cases a lone character raises. */
            if ((prev_space || is_open_bracket(prev) || is_dash(prev) || after_open) &&
                !next_space && !(q->open_count[FAM_DAPOS] && after_open))
                open_fam = FAM_DAPOS;
            else if (!prev_space)
                close_fam = FAM_DAPOS;
            break;
        }
        if (open_fam >= 0) {
            if (!push_open(q, i, open_fam, len, false))
                return false;
            last_open_end = i + len;
        } else if (close_fam >= 0) {
            if (!close_mark(q, b, close_fam, i, len))
                return false;
        }
        i += len;
    }
    return true;
}

/* ---- quotations over several paragraphs ------------------------------------------------- */

static void chain_reset(art_quotes *q) {
    q->pending = false;
    q->chain_text.len = 0;
    q->chain_text.failed = false;
    q->nspans = 0;
    q->ncond = 0;
    q->ncond_held = 0;
    memset(&q->chain_before, 0, sizeof q->chain_before);
}

static bool chain_add(art_quotes *q, const blk *b, size_t from, size_t to, bool alnum) {
    art_buf *t = &q->chain_text;
    if (t->len && to > from && !art_buf_putc(t, ' '))
        return false;
    if (to > from && !art_buf_put(t, b->s + from, to - from))
        return false;
    if (!art_grow(&q->a->mem, (void **)&q->spans, &q->spans_cap, q->nspans + 1,
                  sizeof *q->spans))
        return false;
    q->spans[q->nspans++] = (art_span){map_end(b, from), map_end(b, to)};
    q->chain_alnum = q->chain_alnum || alnum;
    q->last_block = b->block;
    return true;
}

/* The pending quotation is unbalanced: warn at its mark and at the single marks left open
 * in it, publish what was nested in it. */
static article_status chain_drop(art_quotes *q) {
    article *a = q->a;
    if (!hold(q, q->chain_mark))
        return art_nomem(q->c);
    for (size_t i = 0; i < q->ncond_held; i++)
        if (!hold(q, q->cond_held[i]))
            return art_nomem(q->c);
    if (q->ncond) {
        if (!quote_room(q, q->ncond, q->cond[0].start))
            return q->c->status;
        if (!art_grow(&a->mem, (void **)&a->quotes, &a->quote_cap, a->quote_count + q->ncond,
                      sizeof *a->quotes))
            return art_nomem(q->c);
        memcpy(a->quotes + a->quote_count, q->cond, q->ncond * sizeof *q->cond);
        a->quote_count += q->ncond;
    }
    chain_reset(q);
    return flush_warnings(q);
}

/* Whether block b goes on with the pending quotation: the next paragraph beside the last
 * one, opening with a mark of the same family. */
static bool chain_continues(art_quotes *q, const blk *b, size_t *mark_len) {
    const article *a = q->a;
    if (b->block != q->last_block + 1 || b->len == 0 || in_code_at(b, 0))
        return false;
    if (b->block < a->block_count) {
        const article_block *x = &a->blocks[q->last_block], *y = &a->blocks[b->block];
        if (x->type != ARTICLE_BLOCK_PARAGRAPH || y->type != ARTICLE_BLOCK_PARAGRAPH ||
            x->parent != y->parent)
            return false;
    }
    const unsigned char *s = (const unsigned char *)b->s;
    size_t n;
    switch (q->chain_fam) {
    case FAM_STRAIGHT:
        *mark_len = 1;
        return s[0] == '"' && b->len > 1 && !is_space(cp_at(b, 1, &n));
    case FAM_CURLY:
        *mark_len = 3;
        return b->len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x9C;
    case FAM_DAPOS:
        *mark_len = 2;
        return b->len > 2 && s[0] == '\'' && s[1] == '\'' && !is_space(cp_at(b, 2, &n));
    default:
        *mark_len = 2;
        return b->len >= 2 && s[0] == 0xC2 && s[1] == 0xAB;
    }
}

/* ---- records -------------------------------------------------------------------------- */

static bool record_single(art_quotes *q, const blk *b, const pair *p, size_t before_lo,
                          size_t after_hi, bool conditional) {
    art_arena *ar = &q->a->arena;
    size_t ts = p->open + p->open_len, te = p->close;
    article_quote r;
    memset(&r, 0, sizeof r);
    char *text = art_arena_strdup(ar, b->s + ts, te - ts);
    art_span *span = art_arena_alloc(ar, sizeof *span);
    if (!text || !span)
        return false;
    r.text = text;
    r.len = te - ts;
    r.block = b->block;
    r.start = map_end(b, ts);
    r.end = map_start(b, te);
    if (r.end < r.start)
        r.end = r.start;
    span->start = r.start;
    span->end = r.end;
    r.spans = span;
    r.span_count = 1;
    attrib at;
    bool sent_start;
    int found = attribute(q, b, ts, te, te + p->close_len, after_hi, before_lo, p->open, &at,
                          &sent_start);
    if (found < 0)
        return false;
    bool reported = false;
    if (!at.speaker && p->open == 0 && q->intro.speaker && b->block == q->intro_block + 1)
        at = q->intro;
    if (!at.speaker && sent_start && !conditional) {
        int k = attrib_reported(q, b, before_lo, p->open, &at);
        if (k == 0 && p->open == 0)
            k = attrib_prev_block(q, b, &at);
        if (k < 0)
            return false;
        reported = k > 0;
    }
    if (reported)
        go_on(q, &r, at.speaker, b->block);
    else
        apply_attrib(&r, &at);
    if (!conditional) {
        q->prev = at;
        inherit(q, &r, sent_start);
        remember(q, &r);
    } else if (!r.speaker && sent_start && q->ncond > 0 && q->cond[q->ncond - 1].speaker &&
               q->cond[q->ncond - 1].block == r.block) {
        /* Inside a mark left open (kept if it stays unbalanced): `"…," Lee said. "…"` goes
         * on with the quotation before it all the same. */
        r.attribution = ARTICLE_ATTRIBUTION_INHERITED;
        r.speaker = q->cond[q->ncond - 1].speaker;
    }
    if (!push_record(q, &r, conditional))
        return false;
    if (!conditional) {
        /* Nothing after it in its paragraph: a credit line may follow. */
        size_t i = p->close + p->close_len, n;
        while (i < b->len && is_space(cp_at(b, i, &n)))
            i += n;
        q->credit_quote = r.attribution != ARTICLE_ATTRIBUTION_DIRECT && i == b->len
                              ? q->a->quote_count - 1
                              : NONE;
        q->credit_block = b->block;
    }
    return true;
}

/* A paragraph that is a credit line names the quotation that ended the one before; false
 * when memory runs out. */
static bool credit_next(art_quotes *q, const blk *b) {
    attrib at;
    int r = dash_credit(q, b, 0, &at);
    if (r > 0) {
        article_quote *prev = &q->a->quotes[q->credit_quote];
        apply_attrib(prev, &at);
        remember(q, prev);
    }
    return r >= 0;
}

/* The pending quotation closes at pair p of block b. */
static bool record_chain_end(art_quotes *q, const blk *b, const pair *p, size_t after_hi) {
    size_t ts = p->open + p->open_len, te = p->close;
    q->ncond = 0; /* nested in a balanced quotation */
    q->ncond_held = 0;
    if (!chain_add(q, b, ts, te, p->alnum))
        return false;
    art_span *last = &q->spans[q->nspans - 1];
    last->start = map_end(b, ts);
    last->end = map_start(b, te);
    if (last->end < last->start) /* both in a segment that is not exact (a table cell's) */
        last->end = last->start;
    if (!q->chain_alnum) {
        chain_reset(q);
        return true;
    }
    art_arena *ar = &q->a->arena;
    if (q->chain_text.failed)
        return false;
    article_quote r;
    memset(&r, 0, sizeof r);
    char *text = art_arena_strdup(ar, q->chain_text.data ? q->chain_text.data : "",
                                  q->chain_text.len);
    art_span *spans = art_arena_alloc(ar, q->nspans * sizeof *spans);
    if (!text || !spans)
        return false;
    memcpy(spans, q->spans, q->nspans * sizeof *spans);
    r.text = text;
    r.len = q->chain_text.len;
    r.block = q->chain_block;
    r.spans = spans;
    r.span_count = q->nspans;
    r.start = spans[0].start;
    r.end = spans[q->nspans - 1].end;
    attrib at;
    bool sent_start;
    int found = attribute(q, b, ts, te, te + p->close_len, after_hi, NONE, 0, &at, &sent_start);
    if (found < 0)
        return false;
    apply_attrib(&r, found ? &at : &q->chain_before);
    inherit(q, &r, q->chain_sent_start);
    remember(q, &r);
    chain_reset(q);
    return push_record(q, &r, false);
}

/* Whether s[0..n) holds a '.', '!', '?' or ';': a cheap look for a sentence's end between
 * two quotations before reading the second's words. */
static bool ends_between(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';')
            return true;
    return false;
}

/* Whether the quotation of pair p is a title or a few words, which the words around it
 * may be read through; worked out once per pair. */
static bool minor_pair(const blk *b, pair *p) {
    if (!p->minor) {
        size_t qs = p->open + p->open_len;
        p->minor = is_title(b, qs, p->close) || !count_words(b, qs, p->close, SUBJECT_MIN_WORDS)
                       ? 1
                       : 2;
    }
    return p->minor == 1;
}

/* After the scan: publish the block's quotations and settle what stays open. */
static bool block_end(art_quotes *q, const blk *b) {
    /* The outermost double mark or guillemet still open may go on in the next paragraph;
     * any other one left open is unbalanced now. Single marks are settled below. */
    size_t dk = NONE;
    for (size_t k = 0; k < q->depth; k++) {
        if (q->stack[k].fam == FAM_SINGLE)
            continue;
        if (dk == NONE)
            dk = k;
        else if (!hold(q, map_start(b, q->stack[k].off)))
            return false;
    }
    size_t d_off = dk == NONE ? NONE : q->stack[dk].off;
    size_t d_end = dk == NONE ? NONE : d_off + q->stack[dk].len;
    size_t prev_end = 0, uncond_end = 0;
    for (size_t j = 0; j < q->npairs; j++) {
        const pair *p = &q->pairs[j];
        bool conditional = d_off != NONE && p->open > d_off;
        size_t before_lo = prev_end;
        if (conditional && before_lo < d_end)
            before_lo = d_end;
        /* Words after the quotation run up to the next one, or through it when it is a
         * title or a few words (`"…," Jo Kim, wearing "Lee 2024" pins, said.`). */
        size_t nx = j + 1;
        while (nx < q->npairs && nx < j + 3 && !q->pairs[nx].cont &&
               !ends_between(b->s + q->pairs[nx - 1].close,
                             q->pairs[nx].open - q->pairs[nx - 1].close) &&
               minor_pair(b, &q->pairs[nx]))
            nx++;
        size_t after_hi = nx < q->npairs ? q->pairs[nx].open : b->len;
        if (!conditional && d_off != NONE && after_hi > d_off)
            after_hi = d_off;
        bool ok = p->cont ? record_chain_end(q, b, p, after_hi)
                          : record_single(q, b, p, before_lo, after_hi, conditional);
        if (!ok)
            return false;
        /* A title or scare quotation nobody said is read through as words of the
         * sentence: `Lee, the author of "Going Viral," said it was "…"`. */
        bool words = !p->cont && !conditional && q->a->quote_count > 0 &&
                     !q->a->quotes[q->a->quote_count - 1].speaker &&
                     minor_pair(b, &q->pairs[j]);
        if (!words)
            prev_end = p->close + p->close_len;
        if (!conditional)
            uncond_end = p->close + p->close_len;
    }
    /* Single marks still open: unbalanced, or so only if the quotation they are nested in
     * is. After the pairs, as closing a continued quotation forgets what was nested in it. */
    for (size_t k = 0; k < q->depth; k++) {
        if (q->stack[k].fam != FAM_SINGLE)
            continue;
        size_t off = map_start(b, q->stack[k].off);
        if (!(dk != NONE && k > dk ? hold_cond(q, off) : hold(q, off)))
            return false;
    }
    if (dk == NONE)
        return true;
    size_t te = b->len, st;
    while (te > d_end && is_space(cp_before(b, te, &st)))
        te = st;
    bool alnum = has_alnum(q, b, d_end, b->len);
    if (q->stack[dk].cont)
        return chain_add(q, b, d_end, te, alnum);
    q->pending = true;
    q->chain_fam = q->stack[dk].fam;
    q->chain_mark = map_start(b, d_off);
    q->chain_block = b->block;
    q->chain_alnum = false;
    int found = attrib_before(q, b, uncond_end, d_off, &q->chain_before);
    size_t words = 0;
    bool at_lo;
    if (found == 0)
        found = attrib_in_sentence(q, b, uncond_end, d_off, 0, &words, &at_lo,
                                   &q->chain_before);
    if (found < 0)
        return false;
    q->chain_sent_start = words == 0;
    if (!found)
        memset(&q->chain_before, 0, sizeof q->chain_before);
    if (!found && d_off == 0 && q->intro.speaker && b->block == q->intro_block + 1)
        q->chain_before = q->intro;
    return chain_add(q, b, d_end, te, alnum);
}

/* `Ann Lee said:` at the end of a paragraph with no quotation after it: kept for the
 * quotation that opens the next paragraph. */
static bool intro_end(art_quotes *q, const blk *b) {
    memset(&q->intro, 0, sizeof q->intro);
    if (q->pending)
        return true;
    size_t te = b->len, st;
    while (te > 0 && is_space(cp_before(b, te, &st)))
        te = st;
    if (te == 0 || b->s[te - 1] != ':')
        return true;
    size_t lo = 0;
    if (q->npairs > 0)
        lo = q->pairs[q->npairs - 1].close + q->pairs[q->npairs - 1].close_len;
    if (lo >= te)
        return true;
    q->intro_block = b->block;
    return attrib_before(q, b, lo, te, &q->intro) >= 0;
}

/* Keeps block b as the last one for attrib_prev_block() when it had no quotation and its
 * text ends with a period. */
static void keep_block(art_quotes *q, const blk *b, bool quoteless) {
    q->prev_quoteless = quoteless && b->len > 0 && b->s[b->len - 1] == '.' &&
                        b->nsegs <= PREV_SEGS_MAX;
    if (!q->prev_quoteless)
        return;
    for (size_t i = 0; i < b->nsegs; i++)
        q->prev_segs[i] = b->segs[i];
    q->prev_s = b->s;
    q->prev_len = b->len;
    q->prev_nsegs = b->nsegs;
    q->prev_block = b->block;
    q->prev_gen = b->gen;
}

/* ---- entry points --------------------------------------------------------------------- */

art_quotes *art_quotes_new(art_ctx *c) {
    art_quotes *q = art_malloc(&c->a->mem, sizeof *q);
    if (!q) {
        art_nomem(c);
        return NULL;
    }
    memset(q, 0, sizeof *q);
    if (!(c->a->flags & ARTICLE_OPT_NO_QUOTES)) {
        q->memo = art_malloc(&c->a->mem, sizeof *q->memo);
        if (!q->memo) {
            art_free(&c->a->mem, q);
            art_nomem(c);
            return NULL;
        }
        memset(q->memo->gen, 0, sizeof q->memo->gen);
        memset(q->memo->lex_len, 0, sizeof q->memo->lex_len);
    }
    q->c = c;
    q->a = c->a;
    q->disabled = (c->a->flags & ARTICLE_OPT_NO_QUOTES) != 0;
    q->credit_quote = NONE;
    art_buf_init(&q->chain_text, &c->a->mem);
    return q;
}

article_status art_quotes_block(art_quotes *q, size_t block, const char *text, size_t len,
                                const art_seg *segs, size_t nsegs) {
    if (!q)
        return ARTICLE_ERR_NOMEM;
    if (q->c->status != ARTICLE_OK || q->disabled)
        return q->c->status;
    if (++q->memo_gen == 0) { /* wrapped: forget every entry */
        memset(q->memo->gen, 0, sizeof q->memo->gen);
        q->memo_gen = 1;
    }
    blk b = {text ? text : "", text ? len : 0, segs, segs ? nsegs : 0, block, q->memo,
             q->memo_gen};
    size_t mark_len = 0;
    bool cont = false;
    if (q->pending) {
        cont = chain_continues(q, &b, &mark_len);
        if (!cont && chain_drop(q) != ARTICLE_OK)
            return q->c->status;
    }
    if (q->credit_quote != NONE && q->credit_block + 1 == block && !cont &&
        !credit_next(q, &b))
        return art_nomem(q->c);
    q->credit_quote = NONE;
    q->depth = 0;
    q->npairs = 0;
    memset(q->open_count, 0, sizeof q->open_count);
    q->alnum_upto = 0;
    q->last_alnum = NONE;
    q->rsq_known = false;
    memset(&q->prev, 0, sizeof q->prev);
    if (cont && !push_open(q, 0, q->chain_fam, mark_len, true))
        return art_nomem(q->c);
    if (!scan(q, &b, cont ? mark_len : 0) || !block_end(q, &b) || !intro_end(q, &b))
        return art_nomem(q->c);
    keep_block(q, &b, !cont && q->npairs == 0 && !q->pending);
    if (!q->pending)
        return flush_warnings(q);
    return ARTICLE_OK;
}

article_status art_quotes_break(art_quotes *q) {
    if (!q)
        return ARTICLE_ERR_NOMEM;
    if (q->c->status != ARTICLE_OK || !q->pending)
        return q->c->status;
    return chain_drop(q);
}

void art_quotes_discard(art_quotes *q) {
    if (!q)
        return;
    const art_mem *m = &q->a->mem;
    art_free(m, q->stack);
    art_free(m, q->pairs);
    art_free(m, q->held);
    art_free(m, q->cond);
    art_free(m, q->cond_held);
    art_free(m, q->spans);
    art_free(m, q->memo);
    art_buf_free(&q->chain_text);
    art_free(m, q);
}

article_status art_quotes_finish(art_quotes *q) {
    if (!q)
        return ARTICLE_ERR_NOMEM;
    article_status st = q->c->status;
    if (st == ARTICLE_OK && q->pending)
        st = chain_drop(q);
    if (st == ARTICLE_OK)
        st = flush_warnings(q);
    art_quotes_discard(q);
    return st;
}
