#!/bin/sh
# golden.sh DCC [PART...] - the generated files of every target against tests/golden, without the
# oracles that tests/c, tests/jsonschema, tests/sql, tests/odcs and tests/docs_site run on them
# (seconds, not minutes): the mutation harness's check of targets/. Those suites stay the judges
# of the golden files. PARTs (default all): jsonschema avro openapi c sql odcs docs markdown;
# odcs-rt (not in the default) takes tests/odcs's contracts through ODCS and back.
# odcs also reads each golden ODCS file back and writes it again: the reader must undo the
# writer, byte for byte (compiler/odcs_read.c against targets/odcs.c).
set -u
DCC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
PARTS=${*:-jsonschema avro openapi c sql odcs docs markdown}
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
for target in $PARTS; do
    case $target in
    jsonschema | avro | openapi | odcs | docs | markdown)
        if "$DCC" gen -t $target -o "$T/$target" examples/*/*.dc 2>"$T/err"; then
            diff -r "tests/golden/$target" "$T/$target" >/dev/null && ok || bad "$target differs from tests/golden/$target"
        else bad "dcc gen -t $target failed: $(head -3 "$T/err")"; fi ;;
    c)
        "$DCC" gen -t c -o "$T/c" examples/sales/orders.dc 2>"$T/err" && ok || bad "dcc gen -t c failed"
        for f in tests/golden/c/*; do cmp -s "$f" "$T/c/$(basename "$f")" && ok || bad "c: $(basename "$f") differs"; done ;;
    sql) # a folder per dialect; physical/ and servers/ hold tests/sql's own contracts' DDL per dialect
        for d in $(ls tests/golden/sql | grep -v -e '\.tsv$' -e '^physical$' -e '^servers$'); do
            if (cd examples/sales && "$DCC" gen -t sql --dialect "$d" -o "$T/sql/$d" ./orders.dc 2>"$T/err"); then
                for f in tests/golden/sql/"$d"/*; do
                    cmp -s "$f" "$T/sql/$d/$(basename "$f")" && ok || bad "sql $d: $(basename "$f") differs"
                done
            else bad "dcc gen -t sql --dialect $d failed"; fi
            if "$DCC" gen -t sql --dialect "$d" -o "$T/phys/$d" tests/sql/physical.dc 2>"$T/err"; then
                cmp -s "tests/golden/sql/physical/$d/phys_orders.sql" "$T/phys/$d/phys_orders.sql" && ok || bad "sql physical/$d differs"
            else bad "dcc gen -t sql --dialect $d tests/sql/physical.dc failed"; fi
        done ;;
    odcs-rt) # tests/odcs's contracts (type options, values' notes, references' maps, the
        # description's keys, named types, a contract without status, imports) through ODCS
        # and back: the same model (`dcc fmt --dump`, import paths left out, the contract items
        # in any order: ODCS has none, and the reader gives them in its own), without node
        "$DCC" gen -t odcs -o "$T/rt" tests/odcs/*.dc tests/odcs/imports/*.dc 2>"$T/err" || bad "dcc gen -t odcs tests/odcs failed: $(head -3 "$T/err")"
        for f in tests/odcs/*.dc tests/odcs/imports/*.dc; do
            y=$T/rt/$(sed -n 's/^\(contract\|library\) \([^ ]*\) .*/\2/p' "$f" | head -1).odcs.yaml
            "$DCC" fmt --dump "$f" 2>/dev/null | jq -S 'del(.imports[]?.path) | if .items then .items |= sort else . end' > "$T/a.json"
            "$DCC" fmt --dump "$y" 2>/dev/null | jq -S 'del(.imports[]?.path) | if .items then .items |= sort else . end' > "$T/b.json"
            [ -s "$T/a.json" ] && cmp -s "$T/a.json" "$T/b.json" && ok || bad "$f -> ODCS -> dcc changed the model"
        done
        # the standard's fully qualified references into the same contract: checked references
        [ "$("$DCC" fmt --dump tests/odcs/fq/fq.odcs.yaml 2>/dev/null | jq -c '[.imports // [], [.datasets[0].fields[].attrs.references]]')" = '[[],[null,["t","id"],["t","id"],["t","id"]]]' ] &&
            ok || bad "tests/odcs/fq/fq.odcs.yaml: its fully qualified references do not read as t.id"
        # and the contract of tests/odcs/contract.dc with no status (dccNoStatus)
        sed '/^  status /d' tests/odcs/contract.dc > "$T/nostatus.dc"
        "$DCC" gen -t odcs -o "$T/ns" "$T/nostatus.dc" 2>/dev/null
        "$DCC" fmt --dump "$T/nostatus.dc" > "$T/a.json"; "$DCC" fmt --dump "$T"/ns/*.yaml > "$T/b.json" 2>/dev/null
        cmp -s "$T/a.json" "$T/b.json" && ok || bad "a contract without a status -> ODCS -> dcc changed the model" ;;
    *) echo "golden.sh: no part '$target'" >&2; exit 2 ;;
    esac
    if [ $target = odcs ]; then
        for f in tests/golden/odcs/*.yaml; do
            rm -rf "$T/back"
            "$DCC" gen -t odcs -o "$T/back" "$f" 2>"$T/err" || { bad "$f: dcc gen -t odcs failed: $(head -3 "$T/err")"; continue; }
            cmp -s "$f" "$T/back/$(basename "$f")" && ok || bad "$f: read back and written again, it differs"
        done
    fi
done
finish
