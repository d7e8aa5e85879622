/* Read-only accessors of the public records. */
#include "internal.h"

#include <string.h>

static const char *str_out(const char *s, size_t n, size_t *len) {
    if (len)
        *len = s ? n : 0;
    return s;
}

const char *article_source(const article *a, size_t *len) {
    return a ? str_out(a->source, a->source_len, len) : str_out(NULL, 0, len);
}

int article_front_matter(const article *a, size_t *start, size_t *end) {
    int has = a && a->has_front_matter;
    if (start)
        *start = has ? a->fm_start : 0;
    if (end)
        *end = has ? a->fm_end : 0;
    return has;
}

const article_value *article_metadata(const article *a) {
    return a ? a->metadata : NULL;
}

/* ---- values ------------------------------------------------------------------------- */

article_value_type article_value_get_type(const article_value *v) {
    return v ? (article_value_type)v->type : ARTICLE_VALUE_NONE;
}

int article_value_bool(const article_value *v) {
    return v && v->type == ARTICLE_VALUE_BOOL && v->boolean;
}

int64_t article_value_int(const article_value *v) {
    return v && v->type == ARTICLE_VALUE_INT ? v->integer : 0;
}

double article_value_float(const article_value *v) {
    if (!v)
        return 0.0;
    if (v->type == ARTICLE_VALUE_FLOAT)
        return v->number;
    if (v->type == ARTICLE_VALUE_INT)
        return (double)v->integer;
    return 0.0;
}

const char *article_value_string(const article_value *v, size_t *len) {
    return v ? str_out(v->str, v->len, len) : str_out(NULL, 0, len);
}

size_t article_value_count(const article_value *v) {
    return v ? v->count : 0;
}

const article_value *article_value_at(const article_value *v, size_t i) {
    return v && v->items && i < v->count ? v->items[i] : NULL;
}

const article_value *article_value_key_at(const article_value *v, size_t i) {
    return v && v->keys && i < v->count ? v->keys[i] : NULL;
}

const article_value *article_value_getn(const article_value *map, const char *key,
                                        size_t key_len) {
    if (!map || map->type != ARTICLE_VALUE_MAPPING || (!key && key_len))
        return NULL;
    if (map->index_size) {
        size_t mask = map->index_size - 1;
        for (size_t h = art_hash(map->hash_key, key, key_len) & mask;; h = (h + 1) & mask) {
            uint32_t slot = map->index[h];
            if (!slot)
                return NULL;
            const article_value *k = map->keys[slot - 1];
            if (k->len == key_len && memcmp(k->str, key, key_len) == 0)
                return map->items[slot - 1];
        }
    }
    for (size_t i = 0; i < map->count; i++) {
        const article_value *k = map->keys[i];
        if (k->len == key_len && (key_len == 0 || memcmp(k->str, key, key_len) == 0))
            return map->items[i];
    }
    return NULL;
}

const article_value *article_value_get(const article_value *map, const char *key) {
    return key ? article_value_getn(map, key, strlen(key)) : NULL;
}

size_t article_value_start(const article_value *v) {
    return v ? v->start : 0;
}
size_t article_value_end(const article_value *v) {
    return v ? v->end : 0;
}
size_t article_value_line(const article_value *v) {
    return v ? v->line : 0;
}
size_t article_value_column(const article_value *v) {
    return v ? v->column : 0;
}

/* ---- well-known fields -------------------------------------------------------------- */

static bool field_ok(article_field f) {
    return (int)f >= ARTICLE_FIELD_TITLE && (int)f < ART_FIELD_COUNT;
}

const article_value *article_field_value(const article *a, article_field field) {
    return a && field_ok(field) ? a->fields[field] : NULL;
}

const char *article_field_string(const article *a, article_field field, size_t *len) {
    if (!a || !field_ok(field))
        return str_out(NULL, 0, len);
    return str_out(a->field_str[field], a->field_len[field], len);
}

const char *article_title(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_TITLE, len);
}
const char *article_subhed(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_SUBHED, len);
}
const char *article_author(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_AUTHOR, len);
}
const char *article_author_title(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_AUTHOR_TITLE, len);
}
const char *article_date(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_DATE, len);
}
const char *article_category(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_CATEGORY, len);
}
const char *article_layout(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_LAYOUT, len);
}
const char *article_permalink(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_PERMALINK, len);
}
const char *article_excerpt(const article *a, size_t *len) {
    return article_field_string(a, ARTICLE_FIELD_EXCERPT, len);
}

static const char *strlist_at(const art_strlist *l, size_t i, size_t *len) {
    if (i >= l->count)
        return str_out(NULL, 0, len);
    return str_out(l->items[i], l->lens[i], len);
}

