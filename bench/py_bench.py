#!/usr/bin/env python3
"""Row 4 of the benchmark: full objects for every article, in one Python process.

Usage: py_bench.py binding|pyref RUNS FILE...
  binding  libarticle.parse(), then its metadata, blocks (with their text) and quotes
  pyref    PyYAML's C loader for the front matter and markdown-it-py (tables and
           strikethrough on) for the body, the tokens walked for their text
Prints one JSON line as the C programs do.
"""
import json
import resource
import sys
import time


def split_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[4:end + 1], text[end + 5:]
    return "", text


def make_pyref():
    import yaml
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    loader = yaml.CSafeLoader

    def work(text):
        fm, body = split_front_matter(text)
        meta = yaml.load(fm, Loader=loader) if fm else {}
        blocks = []
        for tok in md.parse(body):
            if tok.type == "inline":
                blocks.append("".join(c.content for c in tok.children if c.type == "text"))
            elif tok.block:
                blocks.append(tok.type)
        return meta, blocks
    return work


def make_binding():
    import libarticle

    def work(text):
        a = libarticle.parse(text)
        blocks = [(b.type, b.text) for b in a.blocks]
        quotes = [(q.text, q.speaker.text if q.speaker else None) for q in a.quotes]
        return a.title, blocks, quotes
    return work


def main():
    mode, runs, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    texts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            texts.append(f.read())
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    work = make_binding() if mode == "binding" else make_pyref()
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        for t in texts:
            work(t)
        times.append(time.process_time() - t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"files": len(texts), "bytes": nbytes, "maxrss_kb": rss, "times": times}))


if __name__ == "__main__":
    main()
