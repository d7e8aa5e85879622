"""examples/python, run on the repository's own articles."""
import glob
import json
import os
import subprocess
import sys

import pytest

import libarticle
from conftest import ROOT

EXAMPLES = os.path.join(ROOT, "examples", "python")
FOLDERS = [os.path.join(ROOT, "examples", "articles"), os.path.join(ROOT, "tests", "cli")]


def run(script, *args):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, script), *args],
                          capture_output=True, text=True, encoding="utf-8")


def md_files(folder):
    return sorted(glob.glob(os.path.join(folder, "*.md")))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: os.path.relpath(f, ROOT))
def test_articles_to_jsonl(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("articles_to_jsonl.py", folder, "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [rec["file"] for rec in records] == md_files(folder)
    failed = 0
    for rec in records:
        try:
            a = libarticle.parse_file(rec["file"])
        except libarticle.ParseError as e:
            failed += 1
            assert rec["error"]["code"] == e.code
            continue
        assert rec["headline"] == a.title and rec["date"] == a.date
        assert rec["byline"] == (a.authors or ([a.author] if a.author else []))
        assert [q["text"] for q in rec["quotes"]] == [q.text for q in a.quotes]
        assert [q["speaker"] for q in rec["quotes"]] == \
            [q.speaker.text if q.speaker else None for q in a.quotes]
    assert r.returncode == (1 if failed else 0), r.stderr
    # Standard output by default.
    assert run("articles_to_jsonl.py", folder).stdout == out.read_text(encoding="utf-8")


def test_articles_to_jsonl_sample_has_quotes():
    r = run("articles_to_jsonl.py", FOLDERS[0])
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout.splitlines()[0])
    assert rec["headline"].startswith("Biden wants to ease China sanctions")
    assert rec["byline"] == ["Charles Standard"]
    assert len(rec["quotes"]) >= 5
    assert any(q["speaker"] for q in rec["quotes"])


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: os.path.relpath(f, ROOT))
def test_who_said_what(folder):
    r = run("who_said_what.py", folder, "--json")
    assert r.returncode == 0, r.stderr
    index = json.loads(r.stdout)
    expected = {}
    for path in md_files(folder):
        try:
            a = libarticle.parse_file(path)
        except libarticle.ParseError:
            assert os.path.basename(path) in r.stderr
            continue
        for q in a.quotes:
            s = q.speaker
            who = (s.name or s.text) if s else "(unattributed)"
            expected.setdefault(who, []).append(q.text)
    assert {e["speaker"]: [q["text"] for q in e["quotes"]] for e in index} == expected
    counts = [e["count"] for e in index]
    assert counts == sorted(counts, reverse=True)
    assert all(e["count"] == len(e["quotes"]) for e in index)
    text = run("who_said_what.py", folder, "--top", "1")
    assert text.returncode == 0
    if index:
        top = index[0]
        assert text.stdout.splitlines()[0] == "%s (%d)" % (top["speaker"], top["count"])
