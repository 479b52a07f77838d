#!/bin/sh
# check.sh BUILD - `make demo` does what its output promises: the counts it prints are those of
# the example files (counted here from the files themselves), and every file it says it wrote is
# there. Not its exit status alone: a demo step that printed an error would otherwise pass.
set -u
B=$1
. tests/cli/lib.sh
LOG=$B/demo.log
sh examples/demo.sh "$B" > "$LOG" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || { bad "examples/demo.sh exited $rc"; tail -20 "$LOG"; }
OUT=$(sed 's/\x1b\[[0-9;]*m//g' "$LOG")
n_dc=$(ls examples/*/*.dc | wc -l)
# products with datasets, and their datasets, counted from the sources
products=$(grep -l '^  dataset [a-z_]* {' examples/*/*.dc | wc -l)
datasets=$(grep -h '^  dataset [a-z_]* {' examples/*/*.dc | wc -l)
V=$(grep -c . examples/sales/data/orders.valid.jsonl)
I=$(grep -c . examples/sales/data/orders.invalid.jsonl)
contains "$OUT" "all $n_dc contracts check clean"
contains "$OUT" "all formatted"
# broken.dc: four mistakes, each with its code, and exit status 1 (not a crash)
for code in DC0400 DC0303 DC0409 DC0300; do contains "$OUT" "[$code]"; done
contains "$OUT" "4 errors, 0 warnings"
contains "$OUT" "(exit status 1)"
contains "$OUT" '"code": "DC0'   # the first diagnostics, as jq prints them
contains "$OUT" "$V records: $V valid, 0 invalid; no violations"
contains "$OUT" "$I records: 0 valid, $I invalid"
contains "$OUT" "(exit status 1: the data does not meet the contract)"
# generated files: a .c and a .h per dataset; a JSON Schema and an Avro schema per dataset, an
# OpenAPI document and two SQL files per product
c=$(ls "$B/demo/gen"/*.c 2>/dev/null | wc -l); h=$(ls "$B/demo/gen"/*.h 2>/dev/null | wc -l)
[ "$c" -eq "$datasets" ] && [ "$h" -eq "$datasets" ] && ok || bad "demo/gen: $c .c and $h .h files for $datasets datasets"
for kind in schema.json:$datasets avsc:$datasets openapi.json:$products; do
    k=$(ls "$B/demo/schemas"/*."${kind%:*}" 2>/dev/null | wc -l)
    [ "$k" -eq "${kind#*:}" ] && ok || bad "demo/schemas: $k .${kind%:*} files, want ${kind#*:}"
done
k=$(ls "$B/demo/sql"/*.sql 2>/dev/null | wc -l)
[ "$k" -eq $((2 * products)) ] && ok || bad "demo/sql: $k files for $products products"
[ -x "$B/demo/order_gate" ] && ok || bad "no $B/demo/order_gate"
contains "$OUT" "order_gate: $V orders passed, $I quarantined"
contains "$OUT" "clean.jsonl: $V records"
[ "$(grep -c . "$B/demo/clean.jsonl" 2>/dev/null)" = "$V" ] && ok || bad "clean.jsonl does not hold $V records"
[ "$(grep -c '^# DV0' "$B/demo/quarantine.txt" 2>/dev/null)" = "$I" ] && ok || bad "quarantine.txt does not hold $I reasons"
# the database part: it runs when PostgreSQL and jq are there, and must run when CI=true
case "$OUT" in
    *"skipping the database part"*)
        [ "${CI:-}" = true ] && bad "the database part was skipped with CI=true" || echo "(database part skipped: no PostgreSQL or jq)" ;;
    *)
        loaded=$(printf '%s\n' "$OUT" | grep -A2 'orders_loaded' | tail -1 | tr -d ' ')
        [ "$loaded" = "$V" ] && ok || bad "orders_loaded is '$loaded', want $V"
        contains "$OUT" 'violates check constraint "orders_status_values"'
        contains "$OUT" "orders  | DQ001 |" ;;
esac
finish