size_t article_author_count(const article *a) {
    return a ? a->authors.count : 0;
}
const char *article_author_at(const article *a, size_t i, size_t *len) {
    return a ? strlist_at(&a->authors, i, len) : str_out(NULL, 0, len);
}
size_t article_tag_count(const article *a) {
    return a ? a->tags.count : 0;
}
const char *article_tag_at(const article *a, size_t i, size_t *len) {
    return a ? strlist_at(&a->tags, i, len) : str_out(NULL, 0, len);
}

const article_datetime *article_date_parsed(const article *a) {
    return a ? a->date : NULL;
}

/* ---- image -------------------------------------------------------------------------- */

const article_image *article_featured_image(const article *a) {
    return a ? a->image : NULL;
}
const char *article_image_path(const article_image *img, size_t *len) {
    return img ? str_out(img->path, img->path_len, len) : str_out(NULL, 0, len);
}
const char *article_image_cutline(const article_image *img, size_t *len) {
    return img ? str_out(img->cutline, img->cutline_len, len) : str_out(NULL, 0, len);
}
const char *article_image_credit(const article_image *img, size_t *len) {
    return img ? str_out(img->credit, img->credit_len, len) : str_out(NULL, 0, len);
}
const char *article_image_alt(const article_image *img, size_t *len) {
    return img ? str_out(img->alt, img->alt_len, len) : str_out(NULL, 0, len);
}
const article_value *article_image_value(const article_image *img) {
    return img ? img->value : NULL;
}

/* ---- blocks ------------------------------------------------------------------------- */

size_t article_block_count(const article *a) {
    return a ? a->block_count : 0;
}
const article_block *article_block_at(const article *a, size_t i) {
    return a && i < a->block_count ? &a->blocks[i] : NULL;
}
article_block_type article_block_get_type(const article_block *b) {
    return b ? (article_block_type)b->type : ARTICLE_BLOCK_NONE;
}

static const char *const block_names[] = {
    NULL,   "paragraph", "heading",        "block_quote", "list",       "item", "code",
    "html", "thematic_break", "table", "table_row", "table_cell", "footnote_definition",
};

const char *article_block_type_name(article_block_type type) {
    if ((int)type <= 0 || (size_t)type >= sizeof block_names / sizeof block_names[0])
        return NULL;
    return block_names[type];
}

size_t article_block_parent(const article_block *b) {
    return b ? b->parent : ARTICLE_NO_INDEX;
}
size_t article_block_depth(const article_block *b) {
    return b ? b->depth : 0;
}
size_t article_block_descendants(const article_block *b) {
    return b ? b->descendants : 0;
}
const char *article_block_text(const article_block *b, size_t *len) {
    return b ? str_out(b->text, b->text_len, len) : str_out(NULL, 0, len);
}
size_t article_block_start(const article_block *b) {
    return b ? b->start : 0;
}
size_t article_block_end(const article_block *b) {
    return b ? b->end : 0;
}
int article_block_level(const article_block *b) {
    return b ? b->level : 0;
}
int article_block_list_ordered(const article_block *b) {
    return b && b->ordered;
}
int article_block_list_start(const article_block *b) {
    return b ? b->list_start : 0;
}
int article_block_list_tight(const article_block *b) {
    return b && b->tight;
}
article_task article_block_task(const article_block *b) {
    return b ? (article_task)b->task : ARTICLE_TASK_NONE;
}
const char *article_block_info(const article_block *b, size_t *len) {
    return b ? str_out(b->info, b->info_len, len) : str_out(NULL, 0, len);
}
article_align article_block_align(const article_block *b) {
    return b ? (article_align)b->align : ARTICLE_ALIGN_NONE;
}
int article_block_header(const article_block *b) {
    return b && b->header;
}

/* ---- quotes ------------------------------------------------------------------------- */

