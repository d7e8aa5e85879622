#!/usr/bin/env python3
"""Walk a folder of articles and write one JSON Lines record per article: its headline,
byline, date and quotations with their speakers.

    python3 articles_to_jsonl.py FOLDER [-o OUT.jsonl]

Files are the *.md and *.markdown files under FOLDER, in sorted order. An article that
cannot be read gives {"file": ..., "error": {...}} and the walk goes on; the exit status
is 1 when any failed.
"""
import argparse
import json
import os
import sys

import libarticle


def article_files(folder):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".md", ".markdown")):
                yield os.path.join(dirpath, name)


def record(path):
    try:
        with libarticle.parse_file(path) as a:
            speakers = []
            quotes = []
            for q in a.quotes:
                s = q.speaker
                quotes.append({
                    "text": q.text,
                    "speaker": s.text if s else None,
                    "speaker_name": s.name if s else None,
                    "attribution": q.attribution,
                })
                if s and s.name and s.name not in speakers:
                    speakers.append(s.name)
            return {
                "file": path,
                "headline": a.title,
                "byline": a.authors or ([a.author] if a.author else []),
                "date": a.date,
                "words": a.stats.words,
                "quotes": quotes,
                "speakers": speakers,
            }
    except libarticle.ParseError as e:
        return {"file": path, "error": {"code": e.code, "message": e.message,
                                        "line": e.line, "column": e.column}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    args = ap.parse_args(argv)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    try:
        for path in article_files(args.folder):
            rec = record(path)
            failed += "error" in rec
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
