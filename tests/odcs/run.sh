#!/bin/sh
# run.sh BUILD - the ODCS front end against the standard's own material and independent oracles:
#   verdicts     every ODCS file of the public corpus (the standard's examples for v3.1 and v3.2,
#                its 28 negative tests, datacontract-cli's fixtures): `dcc check` accepts a file
#                exactly when ajv finds it valid against one of the official JSON Schemas
#                (v3.0.2, v3.1.0, v3.2.0), bar the deviations listed below with their reason
#   negatives    each negative test is rejected with the diagnostic its name describes, located
#                on the line that holds the offending key (the expectations are in this file)
#   model        for every valid file, the model dcc builds (`dcc fmt --dump`) has the datasets,
#                fields, optionality, uniqueness, primary key, bounds and types the YAML says, as
#                read by the `yaml` npm package (model.mjs)
#   apiVersion   a declared version older than the content is a warning naming both
#   hostile      aliases (billion laughs), tags, duplicate keys, bad UTF-8, non-YAML, several
#                documents, deep nesting, a huge scalar: a located error, in bounded time
#   gen -t odcs  golden files of the example contracts (UPDATE_GOLDEN=1 regenerates), two runs
#                byte-identical, every output valid against the official v3.1.0 JSON Schema (ajv)
#   round trips  dcc -> ODCS -> dcc: every sample of examples/samples.tsv gets the same violations,
#                record by record, from the generated ODCS as from the .dc contract;
#                ODCS -> dcc -> ODCS: every example of the standard, written back by dcc, is valid
#                v3.1.0 and still has the datasets, fields, types, keys and bounds of the original
# The oracles are npm packages pinned by package-lock.json, installed with `npm ci` into
# BUILD/odcs-node. Prints "N passed, N failed".
set -u
B=${1:-build}
DCC=$B/dcc
. tests/cli/lib.sh
T=tests/odcs
C=tests/corpus/public
S=$C/odcs/schema
W=$(mktemp -d /tmp/dcc-odcs.XXXXXX)
trap 'rm -rf "$W"' EXIT

# ---- the oracles ---------------------------------------------------------------------------------
NODE_DIR=$B/odcs-node
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
# valid_odcs VERSION FILE MESSAGE: FILE is valid against the standard's JSON Schema of VERSION (ajv)
valid_odcs() {
    node "$NODE_DIR/ajv.mjs" "$S/odcs-json-schema-v$1.json" "$2" > "$W/ajv.out"
    grep -q "	valid$" "$W/ajv.out" && ok || { bad "$3"; head -5 "$W/ajv.out"; }
}

# ---- verdicts against ajv ------------------------------------------------------------------------
find "$C/odcs/examples" "$C/odcs/examples-3.2" "$C/odcs/negative" "$C/datacontract-cli" -name '*.yaml' | sort > "$W/files"
[ "$(wc -l < "$W/files")" -ge 70 ] && ok || bad "expected at least 70 corpus YAML files, found $(wc -l < "$W/files")"
for v in 3.0.2 3.1.0 3.2.0; do
    node "$NODE_DIR/ajv.mjs" "$S/odcs-json-schema-v$v.json" $(cat "$W/files") | cut -f1,2 > "$W/ajv-$v" ||
        bad "ajv failed on the v$v schema"
done
# Deviations from the oracle, each with its reason (docs/odcs.md):
#   cities-version-2 declares v3.1.0 but gives local servers datacontract-cli's `delimiter`, which
#   v3.1 reserves for azure, s3, sftp and custom servers: a warning (DC1112), so that the fixture
#   datacontract-cli's own tests validate data with stays readable.
deviation() {
    case "$1" in
        */schema-evolution/odcs-datacontract-cities-version-2.yaml) echo DC1112 ;;
        *) echo "" ;;
    esac
}
while read -r f; do
    valid=no
    for v in 3.0.2 3.1.0 3.2.0; do grep -q "^$f	valid$" "$W/ajv-$v" && valid=yes; done
    out=$("$DCC" check "$f" 2>&1); rc=$?
    dev=$(deviation "$f")
    if [ -n "$dev" ]; then
        [ $valid = no ] && [ $rc -eq 0 ] && ok || bad "$f: expected the documented deviation (ajv invalid, dcc accepts)"
        contains "$out" "[$dev]"
    elif [ $valid = yes ]; then
        [ $rc -eq 0 ] && ok || { bad "$f: valid ODCS (ajv) but dcc check exits $rc"; echo "$out" | grep error: | head -3; }
    else
        [ $rc -eq 1 ] && ok || bad "$f: invalid ODCS (ajv) but dcc check exits $rc"
        echo "$out" | grep -q "^$f:[0-9]*:[0-9]*: error: .*\[DC1[01][0-9][0-9]\]$" && ok ||
            { bad "$f: no located ODCS error"; echo "$out" | head -3; }
    fi
done < "$W/files"

# ---- the negative tests: the right diagnostic, on the right line -----------------------------------
# FILE|CODE|TEXT-ON-THE-REPORTED-LINE|WORDS-IN-THE-MESSAGE
while IFS='|' read -r name code token words; do
    f=$C/odcs/negative/$name.odcs.yaml
    out=$("$DCC" check "$f" 2>&1)
    line=$(echo "$out" | grep -m1 "error: .*\[$code\]" | sed -n "s|^$f:\([0-9]*\):[0-9]*: .*|\1|p")
    [ -n "$line" ] && ok || { bad "$name: no $code error"; echo "$out" | head -3; continue; }
    sed -n "${line}p" "$f" | grep -q -- "$token" && ok || bad "$name: $code reported on line $line, which lacks '$token'"
    echo "$out" | grep "\[$code\]" | grep -q -- "$words" && ok || bad "$name: the $code message lacks '$words'"
