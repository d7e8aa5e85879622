/* Well-known fields: title, byline, date, category, tags and the featured image, read from
 * the front matter tree.
 *
 * One rule holds throughout: a NULL value, and a value of the wrong shape (after its
 * FIELD_TYPE warning), count as absent, so the next spelling or fallback key is tried.
 * Strings are not copied: they point at the metadata's own arena text. */
#include "internal.h"

#include <string.h>

/* User text quoted in a warning is cut to this many bytes (on a character boundary), so
 * that a huge key cannot push the rest of the message out. */
#define CLIP 48

typedef struct keyname {
    const char *dash;  /* the spelling used in warnings */
    const char *under; /* NULL for one-word keys */
} keyname;

/* A source value paired with the text a field takes from it. */
typedef struct person {
    const article_value *value;
    const char *str;
    size_t len;
} person;

/* ---- helpers ------------------------------------------------------------------------- */

static bool is_scalar(const article_value *v) {
    return v->type == ARTICLE_VALUE_BOOL || v->type == ARTICLE_VALUE_INT ||
           v->type == ARTICLE_VALUE_FLOAT || v->type == ARTICLE_VALUE_STRING;
}

static const char *shape_name(const article_value *v) {
    return v->type == ARTICLE_VALUE_MAPPING ? "a mapping" : "a sequence";
}

