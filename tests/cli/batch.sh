#!/bin/sh
# The threaded --jsonl mode (several inputs, -j, --files-from, --recursive, --progress): its
# output must be byte for byte what each input gives alone, in input order, whatever the
# number of threads; the path sources must stream; memory must stay bounded; write errors
# must stop it cleanly.
#
#   batch.sh ARTICLE [SANITIZERS]   (with sanitizers, the memory bound is not measured and
#                                    the long run is shorter)
set -u
set -f

if [ $# -lt 1 ]; then
    echo "usage: batch.sh ARTICLE [SANITIZERS]" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
san=${2:-}

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/article-batch.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$here" || exit 1

failed=0
count=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}
check() { # NAME: starts a check
    name=$1
    count=$((count + 1))
}

# Runs the CLI: "$tmp/NAME.out", "$tmp/NAME.err", "$tmp/NAME.status". Stdin from $input.
input=/dev/null
run() { # NAME ARGUMENTS...
    n=$1
    shift
    "$bin" "$@" <"$input" >"$tmp/$n.out" 2>"$tmp/$n.err"
    echo $? >"$tmp/$n.status"
}

# The reference: each input in its own process, through the one-file path; outputs
# concatenated, status 1 when any failed. Standard input reaches the first "-" only, as in
# one process.
run_each() { # NAME OPTIONS... -- FILES...
    n=$1
    shift
    opts=""
    while [ "$1" != "--" ]; do
        opts="$opts $1"
        shift
    done
    shift
    : >"$tmp/$n.out"
    : >"$tmp/$n.err"
    st=0
    from=$input
    for f in "$@"; do
        # shellcheck disable=SC2086 # the options are words
        "$bin" $opts "$f" <"$from" >>"$tmp/$n.out" 2>>"$tmp/$n.err" || st=$?
        [ "$f" = - ] && from=/dev/null
    done
    echo $st >"$tmp/$n.status"
}

# The same stdout, stderr and exit status as run A.
same_run() { # A B
    for part in out err status; do
        if ! cmp -s "$tmp/$1.$part" "$tmp/$2.$part"; then
            fail "$name: $2 differs from $1 ($part)"
            diff "$tmp/$1.$part" "$tmp/$2.$part" | head -10
        fi
    done
}

# A large article first, so that with several threads the small ones after it finish
# long before it: their lines must still come after its line.
{
    printf -- '---\ntitle: "A long one"\n---\n\n'
    i=0
    while [ $i -lt 3000 ]; do
        printf 'Paragraph %d says "something long enough to quote here," the mayor said.\n\n' $i
        i=$((i + 1))
    done
} >"$tmp/long.md"

# ---- every fixture, one at a time and -j 1, 2, 4 ---------------------------------------------
check "fixtures in order"
files="$tmp/long.md"
k=0
set +f
for f in ../fixtures/*.md ./*.md ../../examples/articles/*.md; do
    k=$((k + 1))
    files="$files $f missing-$k.md"
done
set -f
files="$files - bad-yaml.md $tmp/long.md ../fixtures -"
input=minimal.md
# shellcheck disable=SC2086 # the file list is words
{
    run_each seq --jsonl -- $files
    run j1 --jsonl -j 1 $files
    run j2 --jsonl -j 2 $files
    run j4 --jsonl --jobs=4 $files
}
input=/dev/null
[ "$(cat "$tmp/seq.status")" = 1 ] || fail "$name: sequential exit status $(cat "$tmp/seq.status")"
nfiles=$(echo $files | wc -w)
[ "$(wc -l <"$tmp/seq.out")" -eq "$nfiles" ] || fail "$name: not one line per input"
grep -q '"file":"-","title":"A minimal article"' "$tmp/seq.out" ||
    fail "$name: standard input not read"
for j in j1 j2 j4; do same_run seq $j; done
# The line order is the input order (the first line is the long article's).
head -n 1 "$tmp/j4.out" | grep -q "^{\"file\":\"$tmp/long.md\",\"title\":\"A long one\"" ||
    fail "$name: first line is not the first input's"
sed 's/^{"file":\("[^"]*"\).*/\1/' "$tmp/j4.out" | tr -d '"' | tr '\n' ' ' >"$tmp/order"
[ "$(cat "$tmp/order")" = "$files " ] || fail "$name: lines not in input order"

