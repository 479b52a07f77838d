#!/bin/sh
# roundtrip.sh DCC FILE... - `dcc fmt` keeps meaning and is idempotent.
#
# For every FILE that parses (dcc fmt accepts it; files with syntax errors are skipped):
#   - fmt(fmt(x)) == fmt(x)
#   - dump(parse(fmt(x))) == dump(parse(x)), dumps from the hidden `dcc fmt --dump FILE`
#   - the comments of fmt(x) are those of x, in order (tests/fmt/comments.awk)
#   - the output has no trailing whitespace and no CR, and ends with exactly one newline
# Prints "N passed, N failed" as its last line; exits 1 when any file failed.
set -u
if [ $# -lt 1 ]; then
    echo "usage: roundtrip.sh DCC_BINARY FILE..." >&2
    exit 2
fi
DCC=$1
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcc-fmt.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0
skip=0
failed() {
    echo "FAIL $1: $2"
    fail=$((fail + 1))
}

for f in "$@"; do
    if [ ! -f "$f" ]; then
        # an unmatched glob such as examples/*/*.dc when a folder is still empty
        echo "skip $f: no such file"
        skip=$((skip + 1))
        continue
    fi
    "$DCC" fmt "$f" >"$tmp/once.dc" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
        # Exit 1 with diagnostics: the file does not parse, nothing to format. Anything else
        # (a crash, a sanitizer report) is a failure.
        if [ $rc -eq 1 ] && grep -q '\[DC[0-9][0-9][0-9][0-9]\]' "$tmp/err" &&
            ! grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
            skip=$((skip + 1))
        else
            failed "$f" "dcc fmt exited $rc:"
            sed 's/^/    /' "$tmp/err"
        fi
        continue
    fi
    if ! "$DCC" fmt "$tmp/once.dc" >"$tmp/twice.dc" 2>"$tmp/err"; then
        failed "$f" "the formatted text does not parse:"
        sed 's/^/    /' "$tmp/err"
        continue
    fi
    if ! cmp -s "$tmp/once.dc" "$tmp/twice.dc"; then
        failed "$f" "not idempotent (fmt once vs twice):"
        diff -u "$tmp/once.dc" "$tmp/twice.dc" | sed 's/^/    /'
        continue
    fi
    if ! "$DCC" fmt --dump "$f" >"$tmp/before.dump" 2>"$tmp/err" ||
        ! "$DCC" fmt --dump "$tmp/once.dc" >"$tmp/after.dump" 2>>"$tmp/err"; then
        failed "$f" "dcc fmt --dump failed:"
        sed 's/^/    /' "$tmp/err"
        continue
    fi
    if ! cmp -s "$tmp/before.dump" "$tmp/after.dump"; then
        failed "$f" "formatting changed the meaning (model dumps differ):"
        diff -u "$tmp/before.dump" "$tmp/after.dump" | sed 's/^/    /'
        continue
    fi
    # The model dump leaves ordinary comments out: they are compared on their own.
    awk -f tests/fmt/comments.awk "$f" >"$tmp/before.comments"
    awk -f tests/fmt/comments.awk "$tmp/once.dc" >"$tmp/after.comments"
    if ! cmp -s "$tmp/before.comments" "$tmp/after.comments"; then
        failed "$f" "formatting lost or changed a comment:"
        diff -u "$tmp/before.comments" "$tmp/after.comments" | sed 's/^/    /'
        continue
    fi
    if grep -n '[[:space:]]$' "$tmp/once.dc" >"$tmp/err"; then
        failed "$f" "trailing whitespace or CR in the output:"
        sed 's/^/    /' "$tmp/err"
        continue
    fi
    if [ -s "$tmp/once.dc" ]; then
        # the last byte must be a newline and the one before it must not be
        last=$(tail -c 1 "$tmp/once.dc" | od -An -c | tr -d ' ')
        last2=$(tail -c 2 "$tmp/once.dc" | od -An -c | tr -d ' ')
        if [ "$last" != '\n' ] || [ "$last2" = '\n\n' ]; then
            failed "$f" "the output does not end with exactly one newline"
            continue
        fi
    fi
    pass=$((pass + 1))
done

[ $skip -gt 0 ] && echo "($skip skipped: not parseable or missing)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
