#!/bin/sh
# keys.sh BUILD - what a primary key costs `dcc validate` (issue 15: at most 15% of the no-key
# time, and linear in the input): `gen_orders exact` records at 50 and 400 MB, validated with
# tests/bench/orders_exact_pk.dc (orders_exact.dc when there is no _pk file; it must declare the
# primary key) and with the same contract without its `primary key` line. Processor seconds
# (user + system, GNU time), best of 5: other work on the machine moves them less than wall time.
# Called by tests/bench/run.sh (make bench); a benchmark, not a test.
set -eu
B=${1:-build}
DCC=$B/dcc
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
PK=tests/bench/orders_exact_pk.dc
[ -f "$PK" ] || PK=tests/bench/orders_exact.dc
grep -q '^ *primary key' "$PK" || { echo "bench: $PK declares no primary key"; exit 1; }
sed 's/^ *primary key.*$//' "$PK" > "$W/nokey.dc"
cc -O2 -o "$W/gen_orders" tests/bench/gen_orders.c
# best_cpu CMD...: the least user + system seconds of five runs into $secs
best_cpu() {
    secs=""
    for rep in 1 2 3 4 5; do
        /usr/bin/time -f '%U %S' -o "$W/time" "$@" >/dev/null 2>"$W/err" || { echo "bench: failed: $*"; cat "$W/err"; exit 1; }
        secs=$(awk -v best="$secs" '{ s = $1 + $2; if (best == "" || s < best) best = s; printf "%.2f", best }' "$W/time")
    done
}
echo "dcc validate: what the primary key costs ($PK, order_id) on \`gen_orders exact\`;"
echo "processor seconds (user + system), best of 5; target: pk/no-pk at most 1.15 at every size"
printf '%6s %10s %12s %12s %10s %14s\n' MB records no_key_cpu_s pk_cpu_s pk/no-pk key_ns/record
for mb in 50 400; do
    "$W/gen_orders" exact $mb > "$W/o.jsonl"
    recs=$(wc -l < "$W/o.jsonl")
    best_cpu "$DCC" validate "$W/nokey.dc" --dataset orders --skip-quality "$W/o.jsonl"
    without=$secs
    best_cpu "$DCC" validate "$PK" --dataset orders --skip-quality "$W/o.jsonl"
    with=$secs
    awk -v mb=$mb -v r=$recs -v o=$without -v w=$with 'BEGIN{ if (o < 0.01) o = 0.01;
        printf "%6d %10d %12.2f %12.2f %10.2f %14.0f\n", mb, r, o, w, w / o, 1e9 * (w - o) / r }'
    rm -f "$W/o.jsonl"
done
