#!/bin/sh
# Runs the article CLI on the cases listed in tests/cli/cases (see that file) and compares
# exit status, stdout and stderr with the expected files; then checks that every JSON
# output parses, and that write errors (closed pipe, full disk) are reported.
#
#   run.sh ARTICLE            run the cases
#   run.sh ARTICLE --update   rewrite the expected files from the current output (then
#                             read every change before keeping it)
set -u
set -f

if [ $# -lt 1 ]; then
    echo "usage: run.sh ARTICLE [--update]" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
update=0
[ "${2:-}" = "--update" ] && update=1

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/article-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$here" || exit 1

python=$(command -v python3 || true)
mkdir "$tmp/check" || exit 1
failed=0
count=0

fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

# Compare $2 (actual) with expected file $1, showing the difference.
same() {
    if ! cmp -s "$1" "$2"; then
        fail "$name: output differs from $1"
        diff -u "$1" "$2" | head -40
        return 1
    fi
}

# Every JSON output of the cases, checked by one python3 run at the end (if python3 exists).
json_ok() { # FILE KIND (json | jsonl)
    cp "$1" "$tmp/check/$name.$2"
}

while read -r name want args; do
    case $name in '' | '#'*) continue ;; esac
    count=$((count + 1))
    input=/dev/null
    [ -f "$name.stdin" ] && input=$name.stdin
    # shellcheck disable=SC2086 # the arguments are words
    "$bin" $args <"$input" >"$tmp/out" 2>"$tmp/err"
    status=$?

    expected=
    for ext in json jsonl html txt regex; do
        [ -f "$name.expected.$ext" ] && expected=$name.expected.$ext
    done
    if [ $update = 1 ]; then
        if [ -z "$expected" ]; then
            case " $args " in
            *" --jsonl "*) expected=$name.expected.jsonl ;;
            *" --html "*) expected=$name.expected.html ;;
            *" --help "*) expected=$name.expected.txt ;;
            *) expected=$name.expected.json ;;
            esac
        fi
        case $expected in
        *.regex) ;;
        *) if [ -s "$tmp/out" ]; then cp "$tmp/out" "$expected"; else rm -f "$expected"; fi ;;
        esac
        rm -f "$name.expected.err"
        [ -s "$tmp/err" ] && cp "$tmp/err" "$name.expected.err"
        [ "$status" = "$want" ] || echo "NOTE: $name exits with $status, cases says $want"
        continue
    fi

    [ "$status" = "$want" ] || fail "$name: exit status $status, expected $want"
    case $expected in
    '') [ -s "$tmp/out" ] && fail "$name: unexpected output on stdout" && head -5 "$tmp/out" ;;
    *.regex)
        if [ "$(wc -l <"$tmp/out")" -ne 1 ] || ! grep -Eqx -f "$expected" "$tmp/out"; then
            fail "$name: output does not match $expected"
            cat "$tmp/out"
        fi
        ;;
    *) same "$expected" "$tmp/out" ;;
    esac
    case $expected in
    *.json) json_ok "$tmp/out" json ;;
    *.jsonl) json_ok "$tmp/out" jsonl ;;
    esac
    if [ -f "$name.expected.err" ]; then
        same "$name.expected.err" "$tmp/err"
    elif [ -s "$tmp/err" ]; then
        fail "$name: unexpected output on stderr"
        head -5 "$tmp/err"
    fi
done <cases
[ $update = 1 ] && exit 0

if [ -n "$python" ]; then
    "$python" - "$tmp/check" <<'EOF' || fail "outputs that are not valid JSON"
import json, os, sys
folder, bad = sys.argv[1], 0
for name in sorted(os.listdir(folder)):
    text = open(os.path.join(folder, name), encoding="utf-8").read()
    try:
        if name.endswith(".jsonl"):
            for line in text.splitlines():
                obj = json.loads(line)
                assert next(iter(obj)) == "file", 'first key is not "file"'
        else:
            json.loads(text)
    except Exception as e:
        print("FAIL: %s: %s" % (name, e))
        bad += 1
sys.exit(1 if bad else 0)
EOF
fi

# Write errors. An output far larger than a pipe's buffer, read by a reader that stops at
# once, must give a message and status 1 rather than a silent death by SIGPIPE.
name=write-errors
count=$((count + 1))
{
    printf -- '---\ntitle: "'
    i=0
    while [ $i -lt 2048 ]; do
        printf '%s' 'Long title text that makes the output large enough for a pipe to fill. '
        printf '%s' 'It repeats many times over and carries no other meaning at all here. '
        i=$((i + 1))
    done
    printf '"\n---\n\nBody.\n'
} >"$tmp/big.md"
{ "$bin" "$tmp/big.md" 2>"$tmp/err"; echo $? >"$tmp/status"; } | head -c 1 >/dev/null
[ "$(cat "$tmp/status")" = 1 ] || fail "$name: closed pipe: exit status $(cat "$tmp/status")"
grep -q '^article: cannot write output: ' "$tmp/err" ||
    fail "$name: closed pipe: no message ($(cat "$tmp/err"))"
if [ -w /dev/full ]; then
    "$bin" --jsonl minimal.md >/dev/full 2>"$tmp/err"
    status=$?
    [ $status = 1 ] || fail "$name: full disk: exit status $status"
    grep -q '^article: cannot write output: ' "$tmp/err" ||
        fail "$name: full disk: no message ($(cat "$tmp/err"))"
fi

if [ $failed -gt 0 ]; then
    echo "$failed of $count CLI checks failed"
    exit 1
fi
echo "all $count CLI checks passed"
