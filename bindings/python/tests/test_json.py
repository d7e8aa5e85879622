"""to_json() and to_dict() equal the CLI's JSON on every article in the repository."""
import glob
import json
import os
import subprocess

import pytest

import libarticle
from conftest import ROOT

FILES = sorted(glob.glob(os.path.join(ROOT, "tests", "cli", "*.md"))
               + glob.glob(os.path.join(ROOT, "examples", "articles", "*.md"))
               + glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.md")))


def test_there_are_fixtures():
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=[os.path.relpath(f, ROOT) for f in FILES])
def test_same_as_cli(cli, path):
    pretty = subprocess.run([cli, path], capture_output=True)
    jsonl = subprocess.run([cli, "--jsonl", path], capture_output=True)
    try:
        a = libarticle.parse_file(path)
    except libarticle.ParseError as e:
        # Fails in the CLI too, with the same error.
        assert pretty.returncode == 1 and jsonl.returncode == 1
        err = json.loads(jsonl.stdout)["error"]
        assert (err["code"], err["message"], err["line"], err["column"]) == \
            (e.code, e.message, e.line, e.column)
        with open(path, "rb") as f:
            with pytest.raises(type(e)):
                libarticle.parse(f.read())
        return
    assert pretty.returncode == 0, pretty.stderr
    assert a.to_json() + "\n" == pretty.stdout.decode("utf-8")
    # --jsonl: the compact object with "file" put first.
    line = jsonl.stdout.decode("utf-8")
    prefix = '{"file":%s,' % json.dumps(path, ensure_ascii=False)
    assert line.startswith(prefix) and line.endswith("\n")
    assert "{" + line[len(prefix):-1] == a.to_json(pretty=False)
    expected = json.loads(pretty.stdout)
    assert a.to_dict() == expected
    # The same from str and bytes input.
    with open(path, "rb") as f:
        data = f.read()
    assert libarticle.parse(data).to_json() == a.to_json()
    assert libarticle.parse(data.decode("utf-8")).to_dict() == expected


def test_to_dict_is_a_fresh_copy():
    a = libarticle.parse("---\ntitle: T\n---\n\nHello.\n")
    d = a.to_dict()
    d["title"] = "changed"
    assert a.to_dict()["title"] == "T"
    assert list(d) == ["title", "subhed", "author", "authors", "author_title", "date",
                       "category", "tags", "layout", "permalink", "excerpt", "image",
                       "metadata", "blocks", "quotes", "stats", "warnings"]


def test_options_reach_json():
    text = '"Yes," she said.\n'
    assert libarticle.parse(text, quotes=False).to_dict()["quotes"] == []
    assert len(libarticle.parse(text).to_dict()["quotes"]) == 1
