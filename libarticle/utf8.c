/* UTF-8 validation and decoding, and a byte search. */
#include "internal.h"

#include <string.h>

/* Validation follows the Unicode table of well-formed byte sequences (no overlongs, no
 * surrogates, nothing above U+10FFFF). ASCII runs are skipped eight bytes at a time. */
size_t art_utf8_check(const char *str, size_t len, bool *is_nul) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    *is_nul = false;
    while (i < len) {
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            /* any byte >= 0x80, or any zero byte */
            if ((w & 0x8080808080808080ull) ||
                ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) {
                *is_nul = true;
                return i;
            }
            i++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (len - i < n)
            return i;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += n;
    }
    return len;
}

uint32_t art_utf8_decode(const char *str, size_t len, size_t i, size_t *n) {
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[i];
    size_t need = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (need == 1 || len - i < need) {
        *n = 1;
        return c;
    }
    *n = need;
    if (need == 2)
        return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (need == 3)
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
               (s[i + 2] & 0x3F);
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
           ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
}

size_t art_utf8_count(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str;
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += (s[i] & 0xC0) != 0x80;
    return count;
}

const char *art_memmem(const char *hay, size_t n, const char *needle, size_t m) {
    if (m == 0)
        return hay;
    const char *end = hay + n;
    for (const char *p = hay; (size_t)(end - p) >= m;) {
        p = memchr(p, needle[0], (size_t)(end - p) - m + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, m) == 0)
            return p;
        p++;
    }
    return NULL;
}
