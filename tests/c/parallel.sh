#!/bin/sh
# parallel.sh BUILD - partitions and threads give the single stream's report, record for record:
# tests/c/parallel.c validates a JSON Lines input in P consecutive partitions on T threads that
# share one validator, merges them with dcc_stream_merge, and its lines (record, line, offset,
# rule, field, message, value, where a key was first seen: record and line; then the counters)
# must equal those of `dcc validate --report json` on
# the whole input (jq's @tsv of it), for P:T 1:1, 2..8:1, 2:2, 4:4, 8:2, 8:4 and 8:8 (and one
# plain stream, also after a dcc_stream_reset that must forget half the input), on every
# JSON Lines file of the example mesh (examples/*/data) and on 200000 generated payments with
# duplicate keys planted across partitions (tests/c/gen_payments.awk, which counts the
# duplicates itself: the oracle's DV017 and DV018 must match its counts, and the line each names
# as where the key was first seen the line the generator wrote it on). The same for CSV: every
# CSV file of the example mesh with its header (the first part reads it; every other part is given
# it with dcc_stream_csv_header) and without one (--no-header), and the generated payments as CSV
# with multi-line quoted cells (parts are cut at row starts outside quotes). Quality rules are
# evaluated on the merged counts, freshness against a fixed --now.
# Prints "N passed, N failed".
set -u
B=${1:-build}
DCC=$B/dcc
LIB=$B/libdccrt.a
. tests/cli/lib.sh
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-parallel.XXXXXX")
trap 'rm -rf "$W"' EXIT
SAN=${SAN-"-fsanitize=address,undefined -fno-sanitize-recover=all"}
if ! nm "$LIB" 2>/dev/null | grep -q __asan_; then SAN=""; fi
command -v jq >/dev/null 2>&1 || { bad "jq not installed (tests/deps.sh)"; finish; exit 1; }
NOW=2026-11-25T12:00:00Z
NOWS=$(date -u -d "$NOW" +%s)
CONFIGS="0:0 0:1 1:1 2:1 3:1 4:1 5:1 6:1 7:1 8:1 2:2 4:4 8:2 8:4 8:8"

expect_exit 0 "$DCC" gen -t c -o "$W/gen" examples/*/*.dc tests/sql/between.dc
sh tests/c/registry.sh "$W/gen" > "$W/registry.h"
PAR=$W/parallel
if gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -Wall -Wextra -Werror $SAN -I runtime -I "$W/gen" -I "$W" \
    -o "$PAR" tests/c/parallel.c "$W/gen"/*.c "$LIB" -lpthread -lm 2>"$W/cc.err"
then ok; else bad "parallel.c does not build"; head -20 "$W/cc.err"; finish; exit 1; fi

# check CONTRACT DATASET FILE [--csv | --csv-no-header]: every configuration against dcc validate
# on the whole file
check() {
    contract=$1 dataset=$2 file=$3 fmt=${4:-}
    vflags=""; [ "$fmt" = --csv-no-header ] && vflags=--no-header
    h=$(ls "$W/gen"/*__"$dataset".h)
    prefix=$(sed -n 's/^extern const dcc_dataset_desc \(.*\)_desc;$/\1/p' "$h")
    "$DCC" validate "$contract" -d "$dataset" --now "$NOW" --report json $vflags "$file" > "$W/want.json"
    jq -r '.violations[] | [.record, .line, .offset, .rule, .field, .message, .value,
        (.first_seen.record // 0), (.first_seen.line // 0)] | @tsv' "$W/want.json" > "$W/want.tsv"
    jq -r '"\(.records) \(.valid) \(.invalid) \(.violations_total)"' "$W/want.json" >> "$W/want.tsv"
    rm -rf "$W/out" && mkdir "$W/out"
    if ! $PAR $fmt "$prefix" "$file" "$NOWS" "$W/out" $CONFIGS 2>"$W/err"; then
        bad "parallel $prefix $file: $(head -3 "$W/err")"
        return
    fi
    for c in $CONFIGS; do
        got="$W/out/$(echo "$c" | tr : .).tsv"
        if cmp -s "$W/want.tsv" "$got"; then ok
        else bad "$file $fmt: $c partitions:threads differ from dcc validate (< dcc validate, > partitions)"; diff "$W/want.tsv" "$got" | head -6; fi
    done
}

n=0
for f in examples/*/data/*.jsonl; do
    dir=$(dirname "$(dirname "$f")")
    check "$(ls "$dir"/*.dc)" "$(basename "$f" | sed 's/\..*//')" "$f"
    n=$((n + 1))
done
[ $n -ge 16 ] && ok || bad "only $n example files"
# Quality rules with two bounds and the counts (libdccrt 0.5, descriptor ABI 4): the generated
# descriptor's between, not between, null_count and invalid_count against dcc validate, on data at,
# under and over each bound (tests/sql/between.dc, 2 to 6 records)
n=0; dq=0
for f in tests/sql/data/between*.valid.jsonl; do
    check tests/sql/between.dc b "$f"
    n=$((n + 1)); grep -q "	DQ00[1-3]	" "$W/want.tsv" && dq=$((dq + 1))
