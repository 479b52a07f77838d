#!/bin/sh
# golden.sh DCC - the generated files of every target against tests/golden, without the
# oracles that tests/c, tests/jsonschema and tests/sql run on them (seconds, not minutes): the
# mutation harness's check of targets/. Those suites stay the judges of the golden files.
set -u
DCC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
for target in jsonschema avro openapi; do
    if "$DCC" gen -t $target -o "$T/$target" examples/*/*.dc 2>"$T/err"; then
        diff -r "tests/golden/$target" "$T/$target" >/dev/null && ok || bad "$target differs from tests/golden/$target"
    else bad "dcc gen -t $target failed: $(head -3 "$T/err")"; fi
done
"$DCC" gen -t c -o "$T/c" examples/sales/orders.dc 2>"$T/err" && ok || bad "dcc gen -t c failed"
for f in tests/golden/c/*; do cmp -s "$f" "$T/c/$(basename "$f")" && ok || bad "c: $(basename "$f") differs"; done
for d in $(ls tests/golden/sql | grep -v '\.tsv$'); do
    if (cd examples/sales && "$DCC" gen -t sql --dialect "$d" -o "$T/sql/$d" ./orders.dc 2>"$T/err"); then
        for f in tests/golden/sql/"$d"/*; do
            cmp -s "$f" "$T/sql/$d/$(basename "$f")" && ok || bad "sql $d: $(basename "$f") differs"
        done
    else bad "dcc gen -t sql --dialect $d failed"; fi
done
finish
