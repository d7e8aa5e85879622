// The public header compiles alone as strict C++ and its declarations have C linkage.
#include "libarticle.h"

int header_compiles_cxx();
int header_compiles_cxx() {
    article_options opts = ARTICLE_OPTIONS_INIT;
    article *a = nullptr;
    article_error err;
    article_status st = article_parse("", 0, &opts, &a, &err);
    article_free(a);
    return static_cast<int>(st);
}
