#!/usr/bin/env python3
"""Benchmark runner (issue 7): every row on the same files, medians of several runs,
ratios to row 1 (cmark-gfm parsing alone).

Usage: bench/run.py [--build DIR] [--corpus DIR] [--runs N] [--no-node] [--no-python]
                    [--callgrind N] [--scaling-only]

Rows: (1) cmark-gfm parse only, same extensions; (2) the C API, article_parse +
article_free; (3) the CLI, --jsonl to /dev/null; (4) the Python binding building full
objects (when `.venv/bin/python -c "import libarticle"` works) and PyYAML (C loader) +
markdown-it-py; (5) gray-matter + markdown-it under Node. Then the linearity check: rows 1
and 2 on the 5, 10 and 20 MB articles. Times are CPU times (user + system), medians of RUNS
passes, so that waiting for a core on a busy machine does not count; the C, Python and Node
programs time their parse loop in process (files already read), the CLI row is the whole
process. Peak RSS is the process's maximum resident set.

Scaling: wall-clock time of the CLI's `--jsonl -j 1` and `-j 2` (and `-j` one per CPU when
there are more than 2) over the 2,000 small articles, runs of each alternating so that a
change of the machine's load hits them alike; the speed-up is the ratio of the medians.
A control row runs two separate `-j 1` processes on half the files each, at once: what the
machine itself gives two independent workers, with nothing shared. The load average is
printed too: on a machine running other work, wall-clock time measures the share of the
cores the run got as much as the code. --scaling-only runs this table alone.

--callgrind N counts instructions instead (valgrind, so independent of the machine's load):
per article for rows 1 and 2 over the first N small articles, and per MB on the 5 MB one.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "bench")


def run_json(cmd, env=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd[0], p.stderr.strip()[-500:]))
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_process(cmd, runs, nbytes, nfiles):
    """Whole-process timing (the CLI row): CPU time and peak RSS from wait4."""
    times, rss = [], 0
    with open(os.devnull, "wb") as null:
        for _ in range(runs):
            p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
            _, status, ru = os.wait4(p.pid, 0)
            times.append(ru.ru_utime + ru.ru_stime)
            p.returncode = os.waitstatus_to_exitcode(status)
            err = p.stderr.read()
            p.stderr.close()
            if p.returncode != 0:
                raise RuntimeError("%s failed: %s" % (cmd[0], err[-500:]))
            rss = max(rss, ru.ru_maxrss)
    return {"files": nfiles, "bytes": nbytes, "maxrss_kb": rss, "times": times}


def scaling_table(cli, files, runs):
    """Wall-clock time of `article --jsonl -j N` for each N, the runs interleaved."""
    jobs = [1, 2]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if cpus and cpus > 2:
        jobs.append(cpus)
    walls = {j: [] for j in jobs + ["split"]}
    cpu = {j: [] for j in jobs + ["split"]}
    half = len(files) // 2
    load = [os.getloadavg()[0]]
    with open(os.devnull, "wb") as null:
        for _ in range(runs):
            for j in jobs + ["split"]:
                cmds = ([[cli, "--jsonl", "-j", str(j)] + files] if j != "split" else
                        [[cli, "--jsonl", "-j", "1"] + files[:half],
                         [cli, "--jsonl", "-j", "1"] + files[half:]])
                start = time.perf_counter()
                procs = [subprocess.Popen(c, stdout=null, stderr=subprocess.DEVNULL)
                         for c in cmds]
                used = 0.0
                for p in procs:
                    _, status, ru = os.wait4(p.pid, 0)
                    used += ru.ru_utime + ru.ru_stime
                    if os.waitstatus_to_exitcode(status) != 0:
                        raise RuntimeError("article --jsonl failed")
                walls[j].append(time.perf_counter() - start)
                cpu[j].append(used)
    load.append(os.getloadavg()[0])
    print("\nScaling: CLI --jsonl -j N > /dev/null, %d articles (wall-clock, medians of %d runs)"
          % (len(files), runs))
    print("| threads | wall s | articles/s | CPU s | speed-up vs -j 1 |")
    print("|---|--:|--:|--:|--:|")
    base = statistics.median(walls[1])
    for j in jobs + ["split"]:
        w = statistics.median(walls[j])
        name = str(j) if j != "split" else "control: 2 processes × -j 1, half each"
        print("| %s | %.3f | %.0f | %.3f | %.2f× |" % (name, w, len(files) / w,
                                                    statistics.median(cpu[j]), base / w))
    print("-j 2 speed-up: %.2f× (target ≥ 1.8× on 2 free cores; the control gives %.2f×); "
          "%d CPUs, load average %.1f before, %.1f after"
          % (base / statistics.median(walls[2]), base / statistics.median(walls["split"]),
             cpus or 0, load[0], load[1]))


def ensure_corpus(corpus):
    if not os.path.exists(os.path.join(corpus, "large-20.md")):
        print("generating the corpus in %s ..." % corpus, file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus], check=True)
    small = sorted(os.path.join(corpus, "small", f)
                   for f in os.listdir(os.path.join(corpus, "small")))
    return small, os.path.join(corpus, "large.md")


def ensure_node(folder):
    """gray-matter and markdown-it, installed with npm into a scratch folder."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "node or npm not found (scripts/setup-deps bench)"
    if not os.path.isdir(os.path.join(folder, "node_modules", "markdown-it")):
        os.makedirs(folder, exist_ok=True)
        p = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                            "--prefix", folder, "gray-matter@4", "markdown-it@14"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            return "npm install failed: " + p.stdout.strip()[-300:]
    return None


