/* JSON: stub. */
#include "internal.h"

bool art_json_render(const article *a, unsigned int flags, art_render *out) {
    (void)a;
    (void)flags;
    (void)out;
    return false;
}
