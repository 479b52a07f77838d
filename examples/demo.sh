#!/bin/sh
# demo.sh BUILD - what dcc does, on the example data mesh in examples/.
set -eu
B=${1:-build}
DCC=$B/dcc
# Colour only on a terminal: piped into a file or a pager, the demo is plain text.
if [ -t 1 ]; then BOLD=$(printf '\033[1m'); PLAIN=$(printf '\033[0m'); COLOR=always
else BOLD=; PLAIN=; COLOR=never; fi
step() { printf '\n%s== %s%s\n$ %s\n' "$BOLD" "$1" "$PLAIN" "$2"; }

step "Check every contract of the mesh (imports resolved, cross-product references checked)" \
     "dcc check examples/*/*.dc"
"$DCC" check examples/*/*.dc && echo "all $(ls examples/*/*.dc | wc -l) contracts check clean"

step "Every contract is in the canonical layout" "dcc fmt --check examples/*/*.dc"
"$DCC" fmt --check examples/*/*.dc && echo "all formatted"

step "What an author sees after a few mistakes" "dcc check broken.dc"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cat > "$T/broken.dc" <<'DC'
/// A contract with a few mistakes; the freshness rule on the mistyped field is not reported twice.
contract sales.refunds 1.0 {
  owner "Sales Analytics"
  dataset refunds {
    primary key (refund_id)
    field refund_ld  uuid
    field amount     decimal(12,2) range [100, 10]
    field reason     strng
    field created_at timestamp
    quality {
      freshness(reason) < 2h
    }
  }
}
DC
cat -n "$T/broken.dc"
echo
"$DCC" check --color=$COLOR "$T/broken.dc" 2>&1 || echo "(exit status $?)"

step "The same diagnostics for tools (the first two of them)" "dcc check --diagnostics=json broken.dc"
rc=0; "$DCC" check --diagnostics=json "$T/broken.dc" > "$T/diag.json" || rc=$?
[ $rc -eq 1 ] || { echo "demo: dcc check --diagnostics=json exited $rc, not 1" >&2; exit 1; }
# Whole JSON values only: the first diagnostics as jq prints them, or the whole document.
if command -v jq >/dev/null 2>&1; then
    jq '.diagnostics[0:2]' "$T/diag.json"
else
    cat "$T/diag.json"
fi

step "Validate sample data without a C compiler" \
     "dcc validate examples/sales/orders.dc --dataset orders --skip-quality examples/sales/data/orders.invalid.jsonl"
"$DCC" validate examples/sales/orders.dc --dataset orders --skip-quality examples/sales/data/orders.valid.jsonl
"$DCC" validate examples/sales/orders.dc --dataset orders --skip-quality --max-errors 8 \
    examples/sales/data/orders.invalid.jsonl || echo "(exit status $?: the data does not meet the contract)"

step "Generate C validators for every dataset of the mesh" "dcc gen -t c -o $B/demo/gen examples/*/*.dc"
"$DCC" gen -t c -o "$B/demo/gen" examples/*/*.dc
ls "$B/demo/gen"

step "Schemas for consumers outside C: JSON Schema, Avro and OpenAPI" \
     "dcc gen -t jsonschema|avro|openapi -o $B/demo/schemas examples/*/*.dc"
for t in jsonschema avro openapi; do "$DCC" gen -t $t -o "$B/demo/schemas" examples/*/*.dc; done
ls "$B/demo/schemas"
echo "the orders schema says of its amounts:"
sed -n '/"subtotal"/,/}/p' "$B/demo/schemas/sales_orders__orders.schema.json" | head -4

step "A catalog site of the mesh: a page per product, search, lineage; open it from disk" \
     "dcc gen -t docs -o $B/demo/site examples/*/*.dc"
"$DCC" gen -t docs -o "$B/demo/site" examples/*/*.dc
echo "open $(cd "$B/demo/site" && pwd)/index.html"

step "Build a pipeline step that links the orders validator and the runtime, nothing else" \
     "cc -std=c11 -I runtime -I $B/demo/gen examples/pipeline/order_gate.c $B/demo/gen/sales_orders__orders.c $B/libdccrt.a -lm"
cc -std=c11 -Wall -Wextra -Werror -pedantic -O2 -I runtime -I "$B/demo/gen" -o "$B/demo/order_gate" \
    examples/pipeline/order_gate.c "$B/demo/gen/sales_orders__orders.c" "$B/libdccrt.a" -lm
echo "built $B/demo/order_gate"

step "Run it over the sample orders: good ones flow on, bad ones are quarantined" \
     "cat orders.valid.jsonl orders.invalid.jsonl | order_gate quarantine.txt > clean.jsonl"
cat examples/sales/data/orders.valid.jsonl examples/sales/data/orders.invalid.jsonl |
    "$B/demo/order_gate" "$B/demo/quarantine.txt" > "$B/demo/clean.jsonl"
echo "clean.jsonl: $(wc -l < "$B/demo/clean.jsonl") records; first quarantined records:"
head -6 "$B/demo/quarantine.txt" | cut -c 1-160

step "Generate SQL for every product of the mesh: tables with the contract's constraints, and quality checks" \
     "dcc gen -t sql -o $B/demo/sql examples/*/*.dc"