# The parsing options reach every worker.
check "options in the workers"
run_each seq-opts --jsonl --no-quotes --max-yaml-depth 2 -- deep.md quotes.md features.md
run j2-opts --jsonl -j2 --no-quotes --max-yaml-depth 2 deep.md quotes.md features.md
same_run seq-opts j2-opts
grep -q '"quotes":\[\]' "$tmp/j2-opts.out" || fail "$name: --no-quotes lost"
grep -q '"code":"limit_yaml_depth"' "$tmp/j2-opts.out" || fail "$name: --max-yaml-depth lost"

# Many more inputs than the ring's slots (4 per thread): it wraps around many times.
check "ring wrap-around"
i=0
: >"$tmp/many.list"
while [ $i -lt 150 ]; do
    printf '%s\n' quotes.md missing.md minimal.md bad-yaml.md features.md >>"$tmp/many.list"
    i=$((i + 1))
done
# shellcheck disable=SC2046
run_each many-seq --jsonl -- $(cat "$tmp/many.list")
for j in 1 3 8; do
    run many-j$j --jsonl -j $j --files-from "$tmp/many.list"
    same_run many-seq many-j$j
done

# ---- --files-from ------------------------------------------------------------------------
check "--files-from FILE and -"
printf 'minimal.md\n\n%s\nmissing.md\nquotes.md' "$tmp/long.md" >"$tmp/list"
run_each list-seq --jsonl -- minimal.md "$tmp/long.md" missing.md quotes.md
run list-file --jsonl -j 2 --files-from "$tmp/list"
same_run list-seq list-file
input=$tmp/list
run list-stdin --jsonl --files-from - -j 3
input=/dev/null
same_run list-seq list-stdin
# Mixed with FILE arguments and other lists, in command-line order.
run_each mixed-seq --jsonl -- html.md minimal.md "$tmp/long.md" missing.md quotes.md minimal.md \
    "$tmp/long.md" missing.md quotes.md deep.md
run mixed --jsonl -j 2 html.md --files-from "$tmp/list" --files-from="$tmp/list" deep.md
same_run mixed-seq mixed
# No -j: one thread per CPU, the same lines.
run list-default --jsonl --files-from "$tmp/list"
same_run list-seq list-default

check "empty list"
: >"$tmp/empty"
run empty --jsonl --files-from "$tmp/empty"
[ "$(cat "$tmp/empty.status")" = 0 ] && [ ! -s "$tmp/empty.out" ] && [ ! -s "$tmp/empty.err" ] ||
    fail "$name: $(cat "$tmp/empty.status") $(cat "$tmp/empty.out" "$tmp/empty.err")"
printf '\n\n' >"$tmp/blank"
run blank --jsonl -j 2 --files-from "$tmp/blank" minimal.md
[ "$(cat "$tmp/blank.status")" = 0 ] && [ "$(wc -l <"$tmp/blank.out")" -eq 1 ] ||
    fail "$name: empty lines are not skipped"

check "unreadable list"
run nolist --jsonl minimal.md --files-from "$tmp/no-such-list" quotes.md
[ "$(cat "$tmp/nolist.status")" = 1 ] || fail "$name: exit status $(cat "$tmp/nolist.status")"
[ "$(wc -l <"$tmp/nolist.out")" -eq 2 ] || fail "$name: the other inputs were not read"
grep -qx "article: cannot open $tmp/no-such-list: No such file or directory" "$tmp/nolist.err" ||
    fail "$name: message: $(cat "$tmp/nolist.err")"

# ---- --recursive -------------------------------------------------------------------------
check "--recursive"
d=$tmp/tree
mkdir -p "$d/b/c" "$d/a" "$d/B" "$d/empty"
cp minimal.md "$d/top.md"
cp quotes.md "$d/a/10.md"
cp minimal.md "$d/a/2.markdown"
cp features.md "$d/B/x.md"
cp bad-yaml.md "$d/b/c/z.md"
cp minimal.md "$d/a/notes.txt"
cp minimal.md "$d/a/md"
cp minimal.md "$d/a/x.md.bak"
ln -s .. "$d/a/loop"
ln -s "$d" "$d/b/c/up"
ln -s ../top.md "$d/b/link.md"
ln -s nowhere.md "$d/b/dangling.md"
# Sorted by bytes per folder ('B' < 'a' < 'b'; "10.md" < "2.markdown"), depth first.
expected="$d/B/x.md $d/a/10.md $d/a/2.markdown $d/b/c/z.md $d/b/link.md $d/top.md"
# shellcheck disable=SC2086
run_each walk-seq --jsonl -- $expected
run walk --jsonl -j 2 -r "$d"
same_run walk-seq walk
run walk-slash --jsonl --recursive="$d/" -j 1
same_run walk-seq walk-slash
run walk-twice --jsonl -r "$d/b" -r"$d/a" minimal.md
run_each walk-twice-seq --jsonl -- "$d/b/c/z.md" "$d/b/link.md" "$d/a/10.md" "$d/a/2.markdown" \
    minimal.md
