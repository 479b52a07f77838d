#!/bin/sh
# targets_example.sh BUILD - the example target of docs/targets.md stays true: its code (the block
# after <!-- example-target -->) compiles warning-free against BUILD/libdcc.a, and run over the
# doc's contract (<!-- example-contract -->) it prints the doc's output (<!-- example-output -->).
set -u
B=${1:-build}
. tests/cli/lib.sh
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-doc-target.XXXXXX")
trap 'rm -rf "$W"' EXIT
SAN=${SAN-}
DOC=docs/targets.md

# block MARKER: the fenced block that follows the marker line
block() {
    awk -v m="<!-- $1 -->" '$0 == m { found = 1; next }
        found == 1 && /^```/ { found = 2; next }
        found == 2 && /^```/ { exit }
        found == 2 { print }' "$DOC"
}
block example-target > "$W/fields.c"
block example-contract > "$W/shop.dc"
block example-output > "$W/want"
for f in fields.c shop.dc want; do [ -s "$W/$f" ] && ok || bad "no $f block in $DOC"; done

if cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -pedantic $SAN -I compiler -I targets -I runtime \
    -o "$W/run" tests/docs/targets_main.c "$W/fields.c" "$B/libdcc.a" "$B/libdccrt-internal.a" -lyaml -lxml2 -lm 2>"$W/cc.err"
then ok; else bad "the example target does not compile"; head -20 "$W/cc.err"; fi
(cd "$W" && ./run tsv shop.dc) > "$W/got" 2>"$W/err" && ok || { bad "the example target failed"; cat "$W/err"; }
if cmp -s "$W/want" "$W/got"; then ok; else bad "the example's output is not what $DOC shows"; diff "$W/want" "$W/got" | head -20; fi
# the other style, and the run-wide name scope: handed the same unit twice (dcc gen itself names
# each unit once), the example claims a second file name instead of overwriting the first
(cd "$W" && ./run list shop.dc ./shop.dc) > "$W/list" 2>&1 && ok || bad "style list failed"
grep -qx 'events.price: decimal?' "$W/list" && ok || bad "style list: $(head -3 "$W/list")"
grep -qx '== shop.events_2.txt' "$W/list" && ok || bad "no second file name: $(grep '^==' "$W/list")"

finish