size_t article_quote_count(const article *a) {
    return a ? a->quote_count : 0;
}
const article_quote *article_quote_at(const article *a, size_t i) {
    return a && i < a->quote_count ? &a->quotes[i] : NULL;
}
const char *article_quote_text(const article_quote *q, size_t *len) {
    return q ? str_out(q->text, q->len, len) : str_out(NULL, 0, len);
}
size_t article_quote_block(const article_quote *q) {
    return q ? q->block : ARTICLE_NO_INDEX;
}
size_t article_quote_start(const article_quote *q) {
    return q ? q->start : 0;
}
size_t article_quote_end(const article_quote *q) {
    return q ? q->end : 0;
}
size_t article_quote_span_count(const article_quote *q) {
    return q ? q->span_count : 0;
}
size_t article_quote_span_start(const article_quote *q, size_t i) {
    return q && i < q->span_count ? q->spans[i].start : 0;
}
size_t article_quote_span_end(const article_quote *q, size_t i) {
    return q && i < q->span_count ? q->spans[i].end : 0;
}
article_attribution article_quote_attribution(const article_quote *q) {
    return q ? (article_attribution)q->attribution : ARTICLE_ATTRIBUTION_NONE;
}
const article_speaker *article_quote_speaker(const article_quote *q) {
    return q ? q->speaker : NULL;
}
const char *article_quote_cue(const article_quote *q, size_t *len) {
    return q ? str_out(q->cue, q->cue_len, len) : str_out(NULL, 0, len);
}
size_t article_quote_cue_start(const article_quote *q) {
    return q && q->cue ? q->cue_start : 0;
}
size_t article_quote_cue_end(const article_quote *q) {
    return q && q->cue ? q->cue_end : 0;
}
const char *article_speaker_text(const article_speaker *s, size_t *len) {
    return s ? str_out(s->text, s->len, len) : str_out(NULL, 0, len);
}
size_t article_speaker_start(const article_speaker *s) {
    return s ? s->start : 0;
}
size_t article_speaker_end(const article_speaker *s) {
    return s ? s->end : 0;
}
article_speaker_type article_speaker_get_type(const article_speaker *s) {
    return s ? (article_speaker_type)s->type : ARTICLE_SPEAKER_NONE;
}
const char *article_speaker_type_name(article_speaker_type type) {
    switch (type) {
    case ARTICLE_SPEAKER_NAME:
        return "name";
    case ARTICLE_SPEAKER_PRONOUN:
        return "pronoun";
    case ARTICLE_SPEAKER_DESCRIPTION:
        return "description";
    default:
        return NULL;
    }
}
const char *article_speaker_name(const article_speaker *s, size_t *len) {
    return s ? str_out(s->name, s->name_len, len) : str_out(NULL, 0, len);
}
size_t article_speaker_name_start(const article_speaker *s) {
    return s && s->name ? s->name_start : 0;
}
size_t article_speaker_name_end(const article_speaker *s) {
    return s && s->name ? s->name_end : 0;
}

/* ---- stats and warnings ------------------------------------------------------------- */

size_t article_word_count(const article *a) {
    return a ? a->words : 0;
}

size_t article_reading_minutes(const article *a) {
    return a ? (a->words + 199) / 200 : 0;
}

size_t article_warning_count(const article *a) {
    return a ? a->warning_count : 0;
}
const article_warning *article_warning_at(const article *a, size_t i) {
    return a && i < a->warning_count ? &a->warnings[i] : NULL;
}
article_warning_code article_warning_get_code(const article_warning *w) {
    return w ? (article_warning_code)w->code : (article_warning_code)0;
}

static const char *const warning_names[] = {
    NULL,          "unbalanced_quote", "unknown_image_key", "field_type",
    "date_format", "int_range",        "unknown_tag",       "table_cells",
    "footnote_unreferenced",
};

const char *article_warning_name(article_warning_code code) {
    if ((int)code <= 0 || (size_t)code >= sizeof warning_names / sizeof warning_names[0])
        return NULL;
    return warning_names[code];
}
const char *article_warning_message(const article_warning *w, size_t *len) {
    return w ? str_out(w->message, w->len, len) : str_out(NULL, 0, len);
}
size_t article_warning_offset(const article_warning *w) {
    return w ? w->offset : 0;
}

/* ---- renderings --------------------------------------------------------------------- */

/* Renderings are made once under the article's lock; afterwards they are read-only. */
const char *article_html(const article *a, size_t *len) {
    if (!a)
        return str_out(NULL, 0, len);
    article *m = (article *)a;
    pthread_mutex_lock(&m->render_lock);
    if (!m->html.data)
        art_body_render_html(m, &m->html);
    pthread_mutex_unlock(&m->render_lock);
    return str_out(m->html.data, m->html.len, len);
}

const char *article_json(const article *a, unsigned int flags, size_t *len) {
    if (!a)
        return str_out(NULL, 0, len);
    article *m = (article *)a;
    art_render *r = &m->json[(flags & ARTICLE_JSON_PRETTY) ? 1 : 0];
    pthread_mutex_lock(&m->render_lock);
    if (!r->data)
        art_json_render(a, flags & ARTICLE_JSON_PRETTY, r);
    pthread_mutex_unlock(&m->render_lock);
    return str_out(r->data, r->len, len);
}
