#!/bin/sh
# samples.sh DCC - every row of examples/samples.tsv and tests/validate/samples.tsv (test-only
# contracts, such as a 100-link chain of named types) through `dcc validate`: valid files are
# accepted (exit 0, no violation) and each record of an invalid file raises exactly the rule code
# its .expected file names for it, and nothing else. Record rules only (--skip-quality): the
# samples are too small for the contracts' production row counts.
set -u
DCC=$1
. tests/cli/lib.sh
command -v jq >/dev/null 2>&1 || { echo "samples.sh: needs jq (apt-get install jq)"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

for tsv in examples/samples.tsv tests/validate/samples.tsv; do tail -n +2 "$tsv"; done |
while IFS='	' read -r contract dataset data format expected; do
    OUT=$("$DCC" validate "$contract" --dataset "$dataset" --format "$format" --skip-quality \
          --report json "$data" 2>"$T/err"); rc=$?
    printf '%s' "$OUT" | jq -r '.violations[] | "\(.record)\t\(.rule)"' > "$T/got" 2>"$T/jqerr" \
        || { echo "FAIL: $data: report is not JSON: $(head -c 300 "$T/jqerr")"; echo fail >> "$T/results"; continue; }
    if [ "$expected" = valid ]; then
        if [ $rc -eq 0 ] && [ ! -s "$T/got" ]; then echo ok >> "$T/results"; else
            echo "FAIL: $data should be valid (exit $rc):"; head -5 "$T/got"; cat "$T/err" | head -3
            echo fail >> "$T/results"; fi
    else
        awk '{ printf "%d\t%s\n", NR, $1 }' "$expected" > "$T/want"
        if [ $rc -eq 1 ] && cmp -s "$T/got" "$T/want"; then echo ok >> "$T/results"; else
            echo "FAIL: $data (exit $rc): violations differ from $expected (< want, > got)"
            diff "$T/want" "$T/got" | head -10
            echo fail >> "$T/results"; fi
    fi
done
pass=$(grep -c ok "$T/results" 2>/dev/null || true)
failn=$(grep -c fail "$T/results" 2>/dev/null || true)
echo "${pass:-0} passed, ${failn:-0} failed"
[ "${failn:-0}" -eq 0 ] && [ "${pass:-0}" -gt 0 ]
