#!/usr/bin/env python3
"""Parse a corpus of articles with Dask: JSON Lines partitions plus a who-said-what summary.

    python3 dask_corpus.py FOLDER -o OUT [--workers N | --scheduler tcp://HOST:PORT]
    python3 dask_corpus.py --paths LIST -o OUT [...]

Inputs are the *.md and *.markdown files under FOLDER (walked recursively, in sorted
order), or the paths and URLs listed one per line in LIST ("-": standard input). Each one
is read on a worker with fsspec, so anything the workers can open works: local or shared
paths, file://, http(s)://, s3:// when s3fs is installed there. The workers need the
libarticle package; the client does not.

Writes OUT/part-00000.jsonl, part-00001.jsonl, ... (previous part files are removed):
one line per input, in input order within and across the parts, each the same object as
`article --jsonl` gives: {"file": ..., <the article>} or {"file": ..., "error": {"code",
"message", "line", "column", "offset"}} for an input that could not be read or parsed.
A file that cannot be opened gives code "io". With a cluster, OUT must be a place every
worker can write to (a shared folder or an object store URL).

Also writes OUT/speakers.json: {speaker: number of quotations}, most quoted first (ties
by name). A speaker is the name the library resolved ("Sen. Jane Doe" and a later "she"
both count for "Jane Doe"), else the words as written ("the letter"); quotations with no
speaker are not counted.

Runs on a dask.distributed LocalCluster of N worker processes (default: the number of
cores) unless --scheduler gives the address of a running scheduler. Partitions default to
four per worker thread, at most 1,000 inputs each (--partitions to choose). The exit
status is 1 when any input failed, 2 when there is no input, 0 otherwise.
"""
import argparse
import json
import os
import sys

import dask
import dask.bag as db
import fsspec
from dask.distributed import Client, LocalCluster


def article_files(folder):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".md", ".markdown")):
                yield os.path.join(dirpath, name)


def parse_article(path):
    """One input as a plain dict (binding objects cannot leave the worker: they are not
    picklable). Runs on a worker, so the binding is imported here."""
    import libarticle

    limit = libarticle.DEFAULT_LIMITS["max_input_size"]
    try:
        with fsspec.open(path, "rb") as f:
            data = f.read(limit + 1)  # one byte past the limit: the library reports it
    except Exception as e:  # missing, unreadable, a bad URL: a record, never a crash
        why = getattr(e, "strerror", None) or str(e) or type(e).__name__
        return {"file": path, "error": {"code": "io", "message": "cannot open %s: %s"
                                        % (path, why), "line": None, "column": None,
                                        "offset": None}}
    try:
        with libarticle.parse(data) as article:  # bytes in: offsets are bytes, as the CLI's
            return {"file": path, **article.to_dict()}
    except libarticle.ParseError as e:
        return {"file": path, "error": {"code": e.code, "message": e.message, "line": e.line,
                                        "column": e.column, "offset": e.offset}}


def speakers(record):
    """The speaker of each of the record's quotations that has one."""
    return [(q["speaker"]["name"] or q["speaker"]["text"])
            for q in record.get("quotes", ()) if q["speaker"]]


def run(client, paths, out, npartitions=None):
    """Parses paths on client's cluster, writes out; returns how many inputs failed."""
    if npartitions is None:
        threads = sum(client.nthreads().values()) or 1
        npartitions = max(4 * threads, -(-len(paths) // 1000))
    records = db.from_sequence(paths, npartitions=min(npartitions, len(paths)))
    records = records.map(parse_article)

    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    for old in fs.glob(root.rstrip("/") + "/part-*.jsonl"):
        fs.rm(old)
    # One graph for the three results, unfused: otherwise to_textfiles would fold the
    # parsing into its own tasks, and every article would be parsed twice.
    with dask.config.set({"optimization.fuse.active": False}):
        lines = records.map(json.dumps, ensure_ascii=False, separators=(",", ":"))
        written = lines.to_textfiles(out.rstrip("/") + "/part-*.jsonl", compute=False,
                                     name_function="{:05d}".format, last_endline=True)
        counts = records.map(speakers).flatten().frequencies()
        failed = records.map(lambda r: "error" in r).sum()
        _, counts, failed = dask.compute(written, counts, failed)

    counts = dict(sorted(counts, key=lambda kv: (-kv[1], kv[0])))
    with fsspec.open(out.rstrip("/") + "/speakers.json", "w", encoding="utf-8") as f:
        json.dump(counts, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return int(failed)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("folder", nargs="?", help="folder of articles, walked recursively")
    src.add_argument("--paths", metavar="LIST", help="file of paths or URLs, one per line")
    ap.add_argument("-o", "--output", required=True, metavar="OUT", help="output folder")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes of the local cluster (default: cores)")
    where.add_argument("--scheduler", metavar="ADDRESS", help="use this running scheduler")
    ap.add_argument("--partitions", type=int, metavar="N", help="number of partitions")
    args = ap.parse_args(argv)
    if args.workers < 1 or (args.partitions is not None and args.partitions < 1):
        ap.error("--workers and --partitions must be at least 1")

    if args.paths:
        with (sys.stdin if args.paths == "-" else open(args.paths, encoding="utf-8")) as f:
            paths = [p for p in (line.rstrip("\r\n") for line in f) if p]
    else:
        paths = list(article_files(args.folder))
    if not paths:
        ap.error("no articles in %s" % (args.paths or args.folder))

    if args.scheduler:
        with Client(args.scheduler) as client:
            failed = run(client, paths, args.output, args.partitions)
    else:
        # dashboard_address=":0": any free port, as other clusters may run on this host.
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            failed = run(client, paths, args.output, args.partitions)
    print("%d articles, %d failed; output in %s" % (len(paths), failed, args.output),
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":  # needed: worker processes re-import this file
    sys.exit(main())
