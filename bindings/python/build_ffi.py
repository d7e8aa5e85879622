"""cffi build script (API, out-of-line mode) for libarticle._native.

The declarations come from gen_cdefs.py run on the very header the module is compiled
against, so the C compiler checks each one against include/libarticle.h.

Which library is linked:

- a build tree (LIBARTICLE_BUILD_DIR, else the repository's build/ when it holds
  libarticle.a): its static archive. It is one prelinked object with cmark-gfm inside and
  only the article_* symbols global, so the module needs nothing of the build tree at run
  time (no rpath, no LD_LIBRARY_PATH) and the wheel is self-contained except for libyaml;
- otherwise an installed libarticle found with pkg-config (LIBARTICLE_LINK=pkg-config forces
  this): the shared library, with its folder as the module's rpath.
"""
import os
import shlex
import subprocess
import sys

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen_cdefs  # noqa: E402

# Helpers compiled into the module (not part of the library's ABI): the table that turns
# byte offsets into character offsets, and the packed tables that fill every Block or Quote
# of an article in one call (one C call and one decode instead of one per attribute).
HELPER_CDEFS = """
size_t _py_multibyte_count(const char *s, size_t n);
void _py_multibyte_fill(const char *s, size_t n, uint32_t *starts, uint32_t *extra);
#define _PY_BLOCK_FIELDS ...
#define _PY_QUOTE_FIELDS ...
size_t _py_blocks_text_size(const article *a);
void _py_blocks_fill(const article *a, const uint32_t *starts, const uint32_t *extra,
                     size_t k, size_t *out, char *text);
size_t _py_quotes_text_size(const article *a);
void _py_quotes_fill(const article *a, const uint32_t *starts, const uint32_t *extra,
                     size_t k, size_t *out, char *text);
int _py_meta_walk(const article_value *root, size_t *out, double *nums, char *text,
                  size_t *sizes);
"""

