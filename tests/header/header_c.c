/* The public header compiles alone as strict C99 (see cmake/Checks.cmake for the flags). */
#include "libarticle.h"

int header_compiles(void);
int header_compiles(void) {
    article_options opts = ARTICLE_OPTIONS_INIT;
    article_error err;
    (void)err;
    return (int)opts.version + ARTICLE_VERSION_MAJOR;
}