"$DCC" gen -t sql -o "$B/demo/sql" examples/*/*.dc
ls "$B/demo/sql"
sed -n '/^CREATE TABLE "sales_orders"."order_lines"/,/^);/p' "$B/demo/sql/sales_orders.sql"

step "Catch a breaking change before it merges: v2 of the orders narrows a field and weakens an SLA" \
     "dcc compat examples/sales/orders.dc examples/sales/v2/orders.dc"
# The demo expects the check to fail: exit 1 is the point, anything else is a bug.
rc=0; "$DCC" compat --color never examples/sales/orders.dc examples/sales/v2/orders.dc || rc=$?
[ $rc -eq 1 ] || { echo "demo: dcc compat should have refused v2 (exit $rc)"; exit 1; }
echo "The same check as a Markdown changelog for the pull request:"
"$DCC" changelog examples/sales/orders.dc examples/sales/v2/orders.dc

ODCS=tests/corpus/public/datacontract-cli/schema-evolution
step "Read an ODCS contract unchanged (datacontract-cli's cities, v2): diagnostics point into the YAML" \
     "dcc check odcs-datacontract-cities-version-2.yaml"
"$DCC" check "$ODCS/odcs-datacontract-cities-version-2.yaml" 2>&1 | tail -4
step "Import it into the dcc language, in dcc fmt layout" "dcc import odcs odcs-datacontract-cities-version-2.yaml"
"$DCC" import odcs "$ODCS/odcs-datacontract-cities-version-2.yaml" -o "$T/cities.dc" 2>/dev/null
sed -n '/^contract/p; /dataset cities/,/^  }/p' "$T/cities.dc"
step "Validate data against the ODCS contract: version 2's file passes, the invalid one does not" \
     "dcc validate odcs-datacontract-cities-version-2.yaml --dataset cities cities-version-2.csv invalid/cities-version-2-invalid.csv"
"$DCC" validate "$ODCS/odcs-datacontract-cities-version-2.yaml" --dataset cities "$ODCS/cities-version-2.csv" 2>&1 | grep -E "records|DV0" || true
"$DCC" validate "$ODCS/odcs-datacontract-cities-version-2.yaml" --dataset cities "$ODCS/invalid/cities-version-2-invalid.csv" 2>&1 | grep -E "records|DV0" || true
step "And write ODCS v3.1.0 from a dcc contract" "dcc gen -t odcs -o out/ examples/sales/orders.dc"
"$DCC" gen -t odcs -o "$B/demo/odcs" -I examples examples/sales/orders.dc
sed -n '/^schema:/,/^  - name: customer_id/p' "$B/demo/odcs/sales.orders.odcs.yaml" | head -16

# The rest needs PostgreSQL and jq (make check installs both); a bare build skips it.
if ! command -v psql >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1 ||
    ! { ls /usr/lib/postgresql/*/bin/initdb || command -v initdb; } >/dev/null 2>&1; then
    echo "(PostgreSQL or jq is not installed: skipping the database part of the demo)"
    [ "${CI:-}" != true ] || { echo "demo: CI=true needs the database part" >&2; exit 1; }
    exit 0
fi
step "Apply it to a throwaway PostgreSQL and load the sample orders, one INSERT per record" \
     "psql -f sales_orders.sql && jq ... orders.valid.jsonl | psql"
PGD=$(mktemp -d /tmp/dcc-demo-pg.XXXXXX)
trap 'sh tests/pg/pg.sh stop "$PGD" >/dev/null 2>&1; rm -rf "$PGD" "$T"' EXIT
sh tests/pg/pg.sh start "$PGD" >/dev/null
. "$PGD/env"
psql -X -q -v ON_ERROR_STOP=1 -f "$B/demo/sql/sales_orders.sql"
# A JSON record as an INSERT: strings quoted, nested values as JSON text.
to_insert='to_entries | "INSERT INTO \"sales_orders\".\"orders\" (" + (map("\"" + .key + "\"") | join(", ")) +
  ") VALUES (" + (map(.value | if type == "string" then "'"'"'" + gsub("'"'"'"; "'"'"''"'"'") + "'"'"'"
  elif type == "array" or type == "object" then "'"'"'" + (tojson | gsub("'"'"'"; "'"'"''"'"'")) + "'"'"'"
  else tojson end) | join(", ")) + ");"'
jq -r "$to_insert" examples/sales/data/orders.valid.jsonl | psql -X -q -v ON_ERROR_STOP=1
psql -X -q -c 'SELECT count(*) AS orders_loaded FROM "sales_orders"."orders"'
echo "A record the contract forbids (status \"lost\") is refused by the database itself:"
sed -n 4p examples/sales/data/orders.invalid.jsonl | jq -r "$to_insert" | psql -X -q 2>&1 | head -2 || true

step "Run the orders checks where the data lives: one pass, one row per rule, codes as dcc validate reports them" \
     "psql -f sales_orders.checks.sql"
# The sql rule names the product's warehouse (analytics.sales.orders), which this throwaway
# server does not have: only the first query (the orders dataset's checks) runs here.
awk '/^-- dataset orders:/,/^ORDER BY/' "$B/demo/sql/sales_orders.checks.sql" | psql -X -q