HELPER_SOURCE = r"""
#include <stdlib.h>
#include <string.h>

/* Number of characters encoded with more than one byte (lead bytes >= 0xC0). */
static size_t _py_multibyte_count(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] >= 0xC0;
    return k;
}

/* For each such character: its byte offset, and the bytes beyond one per character
 * used up to and including it. The input is valid UTF-8 (checked by the library). */
static void _py_multibyte_fill(const char *s, size_t n, uint32_t *starts, uint32_t *extra) {
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c < 0xC0)
            continue;
        sum += c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        starts[k] = (uint32_t)i;
        extra[k] = sum;
        k++;
    }
}

/* A byte offset as characters, by the table above (k == 0: unchanged). */
static size_t _py_tochar(const uint32_t *st, const uint32_t *ex, size_t k, size_t off) {
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? off - ex[lo - 1] : off;
}

/* Characters in s[0, n): the bytes that are not continuation bytes. */
static size_t _py_chars(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t c = n;
    for (size_t i = 0; i < n; i++)
        c -= (p[i] & 0xC0) == 0x80;
    return c;
}

/* Appends s to text at *pos; stores its character span in the concatenation. */
static void _py_put(char *text, size_t *pos, size_t *cpos, const char *s, size_t n,
                    size_t *span) {
    memcpy(text + *pos, s, n);
    *pos += n;
    span[0] = *cpos;
    *cpos += _py_chars(s, n);
    span[1] = *cpos;
}

enum {
    _PY_B_TYPE, _PY_B_PARENT, _PY_B_DEPTH, _PY_B_DESC, _PY_B_START, _PY_B_END,
    _PY_B_TEXT, _PY_B_TEXT_END, _PY_BLOCK_FIELDS
};

static size_t _py_blocks_text_size(const article *a) {
    size_t n = article_block_count(a), total = 0, len;
    for (size_t i = 0; i < n; i++) {
        article_block_text(article_block_at(a, i), &len);
        total += len;
    }
    return total;
}

static void _py_blocks_fill(const article *a, const uint32_t *st, const uint32_t *ex,
                            size_t k, size_t *out, char *text) {
    size_t n = article_block_count(a), pos = 0, cpos = 0, len;
    for (size_t i = 0; i < n; i++, out += _PY_BLOCK_FIELDS) {
        const article_block *b = article_block_at(a, i);
        out[_PY_B_TYPE] = (size_t)article_block_get_type(b);
        out[_PY_B_PARENT] = article_block_parent(b);
        out[_PY_B_DEPTH] = article_block_depth(b);
        out[_PY_B_DESC] = article_block_descendants(b);
        out[_PY_B_START] = _py_tochar(st, ex, k, article_block_start(b));
        out[_PY_B_END] = _py_tochar(st, ex, k, article_block_end(b));
        const char *t = article_block_text(b, &len);
        _py_put(text, &pos, &cpos, t, len, out + _PY_B_TEXT);
    }
}

enum {
    _PY_Q_BLOCK, _PY_Q_START, _PY_Q_END, _PY_Q_ATTRIBUTION, _PY_Q_FLAGS,
    _PY_Q_SP_START, _PY_Q_SP_END, _PY_Q_SP_TYPE, _PY_Q_NAME_START, _PY_Q_NAME_END,
    _PY_Q_CUE_START, _PY_Q_CUE_END, _PY_Q_TEXT, _PY_Q_TEXT_END, _PY_Q_SP_TEXT,
    _PY_Q_SP_TEXT_END, _PY_Q_NAME, _PY_Q_NAME_END_, _PY_Q_CUE, _PY_Q_CUE_END_,
    _PY_QUOTE_FIELDS
};

static size_t _py_quotes_text_size(const article *a) {
    size_t n = article_quote_count(a), total = 0, len;
    for (size_t i = 0; i < n; i++) {
        const article_quote *q = article_quote_at(a, i);
        const article_speaker *s = article_quote_speaker(q);
        article_quote_text(q, &len);
        total += len;
        if (article_quote_cue(q, &len))
            total += len;
        if (s) {
            article_speaker_text(s, &len);
            total += len;
            if (article_speaker_name(s, &len))
                total += len;
        }
    }
    return total;
}

/* FLAGS: 1 speaker, 2 name, 4 cue. */
static void _py_quotes_fill(const article *a, const uint32_t *st, const uint32_t *ex,
                            size_t k, size_t *out, char *text) {
    size_t n = article_quote_count(a), pos = 0, cpos = 0, len;
    for (size_t i = 0; i < n; i++, out += _PY_QUOTE_FIELDS) {
        const article_quote *q = article_quote_at(a, i);
        const article_speaker *s = article_quote_speaker(q);
        size_t flags = 0;
        memset(out, 0, _PY_QUOTE_FIELDS * sizeof *out);
        out[_PY_Q_BLOCK] = article_quote_block(q);
        out[_PY_Q_START] = _py_tochar(st, ex, k, article_quote_start(q));
        out[_PY_Q_END] = _py_tochar(st, ex, k, article_quote_end(q));
        out[_PY_Q_ATTRIBUTION] = (size_t)article_quote_attribution(q);
        const char *t = article_quote_text(q, &len);
        _py_put(text, &pos, &cpos, t, len, out + _PY_Q_TEXT);
        if ((t = article_quote_cue(q, &len))) {
            flags |= 4;
            out[_PY_Q_CUE_START] = _py_tochar(st, ex, k, article_quote_cue_start(q));
            out[_PY_Q_CUE_END] = _py_tochar(st, ex, k, article_quote_cue_end(q));
            _py_put(text, &pos, &cpos, t, len, out + _PY_Q_CUE);
        }
        if (s) {
            flags |= 1;
            out[_PY_Q_SP_START] = _py_tochar(st, ex, k, article_speaker_start(s));
            out[_PY_Q_SP_END] = _py_tochar(st, ex, k, article_speaker_end(s));
            out[_PY_Q_SP_TYPE] = (size_t)article_speaker_get_type(s);
            t = article_speaker_text(s, &len);
            _py_put(text, &pos, &cpos, t, len, out + _PY_Q_SP_TEXT);
            if ((t = article_speaker_name(s, &len))) {
                flags |= 2;
                out[_PY_Q_NAME_START] = _py_tochar(st, ex, k, article_speaker_name_start(s));
                out[_PY_Q_NAME_END] = _py_tochar(st, ex, k, article_speaker_name_end(s));
                _py_put(text, &pos, &cpos, t, len, out + _PY_Q_NAME);
            }
        }
        out[_PY_Q_FLAGS] = flags;
    }
}

/* One metadata value as 3 numbers: its type, then a STRING's character span in the
 * concatenated text, an INT's bits, a BOOL, or a collection's count (a FLOAT goes to
 * nums). Without `out`, only counts nodes and text bytes. */
static void _py_meta_node(const article_value *v, size_t n, size_t *out, double *nums,
                          char *text, size_t *pos, size_t *cpos) {
    article_value_type t = article_value_get_type(v);
    size_t len = 0;
    const char *s = t == ARTICLE_VALUE_STRING ? article_value_string(v, &len) : NULL;
    if (!out) {
        *pos += len;
        return;
    }
    size_t *o = out + 3 * n;
    o[0] = (size_t)t;
    o[1] = o[2] = 0;
    switch (t) {
    case ARTICLE_VALUE_STRING:
        _py_put(text, pos, cpos, s, len, o + 1);
        break;
    case ARTICLE_VALUE_INT:
        o[1] = (size_t)(uint64_t)article_value_int(v);
        break;
    case ARTICLE_VALUE_BOOL:
        o[1] = (size_t)article_value_bool(v);
        break;
    case ARTICLE_VALUE_FLOAT:
        nums[n] = article_value_float(v);
        break;
    case ARTICLE_VALUE_SEQUENCE:
    case ARTICLE_VALUE_MAPPING:
        o[1] = article_value_count(v);
        break;
    default:
        break;
    }
}

typedef struct {
    const article_value *v;
    size_t i;
} _py_frame;

/* The value tree in pre-order, each mapping key just before its value, without recursion
 * (the depth is the caller's max_yaml_depth). sizes[0], sizes[1]: nodes and text bytes,
 * set by a first call with out == NULL. Returns 0 when memory runs out. */
static int _py_meta_walk(const article_value *root, size_t *out, double *nums, char *text,
                         size_t *sizes) {
    size_t cap = 32, top = 0, n = 0, pos = 0, cpos = 0;
    _py_frame *stk = malloc(cap * sizeof *stk);
    if (!stk)
        return 0;
    _py_meta_node(root, n++, out, nums, text, &pos, &cpos);
    if (article_value_count(root))
        stk[top++] = (_py_frame){root, 0};
    while (top) {
        _py_frame *f = &stk[top - 1];
        if (f->i == article_value_count(f->v)) {
            top--;
            continue;
        }
        size_t i = f->i++;
        const article_value *parent = f->v;
        if (article_value_get_type(parent) == ARTICLE_VALUE_MAPPING)
            _py_meta_node(article_value_key_at(parent, i), n++, out, nums, text, &pos, &cpos);
        const article_value *c = article_value_at(parent, i);
        _py_meta_node(c, n++, out, nums, text, &pos, &cpos);
        if (article_value_count(c)) {
            if (top == cap) {
                _py_frame *grown = realloc(stk, 2 * cap * sizeof *stk);
                if (!grown) {
                    free(stk);
                    return 0;
                }
                stk = grown;
                cap *= 2;
            }
            stk[top++] = (_py_frame){c, 0};
        }
    }
    free(stk);
    if (!out) {
        sizes[0] = n;
        sizes[1] = pos;
    }
    return 1;
}
"""


