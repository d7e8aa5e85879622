/* body.c's declarations beyond internal.h (for its tests and tools). */
#ifndef LIBARTICLE_BODY_H
#define LIBARTICLE_BODY_H

#include "internal.h"

/* Called with every prose block (paragraph, heading, table cell) once its text and
 * segments are complete, in document order; `text` is the block's arena copy. */
typedef void (*art_body_probe_fn)(void *ctx, size_t block, const char *text, size_t len,
                                  const art_seg *segs, size_t nsegs);

/* art_body_parse() with a probe (may be NULL), which sees what quotes.c is fed. */
article_status art_body_parse_probe(art_ctx *c, art_body_probe_fn probe, void *probe_ctx);

#endif
