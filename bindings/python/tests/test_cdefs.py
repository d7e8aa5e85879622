"""The cffi declarations are generated from the header, and agree with the library."""
import os
import re
import shutil
import subprocess
import sys

import pytest

import libarticle
from libarticle import _build_info
from libarticle._native import ffi, lib

from conftest import ROOT, build_dir

sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
import gen_cdefs  # noqa: E402

HEADER = os.path.join(ROOT, "include", "libarticle.h")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def declared_functions():
    """The C functions the binding declares (the module's own helpers left out)."""
    names = []
    for name in dir(lib):
        if name.startswith("_py_"):
            continue
        obj = getattr(lib, name)
        try:
            kind = ffi.typeof(obj).kind
        except TypeError:
            continue
        if kind == "function":
            names.append(name)
    return sorted(names)


def test_built_from_the_current_header():
    # Fails when the header changed after the module was built, or the generator did.
    assert gen_cdefs.generate(read(HEADER)) == _build_info.CDEFS


def test_generator_output_is_deterministic_and_complete():
    text = gen_cdefs.generate(read(HEADER))
    assert text == gen_cdefs.generate(read(HEADER))
    header = re.sub(r"/\*.*?\*/", "", read(HEADER), flags=re.S)
    functions = set(re.findall(r"ARTICLE_EXTERN\s[^;(]*?\b(article_\w+)\s*\(", header))
    assert functions, "no function found in the header"
    assert functions == set(declared_functions())
    for f in functions:
        assert re.search(r"\b%s\(" % f, text)
    assert "ARTICLE_EXTERN" not in text and "extern" not in text
    assert "#define ARTICLE_NO_INDEX ..." in text
    assert "#define ARTICLE_ERROR_MESSAGE_SIZE 256" in text
    assert "static const char *const ARTICLE_VERSION_STRING;" in text
    assert "ARTICLE_OPTIONS_INIT" not in text  # a brace initializer: nothing for cffi
    assert "typedef struct article_options {" in text


def test_generator_preprocessor():
    src = r"""
#ifndef GUARD_H
#define GUARD_H
/* comment with ; and { */
#if defined(WIN) && !defined(X)
#define API extern __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define API extern __attribute__((visibility("default")))
#else
#define API extern
#endif
#ifdef __cplusplus
extern "C" {
#endif
#define ONE 1u
#define MASK (1u << 3)
#define BIG ((size_t)64 * \
    1024)
#define NAME "x;y"
#define INIT { 1, 2 }
#define CALL(x) ((x) + 1)
typedef enum e { E_A = 0, E_B } e;   // trailing comment
typedef struct s { int a, b; char m[ONE]; } s;
API int   f( const s *p ,
   char **out );
#ifdef __cplusplus
}
#endif
#endif
"""
    out = gen_cdefs.generate(src)
    lines = out.splitlines()
    assert "#define ONE 1" in lines
    assert "#define MASK ..." in lines
    assert "#define BIG ..." in lines
    assert "static const char *const NAME;" in lines
    assert not any("INIT" in l or "CALL" in l or "GUARD_H" in l or "API" in l
                   for l in lines)
    assert "int f(const s *p, char **out);" in lines
    assert "typedef enum e {" in lines and "    E_B," in lines
    assert "typedef struct s {" in lines and "    char m[ONE];" in lines
    assert "extern" not in out and "__attribute__" not in out
    # The output compiles as cffi declarations.
    from cffi import FFI
    FFI().cdef(out.replace("#define MASK ...", "").replace("#define BIG ...", ""))


@pytest.mark.parametrize("bad", ["#if 1\nint f(void);\n", "#endif\n", "#frob x\n",
                                 "int f(void)\n"])
def test_generator_rejects_what_it_cannot_read(bad):
    with pytest.raises(gen_cdefs.HeaderError):
        gen_cdefs.generate(bad)


def test_exported_symbols_match_declared_functions():
    so = os.path.join(build_dir(), "libarticle.so")
    nm = shutil.which("nm")
    if not (nm and os.path.exists(so)):
        pytest.skip("needs nm and %s" % so)
    out = subprocess.run([nm, "-D", "--defined-only", so], check=True, capture_output=True,
                         text=True).stdout
    exported = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] != "A":  # "A": the symbol version nodes
            exported.add(parts[2].split("@")[0])
    assert exported == set(declared_functions())


def test_version_matches_the_library():
    m = re.search(r'#define ARTICLE_VERSION_STRING "([^"]+)"', read(HEADER))
    assert libarticle.__version__ == m.group(1) == libarticle.library_version()
    assert ffi.string(lib.ARTICLE_VERSION_STRING).decode() == libarticle.__version__
    from importlib.metadata import version
    assert version("libarticle") == libarticle.__version__
    deps = libarticle.dependency_versions()
    assert deps["cmark-gfm"].startswith("0.29") and deps["libyaml"].count(".") == 2


def test_build_info():
    assert _build_info.LINK in ("static", "pkg-config")
    assert os.path.exists(_build_info.HEADER)
    if _build_info.LINK == "static":
        # Self-contained: nothing of the build tree is needed at run time.
        native = libarticle._native.__file__
        ldd = shutil.which("ldd")
        if ldd:
            deps = subprocess.run([ldd, native], capture_output=True, text=True).stdout
            assert "libarticle" not in deps