def _pkg_config(*args):
    pc = os.environ.get("PKG_CONFIG", "pkg-config")
    return subprocess.run([pc, *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def locate():
    """Where the header and the library are, and how to link: a dict."""
    build_dir = os.environ.get("LIBARTICLE_BUILD_DIR")
    link = os.environ.get("LIBARTICLE_LINK", "")
    if link not in ("", "static", "pkg-config"):
        raise SystemExit("LIBARTICLE_LINK must be 'static' or 'pkg-config', not %r" % link)
    if link != "pkg-config":
        candidate = os.path.abspath(build_dir or os.path.join(ROOT, "build"))
        archive = os.path.join(candidate, "libarticle.a")
        if os.path.exists(archive):
            header = os.path.join(ROOT, "include", gen_cdefs.HEADER_NAME)
            try:
                yaml_libs = shlex.split(_pkg_config("--libs", "yaml-0.1"))
            except (OSError, subprocess.CalledProcessError):
                yaml_libs = ["-lyaml"]
            return {
                "link": "static",
                "build_dir": candidate,
                "header": header,
                "include_dirs": [os.path.dirname(header)],
                "extra_objects": [archive],
                "libraries": [f[2:] for f in yaml_libs if f.startswith("-l")] + ["pthread"],
                "library_dirs": [f[2:] for f in yaml_libs if f.startswith("-L")],
                "runtime_library_dirs": [],
                "depends": [archive, header],
                "library": archive,
            }
        if build_dir or link == "static":
            raise SystemExit("libarticle: no libarticle.a in %s; build the library first "
                             "(cmake --build %s)" % (candidate, candidate))
    try:
        includedir = os.path.normpath(_pkg_config("--variable=includedir", "libarticle"))
        libdir = os.path.normpath(_pkg_config("--variable=libdir", "libarticle"))
        cflags = shlex.split(_pkg_config("--cflags", "libarticle"))
        libs = shlex.split(_pkg_config("--libs", "libarticle"))
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit("libarticle: no build tree (set LIBARTICLE_BUILD_DIR, or build the "
                         "library in build/) and pkg-config cannot find an installed "
                         "libarticle (set PKG_CONFIG_PATH)") from None
    header = os.path.join(includedir, gen_cdefs.HEADER_NAME)
    return {
        "link": "pkg-config",
        "build_dir": None,
        "header": header,
        "include_dirs": [f[2:] for f in cflags if f.startswith("-I")] or [includedir],
        "extra_objects": [],
        "libraries": [f[2:] for f in libs if f.startswith("-l")],
        "library_dirs": [f[2:] for f in libs if f.startswith("-L")],
        "runtime_library_dirs": [libdir],
        "depends": [header],
        "library": os.path.join(libdir, "libarticle.so"),
    }


def cdefs(where=None):
    where = where or locate()
    with open(where["header"], encoding="utf-8") as f:
        return gen_cdefs.generate(f.read())


def version(where=None):
    """The library's version as its header gives it (ARTICLE_VERSION_STRING)."""
    import re
    where = where or locate()
    with open(where["header"], encoding="utf-8") as f:
        m = re.search(r'#\s*define\s+ARTICLE_VERSION_STRING\s+"([^"]+)"', f.read())
    if not m:
        raise SystemExit("libarticle: no ARTICLE_VERSION_STRING in " + where["header"])
    return m.group(1)


def build_info_source(where=None):
    """The text of libarticle/_build_info.py: how the module was built."""
    where = where or locate()
    return ("# Generated by build_ffi.py: how libarticle._native was built.\n"
            "LINK = %r\nHEADER = %r\nLIBRARY = %r\nBUILD_DIR = %r\nCDEFS = %r\n"
            % (where["link"], where["header"], where["library"], where["build_dir"],
               cdefs(where)))


def make_ffibuilder():
    where = locate()
    ffi = FFI()
    ffi.cdef(cdefs(where) + HELPER_CDEFS)
    ffi.set_source(
        "libarticle._native",
        '#include "libarticle.h"\n' + HELPER_SOURCE,
        include_dirs=where["include_dirs"],
        extra_objects=where["extra_objects"],
        libraries=where["libraries"],
        library_dirs=where["library_dirs"],
        runtime_library_dirs=where["runtime_library_dirs"],
        depends=where["depends"],
    )
    return ffi


ffibuilder = make_ffibuilder()

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
