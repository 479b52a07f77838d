#!/bin/sh
# production_examples.sh BUILD - the programs of docs/production.md stay true: each fenced block
# after a `<!-- production: NAME.c -->` marker compiles warning-free (C11, -pedantic) with the
# generated code of examples/sales/orders.dc and BUILD/libdccrt.a, and runs:
#   threads.c  on every sales orders JSON Lines file with 1, 3 and 8 threads: its lines (sorted)
#              and counters equal `dcc validate`'s on the whole file (same --now);
#   consumer.c with the lines of those files as messages: it quarantines exactly the messages
#              (offset = record - 1) dcc validate --skip-quality reports, forwards the others;
#   gate.c     accepts the valid file, and on the invalid one stops at its first invalid record,
#              whose number and extent it prints.
set -u
B=${1:-build}
DCC=$B/dcc
. tests/cli/lib.sh
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-doc-production.XXXXXX")
trap 'rm -rf "$W"' EXIT
SAN=${SAN-"-fsanitize=address,undefined -fno-sanitize-recover=all"}
if ! nm "$B/libdccrt.a" 2>/dev/null | grep -q __asan_; then SAN=""; fi
DOC=docs/production.md
NOW=2026-11-25T12:00:00Z
NOWS=$(date -u -d "$NOW" +%s)

block() {
    awk -v m="<!-- production: $1 -->" '$0 == m { found = 1; next }
        found == 1 && /^```/ { found = 2; next }
        found == 2 && /^```/ { exit }
        found == 2 { print }' "$DOC"
}
expect_exit 0 "$DCC" gen -t c -o "$W/gen" examples/sales/orders.dc
for prog in threads consumer gate; do
    block $prog.c > "$W/$prog.c"
    [ -s "$W/$prog.c" ] && ok || bad "no $prog.c block in $DOC"
    if gcc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -pedantic $SAN -I runtime -I "$W/gen" \
        -o "$W/$prog" "$W/$prog.c" "$W/gen"/*.c "$B/libdccrt.a" -lpthread -lm 2>"$W/cc.err"
    then ok; else bad "$prog.c does not compile"; head -20 "$W/cc.err"; fi
done
[ "$(grep -c '^<!-- production: ' "$DOC")" = 3 ] && ok || bad "a block of $DOC is not tested"

for f in examples/sales/data/orders.valid.jsonl examples/sales/data/orders.invalid.jsonl; do
    "$DCC" validate examples/sales/orders.dc -d orders --now "$NOW" "$f" > "$W/want" 2>/dev/null
    want_rc=$?
    sort "$W/want" > "$W/want.sorted"
    # the program's one summary line, from the counters of dcc validate's JSON report (the text
    # summary words record and dataset-level findings apart; the program prints the total)
    "$DCC" validate examples/sales/orders.dc -d orders --now "$NOW" --report json "$f" 2>/dev/null |
        jq -r '"\(.records) records: \(.valid) valid, \(.invalid) invalid; \(.violations_total) violations"' > "$W/want.err"
    for n in 1 3 8; do
        "$W/threads" "$f" $n "$NOWS" > "$W/got" 2>"$W/got.err"
        got_rc=$?
        [ $got_rc = $want_rc ] && ok || bad "threads $f $n: exit $got_rc, dcc validate $want_rc"
        sort "$W/got" | cmp -s - "$W/want.sorted" && ok || { bad "threads $f $n: report differs"; sort "$W/got" | diff "$W/want.sorted" - | head -5; }
        cmp -s "$W/got.err" "$W/want.err" && ok || bad "threads $f $n: $(cat "$W/got.err") vs $(cat "$W/want.err")"
    done
    # the consumer: quarantined offsets are the records dcc validate reports, minus one
    "$DCC" validate examples/sales/orders.dc -d orders --skip-quality --report json "$f" \
        | jq -r '.violations[].record - 1' | sort -un > "$W/bad"
    "$W/consumer" < "$f" > "$W/routed" 2>"$W/err" && ok || bad "consumer $f: $(cat "$W/err")"
    sed -n 's/^quarantine \([0-9]*\):.*/\1/p' "$W/routed" | sort -n | cmp -s - "$W/bad" && ok || bad "consumer $f: quarantined $(grep -c quarantine "$W/routed"), want $(wc -l < "$W/bad")"
    [ "$(wc -l < "$W/routed")" = "$(grep -c '[^ \t\r]' "$f")" ] && ok || bad "consumer $f: not every message routed"
done
grep -q '^quarantine [0-9]*: DV' "$W/routed" && ok || bad "consumer: no findings in the quarantine lines"

expect_exit 0 "$W/gate" examples/sales/data/orders.valid.jsonl
contains "$OUT" "accepted: $(grep -c . examples/sales/data/orders.valid.jsonl) records"
expect_exit 1 "$W/gate" examples/sales/data/orders.invalid.jsonl
first=$("$DCC" validate examples/sales/orders.dc -d orders --skip-quality --report json examples/sales/data/orders.invalid.jsonl \
    | jq -r '[.violations[0].record, .violations[0].offset] | @tsv')
rec=${first%%	*} off=${first##*	}
len=$(sed -n "${rec}p" examples/sales/data/orders.invalid.jsonl | tr -d '\n' | wc -c)
contains "$OUT" "rejected: record $rec (bytes $off..$((off + len)))"
finish