same_run walk-twice-seq walk-twice
# Links that loop are not followed: the run ends (the timeout is a guard against a hang).
timeout 60 "$bin" --jsonl -r "$d" -j 2 >/dev/null 2>&1
[ $? = 1 ] || fail "$name: symbolic link loop"
run walk-missing --jsonl -r "$tmp/no-such-folder" minimal.md
[ "$(cat "$tmp/walk-missing.status")" = 1 ] && [ "$(wc -l <"$tmp/walk-missing.out")" -eq 1 ] ||
    fail "$name: missing folder: $(cat "$tmp/walk-missing.status")"
grep -qx "article: cannot open folder $tmp/no-such-folder: No such file or directory" \
    "$tmp/walk-missing.err" || fail "$name: missing folder: $(cat "$tmp/walk-missing.err")"
run walk-file --jsonl -r minimal.md
grep -qx "article: cannot open folder minimal.md: Not a directory" "$tmp/walk-file.err" ||
    fail "$name: -r FILE: $(cat "$tmp/walk-file.err")"

# ---- progress ----------------------------------------------------------------------------
check "progress"
run quiet --jsonl -j 2 minimal.md quotes.md
[ -s "$tmp/quiet.err" ] && fail "$name: progress through a pipe: $(cat "$tmp/quiet.err")"
run shown --jsonl -j 2 --progress minimal.md quotes.md "$tmp/long.md"
[ "$(cat "$tmp/shown.status")" = 0 ] || fail "$name: exit status"
# Lines redrawn with \r, the last with the whole count, then blanked: the text ends in \r.
tr '\r' '\n' <"$tmp/shown.err" >"$tmp/shown.lines"
grep -q '^3/3 files, [0-9]* files/s *$' "$tmp/shown.lines" || fail "$name: no final count"
[ "$(tail -c 1 "$tmp/shown.err" | od -An -c | tr -d ' ')" = '\r' ] ||
    fail "$name: not erased at the end"
[ -z "$(tail -n 1 "$tmp/shown.lines" | tr -d ' ')" ] || fail "$name: not blanked at the end"
input=$tmp/list
run shown-list --jsonl --files-from - --progress
input=/dev/null
tr '\r' '\n' <"$tmp/shown-list.err" | grep -q '^4 files, [0-9]* files/s *$' ||
    fail "$name: count without a total: $(cat "$tmp/shown-list.err")"
# An error message is not mixed into the progress line.
run shown-err --jsonl -j 1 --progress minimal.md missing.md
tr '\r' '\n' <"$tmp/shown-err.err" | grep -q '^missing.md: error: cannot open missing.md' ||
    fail "$name: message mixed with the progress line"
run forced-off --jsonl -j 2 --progress --no-progress minimal.md
[ -s "$tmp/forced-off.err" ] && fail "$name: --no-progress"

# ---- arguments ---------------------------------------------------------------------------
check "arguments"
usage() { # EXPECTED-MESSAGE ARGUMENTS...
    want=$1
    shift
    "$bin" "$@" </dev/null >"$tmp/usage.out" 2>"$tmp/usage.err"
    st=$?
    [ $st = 2 ] || fail "$name: $*: exit status $st"
    [ -s "$tmp/usage.out" ] && fail "$name: $*: output on stdout"
    grep -qx "article: $want" "$tmp/usage.err" || fail "$name: $*: $(head -1 "$tmp/usage.err")"
}
usage "option '-j' needs --jsonl" -j 2 minimal.md
usage "option '--jobs' needs --jsonl" --html --jobs 2 html.md
usage "option '--files-from' needs --jsonl" --files-from "$tmp/list"
usage "option '-r' needs --jsonl" -r .
usage "'0' is not a positive whole number" --jsonl -j 0 minimal.md
usage "'x' is not a positive whole number" --jsonl -jx minimal.md
usage "option '-j' needs a number" --jsonl minimal.md -j
usage "option '--files-from' needs a file" --jsonl --files-from
usage "option '--recursive' needs a folder" --jsonl --recursive
usage "missing FILE argument" --jsonl -j 2
usage "'-' cannot be both a FILE and the list of --files-from" --jsonl --files-from - -
usage "more than one FILE needs --jsonl" --progress minimal.md quotes.md
# A huge -j is capped, not refused.
run huge --jsonl -j 100000 minimal.md quotes.md missing.md
run_each huge-seq --jsonl -- minimal.md quotes.md missing.md
same_run huge-seq huge

