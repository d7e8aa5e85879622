/* Front matter: stub until the YAML loader lands. */
#include "internal.h"

article_status art_front_matter_parse(art_ctx *c) {
    article *a = c->a;
    article_value *root = art_arena_alloc(&a->arena, sizeof *root);
    if (!root)
        return art_nomem(c);
    *root = (article_value){0};
    root->type = ARTICLE_VALUE_MAPPING;
    a->metadata = root;
    a->body_start = 0;
    return ARTICLE_OK;
}
