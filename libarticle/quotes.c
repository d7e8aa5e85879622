/* Quotes: stub. */
#include "internal.h"


struct art_quotes {
    art_ctx *c;
};

art_quotes *art_quotes_new(art_ctx *c) {
    static art_quotes dummy;
    dummy.c = c;
    return &dummy;
}

article_status art_quotes_block(art_quotes *q, size_t block, const char *text, size_t len,
                                const art_seg *segs, size_t nsegs) {
    (void)q, (void)block, (void)text, (void)len, (void)segs, (void)nsegs;
    return ARTICLE_OK;
}

article_status art_quotes_break(art_quotes *q) {
    (void)q;
    return ARTICLE_OK;
}

article_status art_quotes_finish(art_quotes *q) {
    (void)q;
    return ARTICLE_OK;
}

void art_quotes_discard(art_quotes *q) {
    (void)q;
}
