# keys.sh - sourced by tests/bench/run.sh (make bench), whose $DCC, $W, $W/gen_orders and
# best_cpu it uses: what a primary key costs `dcc validate` (issue 15: at most 15% of the
# no-key time, and linear in the input). `gen_orders exact` records at 50 and 400 MB, validated
# with tests/bench/orders_exact_pk.dc (orders_exact.dc when there is no _pk file; it must
# declare the primary key) and with the same contract without its `primary key` line, best of 5
# processor seconds. A benchmark, not a test.
PK=tests/bench/orders_exact_pk.dc
[ -f "$PK" ] || PK=tests/bench/orders_exact.dc
grep -q '^ *primary key' "$PK" || { echo "bench: $PK declares no primary key"; exit 1; }
sed 's/^ *primary key.*$//' "$PK" > "$W/nokey.dc"
echo "dcc validate: what the primary key costs ($PK, order_id) on \`gen_orders exact\`;"
echo "processor seconds (user + system), best of 5; target: pk/no-pk at most 1.15 at every size"
printf '%6s %10s %12s %12s %10s %14s\n' MB records no_key_cpu_s pk_cpu_s pk/no-pk key_ns/record
for mb in 50 400; do
    "$W/gen_orders" exact $mb > "$W/keys.jsonl"
    recs=$(wc -l < "$W/keys.jsonl")
    best_cpu "$DCC" validate "$W/nokey.dc" --dataset orders --skip-quality "$W/keys.jsonl"
    without=$secs
    best_cpu "$DCC" validate "$PK" --dataset orders --skip-quality "$W/keys.jsonl"
    with=$secs
    awk -v mb=$mb -v r=$recs -v o=$without -v w=$with 'BEGIN{ if (o < 0.01) o = 0.01;
        printf "%6d %10d %12.2f %12.2f %10.2f %14.0f\n", mb, r, o, w, w / o, 1e9 * (w - o) / r }'
    rm -f "$W/keys.jsonl"
done
