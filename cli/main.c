/* article: stub. */
#include "libarticle.h"

#include <stdio.h>

int main(void) {
    puts(article_version());
    return 0;
}