done
[ $n -eq 5 ] && ok || bad "expected 5 between files, got $n"
[ $dq -ge 3 ] && ok || bad "only $dq of the between files break a quality rule"
# CSV, with its header and without (the header row removed: columns in declaration order)
n=0
for f in examples/*/data/*.csv; do
    dir=$(dirname "$(dirname "$f")")
    ds=$(basename "$f" | sed 's/\..*//')
    check "$(ls "$dir"/*.dc)" "$ds" "$f" --csv
    tail -n +2 "$f" > "$W/noheader.csv"
    check "$(ls "$dir"/*.dc)" "$ds" "$W/noheader.csv" --csv-no-header
    n=$((n + 1))
done
[ $n -ge 16 ] && ok || bad "only $n example CSV files"

# 200000 generated payments with planted duplicates
awk -v n=200000 -v counts="$W/counts" -v places="$W/places" -f tests/c/gen_payments.awk > "$W/payments.jsonl"
check examples/finance/payments.dc payments "$W/payments.jsonl"
pk=$(awk '$1 == "pk" { print $2 }' "$W/counts")
uq=$(awk '$1 == "unique" { print $2 }' "$W/counts")
[ "$pk" -gt 1000 ] && [ "$uq" -gt 1000 ] && ok || bad "too few planted duplicates: $pk, $uq"
[ "$(grep -c "	DV017	" "$W/want.tsv")" = "$pk" ] && ok || bad "dcc validate: $(grep -c "	DV017	" "$W/want.tsv") DV017, planted $pk"
[ "$(grep -c "	DV018	" "$W/want.tsv")" = "$uq" ] && ok || bad "dcc validate: $(grep -c "	DV018	" "$W/want.tsv") DV018, planted $uq"
# each duplicate names the line where the generator put the key first (its own count of lines)
jq -r '.violations[] | select(.rule == "DV017" or .rule == "DV018") | "\(.rule) \(.line) \(.first_seen.line)"' \
    "$W/want.json" | sort > "$W/places.got"
sort "$W/places" | cmp -s - "$W/places.got" && ok || { bad "first-seen lines differ from the generator's (< generator)"; sort "$W/places" | diff - "$W/places.got" | head -5; }
# the quality rules were evaluated on the merged counts (and found something to say)
grep -q "	DQ00[1-5]	" "$W/want.tsv" && ok || bad "no quality finding on the generated payments"
# The same payments as CSV (jq's @csv: strings quoted; the malformed lines and blank lines left
# out), every 997th row's raw_response a JSON text with a line break inside its quoted cell, so
# that a cut by bytes falls inside quotes.
to_csv() {
    head -1 examples/finance/data/payments.valid.csv
    jq -R -r 'fromjson? | [.payment_id, .order_id, .provider, .provider_reference, .method, .amount, .currency,
            .status, .payer_iban, .card_last4, .card_fingerprint, .risk_score, .authorised_at,
            .captured_at, .settlement_date, (.metadata | if . == null then null else tojson end),
            (if input_line_number % 997 == 0 then "{\"note\":\n\"two lines\"}" else null end)] | @csv' "$1"
}
to_csv "$W/payments.jsonl" > "$W/payments.csv"
[ "$(grep -c '^""two lines' "$W/payments.csv")" -ge 100 ] && ok || bad "no multi-line cells in the generated CSV"
check examples/finance/payments.dc payments "$W/payments.csv" --csv
[ "$(grep -c "	DV017	" "$W/want.tsv")" = "$pk" ] && ok || bad "CSV: dcc validate: $(grep -c "	DV017	" "$W/want.tsv") DV017, planted $pk"

# ThreadSanitizer: the runtime compiled from its sources with -fsanitize=thread, 8 parts on 4
# and 8 threads over 20000 generated payments; valgrind over the same (in the normal build
# only: TSan, valgrind and ASan do not mix)
if [ -z "$SAN" ]; then
    if gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -I runtime -I "$W/gen" -I "$W" \
        -o "$W/parallel-tsan" tests/c/parallel.c "$W/gen"/*.c runtime/*.c -lpthread -lm 2>"$W/cc.err"
    then ok; else bad "parallel.c does not build with -fsanitize=thread"; head -5 "$W/cc.err"; fi
    awk -v n=20000 -v counts="$W/counts" -f tests/c/gen_payments.awk > "$W/small.jsonl"
    PAR=$W/parallel-tsan CONFIGS="8:4 8:8"
    TSAN_OPTIONS="halt_on_error=1 exitcode=66" check examples/finance/payments.dc payments "$W/small.jsonl"
    to_csv "$W/small.jsonl" > "$W/small.csv"
    TSAN_OPTIONS="halt_on_error=1 exitcode=66" check examples/finance/payments.dc payments "$W/small.csv" --csv
    # valgrind: a long stream reset halfway, and 8 parts on 2 threads, without an error or a leak
    if command -v valgrind >/dev/null 2>&1; then
        PAR="valgrind -q --error-exitcode=67 --leak-check=full --errors-for-leak-kinds=definite,indirect $W/parallel" \
            CONFIGS="0:1 8:2" check examples/finance/payments.dc payments "$W/small.jsonl"
    elif [ "${CI:-}" = true ]; then bad "valgrind not installed (tests/deps.sh)"
    else echo "(valgrind not installed: skipped)"; fi
fi
finish
