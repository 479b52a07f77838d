#!/bin/sh
# struct_json.sh BUILD - the struct path judges a record as `dcc validate` judges the same record
# written as JSON: tests/c/struct_json.c fills the generated structs of tests/c/lists.dc (typed
# lists of scalars, enums, structs and lists, a map of lists, absent required fields, defaults,
# floats next to their bounds, invalid values of every kind a struct can hold) and writes the same
# records as JSON Lines; its violations (record, rule, field, message, value) and counters must
# equal those of `dcc validate --report json` on the JSON Lines, line for line, for three seeds of
# 3000 records. The value of a bytes finding is left out of the comparison: an excerpt is the
# input's text, base64 in JSON, raw bytes in a struct; a duplicate key names its first record by
# line in JSON, by record number in a struct. Then the float bounds: doubles and floats
# next to 0.1, judged as docs/c-target.md ("Floats") says.
# Prints "N passed, N failed".
set -u
B=${1:-build}
DCC=$B/dcc
LIB=$B/libdccrt.a
. tests/cli/lib.sh
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-struct-json.XXXXXX")
trap 'rm -rf "$W"' EXIT
SAN=${SAN-"-fsanitize=address,undefined -fno-sanitize-recover=all"}
if ! nm "$LIB" 2>/dev/null | grep -q __asan_; then SAN=""; fi
command -v jq >/dev/null 2>&1 || { bad "jq not installed (tests/deps.sh)"; finish; exit 1; }

expect_exit 0 "$DCC" gen -t c -o "$W/gen" tests/c/lists.dc
SJ=$W/struct_json
if gcc -std=c11 -Wall -Wextra -Werror -pedantic $SAN -I runtime -I "$W/gen" -o "$SJ" tests/c/struct_json.c \
    "$W/gen/test_lists__shapes.c" "$LIB" -lm 2>"$W/cc.err"
then ok; else bad "struct_json.c does not build"; head -20 "$W/cc.err"; finish; exit 1; fi

# Blank the value of findings on bytes (field blobs[k]); a duplicate key's message names the line
# where JSON saw the key first and the record where a struct did, which in this JSON (a record a
# line, from line 1) is the same number.
blank_bytes() {
    awk -F'\t' 'BEGIN { OFS = "\t" } $3 ~ /^blobs\[/ { $5 = "" } { sub(/ already seen at line /, " already seen in record ", $4); print }' "$1"
}
for seed in 1 2 3; do
    if ! "$SJ" 3000 $seed "$W/in.jsonl" > "$W/got.tsv" 2>"$W/err"; then bad "struct_json seed $seed: $(head -3 "$W/err")"; continue; fi
    "$DCC" validate tests/c/lists.dc -d shapes --report json "$W/in.jsonl" > "$W/want.json"
    jq -r '.violations[] | [.record, .rule, .field, .message, .value] | @tsv' "$W/want.json" > "$W/want.tsv"
    jq -r '"\(.records) \(.valid) \(.invalid) \(.violations_total)"' "$W/want.json" >> "$W/want.tsv"
    blank_bytes "$W/want.tsv" > "$W/want2.tsv"
    blank_bytes "$W/got.tsv" > "$W/got2.tsv"
    if cmp -s "$W/want2.tsv" "$W/got2.tsv"; then ok
    else bad "seed $seed: the struct path differs from dcc validate on the same JSON (< dcc validate, > structs)"; diff "$W/want2.tsv" "$W/got2.tsv" | head -10; fi
    # the comparison covered what it is meant to: both verdicts, and every rule a struct can break
    set -- $(tail -1 "$W/want.tsv")
    [ "$1" = 3000 ] && [ "$2" -ge 300 ] && [ "$3" -ge 300 ] && ok || bad "seed $seed: records valid invalid: $*"
    for rule in DV004 DV006 DV008 DV010 DV011 DV013 DV014 DV015 DV016 DV017 DV018 DQ003; do
        grep -q "	$rule	" "$W/want.tsv" && ok || bad "seed $seed: no $rule to compare"
    done
    # absent fields of list items' structs, lengths of inner lists, floats beside their bounds
    grep -q '	DV004	polys\[[0-9]*\]\.points\[[0-9]*\]\.[xy]	' "$W/want.tsv" && ok || bad "seed $seed: no absent field in a list of structs"
    grep -q '	DV013	grid\[[0-9]*\]	' "$W/want.tsv" && ok || bad "seed $seed: no inner list length"
    grep -q '	DV016	ratios\[[0-9]*\]	.*0\.10000000000000002' "$W/want.tsv" && ok || bad "seed $seed: no double just above a bound"
done
# the same records in any order of fields would be another test; the JSON is written in
# declaration order, which is the struct path's order too

# ---- float bounds: ratio float64 range [0, 0.1], r32 float32 range (0, 0.1] --------------------
expect_exit 0 "$SJ" bounds
printf '%s\n' "$OUT" > "$W/bounds"
want_bound() { grep -qxF -e "$1: $2" "$W/bounds" && ok || bad "bounds: want '$1: $2', got '$(grep -F -e "$1:" "$W/bounds")'"; }
want_bound "0.1 and 0.1f" ""                       # "0.1" <= 0.1, though the double is 0.1000000000000000055...
want_bound "the double above 0.1" "DV016 ratio "   # 0.10000000000000002
want_bound "the double below 0.1" ""               # 0.09999999999999999
want_bound "0.1f as a double" "DV016 ratio "       # 0.10000000149011612
want_bound "0.1 + 0.2" "DV016 ratio "              # 0.30000000000000004
want_bound "-0.0" ""                               # -0 is 0, the inclusive lower bound
want_bound "the least double" ""                   # 5e-324 > 0
want_bound "the float above 0.1f" "DV016 r32 "     # 0.10000001
want_bound "the float below 0.1f" ""               # 0.099999994
want_bound "the least float" ""                    # 1e-45 > 0, the exclusive lower bound
want_bound "float zero" "DV016 r32 "               # 0 is not in (0, 0.1]
finish
