"""Shared fixtures. The suite runs against the installed package (make python puts it in
.venv/; ctest puts it in the build tree's python/site), never the source folder."""
import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

try:
    import libarticle
    from libarticle import _build_info
except ImportError as e:  # the source folder shadows the installed package
    raise pytest.UsageError(
        "cannot import the built libarticle (%s): install it (make python) and run pytest "
        "from outside bindings/python, e.g. .venv/bin/python -P -m pytest "
        "bindings/python/tests" % e) from None


def build_dir():
    """The library build tree: LIBARTICLE_BUILD_DIR, else the one the module was built
    from, else build/."""
    d = os.environ.get("LIBARTICLE_BUILD_DIR") or _build_info.BUILD_DIR
    return d or os.path.join(ROOT, "build")


@pytest.fixture(scope="session")
def cli():
    path = os.path.join(build_dir(), "article")
    if not os.access(path, os.X_OK):
        path = shutil.which("article")
    if not path:
        pytest.skip("the article command is not built (no %s/article)" % build_dir())
    return path


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def la():
    return libarticle
