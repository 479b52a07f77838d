#!/bin/sh
# run.sh BUILD - the JSON Schema, Avro and OpenAPI targets against real validators:
#   golden files     every example, regenerated with UPDATE_GOLDEN=1 (tests/golden/<target>/)
#   determinism      two runs give the same bytes
#   JSON Schema      ajv 8 (strict, ajv-formats) and @hyperjump/json-schema compile every schema and
#                    agree with `dcc validate` record by record on every sample record and on
#                    JS_RECORDS (default 10000) seeded mutated records per dataset (diff.mjs), the
#                    examples' datasets and data/edges.dc (every shape of bound)
#   Avro             avsc reads every schema; converted sample records are valid, broken ones not
#   OpenAPI          @redocly/openapi-core finds every document valid OpenAPI 3.1
#   patterns         the decimal, temporal and base64 patterns (targets/jsre.c) accept exactly
#                    what exact arithmetic says, on random bounds and texts (patterns.mjs)
#   hostile input    tests/c's hostile contracts give schemas every validator reads
#   named servers    data/servers.dc: x-dcc-contract.serve as written by hand, a golden file
#                    (tests/golden/jsonschema-servers/), and a schema both validators compile
# The validators are npm packages pinned by package-lock.json, installed with `npm ci` into
# BUILD/jsonschema-node (never globally). JS_SEED sets the seed (a fixed default, so CI sees the same records every run; printed).
# Prints "N passed, N failed"; exits 1 when something failed.
set -u
B=${1:-build}
DCC=$B/dcc
. tests/cli/lib.sh
T=tests/jsonschema
W=$(mktemp -d /tmp/dcc-jsonschema.XXXXXX)
trap 'rm -rf "$W"' EXIT
SEED=${JS_SEED:-20261202}
N=${JS_RECORDS:-10000}
echo "seed $SEED (JS_SEED=$SEED sh $T/run.sh $B repeats this run)"

