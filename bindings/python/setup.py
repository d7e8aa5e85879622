"""setuptools glue: the version comes from the header, the extension from build_ffi.py,
and libarticle/_build_info.py (the generated declarations and what was linked) is written
into the package at build time."""
import os
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_ffi  # noqa: E402

WHERE = build_ffi.locate()


class BuildPy(build_py):
    def run(self):
        super().run()
        target = os.path.join(self.build_lib, "libarticle", "_build_info.py")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(build_ffi.build_info_source(WHERE))


# Intermediate files go to the library's build tree, one set per tree, so that building
# against another tree never reuses objects linked with a different archive.
OPTIONS = {}
if WHERE["build_dir"]:
    base = os.path.join(WHERE["build_dir"], "python-setuptools")
    os.makedirs(base, exist_ok=True)
    OPTIONS = {"build": {"build_base": base}, "egg_info": {"egg_base": base}}

setup(
    version=build_ffi.version(WHERE),
    options=OPTIONS,
    cffi_modules=["build_ffi.py:ffibuilder"],
    cmdclass={"build_py": BuildPy},
    zip_safe=False,
)
