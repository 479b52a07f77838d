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
#   Each form is one file with a record per test file, validated in one run.
#   csv-spectrum: every CSV file against its expected JSON rows: the number of records, and each
#   column's values among those the JSON lists for it (`values (...)`, a string per cell).
set -u
DCC=$1
. tests/cli/lib.sh
command -v jq >/dev/null 2>&1 || { echo "conformance: needs jq (apt-get install jq)"; exit 1; }
J=tests/corpus/public/jsontestsuite/test_parsing
S=tests/corpus/public/csv-spectrum
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# rec: any object is a record (unknown fields allowed); val: one json field
cat > "$T/j.dc" <<'EOF'
contract conformance.json 1.0.0 {
  owner "Tests"
  dataset rec {
    unknown fields allow
    field x json?
  }
  dataset val {
    field v json?
  }
}
EOF
"$DCC" check "$T/j.dc" >/dev/null 2>&1 && ok || bad "the conformance contract does not check"

# The three forms are three files, one record per test file (one dcc run each, not a thousand),
# written by forms.mjs; $T/index.FORM says which file each record is, and the JSON report which
# rules each broke.
command -v node >/dev/null 2>&1 || { echo "conformance: needs node (apt-get install nodejs)"; exit 1; }
node tests/conformance/forms.mjs "$J" "$T" || { bad "forms.mjs failed"; finish; exit 1; }
# form DATASET DATA INDEX FORM-NAME: each record's verdict against its file's kind
form() {
    "$DCC" validate "$T/j.dc" --dataset "$1" --skip-quality --report json "$2" > "$T/report" 2>"$T/err"; rc=$?
    case $rc in 0 | 1) ok ;; *) bad "$4: exit $rc: $(head -c 300 "$T/err")"; return ;; esac
    jq -r '.violations[] | "\(.record)\t\(.rule)\t\(.message)"' "$T/report" > "$T/viol" ||
        { bad "$4: the report is not JSON"; return; }
    awk -F'\t' -v form="$4" '
        NR == FNR { if ($2 == "DV001" || $2 == "DV002" || $2 == "DV019") rej[$1] = 1
                    if ($3 ~ /a record must be a JSON object/) notobj[$1] = 1
                    next }
        {
            if (form == "record" && $3 == "y" && $4 == "other") ok = notobj[$1]
            else if ($3 == "y") ok = !rej[$1]
            else if ($3 == "n") ok = rej[$1]
            else ok = 1
            if (ok) good++
            else { bad++; printf "FAIL: %s (%s): %s\n", $2, form, $3 == "y" ? "a valid JSON text rejected" : $3 == "n" ? "an invalid JSON text accepted" : "a valid text that is no object not refused as a record" }
        }
        END { printf "%d %d\n", good, bad > "/dev/stderr" }' "$T/viol" "$3" 2>"$T/counts"
    read -r g b < "$T/counts"; pass=$((pass + g)); failn=$((failn + b))
}
form rec "$T/rec.jsonl" "$T/index.record" record
form val "$T/val.jsonl" "$T/index.field" "json field"
form val "$T/val.csv" "$T/index.cell" "CSV cell"

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
    # "1 record: 1 valid", "2 records: 2 valid"
    [ "$rows" = 1 ] && noun=record || noun=records
    contains "$out" "$rows $noun: $rows valid"
done
finish