done <<'EOF_NEG'
additional-unknown-property|DC1103|unknownRootField|unknown key 'unknownRootField'
enum-duplicate-values|DC1107|pending|given twice
enum-empty|DC1107|enum:|at least one
enum-missing-value|DC1105|label:|needs 'value'
invalid-api-version|DC1106|v4.0.0|apiVersion
invalid-kind|DC1106|DataModel|kind
invalid-quality-dimension|DC1106|validity|dimension
invalid-quality-metric|DC1106|invalidMetric|metric
invalid-quality-type|DC1106|unknown|type
map-missing-block|DC1107|name: user_preferences|'map'
map-missing-key|DC1105|value:|needs 'key'
map-missing-value|DC1105|key:|needs 'value'
missing-required-fields|DC1105|version:|needs 'id'
quality-custom-missing-implementation|DC1107|type: custom|'implementation'
quality-element-field|DC1103|element:|unknown key 'element'
quality-library-missing-metric|DC1107|type: library|'metric'
quality-multiple-operators|DC1107|mustNotBe|one operator
quality-mustbebetween-wrong-size|DC1107|mustBeBetween|two numbers
quality-sql-missing-query|DC1107|type: sql|'query'
relationship-property-level-with-from|DC1107|from:|no 'from'
relationship-schema-level-missing-from-to|DC1107|type: foreignKey|'from' and 'to'
schema-property-invalid-logicaltype|DC1106|binary|logicalType
schema-property-missing-name|DC1105|logicalType: string|needs 'name'
server-invalid-type|DC1106|mongodb|type
server-missing-conditional-fields|DC1107|server: athena-prod|'schema'
server-missing-required-fields|DC1105|host: db.example.com|needs 'server'
sla-missing-required-value|DC1105|property: latency|needs 'value'
synonym-missing-term|DC1105|description:|needs 'synonym'
EOF_NEG
n=$(ls "$C"/odcs/negative/*.yaml | wc -l)
[ "$n" -eq 28 ] && ok || bad "expected the standard's 28 negative tests, found $n"

# ---- the model built from every valid file --------------------------------------------------------
while read -r f; do
    grep -q "^$f	valid$" "$W/ajv-3.2.0" "$W/ajv-3.1.0" "$W/ajv-3.0.2" 2>/dev/null || continue
    "$DCC" fmt --dump "$f" > "$W/dump.json" 2>"$W/err" || { bad "$f: dcc fmt --dump failed"; head -3 "$W/err"; continue; }
    node "$NODE_DIR/model.mjs" "$f" "$W/dump.json" > "$W/model.out" && ok || { bad "$f: model differs from the YAML"; head -5 "$W/model.out"; }
done < "$W/files"

# ---- apiVersion older than the content -------------------------------------------------------------
out=$("$DCC" check "$C/odcs/examples/data-types__all-data-types.odcs.yaml" 2>&1); rc=$?
[ $rc -eq 0 ] && ok || bad "data-types example: exit $rc"
echo "$out" | grep "\[DC1108\]" | grep -q "v3.0.2.*v3.1.0" && ok || bad "data-types example: no DC1108 naming v3.0.2 and v3.1.0"

# ---- content sniffing: a contract without the .yaml name is still read as ODCS ---------------------
cp "$C/odcs/examples/schema__table-column.odcs.yaml" "$W/contract.txt"
expect_exit 0 "$DCC" check "$W/contract.txt"

# ---- hostile YAML ---------------------------------------------------------------------------------
hostile() { # FILE CODE
    out=$(timeout 20 "$DCC" check "$1" 2>&1); rc=$?
    [ $rc -eq 1 ] && ok || bad "$1: exit $rc (want 1)"
    echo "$out" | grep -q "^$1:[0-9]*:[0-9]*: error: .*\[$2\]$" && ok || { bad "$1: no located $2"; echo "$out" | head -3; }
}
hostile $T/hostile/billion-laughs.yaml DC1101
hostile $T/hostile/tag.yaml DC1101
hostile $T/hostile/duplicate-key.yaml DC1102
hostile $T/hostile/invalid-utf8.yaml DC0101
hostile $T/hostile/not-yaml.yaml DC1100
hostile $T/hostile/two-documents.yaml DC1101
hostile $T/hostile/scalar.yaml DC1109
hostile $T/hostile/complex-key.yaml DC1101
hostile $T/hostile/dcc-types-unnamed.yaml DC1105
hostile $T/hostile/dcc-map-unnamed.yaml DC1105
"$DCC" check $T/hostile/dcc-map-unnamed.yaml 2>&1 | grep -q "^1 error, 0 warnings$" && ok || bad "dcc-map-unnamed.yaml: more than its one error (a struct emptied by it reported again?)"
awk 'BEGIN { printf "apiVersion: v3.1.0\nkind: DataContract\nx: "; for (i = 0; i < 100000; i++) printf "["; print "" }' > "$W/deep.yaml"
hostile "$W/deep.yaml" DC1101
awk 'BEGIN { printf "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\ndomain: \""; for (i = 0; i < 200000; i++) printf "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01"; print "\"\nnope: 1" }' > "$W/huge.yaml"
hostile "$W/huge.yaml" DC1103
# ---- gen -t odcs: golden files, determinism, validity ------------------------------------------------
G=tests/golden/odcs
"$DCC" gen -t odcs -o "$W/gen" examples/*/*.dc 2>"$W/err" && ok || { bad "dcc gen -t odcs failed"; cat "$W/err"; }
"$DCC" gen -t odcs -o "$W/again" examples/*/*.dc 2>/dev/null
diff -r "$W/gen" "$W/again" >/dev/null && ok || bad "gen -t odcs: two runs differ"
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then rm -rf "$G"; mkdir -p "$G"; cp "$W/gen"/* "$G/"; echo "golden files of odcs regenerated"; fi
diff -r "$G" "$W/gen" > "$W/golden.diff" && ok || { bad "odcs differs from $G (UPDATE_GOLDEN=1 regenerates)"; head -40 "$W/golden.diff"; }
node "$NODE_DIR/ajv.mjs" "$S/odcs-json-schema-v3.1.0.json" "$W"/gen/*.yaml > "$W/gen.ajv"
n=$(grep -c "	valid$" "$W/gen.ajv"); total=$(ls "$W"/gen/*.yaml | wc -l)
[ "$n" -eq "$total" ] && [ "$total" -ge 4 ] && ok || { bad "gen -t odcs: $n of $total outputs valid v3.1.0"; grep -v "	valid$" "$W/gen.ajv" | head -5; }

# ---- dcc -> ODCS -> dcc: the same verdicts on every sample ------------------------------------------
tail -n +2 examples/samples.tsv | while IFS='	' read -r contract dataset data format expected; do
    product=$("$DCC" fmt --dump "$contract" | jq -r '.name | join(".")' | tr 'A-Z' 'a-z')
    y=$W/gen/$product.odcs.yaml
    a=$("$DCC" validate "$contract" --dataset "$dataset" --format "$format" --skip-quality --report json "$data" 2>/dev/null | jq -c '[.violations[] | [.record, .rule]]')
    b=$("$DCC" validate "$y" --dataset "$dataset" --format "$format" --skip-quality --report json "$data" 2>/dev/null | jq -c '[.violations[] | [.record, .rule]]')
    if [ -n "$a" ] && [ "$a" = "$b" ]; then echo ok; else echo "FAIL: $data: violations from $y differ from $contract's"; fi
done > "$W/rt.log"
grep -v '^ok$' "$W/rt.log"
pass=$((pass + $(grep -c '^ok$' "$W/rt.log"))); failn=$((failn + $(grep -c '^FAIL' "$W/rt.log")))
[ "$(grep -c '^ok$' "$W/rt.log")" -ge 30 ] && ok || bad "expected at least 30 samples compared"

# ---- ODCS -> dcc -> ODCS: the standard's examples written back ---------------------------------------
for f in "$C"/odcs/examples/*.yaml "$C"/odcs/examples-3.2/*.yaml; do
    o=$W/back/$(basename "$(dirname "$f")")/$(basename "$f" .odcs.yaml)
    "$DCC" gen -t odcs -o "$o" "$f" >/dev/null 2>&1 || { bad "$f: dcc gen -t odcs failed"; continue; }
    g=$(ls "$o"/*.odcs.yaml)
    # the version the file declared (`standard odcs "v3.0.2"` keeps it) when the content written
    # back is valid in it, else v3.1.0, or v3.2.0 when the contract holds something only v3.2.0
    # has (a server's workgroup, semanticType or synonyms carried in `meta`): valid against the
    # schema of the version it says (v3.0.0 and v3.0.1 against v3.0.2's, the one published)
    v=$(sed -n 's/^apiVersion: \(v3\.[0-2]\.[0-2]\)$/\1/p' "$g")
    case "$v" in v3.0.[01]) v=v3.0.2 ;; esac
    node "$NODE_DIR/ajv.mjs" "$S/odcs-json-schema-${v:-none}.json" "$g" | grep -q "	valid$" && ok || bad "$f: written back, not valid ${v:-(no apiVersion)}"
    "$DCC" fmt --dump "$g" > "$W/dump.json" 2>/dev/null || { bad "$g: cannot be read back"; continue; }
    node "$NODE_DIR/model.mjs" "$f" "$W/dump.json" > "$W/model.out" && ok || { bad "$f: written back, its model differs"; head -5 "$W/model.out"; }
done
# ---- round trips, difference by difference ------------------------------------------------------------
# roundtrip.mjs lists what a round trip lost, added or changed (paths with [] for list items). The
# lists below are asserted exactly, per file: a new loss fails, and so does a loss that went away
# until it is struck from the list, so the list in the repository is always what is still lost.
# UPDATE_GOLDEN=1 rewrites both lists.
#   ODCS -> dcc -> ODCS: every example of the standard, compared as parsed YAML (yaml package),
#                        keys whose value is the official schema's default for that key left out
#   dcc -> ODCS -> dcc:  every example contract and library, all written by one `dcc gen -t odcs`
#                        into one directory (an import is the sibling file dccImports names),
#                        each read back from there and compared as `dcc fmt --dump` models, the
#                        imports' paths left out (a .dc file's against an .odcs.yaml's; the
#                        aliases are compared)
for f in "$C"/odcs/examples/*.yaml "$C"/odcs/examples-3.2/*.yaml; do
    rel=${f#"$C"/odcs/}
    o=$W/rt/${rel%.odcs.yaml}
    "$DCC" gen -t odcs -o "$o" "$f" >/dev/null 2>&1 || { echo "$rel	dcc gen -t odcs failed"; continue; }
    node "$NODE_DIR/roundtrip.mjs" yaml "$S/odcs-json-schema-v3.1.0.json" "$f" "$o"/*.odcs.yaml | sed "s|^|$rel	|"
done > "$W/rt-odcs.txt"
"$DCC" gen -t odcs -o "$W/rtd" examples/*/*.dc >/dev/null 2>&1 || echo "examples/*/*.dc	dcc gen -t odcs failed" > "$W/rt-dcc.txt"
for f in examples/*/*.dc; do
    y=$W/rtd/$("$DCC" fmt --dump "$f" | jq -r '.name | join(".")' | tr 'A-Z' 'a-z').odcs.yaml
    [ -f "$y" ] || { echo "$f	no ODCS written"; continue; }
    # an import's path is the .dc file in one and the sibling .odcs.yaml in the other
    "$DCC" fmt --dump "$f" | jq 'del(.imports[]?.path)' > "$W/a.json"
    "$DCC" fmt --dump "$y" 2>/dev/null | jq 'del(.imports[]?.path)' > "$W/b.json" && [ -s "$W/b.json" ] || { echo "$f	written ODCS cannot be read back"; continue; }
    node "$NODE_DIR/roundtrip.mjs" json "$W/a.json" "$W/b.json" | sed "s|^|$f	|"
done >> "$W/rt-dcc.txt"
for l in odcs dcc; do
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$W/rt-$l.txt" "$T/roundtrip-$l.txt"; echo "tests/odcs/roundtrip-$l.txt rewritten"; fi
    diff "$T/roundtrip-$l.txt" "$W/rt-$l.txt" > "$W/rt.diff" && ok ||
        { bad "round trip $l: the differences are not tests/odcs/roundtrip-$l.txt's ('>' new, '<' gone: strike it)"; head -20 "$W/rt.diff"; }
done
n=$(find "$W/rt" -name '*.odcs.yaml' | wc -l)
[ "$n" -ge 46 ] && ok || bad "round trip odcs: $n of the standard's 46 examples written back"
n=$(find "$W/rtd" -name '*.odcs.yaml' | wc -l)
[ "$n" -ge 5 ] && ok || bad "round trip dcc: $n example contracts and libraries written"
# the harness itself: a document compared with itself has no difference, one with a key removed,
# one changed and one added has exactly those three
f=$C/odcs/examples/all__full-example.odcs.yaml
[ -z "$(node "$NODE_DIR/roundtrip.mjs" yaml "$S/odcs-json-schema-v3.1.0.json" "$f" "$f")" ] && ok || bad "roundtrip.mjs finds differences between a file and itself"
sed -e '/^tenant:/d' -e 's/^version: .*/version: 9.9.9/' -e '$a\
x-extra: 1' "$f" > "$W/changed.yaml"
got=$(node "$NODE_DIR/roundtrip.mjs" yaml "$S/odcs-json-schema-v3.1.0.json" "$f" "$W/changed.yaml" | tr '\n' ' ')
[ "$got" = "added x-extra changed version lost tenant " ] && ok || bad "roundtrip.mjs on a changed file: '$got'"
printf 'x:\n  required: false\n' > "$W/d1.yaml"; printf 'x: {}\n' > "$W/d2.yaml"
[ -z "$(node "$NODE_DIR/roundtrip.mjs" yaml "$S/odcs-json-schema-v3.1.0.json" "$W/d1.yaml" "$W/d2.yaml")" ] && ok || bad "roundtrip.mjs: 'required: false' (the schema's default) is not left out"
# an empty list or mapping is no key (`schema: []`, `description: {}`), but one with content is
printf 'a: 1\nschema: []\ndescription: {}\n' > "$W/e1.yaml"; printf 'a: 1\n' > "$W/e2.yaml"; printf 'a: 1\nschema: [1]\n' > "$W/e3.yaml"
[ -z "$(node "$NODE_DIR/roundtrip.mjs" yaml "$S/odcs-json-schema-v3.1.0.json" "$W/e1.yaml" "$W/e2.yaml")" ] && ok || bad "roundtrip.mjs: an empty list or mapping is not left out"
[ "$(node "$NODE_DIR/roundtrip.mjs" yaml "$S/odcs-json-schema-v3.1.0.json" "$W/e1.yaml" "$W/e3.yaml")" = "added schema" ] && ok || bad "roundtrip.mjs: a list with content is left out"

# ---- dcc import: the same model, in dcc fmt layout ---------------------------------------------------
# (dcc's own files import each other by the names dccImports gives, beside each other: they are
# copied into one directory, and each is imported into a .dc file there)
mkdir -p "$W/gimp"; cp tests/golden/odcs/*.yaml "$W/gimp/"
for f in "$C"/odcs/examples/*.yaml "$C"/odcs/examples-3.2/*.yaml "$W"/gimp/*.yaml; do
    d=$W; case "$f" in "$W"/gimp/*) d=$W/gimp ;; esac
    "$DCC" import odcs "$f" -o "$d/imported.dc" 2>/dev/null || { bad "$f: dcc import failed"; continue; }
    "$DCC" fmt --check "$d/imported.dc" >/dev/null && ok || bad "$f: imported contract is not in dcc fmt layout"
    "$DCC" fmt --dump "$d/imported.dc" > "$W/a.json" 2>/dev/null; "$DCC" fmt --dump "$f" > "$W/b.json" 2>/dev/null
    cmp -s "$W/a.json" "$W/b.json" && ok || { bad "$f: imported contract's model differs"; diff "$W/b.json" "$W/a.json" | head -5; }
    # the imported contract checks clean: it says `standard odcs`, so dcc's house rules (an owner,
    # datasets, fields) are warnings for it as for the YAML
    out=$("$DCC" check "$d/imported.dc" 2>&1); rc=$?
    [ $rc -eq 0 ] && ok || { bad "$f: imported contract fails dcc check (exit $rc)"; echo "$out" | grep error: | head -3; }
    case "$f" in "$W"/gimp/*) ;; *) grep -Eq "^  standard odcs( \"v3\.[0-2]\.[0-2]\")?$" "$W/imported.dc" && ok || bad "$f: imported contract lacks 'standard odcs'" ;; esac
done
# ---- named servers (issue 14): compiler/servers.def against the official schemas, and every type -----
# servers.mjs compares the table with ServerSource of the three schemas (types, required and other
# fields, value types). servers.dc names one server of every type with every field it takes:
# written as ODCS it is valid v3.1.0 (ajv), the `yaml` package reads back each server's type and
# fields as written (a port a number, the rest strings), and ODCS -> dcc gives the same servers.
node "$NODE_DIR/servers.mjs" compiler/servers.def "$S" > "$W/servers.out" && ok || { bad "compiler/servers.def differs from the schemas"; head -5 "$W/servers.out"; }
expect_exit 0 "$DCC" check $T/servers.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/servers" $T/servers.dc
y=$W/servers/servers.every_type.odcs.yaml
valid_odcs 3.1.0 "$y" "servers.dc written as ODCS is not valid v3.1.0"
"$DCC" fmt --dump $T/servers.dc | jq -S '[.servers[] | {server: .name, type, fields: (.fields | map_values(if .[0] == "number" then (.[1] | tonumber) else .[1] end))}]' > "$W/sa.json"
node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
  console.log(JSON.stringify(d.servers.map(s=>{const {server,type,roles,customProperties,...f}=s;return {server,type,fields:f};})))'   "$NODE_DIR/node_modules/yaml" "$y" | jq -S . > "$W/sb.json"
n=$(jq length "$W/sa.json")
[ "$n" -ge 34 ] && cmp -s "$W/sa.json" "$W/sb.json" && ok || { bad "servers.dc: the ODCS servers differ from the contract's ($n servers)"; diff "$W/sa.json" "$W/sb.json" | head -10; }
grep -q "^  port: 5432$" "$y" && ok || bad "servers.dc's ODCS: a port is not a YAML integer"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/servers-back.dc"
"$DCC" fmt --dump $T/servers.dc | jq -S .servers > "$W/sa.json"; "$DCC" fmt --dump "$W/servers-back.dc" | jq -S .servers > "$W/sb.json"
cmp -s "$W/sa.json" "$W/sb.json" && ok || { bad "servers.dc -> ODCS -> dcc changed the servers"; diff "$W/sa.json" "$W/sb.json" | head -10; }
# athena's workgroup is the one server field only v3.2.0 has: a contract holding it is written as
# v3.2.0, valid against that schema (ajv), and reads back with it
printf 'contract t.wg 1.0.0 {\n  owner "T"\n  server q athena { schema "s" stagingDir "s3://l/st/" workgroup "primary" }\n  dataset d {\n    field a int32\n  }\n}\n' > "$W/wg.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/wg" "$W/wg.dc"
grep -q "^apiVersion: v3.2.0$" "$W/wg/t.wg.odcs.yaml" && ok || bad "a contract with a workgroup is not written as v3.2.0"
valid_odcs 3.2.0 "$W/wg/t.wg.odcs.yaml" "the workgroup contract's ODCS is not valid v3.2.0"
"$DCC" fmt --dump "$W/wg/t.wg.odcs.yaml" | jq -e '.servers[0].fields.workgroup == ["string", "primary"]' >/dev/null && ok || bad "the workgroup did not read back"
# every server of every valid corpus file (postgres, kafka, azure, local, ...): a named server
while read -r f; do
    grep -q "^servers:" "$f" || continue
    grep -q "^$f	valid$" "$W/ajv-3.2.0" "$W/ajv-3.1.0" "$W/ajv-3.0.2" || continue
    want=$(node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
      console.log((d.servers||[]).map(s=>s.server+" "+s.type).join("\n"))' "$NODE_DIR/node_modules/yaml" "$f")
    got=$("$DCC" fmt --dump "$f" 2>/dev/null | jq -r '.servers[]? | "\(.name) \(.type)"')
    [ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "$f: named servers '$got', the YAML has '$want'"
done < "$W/files"
# ---- element metadata (issue 14): tests/odcs/meta.dc has every item ---------------------------------
# dcc -> ODCS: valid v3.1.0 (ajv), and the YAML as the `yaml` package reads it holds every item
# (model.mjs, from the dump of the file read back); ODCS -> dcc: the imported datasets are the
# original's, item for item.
expect_exit 0 "$DCC" check tests/odcs/meta.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/meta" tests/odcs/meta.dc
y=$W/meta/meta.orders.odcs.yaml
valid_odcs 3.1.0 "$y" "meta.dc written as ODCS is not valid v3.1.0"
"$DCC" fmt --dump "$y" > "$W/dump.json" 2>/dev/null
node "$NODE_DIR/model.mjs" "$y" "$W/dump.json" > "$W/model.out" && ok || { bad "meta.dc: the ODCS written differs from its model"; head -5 "$W/model.out"; }
for key in "id: ds-orders" "physicalType: view" "physicalName: ORD_T" "businessName: Orders" "criticalDataElement: true" \
           "encryptedName: amount_enc" "partitionKeyPosition: 2" "physicalType: NUMBER(38,0)" "physicalType: char(2)" \
           "dataGranularityDescription: one row per order" "transformLogic: upper(region_code)" "value: gold" \
           "value: ann" "value: string(2)" "to: plain.n" "to: orders.id"; do
    grep -q "^[ -]*$key\$" "$y" && ok || bad "meta.dc's ODCS lacks '$key'"
done
# `meta` carries what only v3.2.0 has (semanticType): such a contract is written as v3.2.0, valid
# against that schema, and reads back with the key in its meta
mkdir -p "$W/m32"
printf 'contract m.v32 1.0.0 {\n  owner "QA"\n  dataset d {\n    field x integer meta { semanticType: "measure" }\n  }\n}\n' > "$W/m32/t.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/m32/out" "$W/m32/t.dc"
grep -q "^apiVersion: v3.2.0$" "$W/m32/out/m.v32.odcs.yaml" && ok || bad "a contract with semanticType in meta is not written as v3.2.0"
valid_odcs 3.2.0 "$W/m32/out/m.v32.odcs.yaml" "the semanticType contract's ODCS is not valid v3.2.0"
"$DCC" fmt --dump "$W/m32/out/m.v32.odcs.yaml" 2>/dev/null | grep -q '"semanticType": "measure"' && ok || bad "semanticType did not come back in meta"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/meta.dc"
"$DCC" fmt --dump tests/odcs/meta.dc | jq -S .datasets > "$W/a.json"; "$DCC" fmt --dump "$W/meta.dc" | jq -S .datasets > "$W/b.json"
[ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "meta.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
# ---- missing_count and missing_rate (issue 14): tests/odcs/missing.dc ---------------------------
# missingValues in rows and in percent with arguments.missingValues, null first; valid v3.1.0
# (ajv); the values keep their YAML types (the string "1" quoted, false a boolean), and the file
# reads back to the same model. A list without null, no list, and a list holding a map are
# DC1111 (dcc counts null always; the standard gives the list no default).
expect_exit 0 "$DCC" gen -t odcs -o "$W/mq" tests/odcs/missing.dc
y=$W/mq/mq.orders.odcs.yaml
valid_odcs 3.1.0 "$y" "missing.dc's ODCS is not valid v3.1.0"
[ "$(grep -c '^ *metric: missingValues$' "$y")" = 4 ] && ok || bad "missing.dc's ODCS: not four missingValues checks"
[ "$(grep -c '^ *- null$' "$y")" = 4 ] && ok || bad "missing.dc's ODCS: not null in every list"
grep -q '^        - "1"$' "$y" && grep -q '^        - false$' "$y" && grep -q '^        - 0.00$' "$y" && ok || bad "missing.dc's ODCS: values lost their types"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/mq.dc"
"$DCC" fmt --dump tests/odcs/missing.dc | jq -S '.datasets' > "$W/a.json"; "$DCC" fmt --dump "$W/mq.dc" | jq -S '.datasets' > "$W/b.json"
[ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "missing.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
for lost in '/^        - null$/d' 's/^        missingValues:$/        other:/' 's|^        - null$|&\n        - {a: 1}|'; do
    sed "$lost" "$y" > "$W/mq-lost.yaml"
    "$DCC" import odcs "$W/mq-lost.yaml" -o "$W/mq-lost.dc" 2> "$W/mq-lost.err"
    [ "$(grep -c 'missingValues quality check has no counterpart.*DC1111' "$W/mq-lost.err")" = 4 ] && ok || bad "missingValues after sed '$lost': not DC1111 four times"
done
# ---- invalid_count and invalid_rate with valid values (issue 14): tests/odcs/invalid.dc -------
# invalidValues in rows and in percent with arguments.validValues, null kept where written (null
# and absent valid) and left out where not; valid v3.1.0 (ajv); the values keep their YAML types,
# and the file reads back to the same model. An empty list, a list holding a map and a pattern
# beside the list are DC1111 (a pattern is not mapped).
expect_exit 0 "$DCC" gen -t odcs -o "$W/iq" tests/odcs/invalid.dc
y=$W/iq/iq.orders.odcs.yaml
valid_odcs 3.1.0 "$y" "invalid.dc's ODCS is not valid v3.1.0"
[ "$(grep -c '^ *metric: invalidValues$' "$y")" = 5 ] && ok || bad "invalid.dc's ODCS: not five invalidValues checks"
[ "$(grep -c '^ *- null$' "$y")" = 2 ] && ok || bad "invalid.dc's ODCS: null not in exactly the two lists that hold it"
grep -q '^        - "1"$' "$y" && grep -q '^        - true$' "$y" && grep -q '^        - 0.00$' "$y" && ok || bad "invalid.dc's ODCS: values lost their types"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/iq.dc"
"$DCC" fmt --dump tests/odcs/invalid.dc | jq -S '.datasets' > "$W/a.json"; "$DCC" fmt --dump "$W/iq.dc" | jq -S '.datasets' > "$W/b.json"
[ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "invalid.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
for lost in 's/^        validValues:$/        validValues: []\n        other:/' 's|^        - 5$|&\n        - {a: 1}|' 's|^        validValues:$|        pattern: "^a"\n&|'; do
    sed "$lost" "$y" > "$W/iq-lost.yaml"
    "$DCC" import odcs "$W/iq-lost.yaml" -o "$W/iq-lost.dc" 2> "$W/iq-lost.err"
    n=$(grep -c 'invalidValues quality check has no counterpart.*DC1111' "$W/iq-lost.err")
    case "$lost" in *'{a: 1}'*) want=1 ;; *) want=5 ;; esac
    [ "$n" = "$want" ] && ok || bad "invalidValues after sed '$lost': DC1111 $n times, not $want"
done
# ---- a type's options, items and map parts (issue 14): tests/odcs/typeopts.dc -----------------------
# dcc -> ODCS: meta's logicalTypeOptions, items and map go into the type's own keys beside dcc's
# (a date's format after its range, a list's uniqueItems after its length, an item's physicalType
# and options, a v3.2 map's key and value descriptions), a timestamp's bounds spelt as its format
# says (a space, no 'Z' without a zone letter): valid v3.2.0 (ajv, the map block is
# v3.2.0's), and the `yaml` package reads each property's type keys exactly as expected.
# ODCS -> dcc: the imported datasets are the original's, meta for meta.
expect_exit 0 "$DCC" check $T/typeopts.dc
expect_exit 0 "$DCC" fmt --check $T/typeopts.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/to" $T/typeopts.dc
y=$W/to/to.orders.odcs.yaml
grep -q "^apiVersion: v3.2.0$" "$y" && ok || bad "typeopts.dc's ODCS is not written as v3.2.0"
valid_odcs 3.2.0 "$y" "typeopts.dc written as ODCS is not valid v3.2.0"
node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
  const o={};for(const p of d.schema[0].properties){const {name,required,...t}=p;o[name]=t;}console.log(JSON.stringify(o))' \
  "$NODE_DIR/node_modules/yaml" "$y" | jq -S . > "$W/to-got.json"
jq -S . > "$W/to-want.json" <<'EOF_TO'
{"id": {"logicalType": "integer", "logicalTypeOptions": {"format": "i64"}},
 "day": {"logicalType": "date", "logicalTypeOptions": {"minimum": "2020-01-01", "format": "yyyy-MM-dd"}},
 "at": {"logicalType": "timestamp", "logicalTypeOptions": {"timezone": true, "minimum": "2020-01-01 00:00:00+10:00", "format": "yyyy-MM-dd HH:mm:ssXXX", "defaultTimezone": "Australia/Sydney"}},
 "seen": {"logicalType": "timestamp", "logicalTypeOptions": {"minimum": "2020-01-01 00:00:00", "exclusiveMaximum": "2021-01-01 00:00:00.5", "format": "yyyy-MM-dd HH:mm:ss"}},
 "cutoff": {"logicalType": "time", "logicalTypeOptions": {"timezone": false}},
 "email": {"logicalType": "string", "logicalTypeOptions": {"pattern": "^[^@]+@[^@]+$", "format": "email"}},
 "tags": {"logicalType": "array", "logicalTypeOptions": {"minItems": 0, "maxItems": 3, "uniqueItems": true},
          "items": {"logicalType": "string", "physicalType": "varchar", "description": "one tag"}},
 "counts": {"logicalType": "array", "items": {"logicalType": "integer", "logicalTypeOptions": {"minimum": 0, "multipleOf": 2}}},
 "extra": {"logicalType": "object", "logicalTypeOptions": {"required": ["a"], "maxProperties": 5}},
 "prefs": {"logicalType": "map", "map": {"key": {"logicalType": "string", "description": "preference name", "physicalType": "varchar(20)"},
                                         "value": {"logicalType": "integer", "logicalTypeOptions": {"maximum": 10}, "description": "its weight"}}}}
EOF_TO
cmp -s "$W/to-want.json" "$W/to-got.json" && ok || { bad "typeopts.dc's ODCS: the properties' type keys differ"; diff "$W/to-want.json" "$W/to-got.json" | head -10; }
expect_exit 0 "$DCC" import odcs "$y" -o "$W/to.dc"
"$DCC" fmt --dump $T/typeopts.dc | jq -S .datasets > "$W/a.json"; "$DCC" fmt --dump "$W/to.dc" | jq -S .datasets > "$W/b.json"
[ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "typeopts.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
"$DCC" fmt --dump "$y" | jq -S .datasets > "$W/b.json"
cmp -s "$W/a.json" "$W/b.json" && ok || { bad "typeopts.dc -> ODCS -> dcc (read) changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
# what dcc says itself stays out of meta on the way back: a range, a length, the type's width
jq -e '[.. | objects | .meta? // empty | .. | objects | keys[]] | index("minItems") == null and index("format") != null' "$W/b.json" >/dev/null && ok ||
    bad "typeopts.dc -> ODCS -> dcc: meta holds what the language says (minItems), or lost the formats"
# ---- the contract level (issue 14): tests/odcs/contract.dc -----------------------------------------
# `standard odcs "v3.0.2"` keeps the apiVersion: dcc -> ODCS writes it (valid against v3.0.2's own
# schema, ajv) and ODCS -> dcc gives the same model back. Content that v3.0.2 cannot hold (an
# int32's format) is written as v3.1.0 instead; a kept v3.2.0 is written as v3.2.0 for v3.1
# content; and the v3.1.0 dcc writes by itself reads back with no version kept. A status dcc has
# no word for (`status "development"`) goes out and comes back as it is, and so do upstreams.
expect_exit 0 "$DCC" check tests/odcs/contract.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/top" tests/odcs/contract.dc
y=$W/top/top.orders.odcs.yaml
grep -q "^apiVersion: v3.0.2$" "$y" && ok || bad "contract.dc's ODCS is not written as v3.0.2"
grep -q "^status: development$" "$y" && ok || bad "contract.dc's ODCS lacks 'status: development'"
grep -A3 "property: dccUpstream" "$y" | grep -q "^    - external: erp.orders$" && ok || bad "contract.dc's ODCS lacks the external upstream"
grep -A3 "property: dccUpstream" "$y" | grep -q "^    - dataset: orders$" && ok || bad "contract.dc's ODCS lacks the upstream dataset"
valid_odcs 3.0.2 "$y" "contract.dc written as ODCS is not valid v3.0.2"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/top.dc"
grep -q '^  standard odcs "v3.0.2"$' "$W/top.dc" && ok || bad "contract.dc -> ODCS -> dcc: no 'standard odcs \"v3.0.2\"'"
grep -q '^  status "development"$' "$W/top.dc" && ok || bad "contract.dc -> ODCS -> dcc: no 'status \"development\"'"
"$DCC" fmt --dump tests/odcs/contract.dc > "$W/a.json"; "$DCC" fmt --dump "$W/top.dc" > "$W/b.json"
jq -e '.standard_version == ["string", "v3.0.2"]' "$W/a.json" >/dev/null && cmp -s "$W/a.json" "$W/b.json" && ok ||
    { bad "contract.dc -> ODCS -> dcc changed the model"; diff "$W/a.json" "$W/b.json" | head -10; }
sed 's/field qty integer?/field qty int32?/' tests/odcs/contract.dc > "$W/top31.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/top31" "$W/top31.dc"
grep -q "^apiVersion: v3.1.0$" "$W/top31/top.orders.odcs.yaml" && ok || bad "a v3.0.2 contract with an int32 is not written as v3.1.0"
valid_odcs 3.1.0 "$W/top31/top.orders.odcs.yaml" "the int32 contract's ODCS is not valid v3.1.0"
# ... and so does a metadata key of v3.1 (a custom property's description)
sed 's/^  status "development"$/&\n  custom x 1 meta { description: "d" }/' tests/odcs/contract.dc > "$W/topm.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/topm" "$W/topm.dc"
grep -q "^apiVersion: v3.1.0$" "$W/topm/top.orders.odcs.yaml" && ok || bad "a v3.0.2 contract with a custom property's description is not written as v3.1.0"
valid_odcs 3.1.0 "$W/topm/top.orders.odcs.yaml" "the custom description contract's ODCS is not valid v3.1.0"
sed 's/"v3.0.2"/"v3.2.0"/' "$W/top31.dc" > "$W/top32.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/top32" "$W/top32.dc"
grep -q "^apiVersion: v3.2.0$" "$W/top32/top.orders.odcs.yaml" && ok || bad "a contract that keeps v3.2.0 is not written as v3.2.0"
valid_odcs 3.2.0 "$W/top32/top.orders.odcs.yaml" "the v3.2.0 contract's ODCS is not valid v3.2.0"
"$DCC" fmt --dump "$W/top32/top.orders.odcs.yaml" | jq -e '.standard_version == ["string", "v3.2.0"]' >/dev/null && ok || bad "a v3.2.0 file with v3.1 content does not keep its version"
sed 's/standard odcs.*/owner "Orders"/' "$W/top31.dc" > "$W/top0.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/top0" "$W/top0.dc"
grep -q "^apiVersion: v3.1.0$" "$W/top0/top.orders.odcs.yaml" && ok || bad "a contract that keeps no version is not written as v3.1.0"
"$DCC" fmt --dump "$W/top0/top.orders.odcs.yaml" | jq -e 'has("standard_version") | not' >/dev/null && ok || bad "dcc's own v3.1.0 reads back with a version kept"
# a contract that says no status: ODCS requires one, so `status: draft` (what dcc's checks take
# it for) with dccNoStatus, valid, and it reads back with no status, as the model it came from
sed '/^  status "development"$/d' tests/odcs/contract.dc > "$W/tops.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/tops" "$W/tops.dc"
y=$W/tops/top.orders.odcs.yaml
grep -q "^status: draft$" "$y" && grep -A1 "property: dccNoStatus" "$y" | grep -q "value: true" && ok || bad "a contract without a status: not written as draft with dccNoStatus"
valid_odcs 3.0.2 "$y" "the contract without a status is not valid v3.0.2 as ODCS"
"$DCC" fmt --dump "$W/tops.dc" > "$W/a.json"; "$DCC" fmt --dump "$y" > "$W/b.json"
jq -e 'has("status") | not' "$W/a.json" >/dev/null && cmp -s "$W/a.json" "$W/b.json" && ok ||
    { bad "a contract without a status -> ODCS -> dcc changed the model"; diff "$W/a.json" "$W/b.json" | head -10; }
# a contract's custom property with its id and description (`custom N V meta { ... }`, v3.1's keys):
# written under the entry (valid v3.1.0), read back into the item's meta
printf 'contract top.cp 1.0.0 {\n  owner "T"\n  custom ruleset "r1" meta { id: "cp-1", description: "the ruleset" }\n  dataset d {\n    field a string\n  }\n}\n' > "$W/cp.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/cp" "$W/cp.dc"
y=$W/cp/top.cp.odcs.yaml
grep -A3 "^- property: ruleset$" "$y" | tr '\n' ' ' | grep -q "value: r1 *id: cp-1 *description: the ruleset" && ok || bad "a custom property's id and description are not written under it"
valid_odcs 3.1.0 "$y" "the custom property contract's ODCS is not valid v3.1.0"
"$DCC" fmt --dump "$W/cp.dc" | jq -S .metadata > "$W/a.json"; "$DCC" fmt --dump "$y" | jq -S .metadata > "$W/b.json"
jq -e '.[0].meta.id == "cp-1"' "$W/a.json" >/dev/null && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "a custom property's meta did not come back"; diff "$W/a.json" "$W/b.json" | head -5; }
# ---- named types (issue 14): tests/odcs/ntypes.dc -------------------------------------------------
# dcc -> ODCS: valid v3.1.0 (ajv); as the `yaml` package reads it, the root's dccTypes names the
# declarations in order, each use of one of them (a field, a list's items, a struct's field) has
# dccTypeName, and every property still says its whole type and every attribute its type chain
# gives it, for other tools (hand-written: shelf is Price = Money, so decimal(12,2) from 0 in EUR
# with Price's term; discount's own range replaces Money's; OrderRef's reference is a relationship
# of its dccTypes entry and of returns.order's property). ODCS -> dcc: the same types and
# datasets (`dcc fmt --dump`), read directly and through `dcc import odcs`, whose output is canonical.
# (Each property's values are listed in a fixed order, absent ones left out.)
expect_exit 0 "$DCC" check $T/ntypes.dc
expect_exit 0 "$DCC" fmt --check $T/ntypes.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/nt" $T/ntypes.dc
y=$W/nt/nt.shop.odcs.yaml
valid_odcs 3.1.0 "$y" "ntypes.dc written as ODCS is not valid v3.1.0"
got=$(node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
  const cp=(o,k)=>((o&&o.customProperties)||[]).filter(c=>c.property===k).map(c=>c.value)[0];
  const out=[(cp(d,"dccTypes")||[]).map(t=>t.name+":"+(cp(t,"dccTypeName")||"")).join(",")];
  const props=d.schema[0].properties;
  for(const p of props){const o=p.logicalTypeOptions||{};out.push([p.name,p.logicalType,p.physicalType,o.minimum,o.maximum,o.maxLength,o.minLength,o.pattern,
    p.classification,cp(p,"dccTypeName"),cp(p,"dccUnit"),cp(p,"dccTerm"),cp(p,"dccPii"),p.items&&cp(p.items,"dccTypeName"),
    p.items&&p.items.properties&&p.items.properties.map(q=>q.name+"/"+(cp(q,"dccTypeName")||"")).join("+")].filter(v=>v!==undefined&&v!=="").join(" "))}
  console.log(out.join("\n"))' "$NODE_DIR/node_modules/yaml" "$y")
want='Money:,Price:Money,Tag:,Status:,OrderRef:,Line:
id integer bigint
total number numeric(12,2) 0 Money EUR
shelf number numeric(12,2) 0 confidential Price EUR Shelf price name
discount number numeric(12,2) 0 100 Money EUR
note string varchar(16) 16 2 ^[a-z]+$ internal Tag
tags array jsonb Tag
lines array jsonb Line sku/+price/Price
status string text Status
prices object jsonb'
[ "$got" = "$want" ] && ok || { bad "ntypes.dc's ODCS:"; printf '%s\n' "$want" > "$W/want"; printf '%s\n' "$got" | diff "$W/want" -; }
"$DCC" fmt --dump $T/ntypes.dc | jq -S '{types, datasets}' > "$W/a.json"
"$DCC" fmt --dump "$y" | jq -S '{types, datasets}' > "$W/b.json"
[ "$(jq '.types | length' "$W/a.json")" = 6 ] && cmp -s "$W/a.json" "$W/b.json" && ok ||
    { bad "ntypes.dc -> ODCS -> dcc changed the types or datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
expect_exit 0 "$DCC" import odcs "$y" -o "$W/nt.dc"
expect_exit 0 "$DCC" fmt --check "$W/nt.dc"
"$DCC" fmt --dump "$W/nt.dc" | jq -S '{types, datasets}' > "$W/b.json"
cmp -s "$W/a.json" "$W/b.json" && ok || { bad "ntypes.dc -> ODCS -> import changed the types or datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
for want in 'type Price = Money term "Shelf price"' 'field shelf +Price[?] classification confidential pii[(]name[)]' \
            'field discount +Money range [[]0, 100[]]' 'field price Price' 'type OrderRef = int64 references orders.id' \
            'field order +OrderRef'; do
    grep -Eq "^ *$want\$" "$W/nt.dc" && ok || bad "ntypes.dc -> ODCS -> dcc: no line '$want'"
done
# ---- field-level quality (issue 14): tests/odcs/fieldq.dc -----------------------------------------
# dcc -> ODCS: valid v3.1.0, each field's rules under its property (hand-written expectations:
# valid_rate >= 99.5% is invalidValues <= 0.5 percent; the dataset rule null_count(note) goes under
# note, as a schema-level library metric names no column), the dataset's under the schema.
# ODCS -> dcc: the same rules, each where it was written: null_count(note), under note with its
# place in the dataset's block (dccQuality), back in that block and in its order.
expect_exit 0 "$DCC" check tests/odcs/fieldq.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/fq" tests/odcs/fieldq.dc
y=$W/fq/fq.orders.odcs.yaml
valid_odcs 3.1.0 "$y" "fieldq.dc written as ODCS is not valid v3.1.0"
# each property's checks as `name:metric-or-type:operator`, in order, and the schema's
got=$(awk '/^  - name: /{p=$3} /^  quality:/{p="SCHEMA"} /^ *- type: /{t=$3} /^ *metric: /{t=$2} /^ *must[A-Za-z]*:/{sub(":","",$1); printf "%s:%s:%s ", p, t, $1}' "$y")
want="id:nullValues:mustBe id:duplicateValues:mustBe email:nullValues:mustBeLessOrEqualTo email:invalidValues:mustNotBeBetween"
want="$want amount:nullValues:mustBeLessThan amount:invalidValues:mustBeLessOrEqualTo amount:sql:mustBe amount:rowCount:mustBeGreaterThan"
want="$want at:duplicateValues:mustBeLessOrEqualTo note:nullValues:mustBeLessThan SCHEMA:rowCount:mustBeBetween SCHEMA:duplicateValues:mustBeBetween"
want="$want SCHEMA:duplicateValues:mustNotBeBetween "
[ "$got" = "$want" ] && ok || bad "fieldq.dc's ODCS checks: '$got'"
grep -q "^      description: freshness(at) < 1d$" "$y" && ok || bad "fieldq.dc's ODCS: freshness is not a text check under at"
[ "$(grep -c '^ *unit: rows$' "$y")" = 1 ] && ok || bad "fieldq.dc's ODCS: not exactly one check in rows (duplicate_count's)"
# in percent: null_rate's, valid_rate's and duplicate_rate's two (12.5 under at, [1, 2] of (id, note))
[ "$(grep -c '^ *unit: percent$' "$y")" = 4 ] && ok || bad "fieldq.dc's ODCS: not four checks in percent"
grep -A2 '^      unit: percent$' "$y" | grep -q '^      mustBeLessOrEqualTo: 12.5$' && ok || bad "fieldq.dc's ODCS: duplicate_rate <= 12.5% is not mustBeLessOrEqualTo 12.5 in percent"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/fq.dc"
for want in 'field id +int64 expect [{] null_count == 0 unique [(]id[)] [}]' \
            'field email +string[?] pattern "[^"]*" expect [{] null_count <= 10 invalid_count not between 1 and 2 [}]' \
            'field amount +decimal[(]10,2[)][?] expect [{] null_rate < 5% valid_rate >= 99.5% sql "SELECT 1" == 1 row_count > 0 [}]' \
            'field at +timestamptz expect [{] freshness < 1d duplicate_rate <= 12.5% [}]' 'field note +string[?]' 'row_count between 1 and 1000' \
            'null_count[(]note[)] < 3' 'duplicate_count[(]id, email[)] between 1 and 2' 'duplicate_rate[(]id, note[)] not between 1% and 2%'; do
    grep -Eq "^ *$want\$" "$W/fq.dc" && ok || bad "fieldq.dc -> ODCS -> dcc: no line '$want'"
done
"$DCC" fmt --dump tests/odcs/fieldq.dc | jq -S .datasets > "$W/a.json"; "$DCC" fmt --dump "$W/fq.dc" | jq -S .datasets > "$W/b.json"
cmp -s "$W/a.json" "$W/b.json" && ok || { bad "fieldq.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
# ---- a quality rule's meta (issue 14): tests/odcs/qmeta.dc -----------------------------------------
# dcc -> ODCS: valid v3.1.0; as the `yaml` package reads it, each rule's meta is exactly one
# check's keys beside the rule's own (its kind, operator, threshold; a text check's description;
# dcc's custom properties); the dataset rules on one field sit under their property with their
# place in the block; the checks dcc does not run that a field's and the dataset's meta carry
# are there too. ODCS -> dcc: the same datasets, rule for rule, meta for meta, in order.
expect_exit 0 "$DCC" check $T/qmeta.dc
expect_exit 0 "$DCC" fmt --check $T/qmeta.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/qm" $T/qmeta.dc
y=$W/qm/qm.orders.odcs.yaml
valid_odcs 3.1.0 "$y" "qmeta.dc written as ODCS is not valid v3.1.0"
"$DCC" fmt --dump $T/qmeta.dc > "$W/qa.json"
got=$(node -e 'const fs=require("fs"),Y=require(require("path").resolve(process.argv[1]));
  const doc=Y.parse(fs.readFileSync(process.argv[2],"utf8")), dump=JSON.parse(fs.readFileSync(process.argv[3],"utf8"));
  const rule=new Set(["type","metric","rule","unit","arguments","query","mustBe","mustNotBe","mustBeGreaterThan",
    "mustBeGreaterOrEqualTo","mustBeLessThan","mustBeLessOrEqualTo","mustBeBetween","mustNotBeBetween"]);
  const key=v=>Array.isArray(v)?"["+v.map(key).join(",")+"]":v&&typeof v==="object"?
    "{"+Object.keys(v).sort().map(k=>JSON.stringify(k)+":"+key(v[k])).join(",")+"}":JSON.stringify(v);
  const rest=c=>{const o={};for(const [k,v] of Object.entries(c)){if(rule.has(k)||(k==="description"&&c.type==="text"))continue;
    if(k==="customProperties"){const l=v.filter(e=>!e.property.startsWith("dcc"));if(l.length)o[k]=l;continue;}o[k]=v;}return o;};
  const checks=doc.schema.flatMap(s=>[...(s.quality||[]),...s.properties.flatMap(p=>p.quality||[])]);
  const notRun=c=>c.type==="custom"||(c.type==="text"&&!(c.customProperties||[]).some(e=>e.property==="dccRule"));
  const have=checks.filter(c=>!notRun(c)).map(rest).filter(o=>Object.keys(o).length).map(key).sort();
  const carried=checks.filter(notRun).map(c=>c.type+":"+(c.engine||c.description)).join(" ");
  const want=dump.datasets.flatMap(d=>d.quality.filter(r=>r.meta).map(r=>key(r.meta))).sort();
  const places=doc.schema[0].properties.flatMap(p=>(p.quality||[]).flatMap(c=>(c.customProperties||[]).filter(e=>e.property==="dccQuality").map(e=>p.name+":"+e.value)));
  console.log(JSON.stringify(have)===JSON.stringify(want) && want.length>=7 ? "same "+want.length+" "+places.join(" ")+" "+carried : "differ "+JSON.stringify(have)+" "+JSON.stringify(want));' \
  "$NODE_DIR/node_modules/yaml" "$y" "$W/qa.json")
[ "$got" = "same 7 email:4 amount:2 text:orders arrive in order custom:soda" ] && ok || bad "qmeta.dc's ODCS checks: $got"
expect_exit 0 "$DCC" import odcs "$y" -o "$W/qm.dc"
"$DCC" fmt --dump $T/qmeta.dc | jq -S .datasets > "$W/a.json"; "$DCC" fmt --dump "$W/qm.dc" | jq -S .datasets > "$W/b.json"
[ "$(jq '[.[].quality[] | select(.meta)] | length' "$W/a.json")" = 7 ] && cmp -s "$W/a.json" "$W/b.json" && ok ||
    { bad "qmeta.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
"$DCC" fmt --check "$W/qm.dc" >/dev/null && ok || bad "qmeta.dc imported is not in dcc fmt layout"
# ---- fields, types and properties (issue 14): tests/odcs/types.dc -----------------------------------
# A contract that follows ODCS (`standard odcs`, as every contract read from ODCS) gets the
# physicalTypes it says, and dcc's only for a type read back by one (decimal, bytes, string(N));
# with house rules every property gets one (the field's, else dcc's) and the dataset `table`. Both ways the ODCS is valid v3.1.0 and reads back, and imports,
# with the same datasets (with house rules, a physical type that is dcc's own for the type says
# nothing more and is not read back: the house variant leaves those out, and the dataset without
# fields, an error with house rules).
expect_exit 0 "$DCC" check $T/types.dc
sed -E -e '/^  standard odcs$/d' -e '/^  dataset topic [{]$/,/^  [}]$/d' -e 's/ physical type "(text|table)"//' $T/types.dc > "$W/types-house.dc"
for v in std house; do
    src=$T/types.dc; [ $v = house ] && src=$W/types-house.dc
    expect_exit 0 "$DCC" gen -t odcs -o "$W/ty-$v" "$src"
    y=$W/ty-$v/types.orders.odcs.yaml
    valid_odcs 3.1.0 "$y" "types.dc ($v) written as ODCS is not valid v3.1.0"
    "$DCC" fmt --dump "$src" | jq -S .datasets > "$W/a.json"
    "$DCC" fmt --dump "$y" | jq -S .datasets > "$W/b.json"
    [ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "types.dc ($v) -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
    expect_exit 0 "$DCC" import odcs "$y" -o "$W/ty-$v.dc"
    "$DCC" fmt --dump "$W/ty-$v.dc" | jq -S .datasets > "$W/b.json"
    cmp -s "$W/a.json" "$W/b.json" && ok || { bad "types.dc ($v) -> ODCS -> dcc import changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
    # each property's physicalType, `-` for none, and the schema objects'
    got=$(node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
      console.log(d.schema.map(o=>o.name+"="+(o.physicalType||"-")+" "+(o.properties||["none"]).map(p=>p.name?p.name+":"+(p.physicalType||"-"):p).join(" ")).join(" "))' "$NODE_DIR/node_modules/yaml" "$y")
    if [ $v = std ]; then
        want="orders=- id:- code:text name:varchar(40) label:VARCHAR(12) short:char(3) payload:- events:- coupon:- fax:- at:- at_tz:- amount:numeric(10,2) raw:bytea codes:- prices:- topic=- none archive=table id:-"
    else
        want="orders=table id:bigint code:text name:varchar(40) label:VARCHAR(12) short:char(3) payload:jsonb events:jsonb coupon:text fax:text at:timestamp at_tz:timestamptz amount:numeric(10,2) raw:bytea codes:jsonb prices:jsonb archive=table id:bigint"
    fi
    [ "$got" = "$want" ] && ok || bad "types.dc ($v): physicalTypes '$got', want '$want'"
    # a list element that is read back by its physicalType gets it in both variants
    for key in "physicalType: varchar(5)" "physicalType: numeric(8,3)"; do
        [ "$(grep -c "^ *$key\$" "$y")" = 1 ] && ok || bad "types.dc ($v): not one item with '$key'"
    done
    # string(N) with a physicalType of its own other than varchar(N) says so in dccType; json
    # none (object without properties reads back as json); a list of json has items only with
    # house rules
    got=$(grep -A1 "property: dccType" "$y" | sed -n 's/^ *value: //p' | tr '\n' ' ')
    want="string(3) "
    [ "$got" = "$want" ] && ok || bad "types.dc ($v): dccType values '$got', want '$want'"
    n=$(grep -c "^    items:$" "$y"); want=3; [ $v = std ] && want=2
    [ "$n" = "$want" ] && ok || bad "types.dc ($v): $n lists with items, want $want"
    # timezone: true on timestamptz; false on timestamp only with house rules
    got=$(sed -n 's/^ *timezone: //p' "$y" | tr '\n' ' '); want="false true "; [ $v = std ] && want="true "
    [ "$got" = "$want" ] && ok || bad "types.dc ($v): timezones '$got', want '$want'"
    for key in "value: 2027-06-30" "value: moved to promotions" "value: no one sends faxes"; do
        grep -q "^ *$key\$" "$y" && ok || bad "types.dc ($v)'s ODCS lacks '$key'"
    done
done
# A map in a contract that follows ODCS is v3.2.0's `logicalType: map` (the document v3.2.0,
# valid against it); one with a length, or with house rules, v3.1.0's object with dccMapValue.
# Each reads back as the same datasets.
mkdir -p "$W/map"
printf 'contract m.maps 1.0.0 {\n  owner "QA"\n  standard odcs\n  dataset d {\n    field a map<string, int32>\n    field b map<string, list<string>>?\n    field c map<string, string> length [1, 3]\n  }\n}\n' > "$W/map/std.dc"
sed '/standard odcs/d' "$W/map/std.dc" > "$W/map/house.dc"
for v in std house; do
    expect_exit 0 "$DCC" gen -t odcs -o "$W/map/$v" "$W/map/$v.dc"
    y=$W/map/$v/m.maps.odcs.yaml
    api=v3.1.0; [ $v = std ] && api=v3.2.0
    grep -q "^apiVersion: $api$" "$y" && ok || bad "maps ($v): not written as $api"
    node "$NODE_DIR/ajv.mjs" "$S/odcs-json-schema-$api.json" "$y" | grep -q "	valid$" && ok || bad "maps ($v): not valid $api"
    got=$(node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
      console.log(d.schema[0].properties.map(p=>p.name+":"+p.logicalType+(p.map?":"+p.map.key.logicalType+"/"+p.map.value.logicalType:"")).join(" "))' "$NODE_DIR/node_modules/yaml" "$y")
    want="a:object b:object c:object"; [ $v = std ] && want="a:map:string/integer b:map:string/array c:object"
    [ "$got" = "$want" ] && ok || bad "maps ($v): '$got', want '$want'"
    n=$(grep -c "property: dccMapValue" "$y"); want=3; [ $v = std ] && want=1
    [ "$n" = "$want" ] && ok || bad "maps ($v): $n dccMapValue, want $want"
    "$DCC" fmt --dump "$W/map/$v.dc" | jq -S .datasets > "$W/a.json"; "$DCC" fmt --dump "$y" | jq -S .datasets > "$W/b.json"
    [ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "maps ($v) -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
done
# ---- how a primary key is worded (issue 14): tests/odcs/pkey.dc ---------------------------------------
# `primary key (...) odcs (...)`: as the `yaml` package reads the ODCS, each property's required,
# primaryKey and primaryKeyPosition (`-` for none) are what the words say, and dcc's own wording
# without them; the document is valid v3.1.0, reads back and imports as the same datasets (the
# words included), canonical under dcc fmt; a key field is still non-null for dcc validate.
expect_exit 0 "$DCC" check $T/pkey.dc
[ -z "$ERR" ] || contains "$ERR" "0 warnings"
expect_exit 0 "$DCC" fmt --check $T/pkey.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/pk" $T/pkey.dc
y=$W/pk/pkey.orders.odcs.yaml
valid_odcs 3.1.0 "$y" "pkey.dc written as ODCS is not valid v3.1.0"
got=$(node -e 'const Y=require(require("path").resolve(process.argv[1]));const d=Y.parse(require("fs").readFileSync(process.argv[2],"utf8"));
  console.log(d.schema.map(o=>o.name+" "+o.properties.map(p=>[p.name,p.required,p.primaryKey,p.primaryKeyPosition].map(v=>v===undefined?"-":v).join(":")).join(" ")).join(" | "))' \
  "$NODE_DIR/node_modules/yaml" "$y")
want="department id:-:true:- name:false:false:- code:true:false:- | history dept:true:true:- shift:true:true:- note:false:-:- | plain id:true:true:1 note:false:-:-"
[ "$got" = "$want" ] && ok || bad "pkey.dc's ODCS properties: '$got', want '$want'"
"$DCC" fmt --dump $T/pkey.dc | jq -S .datasets > "$W/a.json"
"$DCC" fmt --dump "$y" | jq -S .datasets > "$W/b.json"
[ "$(jq -c '[.[].primary_key_odcs]' "$W/a.json")" = '[["not_required","no_positions","others_false"],["no_positions"],null]' ] && ok || bad "pkey.dc: the dump lacks the key's words"
cmp -s "$W/a.json" "$W/b.json" && ok || { bad "pkey.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
expect_exit 0 "$DCC" import odcs "$y" -o "$W/pk.dc"
grep -q '^    primary key (id) odcs (not_required, no_positions, others_false)$' "$W/pk.dc" && ok || bad "pkey.dc imported: no key line with its words"
"$DCC" fmt --check "$W/pk.dc" >/dev/null && ok || bad "pkey.dc imported is not in dcc fmt layout"
"$DCC" fmt --dump "$W/pk.dc" | jq -S .datasets > "$W/b.json"
cmp -s "$W/a.json" "$W/b.json" && ok || { bad "pkey.dc -> ODCS -> dcc import changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
# dcc fmt writes the words once each, in the reference's order
sed 's/odcs (not_required, no_positions, others_false)/odcs (others_false, not_required, others_false, no_positions)/' $T/pkey.dc > "$W/pk-shuffled.dc"
expect_exit 0 "$DCC" fmt "$W/pk-shuffled.dc"
contains "$OUT" "primary key (id) odcs (not_required, no_positions, others_false)
"
printf '{"id":1,"name":null,"code":"a"}\n{"id":null,"name":"x","code":"b"}\n{"name":"x","code":"c"}\n' > "$W/pk.jsonl"
for src in $T/pkey.dc "$y"; do
    got=$("$DCC" validate "$src" --dataset department --format jsonl --skip-quality --report json "$W/pk.jsonl" 2>/dev/null | jq -c '[.violations[] | [.record, .field]]')
    [ "$got" = '[[2,"id"],[3,"id"]]' ] && ok || bad "$src: a null or absent key field is not a violation ($got)"
done
# no_positions on a key in another order than the fields: DC0314, and the positions written
printf 'contract pk.swap 1.0.0 {\n  owner "QA"\n  standard odcs\n  dataset d {\n    field a int64\n    field b int64\n    primary key (b, a) odcs (no_positions)\n  }\n}\n' > "$W/swap.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/swap" "$W/swap.dc"
contains "$ERR" "[DC0314]"
got=$(sed -n 's/^ *primaryKeyPosition: //p' "$W/swap/pk.swap.odcs.yaml" | tr '\n' ' ')
[ "$got" = "2 1 " ] && ok || bad "swap.dc: positions '$got', want '2 1 '"
expect_exit 2 "$DCC" import avro "$C/odcs/examples/schema__table-column.odcs.yaml"
expect_exit 1 "$DCC" import odcs "$C/odcs/negative/invalid-kind.odcs.yaml"
[ -z "$OUT" ] && ok || bad "import of an invalid file printed a contract"
# Names the language cannot spell (found by fuzz_odcs: `countr}_code` imported as is did not
# parse): every command reads them as written, import refuses and writes nothing.
cat > "$W/names.odcs.yaml" <<'YAML'
apiVersion: v3.1.0
kind: DataContract
id: names
version: 1.0.0
status: active
domain: supply chain
schema:
  - name: t
    properties:
      - name: type
        logicalType: string
      - name: my-col
        logicalType: integer
        required: true
YAML
expect_exit 0 "$DCC" check "$W/names.odcs.yaml"
contains "$ERR" "names.odcs.yaml:6:9: warning:"   # the domain (fuzz_odcs: `suppl,_chain`)
contains "$ERR" "names.odcs.yaml:12:15: warning:"
contains "$ERR" "[DC1199]"
printf '{"type":"a","my-col":1}\n{"type":"a"}\n' > "$W/names.jsonl"
expect_exit 1 "$DCC" validate --report json "$W/names.odcs.yaml" "$W/names.jsonl"
contains "$OUT" '"line":2,"record":2,"offset":24,"rule":"DV004","field":"my-col"'
rm -f "$W/names.dc"
expect_exit 1 "$DCC" import odcs "$W/names.odcs.yaml" -o "$W/names.dc"
[ ! -e "$W/names.dc" ] && ok || bad "import wrote a contract with a name the language cannot write"
# ---- what values, relationships and the description say beside themselves (issue 14): notes.dc ---
# dcc -> ODCS: valid v3.2.0 (ajv); as the `yaml` package reads it, a field whose values say more
# (`values ("V" { label: ... })`) has v3.2.0's `enum` of objects, each value with exactly its
# note's keys; bare values in a contract with house rules stay dccValues; a reference's map is
# its relationship's other keys; `description { ... }` the description's beside purpose and usage;
# a key column that no dcc key can hold (json) says `primaryKey: true` through its meta, once,
# beside the key's `others_false`, and is not made required.
# ODCS -> dcc: the same datasets and metadata, note for note; the imported
# contract in `dcc fmt` layout; the docs page shows the labels and descriptions.
expect_exit 0 "$DCC" check $T/notes.dc
expect_exit 0 "$DCC" fmt --check $T/notes.dc
expect_exit 0 "$DCC" gen -t odcs -o "$W/nn" $T/notes.dc
y=$W/nn/notes.orders.odcs.yaml
grep -q '^apiVersion: v3.2.0$' "$y" && ok || bad "notes.dc (enum objects) is not written as v3.2.0"
valid_odcs 3.2.0 "$y" "notes.dc written as ODCS is not valid v3.2.0"
got=$(node -e 'const fs=require("fs"),Y=require(require("path").resolve(process.argv[1]));
  const doc=Y.parse(fs.readFileSync(process.argv[2],"utf8"));
  const p=Object.fromEntries(doc.schema.flatMap(s=>s.properties).map(p=>[p.name,p]));
  const en=n=>JSON.stringify(p[n].enum)+" "+JSON.stringify((p[n].customProperties||[]).map(e=>e.property));
  const keys=doc.schema[1].properties.map(p=>p.name+":"+p.primaryKey+":"+p.required).join(" ");
  console.log([en("status"),en("priority"),en("plain"),JSON.stringify(p.order_id.relationships),JSON.stringify(p.other_id.relationships),
    JSON.stringify({...doc.description,purpose:doc.description.purpose&&"the doc"}),keys].join("\n"));' \
  "$NODE_DIR/node_modules/yaml" "$y")
want='[{"value":"pending","label":"Pending","description":"Order received, awaiting processing.","tags":["initial"]},{"value":"shipped","label":"Shipped"},{"value":"cancelled"}] []
[{"value":1,"description":"Highest priority."},{"value":2},{"value":3,"customProperties":[{"property":"slaHoursOverride","value":72}]}] []
undefined ["dccValues"]
[{"type":"foreignKey","to":"orders.id","customProperties":[{"property":"cardinality","value":"many-to-one"}]}]
[{"type":"foreignKey","to":"orders.id"}]
{"purpose":"the doc","usage":"Tests","authoritativeDefinitions":[{"type":"privacy-statement","url":"https://example.com/gdpr.pdf"}],"customProperties":[{"property":"reviewedBy","value":"legal"}]}
person:true:undefined number:true:false modified:false:false'
[ "$got" = "$want" ] && ok || { bad "notes.dc's ODCS:"; printf '%s\n' "$want" > "$W/want"; printf '%s\n' "$got" | diff "$W/want" -; }
expect_exit 0 "$DCC" import odcs "$y" -o "$W/nn.dc"
"$DCC" fmt --dump $T/notes.dc | jq -S '{datasets, metadata}' > "$W/a.json"; "$DCC" fmt --dump "$W/nn.dc" | jq -S '{datasets, metadata}' > "$W/b.json"
[ "$(jq '[.. | .value_notes? // empty | .[]] | length' "$W/a.json") $(jq '[.. | .references_meta? // empty] | length' "$W/a.json") $(jq '[.metadata[] | select(.item == "description")] | length' "$W/a.json")" = "4 1 1" ] &&
    cmp -s "$W/a.json" "$W/b.json" && ok || { bad "notes.dc -> ODCS -> dcc changed the datasets"; diff "$W/a.json" "$W/b.json" | head -10; }
"$DCC" fmt --check "$W/nn.dc" >/dev/null && ok || bad "notes.dc imported is not in dcc fmt layout"
# bare values in a contract that follows ODCS are v3.2.0's enum too (as an ODCS file says them)
sed 's/^  owner "QA"$/  owner "QA"\n  standard odcs/' $T/notes.dc > "$W/nn-std.dc"
expect_exit 0 "$DCC" gen -t odcs -o "$W/nn-std" "$W/nn-std.dc"
grep -A6 '^  - name: plain$' "$W/nn-std/notes.orders.odcs.yaml" | grep -q '^    - value: b$' && ok || bad "notes.dc with standard odcs: bare values are not an enum"
expect_exit 0 "$DCC" gen -t docs -o "$W/nn-docs" $T/notes.dc
grep -rqF 'one of pending (Pending: Order received, awaiting processing.), shipped (Shipped), cancelled' "$W/nn-docs" && ok ||
    bad "notes.dc's docs do not show the values' labels and descriptions"
# ---- imports (issue 14): tests/odcs/imports/ -------------------------------------------------------
# lib.dc (a library), crm.dc (imports it for a type), orders.dc (imports both, crm `as people`: an
# imported type with an attribute of the field's own, in a list and in a struct, a reference (with
# its relationship's custom properties) and an
# upstream into people). dcc -> ODCS: one `dcc gen -t odcs` writes the three side by side, each
# valid v3.1.0 (ajv); as the `yaml` package reads them, orders names its imports in dccImports,
# the imported types by dccTypeName ALIAS.NAME, the reference as a relationship into
# imp.crm.odcs.yaml and the upstream as {contract, dataset}, and the library is a document with
# dccLibrary and dccTypes. ODCS -> dcc: each reads back as its .dc file's model (imports compared
# by alias), and `dcc import odcs` beside them writes the same constructs, canonical and clean.
I=$T/imports
expect_exit 0 "$DCC" gen -t odcs -o "$W/imp" $I/lib.dc $I/crm.dc $I/orders.dc
for n in lib crm orders; do
    y=$W/imp/imp.$n.odcs.yaml
    valid_odcs 3.1.0 "$y" "imports/$n.dc written as ODCS is not valid v3.1.0"
    "$DCC" fmt --dump $I/$n.dc | jq -S 'del(.imports[]?.path)' > "$W/a.json"
    "$DCC" fmt --dump "$y" 2>"$W/err" | jq -S 'del(.imports[]?.path)' > "$W/b.json"
    [ -s "$W/a.json" ] && cmp -s "$W/a.json" "$W/b.json" && ok || { bad "imports/$n.dc -> ODCS -> dcc changed the model"; cat "$W/err"; diff "$W/a.json" "$W/b.json" | head -10; }
done
[ "$("$DCC" fmt --dump $I/orders.dc | jq -c '[.imports[].alias]')" = '[null,"people"]' ] && ok || bad "imports/orders.dc: not one import with and one without an alias"
got=$(node -e 'const Y=require(require("path").resolve(process.argv[1])),fs=require("fs");
  const o=Y.parse(fs.readFileSync(process.argv[2],"utf8")), l=Y.parse(fs.readFileSync(process.argv[3],"utf8"));
  const cp=(x,p)=>((x.customProperties||[]).find(e=>e.property===p)||{}).value;
  const all=(x,f,acc=[])=>{if(Array.isArray(x))x.forEach(y=>all(y,f,acc));else if(x&&typeof x==="object"){f(x,acc);Object.values(x).forEach(y=>all(y,f,acc));}return acc;};
  console.log([cp(o,"dccImports").map(e=>e.file+(e.as?" as "+e.as:"")).join(","),
    all(o.schema,(x,a)=>{const t=cp(x,"dccTypeName");if(t)a.push(t);}).join(","),
    all(o.schema,(x,a)=>{if(x.to)a.push(x.to);}).join(","),
    JSON.stringify(cp(o.schema[0],"dccUpstream")),
    cp(l,"dccLibrary")+" "+cp(l,"dccTypes").map(t=>t.name).join(",")+" "+(l.schema===undefined)].join(" | "))' \
  "$NODE_DIR/node_modules/yaml" "$W/imp/imp.orders.odcs.yaml" "$W/imp/imp.lib.odcs.yaml")
want='imp.lib.odcs.yaml,imp.crm.odcs.yaml as people | lib.Amount,lib.Code,Line,lib.Code,lib.Amount | imp.crm.odcs.yaml#/schema/customers/properties/id | [{"contract":"people","dataset":"customers"},{"external":"shop.orders"}] | true Code,Amount true'
[ "$got" = "$want" ] && ok || bad "imports/orders.dc's ODCS: '$got', want '$want'"
expect_exit 0 "$DCC" import odcs "$W/imp/imp.orders.odcs.yaml" -o "$W/imp/orders.dc"
for line in 'import "imp.lib.odcs.yaml"' 'import "imp.crm.odcs.yaml" as people' '    field customer uuid references people.customers.id {' \
            '    field total    lib.Amount range \[0, 1000\]' '    field codes    list<lib.Code>' '    upstream people.customers'; do
    grep -q "^$line\$" "$W/imp/orders.dc" && ok || bad "imports/orders.dc -> ODCS -> dcc import: no line '$line'"
done
grep -q "^// The imports are ODCS files beside imp.orders.odcs.yaml, as its dccImports names them:$" "$W/imp/orders.dc" && ok || bad "imports/orders.dc -> ODCS -> dcc import: the header does not say where the imports are"
expect_exit 0 "$DCC" fmt --check "$W/imp/orders.dc"
expect_exit 0 "$DCC" check "$W/imp/orders.dc"
"$DCC" fmt --dump $I/orders.dc | jq -S 'del(.imports[]?.path)' > "$W/a.json"; "$DCC" fmt --dump "$W/imp/orders.dc" | jq -S 'del(.imports[]?.path)' > "$W/b.json"
cmp -s "$W/a.json" "$W/b.json" && ok || { bad "imports/orders.dc -> ODCS -> dcc import changed the model"; diff "$W/a.json" "$W/b.json" | head -10; }
# a file dccImports names that is missing: the import's located error (DC0600) in each importer,
# and the importer's fields keep their whole types (no follow-on errors), no crash
mkdir -p "$W/imp-miss"; cp "$W/imp/imp.orders.odcs.yaml" "$W/imp/imp.crm.odcs.yaml" "$W/imp-miss/"
y=$W/imp-miss/imp.orders.odcs.yaml
expect_exit 1 "$DCC" check "$y"
line=$(grep -n "file: imp.lib.odcs.yaml" "$y" | cut -d: -f1)
contains "$ERR" "$y:$line:11: error: cannot find import \"imp.lib.odcs.yaml\""
contains "$ERR" "2 errors, 0 warnings"
# the library's document moved to another folder: not found beside the contracts (DC0600), found
# with -I (as a .dc file's import is), its types read from there: written back byte for byte
mkdir -p "$W/imp-i/a" "$W/imp-i/lib"
cp "$W/imp/imp.orders.odcs.yaml" "$W/imp/imp.crm.odcs.yaml" "$W/imp-i/a/"; cp "$W/imp/imp.lib.odcs.yaml" "$W/imp-i/lib/"
expect_exit 1 "$DCC" check "$W/imp-i/a/imp.orders.odcs.yaml"
contains "$ERR" "cannot find import \"imp.lib.odcs.yaml\""
expect_exit 0 "$DCC" check -I "$W/imp-i/lib" "$W/imp-i/a/imp.orders.odcs.yaml"
[ -z "$ERR" ] && ok || bad "imports through -I: '$ERR'"
expect_exit 0 "$DCC" gen -t odcs -I "$W/imp-i/lib" -o "$W/imp-i/out" "$W/imp-i/a/imp.orders.odcs.yaml"
cmp -s "$W/imp/imp.orders.odcs.yaml" "$W/imp-i/out/imp.orders.odcs.yaml" && ok ||
    { bad "imp.orders.odcs.yaml read with its library through -I and written again differs"; diff "$W/imp/imp.orders.odcs.yaml" "$W/imp-i/out/imp.orders.odcs.yaml" | head -5; }
# an import cycle through ODCS: a.odcs.yaml and b.odcs.yaml import each other: DC0601, located
mkdir -p "$W/imp-cyc"
for x in a b; do
    o=b; [ $x = b ] && o=a
    printf 'apiVersion: v3.1.0\nkind: DataContract\nid: cyc.%s\nname: cyc.%s\nversion: 1.0.0\nstatus: active\nteam:\n  name: QA\nschema:\n- name: t\n  properties:\n  - name: id\n    logicalType: integer\n    unique: true\ncustomProperties:\n- property: dccImports\n  value:\n  - file: %s.odcs.yaml\n' $x $x $o > "$W/imp-cyc/$x.odcs.yaml"
done
expect_exit 1 "$DCC" check "$W/imp-cyc/a.odcs.yaml"
contains "$ERR" "$W/imp-cyc/b.odcs.yaml:18:11: error: cyclic import: \"a.odcs.yaml\" is already being imported [DC0601]"
contains "$ERR" "$W/imp-cyc/a.odcs.yaml:18:11: note: "
# another tool's ODCS that points into a document beside it only by a relationship's fully
# qualified reference imports that document (the reference checked, by the name or the id its
# segments give); one into a file that is not there is carried in `meta` with a warning
# (DC1111) and written back as it came
mkdir -p "$W/imp-to"
printf 'apiVersion: v3.1.0\nkind: DataContract\nid: to.b\nname: to.b\nversion: 1.0.0\nstatus: active\nteam:\n  name: QA\nschema:\n- name: tb\n  id: tbl_b\n  properties:\n  - name: key\n    id: col_key\n    logicalType: integer\n    unique: true\n' > "$W/imp-to/b.odcs.yaml"
printf 'apiVersion: v3.1.0\nkind: DataContract\nid: to.a\nname: to.a\nversion: 1.0.0\nstatus: active\nteam:\n  name: QA\nschema:\n- name: t\n  properties:\n  - name: k\n    logicalType: integer\n    relationships:\n    - to: b.odcs.yaml#/schema/tbl_b/properties/col_key\n  - name: m\n    logicalType: integer\n    relationships:\n    - to: gone.odcs.yaml#/schema/t/properties/id\n' > "$W/imp-to/a.odcs.yaml"
expect_exit 0 "$DCC" check "$W/imp-to/a.odcs.yaml"
contains "$ERR" "a.odcs.yaml:19:11: warning: relationship to 'gone.odcs.yaml#/schema/t/properties/id'"
contains "$ERR" "[DC1111]"
got=$("$DCC" fmt --dump "$W/imp-to/a.odcs.yaml" 2>/dev/null | jq -c '[.imports, [.datasets[0].fields[].attrs.references]]')
[ "$got" = '[[{"path":["string","b.odcs.yaml"],"alias":null}],[["b","tb","key"],null]]' ] && ok || bad "a relationship into a file beside: '$got'"
expect_exit 0 "$DCC" gen -t odcs -o "$W/imp-to/out" "$W/imp-to/a.odcs.yaml"
grep -q "^    - to: gone.odcs.yaml#/schema/t/properties/id$" "$W/imp-to/out/to.a.odcs.yaml" && ok || bad "the relationship into a missing file was not written back"
# the standard's fully qualified reference into the same contract, in its three spellings
# (`schema/...`, `#/schema/...`, and after this document's own file name, which is no import:
# it was a cyclic import, DC0601, before), by ids and by names: each a checked reference, no
# diagnostic; one that names no property is carried with a warning (DC1111); all written back
# as `table.column`
mkdir -p "$W/fqref"
cp $T/fq/fq.odcs.yaml "$W/fqref/"
expect_exit 0 "$DCC" check "$W/fqref/fq.odcs.yaml"
[ -z "$ERR" ] && ok || bad "fully qualified references into the same contract: '$ERR'"
got=$("$DCC" fmt --dump "$W/fqref/fq.odcs.yaml" 2>/dev/null | jq -c '[.imports // [], [.datasets[0].fields[].attrs.references]]')
[ "$got" = '[[],[null,["t","id"],["t","id"],["t","id"]]]' ] && ok || bad "fully qualified references into the same contract read as '$got'"
sed 's|schema/tbl/properties/col_id|/schema/tbl/properties/nope|' "$W/fqref/fq.odcs.yaml" > "$W/fqref/bad.odcs.yaml"
expect_exit 0 "$DCC" check "$W/fqref/bad.odcs.yaml"
contains "$ERR" "bad.odcs.yaml:23:11: warning: relationship to '/schema/tbl/properties/nope', which is not a property of a schema object in this contract"
expect_exit 0 "$DCC" gen -t odcs -o "$W/fqref/out" "$W/fqref/fq.odcs.yaml"
[ "$(grep -c '^      to: t.id$' "$W/fqref/out/odcs.fq.odcs.yaml")" = 3 ] && ok || bad "fully qualified references into the same contract are not written back as t.id"
finish
