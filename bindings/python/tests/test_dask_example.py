"""examples/python/dask_corpus.py on 2-worker Dask clusters: its output is the CLI's."""
import collections
import glob
import importlib
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

try:
    for module in ("dask.bag", "fsspec"):
        importlib.import_module(module)
    from dask.distributed import LocalCluster
except ImportError as e:
    pytest.skip("dask or distributed is not importable (%s): sh scripts/setup-deps python"
                % e, allow_module_level=True)

# Tornado, through distributed, on Python 3.11.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

SCRIPT = os.path.join(ROOT, "examples", "python", "dask_corpus.py")
SAMPLES = [p for pattern in ("tests/fixtures/*.md", "examples/articles/*.md", "tests/cli/*.md")
           for p in sorted(glob.glob(os.path.join(ROOT, pattern)))]

# Articles of our own, for what the samples lack: a front matter error after non-ASCII
# text (column in characters, offset in bytes), an encoding error, and a pronoun the
# library resolves to a name.
OWN = {
    "colon.md": "---\ntitle: \u00abZo\u00eb\u00bb: b: c\n---\n".encode(),
    "latin1.md": "Zo\u00eb \u00abx\u00bb caf".encode() + b"\xe9\n",
    "mayor.md": ("---\ntitle: Late\n---\n\n\u201cWe will finish,\u201d said Zo\u00eb "
                 "\u00c1ngel, the mayor. \u201cIt is late,\u201d she added. \u201cSoon,\u201d "
                 "the clerk said.\n").encode(),
}


def example(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=180)


def cli_records(cli, paths):
    r = subprocess.run([cli, "--jsonl", *paths], capture_output=True, timeout=60)
    assert r.returncode in (0, 1), r.stderr
    return [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()], r.returncode


def check_output(out, cli, paths, nparts=None):
    """out holds the CLI's records for paths, in order, and their speaker counts."""
    parts = sorted(glob.glob(os.path.join(out, "part-*.jsonl")))
    if nparts is not None:
        assert len(parts) == nparts
    got = []
    for part in parts:
        with open(part, encoding="utf-8") as f:
            text = f.read()
        assert text.endswith("\n")  # so that `cat part-*.jsonl` is JSON Lines
        got += [json.loads(line) for line in text.splitlines()]
    expected, status = cli_records(cli, paths)
    assert [r["file"] for r in got] == list(paths)
    assert got == expected
    counts = collections.Counter(q["speaker"]["name"] or q["speaker"]["text"]
                                 for r in expected for q in r.get("quotes", ())
                                 if q["speaker"])
    with open(os.path.join(out, "speakers.json"), encoding="utf-8") as f:
        speakers = json.load(f)
    assert speakers == dict(counts)
    assert list(speakers.values()) == sorted(counts.values(), reverse=True)
    return expected, status


def test_paths_on_local_cluster(cli, tmp_path):
    for name, data in OWN.items():
        (tmp_path / name).write_bytes(data)
    paths = SAMPLES + [str(tmp_path / n) for n in OWN] + [str(tmp_path / "missing.md")]
    listing = tmp_path / "paths.txt"
    listing.write_text("".join(p + "\n" for p in paths), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00099.jsonl").write_text("stale\n")

    # One input a part: part-00010 and on must come after part-00009.
    r = example("--paths", str(listing), "-o", str(out), "--workers", "2", "--partitions", "100")
    assert r.returncode == 1, r.stderr
    expected, status = check_output(str(out), cli, paths, nparts=len(paths))
    assert len(paths) > 10 and status == 1
    errors = {os.path.basename(rec["file"]): rec["error"] for rec in expected if "error" in rec}
    assert errors["missing.md"]["code"] == "io"
    colon = errors["colon.md"]
    assert (colon["line"], colon["column"], colon["offset"]) == (2, 13, 19)
    assert errors["latin1.md"]["code"] == "utf8"
    assert "bad-yaml.md" in errors and len(errors) < len(paths)
    with open(out / "speakers.json", encoding="utf-8") as f:
        speakers = json.load(f)
    assert speakers["Zo\u00eb \u00c1ngel"] == 2 and speakers["the clerk"] == 1


def test_folder_on_scheduler_address(cli, tmp_path):
    folder = tmp_path / "articles"
    files = {"d/x.md": b"Last.\n", "c.md": b"Just a line.\n", "b/colon.md": OWN["colon.md"],
             "e/y.md": b"\"Yes,\" e said.\n", "a.markdown": OWN["mayor.md"],
             "notes.txt": b"not an article\n", "b/a.md": b"In b.\n", "f/z.md": b"Z.\n"}
    for name, data in files.items():  # created out of order: the walk sorts
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    order = [str(folder / n) for n in ("a.markdown", "c.md", "b/a.md", "b/colon.md", "d/x.md",
                                         "e/y.md", "f/z.md")]
    out = tmp_path / "out"
    # Threads in this process, reached over TCP like any remote scheduler.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=":0") as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        r = example(str(folder), "-o", str(out), "--scheduler", address, "--partitions", "3")
        assert r.returncode == 1, r.stderr
        check_output(str(out), cli, order, nparts=3)
        # Again with fewer inputs and default partitions: earlier parts are gone, all went well.
        os.remove(folder / "b" / "colon.md")
        order.remove(str(folder / "b" / "colon.md"))
        r = example(str(folder), "-o", str(out), "--scheduler", address)
        assert r.returncode == 0, r.stderr
        check_output(str(out), cli, order)


def test_no_input_is_a_usage_error(tmp_path):
    r = example(str(tmp_path), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "no articles" in r.stderr
    assert not (tmp_path / "out").exists()
