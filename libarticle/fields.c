/* Well-known fields: stub. */
#include "internal.h"

article_status art_fields_extract(art_ctx *c) {
    (void)c;
    return ARTICLE_OK;
}
