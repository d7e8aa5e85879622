/* Body: stub. */
#include "internal.h"

article_status art_body_parse(art_ctx *c) {
    (void)c;
    return ARTICLE_OK;
}

bool art_body_render_html(article *a, art_render *out) {
    (void)a;
    (void)out;
    return false;
}

void art_cmark_init(void) {
}

size_t art_seg_map(const art_seg *segs, size_t nsegs, size_t text_len, size_t off) {
    (void)segs;
    (void)nsegs;
    (void)text_len;
    return off;
}

size_t art_count_words(const char *s, size_t len) {
    (void)s;
    (void)len;
    return 0;
}
