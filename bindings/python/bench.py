#!/usr/bin/env python3
"""Throughput of the Python binding against the stack a Python user would otherwise pick.

    python3 bench.py [FOLDER ...] [--repeat N] [--limit N]

Reads every *.md file under the folders (default: the repository's examples/articles and
tests/cli) into memory, then times, in this process, over the articles libarticle reads:

  parse            libarticle.parse() alone
  full objects     parse, then every field, every block (type, text, span, parent) and
                   every quote (text, span, speaker, cue): the whole document as objects
  to_dict          parse, then to_dict() (the JSON document as Python data)
  PyYAML+markdown-it  front matter split, yaml.load(CSafeLoader), then markdown-it-py
                   (CommonMark + tables + strikethrough) parsing the body to tokens

Each row is the best of --repeat runs. Prints articles/s, MB/s, and the ratios the
binding aims at: full objects at least 10x the PyYAML+markdown-it stack, and parse +
to_dict within 2x of parse alone. A benchmark, not a test: it never fails on speed.
"""
import argparse
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Run as a script from here, this folder would shadow the installed package with its
# unbuilt source.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE]
import libarticle  # noqa: E402


def read_articles(folders, limit):
    texts = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".md", ".markdown")):
                    with open(os.path.join(dirpath, name), "rb") as f:
                        data = f.read()
                    try:
                        texts.append(data.decode("utf-8"))
                    except UnicodeDecodeError:
                        continue
                    if limit and len(texts) >= limit:
                        return texts
    return texts


def parse_only(texts):
    parse = libarticle.parse
    for t in texts:
        parse(t)


def full_objects(texts):
    parse = libarticle.parse
    for t in texts:
        a = parse(t)
        a.title, a.author, a.authors, a.date, a.tags, a.image, a.metadata, a.stats
        for b in a.blocks:
            b.type, b.text, b.start, b.end, b.parent_index
        for q in a.quotes:
            q.text, q.start, q.end, q.cue, q.attribution
            s = q.speaker
            if s is not None:
                s.text, s.name, s.start, s.end


def to_dict(texts):
    parse = libarticle.parse
    for t in texts:
        parse(t).to_dict()


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def python_stack():
    """The PyYAML (C loader) + markdown-it-py equivalent, or the reason it is missing."""
    try:
        import yaml
        from markdown_it import MarkdownIt
    except ImportError as e:
        return None, "%s (apt install python3-yaml python3-markdown-it)" % e
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None, "PyYAML has no C loader (CSafeLoader)"
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")

    def run(texts):
        for t in texts:
            m = _FRONT.match(t)
            meta = {}
            body = t
            if m:
                meta = yaml.load(m.group(1), Loader=loader)
                body = t[m.end():]
            md.parse(body)
            del meta
    return run, None


def best_of(fn, texts, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*",
                    default=[os.path.join(ROOT, "examples", "articles"),
                             os.path.join(ROOT, "tests", "cli")])
    ap.add_argument("--repeat", type=int, default=5, help="runs per row (best is kept)")
    ap.add_argument("--limit", type=int, default=0, help="read at most N articles")
    args = ap.parse_args(argv)

    texts = read_articles(args.folders, args.limit)
    ok = []
    for t in texts:
        try:
            libarticle.parse(t)
        except libarticle.ParseError:
            continue
        ok.append(t)
    if not ok:
        print("bench: no article found in %s" % ", ".join(args.folders), file=sys.stderr)
        return 1
    nbytes = sum(len(t.encode("utf-8")) for t in ok)
    # Small folders are repeated so that each run takes a measurable time.
    reps = max(1, int(2e6 // nbytes))
    work = ok * reps
    n = len(work)
    mb = nbytes * reps / 1e6
    print("libarticle %s (Python %s): %d articles (%d unreadable skipped), %.2f MB; "
          "x%d per run, best of %d" % (libarticle.__version__, sys.version.split()[0],
                                       len(ok), len(texts) - len(ok), nbytes / 1e6, reps,
                                       args.repeat))
    rows = [("parse", parse_only), ("full objects", full_objects), ("to_dict", to_dict)]
    stack, why = python_stack()
    if stack:
        rows.append(("PyYAML+markdown-it", stack))
    times = {}
    print("%-20s %12s %10s" % ("", "articles/s", "MB/s"))
    for name, fn in rows:
        s = best_of(fn, work, args.repeat)
        times[name] = s
        print("%-20s %12.0f %10.2f" % (name, n / s, mb / s))
    if not stack:
        print("PyYAML+markdown-it: skipped: %s" % why)
    print("to_dict / parse: %.2fx (target: within 2x)" % (times["to_dict"] / times["parse"]))
    if stack:
        print("full objects vs PyYAML+markdown-it: %.1fx faster (target: 10x)"
              % (times["PyYAML+markdown-it"] / times["full objects"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
