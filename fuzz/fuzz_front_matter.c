/* libFuzzer target: the input as the YAML of a front matter block (between `---` lines,
 * with an empty body), so that every mutation exercises libyaml's event stream and the
 * metadata tree rather than the Markdown parser. Small limits make the depth, node and
 * expansion checks reachable within the fuzzer's input sizes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 9);
    if (!text)
        return 0;
    memcpy(text, "---\n", 4);
    memcpy(text + 4, data, size);
    memcpy(text + 4 + size, "\n---\n", 5);
    size_t n = size + 9;

    article_options o;
    article_options_init(&o, ARTICLE_OPTIONS_VERSION);
    /* The first byte picks small or default limits: both paths stay covered. */
    if (size && (data[0] & 1)) {
        o.max_yaml_depth = 8;
        o.max_yaml_nodes = 64;
        o.max_input_size = 4 * n + 64;
        o.max_warnings = 4;
    }
    o.flags = ARTICLE_OPT_NO_QUOTES;
    article *a = NULL;
    article_error err;
    article_status st = article_parse(text, n, &o, &a, &err);
    if (st == ARTICLE_OK)
        fuzz_walk(a);
    else
        fuzz_error(st, a, &err, n);
    article_free(a);
    free(text);
    return 0;
}