/* Length of s[0..len) cut to at most `max` bytes without splitting a character. */
static int clip(const char *s, size_t len, size_t max) {
    if (len <= max)
        return (int)len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

static const article_value *lookup(const article_value *meta, const char *key) {
    const article_value *v = article_value_get(meta, key);
    return v && v->type != ARTICLE_VALUE_NULL ? v : NULL;
}

/* The value under either spelling of a key (the `-` one first); *which names the one
 * found, for warnings. */
static const article_value *lookup2(const article_value *meta, keyname k, const char **which) {
    const article_value *v = lookup(meta, k.dash);
    *which = k.dash;
    if (!v && k.under) {
        v = lookup(meta, k.under);
        *which = k.under;
    }
    return v;
}

static bool warn_shape(art_ctx *c, const article_value *v, const char *key,
                       const char *expected) {
    return art_warn(c, ARTICLE_WARN_FIELD_TYPE, v->start, "'%s' is %s, not %s; ignored", key,
                    shape_name(v), expected);
}

static bool warn_item(art_ctx *c, const article_value *v, const char *key, size_t i,
                      const char *what) {
    return art_warn(c, ARTICLE_WARN_FIELD_TYPE, v->start, "item %zu of '%s' is %s; ignored",
                    i + 1, key, what);
}

/* A scalar field: the first of `keys` (either spelling) holding a non-NULL scalar. A
 * collection under one of them is warned about and skipped. */
static article_status scalar_field(art_ctx *c, article_field f, const keyname *keys,
                                   size_t nkeys) {
    article *a = c->a;
    for (size_t i = 0; i < nkeys; i++) {
        const char *which;
        const article_value *v = lookup2(a->metadata, keys[i], &which);
        if (!v)
            continue;
        if (!is_scalar(v)) {
            if (!warn_shape(c, v, which, "a scalar"))
                return c->status;
            continue;
        }
        a->fields[f] = v;
        a->field_str[f] = v->str;
        a->field_len[f] = v->len;
        return ARTICLE_OK;
    }
    return ARTICLE_OK;
}

static void set_field(article *a, article_field f, const person *p) {
    a->fields[f] = p->value;
    a->field_str[f] = p->str;
    a->field_len[f] = p->len;
}

/* ---- authors --------------------------------------------------------------------------- */

/* `item` for a value that is not in a list. */
#define NOT_ITEM ((size_t)-1)

/* The name of one author entry: a scalar, or a mapping's `name`. Returns 1 with *out set,
 * 0 when the entry is skipped (NULL, or no usable name, which is warned about), -1 when
 * the warning could not be stored. */
static int person_of(art_ctx *c, const article_value *v, const char *key, size_t item,
                     person *out) {
    if (v->type == ARTICLE_VALUE_NULL)
        return 0;
    const article_value *name = v;
    if (v->type == ARTICLE_VALUE_MAPPING) {
        name = article_value_get(v, "name");
        if (name && name->type == ARTICLE_VALUE_NULL)
            return 0;
        if (!name || !is_scalar(name)) {
            const article_value *at = name ? name : v;
            bool ok = item == NOT_ITEM
                          ? art_warn(c, ARTICLE_WARN_FIELD_TYPE, at->start,
                                     "'%s' has no scalar 'name'; ignored", key)
                          : art_warn(c, ARTICLE_WARN_FIELD_TYPE, at->start,
                                     "item %zu of '%s' has no scalar 'name'; ignored",
                                     item + 1, key);
            return ok ? 0 : -1;
        }
    } else if (v->type == ARTICLE_VALUE_SEQUENCE) {
        /* Only reached for list items: a whole sequence is a list, not a person. */
        return warn_item(c, v, key, item, "a sequence") ? 0 : -1;
    }
    out->value = name;
    out->str = name->str;
    out->len = name->len;
    return 1;
}

/* The people of `authors` or `author`: a scalar or a mapping is one, a sequence lists
 * them. *list is arena memory (NULL when empty). Returns false on failure. */
static bool people_of(art_ctx *c, const article_value *v, const char *key, person **list,
                      size_t *count) {
    *list = NULL;
    *count = 0;
    size_t n = v->type == ARTICLE_VALUE_SEQUENCE ? v->count : 1;
    if (n == 0)
        return true;
    person *p = art_arena_alloc(&c->a->arena, n * sizeof *p);
    if (!p) {
        art_nomem(c);
        return false;
    }
    size_t k = 0;
    if (v->type != ARTICLE_VALUE_SEQUENCE) {
        int r = person_of(c, v, key, NOT_ITEM, &p[0]);
        if (r < 0)
            return false;
        k = (size_t)r;
    } else {
        for (size_t i = 0; i < n; i++) {
            int r = person_of(c, v->items[i], key, i, &p[k]);
            if (r < 0)
                return false;
            k += (size_t)r;
        }
    }
    *list = p;
    *count = k;
    return true;
}

static bool strlist_from(art_ctx *c, art_strlist *l, const person *p, size_t n) {
    if (n == 0)
        return true;
    l->items = art_arena_alloc(&c->a->arena, n * sizeof *l->items);
    l->lens = art_arena_alloc(&c->a->arena, n * sizeof *l->lens);
    if (!l->items || !l->lens) {
        art_nomem(c);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        l->items[i] = p[i].str;
        l->lens[i] = p[i].len;
    }
    l->count = n;
    return true;
}

/* The author list comes from `authors`, else `author`; the author from `author` when it
 * names one person (scalar or mapping), else the first of the list. `author` is read at
 * most once so that its warnings are not repeated, and not at all when it is a list
 * that `authors` overrides. */
static article_status authors_extract(art_ctx *c) {
    article *a = c->a;
    const article_value *many = lookup(a->metadata, "authors");
    const article_value *one = lookup(a->metadata, "author");
    person *list = NULL, *one_list = NULL;
    size_t count = 0, one_count = 0;
    bool have_list = false, have_one = false;

    if (many) {
        if (!people_of(c, many, "authors", &list, &count))
            return c->status;
        /* A mapping without a usable name has been warned about: fall back to `author`. */
        have_list = many->type != ARTICLE_VALUE_MAPPING || count > 0;
    }
    if (one && (!have_list || one->type != ARTICLE_VALUE_SEQUENCE)) {
        if (!people_of(c, one, "author", &one_list, &one_count))
            return c->status;
        have_one = true;
        if (!have_list) {
            list = one_list;
            count = one_count;
        }
    }
    if (!strlist_from(c, &a->authors, list, count))
        return c->status;
    if (have_one && one->type != ARTICLE_VALUE_SEQUENCE && one_count > 0)
        set_field(a, ARTICLE_FIELD_AUTHOR, &one_list[0]);
    else if (count > 0)
        set_field(a, ARTICLE_FIELD_AUTHOR, &list[0]);
    return ARTICLE_OK;
}

/* ---- lists: tags, categories ----------------------------------------------------------- */

static article_status tags_extract(art_ctx *c) {
    article *a = c->a;
    const article_value *v = lookup(a->metadata, "tags");
    if (!v)
        return ARTICLE_OK;
    if (v->type == ARTICLE_VALUE_MAPPING) {
        warn_shape(c, v, "tags", "a scalar or a sequence");
        return c->status;
    }
    size_t n = v->type == ARTICLE_VALUE_SEQUENCE ? v->count : 1;
    if (n == 0)
        return ARTICLE_OK;
    art_strlist *l = &a->tags;
    l->items = art_arena_alloc(&a->arena, n * sizeof *l->items);
    l->lens = art_arena_alloc(&a->arena, n * sizeof *l->lens);
    if (!l->items || !l->lens)
        return art_nomem(c);
    for (size_t i = 0; i < n; i++) {
        const article_value *t = v->type == ARTICLE_VALUE_SEQUENCE ? v->items[i] : v;
        if (t->type == ARTICLE_VALUE_NULL)
            continue;
        if (!is_scalar(t)) {
            if (!warn_item(c, t, "tags", i, shape_name(t)))
                return c->status;
            continue;
        }
        l->items[l->count] = t->str;
        l->lens[l->count++] = t->len;
    }
    return ARTICLE_OK;
}

/* category, else the first usable item of `categories` (a scalar counts as one). */
static article_status category_extract(art_ctx *c) {
    static const keyname key = {"category", NULL};
    article *a = c->a;
    if (scalar_field(c, ARTICLE_FIELD_CATEGORY, &key, 1) != ARTICLE_OK ||
        a->fields[ARTICLE_FIELD_CATEGORY])
        return c->status;
    const article_value *v = lookup(a->metadata, "categories");
    if (!v)
        return ARTICLE_OK;
    if (v->type == ARTICLE_VALUE_MAPPING) {
        warn_shape(c, v, "categories", "a scalar or a sequence");
        return c->status;
    }
    size_t n = v->type == ARTICLE_VALUE_SEQUENCE ? v->count : 1;
    for (size_t i = 0; i < n; i++) {
        const article_value *t = v->type == ARTICLE_VALUE_SEQUENCE ? v->items[i] : v;
        if (t->type == ARTICLE_VALUE_NULL)
            continue;
        if (!is_scalar(t)) {
            if (!warn_item(c, t, "categories", i, shape_name(t)))
                return c->status;
            continue;
        }
        person p = {t, t->str, t->len};
        set_field(a, ARTICLE_FIELD_CATEGORY, &p);
        break;
    }
    return ARTICLE_OK;
}

/* ---- date ------------------------------------------------------------------------------ */

static bool digits(const char *s, size_t len, size_t *i, size_t min, size_t max, int *out) {
    size_t n = 0;
    int v = 0;
    while (*i + n < len && n < max && s[*i + n] >= '0' && s[*i + n] <= '9') {
        v = v * 10 + (s[*i + n] - '0');
        n++;
    }
    if (n < min)
        return false;
    *i += n;
    *out = v;
    return true;
}

static bool skip_char(const char *s, size_t len, size_t *i, char ch) {
    if (*i < len && s[*i] == ch) {
        (*i)++;
        return true;
    }
    return false;
}

static size_t skip_blanks(const char *s, size_t len, size_t i) {
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static int days_in_month(int year, int month) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* A YAML timestamp: YYYY-MM-DD, optionally followed by `T`, `t` or blanks, H[H]:MM:SS, an
 * optional .fraction, optional blanks and `Z` or ±H[H][:MM]. Ranges are checked. */
static bool parse_timestamp(const char *s, size_t len, article_datetime *dt) {
    memset(dt, 0, sizeof *dt);
    size_t i = 0;
    if (!digits(s, len, &i, 4, 4, &dt->year) || !skip_char(s, len, &i, '-') ||
        !digits(s, len, &i, 2, 2, &dt->month) || !skip_char(s, len, &i, '-') ||
        !digits(s, len, &i, 2, 2, &dt->day))
        return false;
    if (dt->month < 1 || dt->month > 12 || dt->day < 1 ||
        dt->day > days_in_month(dt->year, dt->month))
        return false;
    if (i == len)
        return true;

    if (s[i] == 'T' || s[i] == 't') {
        i++;
    } else {
        size_t j = skip_blanks(s, len, i);
        if (j == i)
            return false;
        i = j;
    }
    if (!digits(s, len, &i, 1, 2, &dt->hour) || !skip_char(s, len, &i, ':') ||
        !digits(s, len, &i, 2, 2, &dt->minute) || !skip_char(s, len, &i, ':') ||
        !digits(s, len, &i, 2, 2, &dt->second))
        return false;
    if (dt->hour > 23 || dt->minute > 59 || dt->second > 60)
        return false;
    dt->has_time = 1;
    if (skip_char(s, len, &i, '.')) {
        /* Nanoseconds from the first nine digits; further digits are below resolution. */
        long scale = 100000000;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            dt->nanosecond += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    i = skip_blanks(s, len, i);
    if (i == len)
        return true;
    if (s[i] == 'Z') {
        dt->has_offset = 1;
        return i + 1 == len;
    }
    if (s[i] != '+' && s[i] != '-')
        return false;
    int sign = s[i++] == '-' ? -1 : 1;
    int oh, om = 0;
    if (!digits(s, len, &i, 1, 2, &oh))
        return false;
    if (skip_char(s, len, &i, ':') && !digits(s, len, &i, 2, 2, &om))
        return false;
    if (i != len || oh > 23 || om > 59)
        return false;
    dt->has_offset = 1;
    dt->offset_minutes = sign * (oh * 60 + om);
    return true;
}

static article_status date_extract(art_ctx *c) {
    static const keyname key = {"date", NULL};
    article *a = c->a;
    if (scalar_field(c, ARTICLE_FIELD_DATE, &key, 1) != ARTICLE_OK)
        return c->status;
    const article_value *v = a->fields[ARTICLE_FIELD_DATE];
    if (!v)
        return ARTICLE_OK;
    article_datetime dt;
    if (!parse_timestamp(v->str, v->len, &dt)) {
        art_warn(c, ARTICLE_WARN_DATE_FORMAT, v->start,
                 "date '%.*s' is not a YAML timestamp (YYYY-MM-DD, optionally with a time)",
                 clip(v->str, v->len, CLIP), v->str);
        return c->status;
    }
    article_datetime *p = art_arena_alloc(&a->arena, sizeof *p);
    if (!p)
        return art_nomem(c);
    *p = dt;
    a->date = p;
    return ARTICLE_OK;
}

/* ---- featured image -------------------------------------------------------------------- */

enum { IMG_PATH, IMG_CUTLINE, IMG_CREDIT, IMG_ALT, IMG_SLOTS };

/* Keys of an image mapping: the slot each fills and its rank there (lower wins). */
static const struct {
    const char *key;
    int slot, rank;
} image_keys[] = {
    {"path", IMG_PATH, 0},       {"url", IMG_PATH, 1},         {"src", IMG_PATH, 2},
    {"cutline", IMG_CUTLINE, 0}, {"caption", IMG_CUTLINE, 1}, {"credit", IMG_CREDIT, 0},
    {"alt", IMG_ALT, 0},
};

static article_status image_map(art_ctx *c, const article_value *v, const char *which,
                                article_image *img) {
    const article_value *slot[IMG_SLOTS] = {NULL};
    int rank[IMG_SLOTS] = {0};
    for (size_t i = 0; i < v->count; i++) {
        const article_value *k = v->keys[i], *x = v->items[i];
        size_t j = 0, n = sizeof image_keys / sizeof image_keys[0];
        while (j < n && !(strlen(image_keys[j].key) == k->len &&
                          memcmp(image_keys[j].key, k->str, k->len) == 0))
            j++;
        if (j == n) {
            if (!art_warn(c, ARTICLE_WARN_UNKNOWN_IMAGE_KEY, k->start,
                          "unknown key '%.*s' in '%s'; ignored", clip(k->str, k->len, CLIP),
                          k->str, which))
                return c->status;
            continue;
        }
        if (x->type == ARTICLE_VALUE_NULL)
            continue;
        if (!is_scalar(x)) {
            if (!art_warn(c, ARTICLE_WARN_FIELD_TYPE, x->start,
                          "'%s' in '%s' is %s, not a scalar; ignored", image_keys[j].key,
                          which, shape_name(x)))
                return c->status;
            continue;
        }
        int s = image_keys[j].slot;
        if (!slot[s] || image_keys[j].rank < rank[s]) {
            slot[s] = x;
            rank[s] = image_keys[j].rank;
        }
    }
#define TAKE(s, f)                                                                         \
    do {                                                                                   \
        if (slot[s]) {                                                                     \
            img->f = slot[s]->str;                                                         \
            img->f##_len = slot[s]->len;                                                   \
        }                                                                                  \
    } while (0)
    TAKE(IMG_PATH, path);
    TAKE(IMG_CUTLINE, cutline);
    TAKE(IMG_CREDIT, credit);
    TAKE(IMG_ALT, alt);
#undef TAKE
    return ARTICLE_OK;
}

static article_status image_extract(art_ctx *c) {
    static const keyname keys[] = {
        {"featured-image", "featured_image"}, {"image", NULL}, {"cover", NULL}};
    article *a = c->a;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *which;
        const article_value *v = lookup2(a->metadata, keys[i], &which);
        if (!v)
            continue;
        if (v->type == ARTICLE_VALUE_SEQUENCE) {
            if (!warn_shape(c, v, which, "a scalar or a mapping"))
                return c->status;
            continue;
        }
        article_image *img = art_arena_alloc(&a->arena, sizeof *img);
        if (!img)
            return art_nomem(c);
        *img = (article_image){0};
        img->value = v;
        if (v->type == ARTICLE_VALUE_MAPPING) {
            if (image_map(c, v, which, img) != ARTICLE_OK)
                return c->status;
        } else {
            img->path = v->str;
            img->path_len = v->len;
        }
        a->image = img;
        return ARTICLE_OK;
    }
    return ARTICLE_OK;
}

/* ---- entry point ----------------------------------------------------------------------- */

article_status art_fields_extract(art_ctx *c) {
    static const keyname title[] = {{"title", NULL}};
    static const keyname subhed[] = {{"subhed", NULL}, {"subtitle", NULL}, {"dek", NULL}};
    static const keyname author_title[] = {{"author-title", "author_title"}};
    static const keyname layout[] = {{"layout", NULL}};
    static const keyname permalink[] = {{"permalink", NULL}, {"slug", NULL}};
    static const keyname excerpt[] = {{"excerpt", NULL}, {"description", NULL}};
    article *a = c->a;
    if (!a->metadata || a->metadata->count == 0)
        return ARTICLE_OK;
    /* Field order, so that warnings come out in a predictable order. */
    if (scalar_field(c, ARTICLE_FIELD_TITLE, title, 1) != ARTICLE_OK ||
        scalar_field(c, ARTICLE_FIELD_SUBHED, subhed, 3) != ARTICLE_OK ||
        authors_extract(c) != ARTICLE_OK ||
        scalar_field(c, ARTICLE_FIELD_AUTHOR_TITLE, author_title, 1) != ARTICLE_OK ||
        date_extract(c) != ARTICLE_OK || category_extract(c) != ARTICLE_OK ||
        tags_extract(c) != ARTICLE_OK ||
        scalar_field(c, ARTICLE_FIELD_LAYOUT, layout, 1) != ARTICLE_OK ||
        scalar_field(c, ARTICLE_FIELD_PERMALINK, permalink, 2) != ARTICLE_OK ||
        scalar_field(c, ARTICLE_FIELD_EXCERPT, excerpt, 2) != ARTICLE_OK ||
        image_extract(c) != ARTICLE_OK)
        return c->status;
    return ARTICLE_OK;
}