# ---- golden files and determinism ----------------------------------------------------------------
for target in jsonschema avro openapi; do
    G=tests/golden/$target
    "$DCC" gen -t $target -o "$W/gen/$target" examples/*/*.dc 2>"$W/err" && ok || { bad "dcc gen -t $target failed"; cat "$W/err"; continue; }
    "$DCC" gen -t $target -o "$W/again/$target" examples/*/*.dc 2>/dev/null
    diff -r "$W/gen/$target" "$W/again/$target" >/dev/null && ok || bad "$target: two runs differ"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        rm -rf "$G"; mkdir -p "$G"; cp "$W/gen/$target"/* "$G/"; echo "golden files of $target regenerated"
    fi
    diff -r "$G" "$W/gen/$target" > "$W/golden.diff" && ok || { bad "$target differs from $G (UPDATE_GOLDEN=1 regenerates)"; head -40 "$W/golden.diff"; }
    # every file is JSON
    for f in "$W/gen/$target"/*; do jq -e . "$f" >/dev/null 2>&1 && ok || bad "$f is not JSON"; done
done

# ---- the validators -----------------------------------------------------------------------------
NODE_DIR=$B/jsonschema-node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    bad "node and npm are needed (apt-get install nodejs npm)"; finish; exit 1
fi
if ! cmp -s "$T/package-lock.json" "$NODE_DIR/package-lock.json" 2>/dev/null || [ ! -d "$NODE_DIR/node_modules" ]; then
    rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
    cp "$T/package.json" "$T/package-lock.json" "$NODE_DIR/"
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund --silent >/dev/null 2>"$W/npm.err") ||
        { bad "npm ci failed: $(head -5 "$W/npm.err")"; rm -rf "$NODE_DIR"; finish; exit 1; }
fi
cp "$T"/*.mjs "$NODE_DIR/"

# The cases: each dataset of examples/samples.tsv with its JSON Lines samples and its schema.
tail -n +2 examples/samples.tsv | awk -F'\t' '$4 == "jsonl" { print $1 "\t" $2 "\t" $3 }' > "$W/samples"
cut -f1,2 "$W/samples" | sort -u | while IFS='	' read -r contract dataset; do
    product=$("$DCC" fmt --dump "$contract" | jq -r '.name | join(".")')
    stem=$(printf '%s__%s' "$product" "$dataset" | tr 'A-Z.' 'a-z_')
    files=$(awk -F'\t' -v c="$contract" -v d="$dataset" '$1 == c && $2 == d { printf "\t%s", $3 }' "$W/samples")
    printf '%s\t%s\t%s.schema.json%s\n' "$contract" "$dataset" "$stem" "$files"
done > "$W/cases.tsv"
[ -s "$W/cases.tsv" ] && ok || bad "no cases from examples/samples.tsv"
# and a contract with every shape of bound the examples lack: negative, fractional and exclusive
# ends, allowed values compared exactly, an overridden named type, timestamptz ranges
E=$T/data/edges.dc
for target in jsonschema avro; do
    "$DCC" gen -t $target -o "$W/gen/$target" "$E" 2>"$W/err" && ok || { bad "dcc gen -t $target $E failed"; cat "$W/err"; }
done
printf '%s\tedges\ttest_edges__edges.schema.json\t%s\n' "$E" "$T/data/edges.valid.jsonl" >> "$W/cases.tsv"
printf '%s\topen_edges\ttest_edges__open_edges.schema.json\t%s\n' "$E" "$T/data/open_edges.valid.jsonl" >> "$W/cases.tsv"
# what the schema keeps only as an annotation is said, once, as a warning; the run still succeeds
"$DCC" gen -t openapi -o "$W/edges-openapi" "$E" 2>"$W/err" && ok || bad "dcc gen -t openapi $E failed"
[ "$(grep -c 'DC0701' "$W/err")" = 1 ] && grep -q 'edges.dc:46:34: warning: target openapi keeps this timestamptz range' "$W/err" && ok ||
    { bad "no single DC0701 warning for the timestamptz range"; cat "$W/err"; }
# Named servers in x-dcc-contract.serve (data/servers.dc): after the one-line port, in the order
# written, fields in the order written, the port a number; the value written here by hand. The
# schema is kept as a golden file and compiled by ajv and @hyperjump below.
S=$T/data/servers.dc
"$DCC" gen -t jsonschema -o "$W/servers/jsonschema" "$S" 2>"$W/err" && ok || { bad "dcc gen -t jsonschema $S failed"; cat "$W/err"; }
mkdir -p "$W/servers/avro"
SG=tests/golden/jsonschema-servers
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then rm -rf "$SG"; mkdir -p "$SG"; cp "$W/servers/jsonschema"/* "$SG/"; fi
diff -r "$SG" "$W/servers/jsonschema" >/dev/null && ok || bad "$S: differs from $SG (UPDATE_GOLDEN=1 regenerates)"
want='[{"kind":"postgres","address":"analytics.sales.orders"},{"name":"orders-lake","type":"s3","fields":{"location":"s3://acme-lake/orders/","format":"parquet","delimiter":"new_line"}},{"name":"pg","type":"postgres","fields":{"description":"Main \"db\"","host":"db.example.com","port":5432,"database":"shop","schema":"sales"}}]'
got=$(jq -c '."x-dcc-contract".serve' "$W/servers/jsonschema/test_servers__orders.schema.json" 2>&1)
[ "$got" = "$want" ] && ok || bad "x-dcc-contract.serve of $S: $got"
# x-dcc-quality: a key's rules list every field (duplicate_count(a, b) once kept only a)
"$DCC" gen -t jsonschema -o "$W/dupq" tests/sql/duprate.dc 2>/dev/null
got=$(jq -c '[."x-dcc-quality"[] | [.rule, (.fields // .field), .op, .value]]' "$W/dupq/sqltest_duprate__u.schema.json" 2>&1)
want='[["duplicate_rate",["code"],"between","20%"],["duplicate_rate",["id","code"],"not between","0.5%"]]'
[ "$got" = "$want" ] && ok || bad "x-dcc-quality of tests/sql/duprate.dc: $got"
# x-dcc-quality: a missing rule's values as JSON values of the field (0 a number, false a boolean)
"$DCC" gen -t jsonschema -o "$W/missq" tests/sql/missing.dc 2>/dev/null
got=$(jq -c '[."x-dcc-quality"[] | [.rule, .field, .values, .op, .value, .value_hi]]' "$W/missq/sqltest_missing__m.schema.json" 2>&1)
want='[["missing_count","code",["","n/a"],"between",1,2],["missing_rate","n",[0,-1.5],"<=","25%",null],["missing_count","ok",[false],"<",2,null],["missing_rate","code",["x"],"not between","20%","40%"],["missing_count","id",[7],"==",0,null]]'
[ "$got" = "$want" ] && ok || bad "x-dcc-quality of tests/sql/missing.dc: $got"
# x-dcc-quality: an invalid rule's valid values as JSON values of the field, null where listed
"$DCC" gen -t jsonschema -o "$W/invq" tests/sql/invalid.dc 2>/dev/null
got=$(jq -c '[."x-dcc-quality"[] | [.rule, .field, .values, .op, .value, .value_hi]]' "$W/invq/sqltest_invalid__v.schema.json" 2>&1)
want='[["invalid_count","code",["a","b",null],"between",1,2],["invalid_rate","n",[1.5,2],"<=","25%",null],["invalid_count","ok",[true],"<",2,null],["invalid_rate","code",["a","",null],"not between","20%","40%"],["invalid_count","id",[1,2,3,4],"==",0,null]]'
[ "$got" = "$want" ] && ok || bad "x-dcc-quality of tests/sql/invalid.dc: $got"
# --base-uri: the $id of each schema
"$DCC" gen -t jsonschema --base-uri https://schemas.example/ -o "$W/ids" examples/sales/orders.dc 2>/dev/null &&
    [ "$(jq -r '."$id"' "$W/ids/sales_orders__orders.schema.json")" = "https://schemas.example/sales.orders/2.4.0/orders.schema.json" ] &&
    ok || bad "--base-uri does not give the \$id"

tally() { # OUTFILE NAME: adds the oracle's "N passed, N failed"
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$1" | tail -1)
    f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$1" | tail -1)
    grep -v 'passed, .* failed$' "$1" | head -60
    if [ -z "$p" ]; then bad "$2 printed no result"; return; fi
    pass=$((pass + p)); failn=$((failn + f))
}
node "$NODE_DIR/diff.mjs" "$DCC" "$W/gen/jsonschema" "$W/cases.tsv" "$N" "$SEED" "$W/records" > "$W/diff.out" 2>&1
tally "$W/diff.out" "JSON Schema differential"
if [ -f "$NODE_DIR/avro.mjs" ]; then
    node "$NODE_DIR/avro.mjs" "$W/gen/avro" "$W/cases.tsv" "$SEED" > "$W/avro.out" 2>&1
    tally "$W/avro.out" "Avro"
fi
if [ -f "$NODE_DIR/openapi.mjs" ]; then
    node "$NODE_DIR/openapi.mjs" "$W/gen/openapi" > "$W/openapi.out" 2>&1
    tally "$W/openapi.out" "OpenAPI"
    node "$NODE_DIR/openapi.mjs" "$W/edges-openapi" > "$W/openapi3.out" 2>&1
    tally "$W/openapi3.out" "OpenAPI of data/edges.dc"
fi
# The patterns alone, against exact arithmetic: targets/jsre.c through a small driver.
if cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -pedantic ${SAN:-} -I compiler -I targets -I runtime \
    -o "$W/jsre_main" "$T/jsre_main.c" "$B/libdcc.a" "$B/libdccrt-internal.a" -lyaml -lxml2 -lm 2>"$W/cc.err"; then
    ok
    node "$NODE_DIR/patterns.mjs" "$W/jsre_main" "$SEED" > "$W/patterns.out" 2>&1
    tally "$W/patterns.out" "patterns"
else bad "jsre_main does not compile"; head -10 "$W/cc.err"; fi

# The hostile contracts of tests/c must give schemas the validators read.
HOSTILE="tests/c/hostile.dc tests/c/hostile_words.dc tests/c/clash.dc tests/c/chain.dc"
for target in jsonschema avro openapi; do
    "$DCC" gen -t $target -o "$W/hostile/$target" $HOSTILE 2>"$W/err" && ok || { bad "dcc gen -t $target of the hostile contracts failed"; cat "$W/err"; }
done
node "$NODE_DIR/compile.mjs" "$W/hostile/jsonschema" "$W/hostile/avro" > "$W/compile.out" 2>&1
tally "$W/compile.out" "hostile schemas"
node "$NODE_DIR/openapi.mjs" "$W/hostile/openapi" > "$W/openapi2.out" 2>&1
tally "$W/openapi2.out" "hostile OpenAPI"
node "$NODE_DIR/compile.mjs" "$W/servers/jsonschema" "$W/servers/avro" > "$W/compile2.out" 2>&1
tally "$W/compile2.out" "schema of data/servers.dc"
finish