def binding_python():
    py = os.path.join(ROOT, ".venv", "bin", "python")
    if not os.path.exists(py):
        return None, "no .venv (make python)"
    p = subprocess.run([py, "-c", "import libarticle"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        return None, "`import libarticle` fails in .venv: " + p.stdout.strip()[-200:]
    return py, None


def pyref_python():
    for py in ("/usr/bin/python3", sys.executable):
        p = subprocess.run([py, "-c", "import yaml, markdown_it; yaml.CSafeLoader"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if p.returncode == 0:
            return py, None
    return None, "PyYAML with libyaml or markdown-it-py missing (scripts/setup-deps bench)"


def instructions(cmd, env=None):
    """Instructions executed inside the program's timed loop (bench_pass), by callgrind."""
    out = os.path.join(os.path.dirname(os.path.abspath(cmd[0])), "callgrind.bench")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                        "--toggle-collect=bench_pass*"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, **(env or {})))
    os.remove(out)
    for line in p.stderr.splitlines():
        if "refs:" in line:
            return int(line.split("refs:")[1].strip().replace(",", ""))
    raise RuntimeError("valgrind failed: " + p.stderr[-300:])


def callgrind_table(cm, capi, small, large):
    print("\nInstructions (callgrind), the C API against cmark-gfm alone")
    print("| input | cmark-gfm only | C API | C API, no quotes | quotations add | "
          "× cmark-gfm (C API) |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, files, div in (("per article (%d small articles)" % len(small), small,
                              len(small)),
                             ("per MB (5 MB article)", [large], os.path.getsize(large) / 1e6)):
        a = instructions([cm, "1"] + files) / div
        b = instructions([capi, "1"] + files) / div
        c = instructions([capi, "1"] + files, {"BENCH_NO_QUOTES": "1"}) / div
        print("| %s | %s | %s | %s | %+.1f%% | %.2f |" % (
            name, "{:,.0f}".format(a), "{:,.0f}".format(b), "{:,.0f}".format(c),
            100 * (b / c - 1), a / b))


def summary(res):
    t = statistics.median(res["times"])
    return {"mbs": res["bytes"] / t / 1e6, "aps": res["files"] / t, "sec": t,
            "rss": res["maxrss_kb"] / 1024.0}


def table(title, rows):
    print("\n" + title)
    print("| row | MB/s | articles/s | peak RSS (MB) | × cmark-gfm |")
    print("|---|--:|--:|--:|--:|")
    base = None
    for name, s in rows:
        if isinstance(s, str):
            print("| %s | — | — | — | skipped: %s |" % (name, s))
            continue
        if base is None:
            base = s["mbs"]
        print("| %s | %.1f | %.0f | %.1f | %.2f |" % (name, s["mbs"], s["aps"], s["rss"],
                                                     s["mbs"] / base))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-node", action="store_true")
    ap.add_argument("--no-python", action="store_true")
    ap.add_argument("--callgrind", type=int, default=0, metavar="N")
    ap.add_argument("--scaling-only", action="store_true")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    corpus = os.path.abspath(args.corpus or os.path.join(build, "bench-corpus"))
    small, large = ensure_corpus(corpus)
    cm = os.path.join(build, "bench", "bench_cmark_only")
    capi = os.path.join(build, "bench", "bench_capi")
    cli = os.path.join(build, "article")
    for exe in (cm, capi, cli):
        if not os.access(exe, os.X_OK):
            sys.exit("missing %s: build first (make bench)" % exe)
    if args.callgrind:
        callgrind_table(cm, capi, small[:args.callgrind], large)
        return
    if args.scaling_only:
        scaling_table(cli, small, args.runs)
        return
    runs = str(args.runs)
    node_dir = os.path.join(build, "bench-node")
    node_skip = "--no-node" if args.no_node else ensure_node(node_dir)
    bpy, bskip = (None, "--no-python") if args.no_python else binding_python()
    rpy, rskip = (None, "--no-python") if args.no_python else pyref_python()

    for title, files in (("2,000 articles of ~5 KB", small), ("one ~5 MB article", [large])):
        nbytes = sum(os.path.getsize(f) for f in files)
        rows = [("1. cmark-gfm parse only", summary(run_json([cm, runs] + files))),
                ("2. C API article_parse + article_free",
                 summary(run_json([capi, runs] + files))),
                ("3. CLI --jsonl > /dev/null",
                 summary(run_process([cli, "--jsonl"] + files, args.runs, nbytes,
                                     len(files))))]
        rows.append(("4a. Python binding, full objects",
                     summary(run_json([bpy, os.path.join(HERE, "py_bench.py"), "binding", runs]
                                      + files)) if bpy else bskip))
        rows.append(("4b. PyYAML (C) + markdown-it-py",
                     summary(run_json([rpy, os.path.join(HERE, "py_bench.py"), "pyref", runs]
                                      + files)) if rpy else rskip))
        rows.append(("5. Node gray-matter + markdown-it",
                     summary(run_json(["node", os.path.join(HERE, "node_bench.js"), node_dir,
                                       runs] + files)) if not node_skip else node_skip))
        table(title + " (%.1f MB, medians of %s runs)" % (nbytes / 1e6, runs), rows)
        done = dict(rows)
        c = done["3. CLI --jsonl > /dev/null"]
        n = done["5. Node gray-matter + markdown-it"]
        if not isinstance(n, str):
            print("CLI --jsonl vs Node: %.1f×" % (c["mbs"] / n["mbs"]))
        b, r = done["4a. Python binding, full objects"], done["4b. PyYAML (C) + markdown-it-py"]
        if not isinstance(b, str) and not isinstance(r, str):
            print("Python binding vs PyYAML + markdown-it-py: %.1f×" % (b["mbs"] / r["mbs"]))
        if len(files) > 1:
            scaling_table(cli, files, args.runs)

    print("\nLinearity (seconds per MB, medians of %s runs)" % runs)
    print("| size | cmark-gfm s/MB | C API s/MB | C API × cmark-gfm |")
    print("|---|--:|--:|--:|")
    per_mb = []
    for name in ("large.md", "large-10.md", "large-20.md"):
        f = os.path.join(corpus, name)
        mb = os.path.getsize(f) / 1e6
        a = summary(run_json([cm, runs, f]))
        b = summary(run_json([capi, runs, f]))
        per_mb.append(b["sec"] / mb)
        print("| %.1f MB | %.4f | %.4f | %.2f |" % (mb, a["sec"] / mb, b["sec"] / mb,
                                                   b["mbs"] / a["mbs"]))
    print("C API per-MB spread: %.2f× (target ≤ 1.2×)" % (max(per_mb) / min(per_mb)))


if __name__ == "__main__":
    main()
