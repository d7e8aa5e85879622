#!/usr/bin/env python3
"""Build a "who said what" index across a folder of articles: each speaker with the
number of quotations attributed to them, and the quotations.

    python3 who_said_what.py FOLDER [--json] [--top N]

Speakers are grouped by the name the library resolves them to ("Sen. Jane Doe" and a
later "she" both count for "Jane Doe"); a speaker with no resolved name is listed as
written. Quotations without a speaker are counted under "(unattributed)".
"""
import argparse
import json
import os
import sys
from collections import defaultdict

import libarticle

UNATTRIBUTED = "(unattributed)"


def article_files(folder):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".md", ".markdown")):
                yield os.path.join(dirpath, name)


def build_index(folder):
    """{speaker: [{"text": ..., "file": ..., "attribution": ...}, ...]}, and the files
    that could not be read."""
    index = defaultdict(list)
    failed = []
    for path in article_files(folder):
        try:
            a = libarticle.parse_file(path)
        except libarticle.ParseError as e:
            failed.append((path, str(e)))
            continue
        with a:
            for q in a.quotes:
                s = q.speaker
                who = (s.name or s.text) if s else UNATTRIBUTED
                index[who].append({"text": q.text, "file": path,
                                   "attribution": q.attribution})
    return index, failed


def ranked(index):
    return sorted(index.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--json", action="store_true", help="print the index as JSON")
    ap.add_argument("--top", type=int, default=0, help="only the N most quoted speakers")
    args = ap.parse_args(argv)
    index, failed = build_index(args.folder)
    rows = ranked(index)
    if args.top > 0:
        rows = rows[:args.top]
    if args.json:
        json.dump([{"speaker": who, "count": len(qs), "quotes": qs} for who, qs in rows],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for who, qs in rows:
            print("%s (%d)" % (who, len(qs)))
            for q in qs:
                print("    \u201c%s\u201d  [%s]" % (q["text"], os.path.basename(q["file"])))
    for path, why in failed:
        print("who_said_what: skipped %s" % why, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