# ---- write errors ------------------------------------------------------------------------
check "write errors"
# A reader that stops at once: the message, status 1, and no hang with a list that never
# ends (the timeout is a guard).
yes "$tmp/long.md" | { timeout 120 "$bin" --jsonl -j 2 --files-from - 2>"$tmp/pipe.err"
    echo $? >"$tmp/pipe.status"; } | head -c 1 >/dev/null
[ "$(cat "$tmp/pipe.status")" = 1 ] || fail "$name: closed pipe: status $(cat "$tmp/pipe.status")"
grep -q '^article: cannot write output: ' "$tmp/pipe.err" ||
    fail "$name: closed pipe: no message ($(cat "$tmp/pipe.err"))"
if [ -w /dev/full ]; then
    "$bin" --jsonl -j 4 minimal.md quotes.md >/dev/full 2>"$tmp/full.err"
    st=$?
    [ $st = 1 ] || fail "$name: full disk: exit status $st"
    grep -q '^article: cannot write output: No space left on device' "$tmp/full.err" ||
        fail "$name: full disk: no message ($(cat "$tmp/full.err"))"
fi

# ---- bounded memory ----------------------------------------------------------------------
# 100,000 long paths (600 bytes each, 60 MB in all) through --files-from: the peak RSS must stay
# near that of a run of 1,000, as it would not if the paths or the lines were collected.
check "bounded memory"
printf -- '---\ntitle: t\n---\nx\n' >"$tmp/s1.md"
printf 'Body "quoted words for the quote finder," she said.\n' >"$tmp/s2.md"
printf -- '---\ntitle: [\n---\n' >"$tmp/s3.md"
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "./"; }')
paths() { # N: N paths, the three files in turn
    awk -v n="$1" -v d="$tmp/$long" \
        'BEGIN { for (i = 0; i < n; i++) printf "%s/s%d.md\n", d, i % 3 + 1 }'
}
python=$(command -v python3 || true)
if [ -n "$san" ] || [ -z "$python" ]; then
    # The shadow memory and quarantine of sanitizers would swamp the figure: a short run.
    paths 3000 | "$bin" --jsonl -j 3 --files-from - >"$tmp/rss.out" 2>/dev/null
    [ "$(wc -l <"$tmp/rss.out")" -eq 3000 ] || fail "$name: lines missing"
    echo "note: $name: peak RSS not measured (${san:-no python3})"
else
    rss() { # N: peak RSS in KB of a run on N paths (its line count is checked)
        paths "$1" >"$tmp/rss.list.$1"
        "$python" - "$bin" "$tmp/rss.list.$1" "$1" <<'EOF'
import os, subprocess, sys
bin, listfile, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = 0
with open(listfile, "rb") as f:
    p = subprocess.Popen([bin, "--jsonl", "-j", "3", "--files-from", "-"], stdin=f,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
        lines += chunk.count(b"\n")
    _, status, ru = os.wait4(p.pid, 0)
code = os.waitstatus_to_exitcode(status)
if lines != n or code != 1:
    print("bad run: %d lines, exit status %d" % (lines, code), file=sys.stderr)
    sys.exit(1)
print(ru.ru_maxrss)
EOF
        rm -f "$tmp/rss.list.$1"
    }
    small=$(rss 1000) || fail "$name: the run on 1,000 paths"
    big=$(rss 100000) || fail "$name: the run on 100,000 paths"
    echo "note: $name: peak RSS ${small:-?} KB for 1,000 paths, ${big:-?} KB for 100,000"
    if [ -n "$small" ] && [ -n "$big" ] && [ "$big" -gt $((small + 16384)) ]; then
        fail "$name: peak RSS grows with the number of paths: $small KB, then $big KB"
    fi
fi

if [ $failed -gt 0 ]; then
    echo "$failed failures in $count batch checks"
    exit 1
fi
echo "all $count batch checks passed"
