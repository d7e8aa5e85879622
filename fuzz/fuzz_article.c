/* libFuzzer target: article_parse() on arbitrary bytes, then everything the article
 * exposes, rendered and checked (fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    article *a = NULL;
    article_error err;
    article_status st = article_parse((const char *)data, size, NULL, &a, &err);
    if (st == ARTICLE_OK)
        fuzz_walk(a);
    else
        fuzz_error(st, a, &err, size);
    article_free(a);
    return 0;
}
