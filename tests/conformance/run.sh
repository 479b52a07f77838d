#!/bin/sh
# run.sh DCC - dcc's JSON and CSV readers against two public conformance suites, copied in
# tests/corpus/public with their licenses:
#   JSONTestSuite (N. Seriot): every y_ file (must be accepted) and n_ file (must be rejected)
#     1. as a record of a JSON Lines file,
#     2. as the value of a `json` field in a JSON Lines record,
#     3. as a quoted CSV cell of a `json` column;
#   accepted: no DV001 (malformed) and no DV002 (invalid UTF-8); rejected: DV001, DV002 or DV019
#   (nesting deeper than the limit: n_structure_100000_opening_arrays). A record must be an
#   object, so a valid text that is not one is rejected as a record with that reason (DV001, "a
#   record must be a JSON object") and accepted in forms 2 and 3. The i_ files (either answer is
#   right) must get an answer: exit 0 or 1, never a crash.
#   A JSON Lines record is one line: a file with a line break inside (only whitespace in y_ files,
#   but part of what is wrong in some n_ files) is taken by forms 1 and 2 only when it is a y_
#   file, with its line breaks read as spaces (the same JSON text); form 3 takes every file as is.
#   csv-spectrum: every CSV file against its expected JSON rows: the number of records, and each
#   column's values among those the JSON lists for it (`values [...]`, a string per cell).
set -u
DCC=$1
. tests/cli/lib.sh
command -v jq >/dev/null 2>&1 || { echo "conformance: needs jq (apt-get install jq)"; exit 1; }
J=tests/corpus/public/jsontestsuite/test_parsing
S=tests/corpus/public/csv-spectrum
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

cat > "$T/j.dc" <<'EOF'
contract conformance.json 1.0.0 {
  owner "Tests"
  dataset rec {
    allow unknown fields
  }
  dataset val {
    field v json?
  }
}
EOF
if ! "$DCC" check "$T/j.dc" >/dev/null 2>&1; then
    # no dataset-level switch for unknown fields: a record then answers DV003 besides, which
    # is neither DV001 nor DV002 and changes nothing below
    printf 'contract conformance.json 1.0.0 {\n  owner "Tests"\n  dataset rec {\n    field x json?\n  }\n  dataset val {\n    field v json?\n  }\n}\n' > "$T/j.dc"
fi
"$DCC" check "$T/j.dc" >/dev/null 2>&1 && ok || bad "the conformance contract does not check"

# verdict FILE KIND(y|n|i) FORM DATASET DATA
verdict() {
    out=$("$DCC" validate "$T/j.dc" --dataset "$4" --skip-quality --max-errors 5 "$5" 2>&1); rc=$?
    case $rc in 0 | 1) ;; *) bad "$1 ($3): exit $rc: $(printf '%s' "$out" | head -c 200)"; return ;; esac
    case "$out" in *"[DV001]"* | *"[DV002]"* | *"[DV019]"*) rejected=1 ;; *) rejected=0 ;; esac
    if [ "$3" = record ] && [ "$2" = y ] && [ "$(tr -d ' \t\r\n' < "$5" | head -c 1)" != "{" ]; then
        contains "$out" "a record must be a JSON object [DV001]"
        return
    fi
    case "$2" in
        y) [ $rejected = 0 ] && ok || bad "$1 ($3): a valid JSON text rejected: $(printf '%s' "$out" | head -c 200)" ;;
        n) [ $rejected = 1 ] && ok || bad "$1 ($3): an invalid JSON text accepted: $(printf '%s' "$out" | head -c 200)" ;;
        i) ok ;;
    esac
}
lines_only=0
for f in "$J"/[yni]_*.json; do
    name=$(basename "$f"); kind=${name%%_*}
    nl=$(tr -cd '\n' < "$f" | wc -c)
    # a trailing line break ends the line; any other is inside the text
    last=$(tail -c 1 "$f" | od -An -c | tr -d ' ')
    [ "$last" = '\n' ] && inner=$((nl - 1)) || inner=$nl
    if [ "$inner" -eq 0 ] || [ "$kind" = y ]; then
        if [ "$inner" -eq 0 ]; then cp "$f" "$T/line"; else tr '\n' ' ' < "$f" > "$T/line"; fi
        # a blank line is no record (nor a byte order mark alone at the start of a file): an
        # empty text is not a JSON Lines record to reject
        if tr -d ' \t\r\n' < "$T/line" | sed "1s/^$(printf '\357\273\277')//" | grep -q .; then
            { cat "$T/line"; printf '\n'; } > "$T/rec.jsonl"
            verdict "$name" "$kind" record rec "$T/rec.jsonl"
        fi
        { printf '{"v":'; tr -d '\n' < "$T/line"; printf '}\n'; } > "$T/val.jsonl"
        verdict "$name" "$kind" "json field" val "$T/val.jsonl"
    else
        lines_only=$((lines_only + 1))
    fi
    { printf 'v\n"'; sed 's/"/""/g' "$f"; printf '"\n'; } > "$T/val.csv"
    # sed adds a line break the file may not end with; inside the quotes it is JSON whitespace
    verdict "$name" "$kind" "CSV cell" val "$T/val.csv"
done
echo "JSONTestSuite: $(ls "$J" | wc -l) files; $lines_only n_/i_ files with a line break inside read as CSV cells only"

# ---- csv-spectrum -----------------------------------------------------------------------------
for csv in "$S"/csvs/*.csv; do
    name=$(basename "$csv" .csv); want=$S/json/$name.json
    [ -f "$want" ] || { bad "$name: no expected JSON"; continue; }
    # The copies of the *_crlf files lost their CRs (checked in without them): their expected
    # values then read \r\n as \n, said here rather than skipped.
    norm=.
    if [ "${name%_crlf}" != "$name" ] && ! grep -q "$(printf '\r')" "$csv"; then
        norm='map(map_values(gsub("\r\n"; "\n")))'
        printf 'csv-spectrum: %s.csv has no CR in this copy: expected \\r\\n compared as \\n\n' "$name"
    fi
    rows=$(jq "$norm | length" "$want")
    {
        printf 'contract conformance.csv 1.0.0 {\n  owner "Tests"\n  dataset d {\n'
        jq -r "$norm"' | (.[0] | keys_unsorted) as $k | $k[] as $c
               | "    field \($c) string? values (\([.[][$c]] | unique | map(tojson) | join(", ")))"' "$want"
        printf '    quality {\n      row_count == %s\n    }\n  }\n}\n' "$rows"
    } > "$T/s.dc"
    out=$("$DCC" validate "$T/s.dc" --dataset d "$csv" 2>&1); rc=$?
    [ $rc -eq 0 ] && ok || { bad "csv-spectrum $name (exit $rc):"; printf '%s\n' "$out" | head -5; }
    contains "$out" "$rows records: $rows valid"
done
finish
