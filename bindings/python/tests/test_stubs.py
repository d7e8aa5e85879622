"""The type stubs ship with the package and agree with it (mypy's stubtest), and typed
code using the API checks under mypy --strict."""
import os
import subprocess
import sys
import textwrap

import pytest

import libarticle

PKG = os.path.dirname(libarticle.__file__)


def test_stub_files_are_installed():
    assert os.path.isfile(os.path.join(PKG, "py.typed"))
    assert os.path.isfile(os.path.join(PKG, "__init__.pyi"))


def test_stub_names_match_all():
    import ast
    with open(os.path.join(PKG, "__init__.pyi"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    public = {n for n in names if not n.startswith("_")} | {"__version__"}
    assert public == set(libarticle.__all__)


def mypy_available():
    import importlib.util
    return importlib.util.find_spec("mypy") is not None


needs_mypy = pytest.mark.skipif(not mypy_available(),
                                reason="mypy is not installed (apt python3-mypy)")


def mypy_env(tmp_path):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [os.path.dirname(PKG),
                                                    env.get("PYTHONPATH")] if p)
    env["MYPY_CACHE_DIR"] = str(tmp_path / "mypy-cache")
    return env


@needs_mypy
def test_stubtest(tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("libarticle._core.*\n")  # the implementation module has no stub
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "libarticle",
                        "--allowlist", str(allow)], capture_output=True, text=True,
                       cwd=tmp_path, env=mypy_env(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr


@needs_mypy
def test_typed_use_checks_strictly(tmp_path):
    code = tmp_path / "use.py"
    code.write_text(textwrap.dedent('''\
        import datetime
        from typing import Dict, List, Optional, Tuple, Union

        import libarticle


        def summary(text: str) -> Dict[str, object]:
            with libarticle.parse(text, max_blocks=100, quotes=True) as a:
                title: Optional[str] = a.title
                spans: List[Tuple[int, int]] = [(b.start, b.end) for b in a.blocks]
                who: List[Optional[str]] = [
                    q.speaker.name if q.speaker else None for q in a.quotes]
                when: Union[datetime.date, datetime.datetime, None] = a.date_parsed
                first: Optional[libarticle.Block] = a.blocks[0] if a.blocks else None
                parent = first.parent if first else None
                return {"title": title, "spans": spans, "who": who, "when": when,
                        "parent": parent, "json": a.to_json(pretty=False),
                        "dict": a.to_dict(), "img": a.image.path if a.image else None}


        try:
            summary("x")
        except libarticle.FrontMatterError as e:
            line: Optional[int] = e.line
            print(e.code, line)
        '''))
    bad = tmp_path / "bad.py"
    bad.write_text("import libarticle\nn: int = libarticle.parse('x').title\n")
    env = mypy_env(tmp_path)
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(code)],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(bad)],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 1 and "Optional[str]" in r.stdout, r.stdout
