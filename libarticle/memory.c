/* Allocation: the caller's allocator, the per-article arena and growable buffers. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *art_malloc(const art_mem *m, size_t size) {
    if (size == 0)
        size = 1;
    if (m->alloc)
        return m->alloc->malloc(size, m->alloc->ctx);
    return malloc(size);
}

void *art_realloc(const art_mem *m, void *ptr, size_t size) {
    if (size == 0)
        size = 1;
    if (m->alloc)
        return m->alloc->realloc(ptr, size, m->alloc->ctx);
    return realloc(ptr, size);
}

void art_free(const art_mem *m, void *ptr) {
    if (!ptr)
        return;
    if (m->alloc)
        m->alloc->free(ptr, m->alloc->ctx);
    else
        free(ptr);
}

bool art_grow(const art_mem *m, void **buf, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return false;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return false;
    void *p = art_realloc(m, *buf, ncap * elem);
    if (!p)
        return false;
    *buf = p;
    *cap = ncap;
    return true;
}

/* ---- arena -------------------------------------------------------------------------- */

struct art_chunk {
    art_chunk *next;
    /* 8-byte alignment for what follows */
    uint64_t data[];
};

#define ART_ARENA_FIRST 4096
#define ART_ARENA_MAX_CHUNK (1024 * 1024)

void art_arena_init(art_arena *ar, const art_mem *mem) {
    ar->mem = mem;
    ar->head = NULL;
    ar->ptr = ar->limit = NULL;
    ar->next_size = ART_ARENA_FIRST;
}

void art_arena_free(art_arena *ar) {
    art_chunk *c = ar->head;
    while (c) {
        art_chunk *next = c->next;
        art_free(ar->mem, c);
        c = next;
    }
    ar->head = NULL;
    ar->ptr = ar->limit = NULL;
}

#ifdef ARTICLE_ARENA_DEBUG
void *art_arena_alloc(art_arena *ar, size_t size) {
    if (size > SIZE_MAX - sizeof(art_chunk))
        return NULL;
    art_chunk *c = art_malloc(ar->mem, sizeof(art_chunk) + (size ? size : 1));
    if (!c)
        return NULL;
    c->next = ar->head;
    ar->head = c;
    return c->data;
}
#else
void *art_arena_alloc(art_arena *ar, size_t size) {
    size_t need = (size + 7) & ~(size_t)7;
    if (need < size)
        return NULL;
    if (ART_LIKELY((size_t)(ar->limit - ar->ptr) >= need && ar->ptr)) {
        void *p = ar->ptr;
        ar->ptr += need;
        return p;
    }
    /* Large requests get a chunk of their own so the current one keeps its free space. */
    size_t csize = ar->next_size;
    if (need > csize / 4) {
        if (need > SIZE_MAX - sizeof(art_chunk))
            return NULL;
        art_chunk *c = art_malloc(ar->mem, sizeof(art_chunk) + need);
        if (!c)
            return NULL;
        if (ar->head) {
            c->next = ar->head->next;
            ar->head->next = c;
        } else {
            c->next = NULL;
            ar->head = c;
            ar->ptr = ar->limit = (char *)c->data + need;
        }
        return c->data;
    }
    art_chunk *c = art_malloc(ar->mem, sizeof(art_chunk) + csize);
    if (!c)
        return NULL;
    c->next = ar->head;
    ar->head = c;
    ar->ptr = (char *)c->data + need;
    ar->limit = (char *)c->data + csize;
    if (ar->next_size < ART_ARENA_MAX_CHUNK)
        ar->next_size *= 2;
    return c->data;
}
#endif

char *art_arena_strdup(art_arena *ar, const char *s, size_t len) {
    if (len == SIZE_MAX)
        return NULL;
    char *p = art_arena_alloc(ar, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* ---- byte buffers ------------------------------------------------------------------- */

void art_buf_init(art_buf *b, const art_mem *mem) {
    b->mem = mem;
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

void art_buf_free(art_buf *b) {
    art_free(b->mem, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

bool art_buf_reserve(art_buf *b, size_t extra) {
    if (b->failed)
        return false;
    /* +1 keeps room for the NUL that art_buf_detach() adds. */
    if (extra > SIZE_MAX - b->len - 1 ||
        !art_grow(b->mem, (void **)&b->data, &b->cap, b->len + extra + 1, 1)) {
        b->failed = true;
        return false;
    }
    return true;
}

bool art_buf_put(art_buf *b, const char *s, size_t len) {
    if (ART_UNLIKELY(b->cap - b->len <= len) && !art_buf_reserve(b, len))
        return false;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    return true;
}

bool art_buf_putc(art_buf *b, char c) {
    if (ART_UNLIKELY(b->cap - b->len <= 1) && !art_buf_reserve(b, 1))
        return false;
    b->data[b->len++] = c;
    return true;
}

bool art_buf_printf(art_buf *b, const char *fmt, ...) {
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return false;
    }
    if ((size_t)n < sizeof tmp)
        return art_buf_put(b, tmp, (size_t)n);
    if (!art_buf_reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

char *art_buf_detach(art_buf *b, size_t *len) {
    if (b->failed || !art_buf_reserve(b, 0))
        return NULL;
    b->data[b->len] = '\0';
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
