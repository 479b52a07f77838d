#!/bin/sh
# newcomer.sh DCC - what a first user meets (issue 8) and I/O errors never reported as success
# (issue 9): write errors on standard output, validate's report (lines, summary, warnings,
# --quiet), defaults and hints of the command line, progress on a terminal.
set -u
DCC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: some cases run elsewhere
. tests/cli/lib.sh
T=$(mktemp -d); trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT

cat > "$T/c.dc" <<'DC'
contract shop.events 1.0.0 {
  owner "Shop"
  dataset events {
    primary key (id)
    field id int64
    field kind enum(view, buy)
    field note string(5)?
  }
}
DC
printf '{"id":1,"kind":"view"}\n{"id":2,"kind":"buy","note":"ok"}\n' > "$T/good.jsonl"

# ---- issue 9.6: a write that fails is exit 2 with a message, never success -----------------------
if [ -w /dev/full ]; then
    expect_exit 2 sh -c "'$DCC' fmt '$T/c.dc' > /dev/full";              contains "$ERR" "cannot write standard output"
    contains "$ERR" "No space left on device"
    expect_exit 2 sh -c "'$DCC' fmt --dump '$T/c.dc' > /dev/full";       contains "$ERR" "cannot write"
    expect_exit 2 sh -c "'$DCC' check --diagnostics=json '$T/c.dc' > /dev/full"; contains "$ERR" "cannot write standard output"
    expect_exit 2 sh -c "'$DCC' --help > /dev/full";                     contains "$ERR" "cannot write standard output"
    expect_exit 2 sh -c "'$DCC' --list-diagnostics > /dev/full"
    expect_exit 2 sh -c "'$DCC' gen --list-targets > /dev/full"
    expect_exit 2 sh -c "'$DCC' validate '$T/c.dc' --report json '$T/good.jsonl' > /dev/full"
    contains "$ERR" "cannot write"
    printf '{"id":1,"kind":"nope"}\n' > "$T/bad1.jsonl"
    expect_exit 2 sh -c "'$DCC' validate '$T/c.dc' '$T/bad1.jsonl' > /dev/full"
    contains "$ERR" "cannot write the report: No space left on device"
else
    bad "/dev/full is not writable here"
fi
# A small full file system: the output is cut, and the status says so (root only; else noted).
mkdir "$T/full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=16k tmpfs "$T/full" 2>/dev/null; then
    i=0; while [ $i -lt 3000 ]; do printf '{"id":%d,"kind":"no"}\n' $i; i=$((i+1)); done > "$T/many.jsonl"
    expect_exit 2 sh -c "'$DCC' validate '$T/c.dc' '$T/many.jsonl' > '$T/full/report.txt'"
    contains "$ERR" "No space left on device"
    # what was written is whole lines of the report, and less than all of it
    n=$(wc -l < "$T/full/report.txt")
    [ "$n" -gt 0 ] && [ "$n" -lt 3000 ] && ok || bad "report on a full tmpfs: $n lines"
    big=$T/big.dc; cp "$T/c.dc" "$big"; i=0
    while [ $i -lt 400 ]; do printf '// padding comment line %d of a contract that does not fit\n' $i; i=$((i+1)); done >> "$big"
    expect_exit 2 sh -c "'$DCC' fmt '$big' > '$T/full/out.dc'"; contains "$ERR" "No space left on device"
    umount "$T/full"
elif [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ]; then
    bad "cannot mount a tmpfs as root under CI"
else
    echo "note: no tmpfs (not root): the full-disk case is covered by /dev/full only"
fi

# ---- issue 8.3: validate prints the contract's warnings only with -W, or with its errors ---------
cat > "$T/warn.dc" <<'DC'
contract shop.warn 1.0.0 {
  owner "Shop"
  dataset people {
    field id int64
    field email string pii(email)
  }
}
DC
printf '{"id":1,"email":"a@b.c"}\n' > "$T/people.jsonl"
"$DCC" check "$T/warn.dc" 2>&1 | grep -q "warning:.*DC0900" && ok || bad "warn.dc should have a DC0900 warning"
expect_exit 0 "$DCC" validate "$T/warn.dc" "$T/people.jsonl";    lacks "$ERR" "warning"; contains "$ERR" "1 record: 1 valid"
expect_exit 0 "$DCC" validate -W "$T/warn.dc" "$T/people.jsonl"; contains "$ERR" "warning:"; contains "$ERR" "[DC0900]"
expect_exit 0 "$DCC" validate --warnings "$T/warn.dc" "$T/people.jsonl"; contains "$ERR" "[DC0900]"
# -Werror makes the warning an error: the contract is broken, nothing is validated (exit 2).
expect_exit 2 "$DCC" validate -Werror "$T/warn.dc" "$T/people.jsonl"; contains "$ERR" "error:"; lacks "$ERR" "record"
# A broken contract: its errors (and its warnings) are printed, in the format and colour asked.
sed 's/int64/int65/' "$T/warn.dc" > "$T/broken.dc"
expect_exit 2 "$DCC" validate "$T/broken.dc" "$T/people.jsonl"; contains "$ERR" "[DC0300]"; contains "$ERR" "[DC0900]"
lacks "$ERR" "$(printf '\033')"
expect_exit 2 "$DCC" validate --color=always "$T/broken.dc" "$T/people.jsonl"; contains "$ERR" "$(printf '\033')["
expect_exit 2 "$DCC" validate --diagnostics=json "$T/broken.dc" "$T/people.jsonl"
contains "$ERR" '"code":"DC0300"'
printf '%s\n' "$ERR" | jq -e '.diagnostics | length >= 1' >/dev/null 2>&1 && ok || bad "validate --diagnostics=json: not JSON on its first line: $ERR"
"$DCC" validate --help | grep -q -- "--diagnostics=FORMAT" && ok || bad "validate --help does not list --diagnostics"
"$DCC" validate --help | grep -q -- "--color=WHEN" && ok || bad "validate --help does not list --color"

# --quiet: no report and no summary, the exit status tells.
printf '{"id":1,"kind":"view"}\n{"id":1,"kind":"nope"}\n' > "$T/bad.jsonl"
expect_exit 1 "$DCC" validate -q "$T/c.dc" "$T/bad.jsonl";    [ -z "$OUT$ERR" ] && ok || bad "--quiet printed: $OUT$ERR"
expect_exit 0 "$DCC" validate --quiet "$T/c.dc" "$T/good.jsonl"; [ -z "$OUT$ERR" ] && ok || bad "--quiet printed: $OUT$ERR"
expect_exit 2 "$DCC" validate -q --report json "$T/c.dc" "$T/good.jsonl"; contains "$ERR" "exclude each other"

# ---- issue 8.4: FILE:LINE: is the physical line, grep -n the oracle ------------------------------
# JSON Lines with blank lines, CRLF and CR-only line ends.
printf '\n{"id":1,"kind":"view"}\r\n\r\n   \n{"id":2,"kind":"nope"}\n\n{"id":3,"kind":"view"}\r{"id":4,"kind":"bad4"}\n' > "$T/lines.jsonl"
expect_exit 1 "$DCC" validate "$T/c.dc" "$T/lines.jsonl"
line2=$(grep -n '"id":2' "$T/lines.jsonl" | cut -d: -f1)
contains "$OUT" "lines.jsonl:$line2: kind:"
# (grep counts LF only; the CR-only line end before record 4 is one more line, as editors show it)
line4=$(( $(grep -n '"id":4' "$T/lines.jsonl" | cut -d: -f1) + 1 ))
contains "$OUT" "lines.jsonl:$line4: kind:"
expect_exit 1 "$DCC" validate --report json "$T/c.dc" "$T/lines.jsonl"
[ "$(printf '%s' "$OUT" | jq -c '[.violations[] | [.line, .record]]')" = "[[$line2,2],[$line4,4]]" ] && ok \
    || bad "json line/record: $(printf '%s' "$OUT" | jq -c '[.violations[] | [.line, .record]]')"
# CSV: the header counts, and so do line ends inside quoted cells (also across read chunks).
{
    printf 'id,kind,note\n'
    printf '1,view,"a\nb"\n'
    printf '\n'
    printf '2,nope,"x\r\ny"\r\n'
    i=3; while [ $i -lt 40000 ]; do printf '%d,view,"l\nm"\n' $i; i=$((i+1)); done
    printf '40000,bad,"multi\nline\nnote"\n'
    printf '40001,view,ok\n'
    printf '40002,nope,ok\n'
} > "$T/multi.csv"
expect_exit 1 "$DCC" validate --skip-quality "$T/c.dc" "$T/multi.csv"
for id in 2 40000 40002; do
    contains "$OUT" "multi.csv:$(grep -n "^$id," "$T/multi.csv" | cut -d: -f1): kind:"
done
# the same through standard input in small pieces: chunking changes nothing
expect_exit 1 sh -c "cat '$T/multi.csv' | dd bs=7 2>/dev/null | '$DCC' validate --skip-quality --format csv '$T/c.dc'"
contains "$OUT" "<stdin>:$(grep -n "^40000," "$T/multi.csv" | cut -d: -f1): kind:"

# ---- issue 8.5: the summary never contradicts the exit status; singular and plural --------------
printf 'id,kind\n1,view\n' > "$T/nonote.csv"
expect_exit 1 "$DCC" validate "$T/c.dc" "$T/nonote.csv"
contains "$ERR" "1 record: 1 valid, 0 invalid; 1 dataset-level violation"; contains "$OUT" "nonote.csv: note:"
expect_exit 1 "$DCC" validate "$T/c.dc" "$T/bad.jsonl"; contains "$ERR" "2 records: 1 valid, 1 invalid; 2 violations in records"
expect_exit 0 "$DCC" validate "$T/c.dc" "$T/good.jsonl"; contains "$ERR" "2 records: 2 valid, 0 invalid; no violations"
expect_exit 1 "$DCC" validate --report json "$T/c.dc" "$T/nonote.csv"
[ "$(printf '%s' "$OUT" | jq -c '[.record_violations, .dataset_violations, .ok]')" = '[0,1,false]' ] && ok || bad "json counts: $OUT"

# ---- issue 8.7: durations as people read them, in the rule's units; one record, not "1 records" --
cat > "$T/fresh.dc" <<'DC'
contract shop.fresh 1.0.0 {
  owner "Shop"
  dataset ticks {
    field id int64
    field at timestamp
    quality {
      freshness(at) < 1h
      unique(id)
    }
  }
}
DC
printf '{"id":1,"at":"2026-11-25T00:00:00Z"}\n{"id":1,"at":"2026-11-18T10:37:49Z"}\n' > "$T/ticks.jsonl"
# 2026-11-25T00:00:00Z + 566531 s = 2026-12-01T13:22:11Z (date is the oracle)
now=$(date -u -d "@$(( $(date -u -d 2026-11-25T00:00:00Z +%s) + 566531 ))" +%Y-%m-%dT%H:%M:%SZ)
expect_exit 1 "$DCC" validate --now "$now" "$T/fresh.dc" "$T/ticks.jsonl"
contains "$OUT" "newest value is 6d 13h 22m 11s old, expected < 1h [DQ004]"
contains "$OUT" "1 record repeats the values of (id)"

# ---- issue 8.9: the command line -----------------------------------------------------------------
# `dcc check -` reads standard input, as fmt and validate do; diagnostics name <stdin>.
expect_exit 0 sh -c "'$DCC' check - < '$T/c.dc'"
expect_exit 1 sh -c "'$DCC' check - < '$T/broken.dc'"; contains "$ERR" "<stdin>:5:"
expect_exit 2 sh -c "'$DCC' validate - < '$T/c.dc'";     contains "$ERR" "cannot both be standard input"
expect_exit 0 sh -c "'$DCC' validate - '$T/good.jsonl' < '$T/c.dc'"
# --dataset may be left out when the contract has one dataset; with several, they are listed.
cat > "$T/two.dc" <<'DC'
contract shop.two 1.0.0 {
  owner "Shop"
  dataset a {
    field id int64
  }
  dataset b {
    field id int64
  }
}
DC
expect_exit 2 "$DCC" validate "$T/two.dc" "$T/good.jsonl"; contains "$ERR" "has several datasets; name one with --dataset NAME: a b"
printf '{"id":1}\n' > "$T/ids.jsonl"
expect_exit 0 "$DCC" validate -d b "$T/two.dc" "$T/ids.jsonl"
# CSV piped in without --format gets a hint (and is still read as JSON Lines).
expect_exit 1 sh -c "'$DCC' validate '$T/c.dc' < '$T/nonote.csv'"; contains "$ERR" "give --format csv"
expect_exit 1 sh -c "'$DCC' validate '$T/c.dc' < '$T/bad.jsonl'";  lacks "$ERR" "--format csv"
# A missing data file is an error before anything is validated: no summary, no report.
expect_exit 2 "$DCC" validate "$T/c.dc" "$T/good.jsonl" "$T/missing.jsonl"
contains "$ERR" "cannot read '$T/missing.jsonl'"; lacks "$ERR" "records"; [ -z "$OUT" ] && ok || bad "report printed: $OUT"
# .tsv is read with a tab (a comma is data), unless --delimiter says otherwise.
printf 'id\tkind\tnote\n1\tview\ta,b\n' > "$T/t.tsv"
expect_exit 0 "$DCC" validate "$T/c.dc" "$T/t.tsv";                  contains "$ERR" "1 record: 1 valid"
expect_exit 1 "$DCC" validate --delimiter , "$T/c.dc" "$T/t.tsv"
expect_exit 2 "$DCC" validate "$T/c.dc" "$T/t.tsv" "$T/nonote.csv";  contains "$ERR" "different formats"
# --max-errors 0 is documented as no limit
"$DCC" validate --help | grep -A1 -- "--max-errors" | grep -q "0, the default: no limit" && ok || bad "--max-errors 0 undocumented"

# ---- issue 8.10: import paths print folded, unless a symbolic link makes ".." mean elsewhere ------
mkdir -p "$T/mesh/web" "$T/mesh/mobility" "$T/mesh/real/a"
printf 'library mobility.trips 1.0.0 {\n  type Km = decimal(9, 2\n}\n' > "$T/mesh/mobility/trips.dc"
printf 'import "../mobility/./trips.dc"\ncontract web.site 1.0.0 {\n  owner "Web"\n  dataset d {\n    field a trips.Km\n  }\n}\n' > "$T/mesh/web/site.dc"
expect_exit 1 sh -c "cd '$T/mesh' && '$DCC' check web/site.dc"
contains "$ERR" "imported file 'mobility/trips.dc' has errors"; contains "$ERR" "mobility/trips.dc:3:1: error:"; lacks "$ERR" "/../"
# link -> real/a: link/../trips.dc is real/trips.dc for the kernel, not ./trips.dc
cp "$T/mesh/mobility/trips.dc" "$T/mesh/real/trips.dc"; ln -s real/a "$T/mesh/link"
sed 's|../mobility/./trips.dc|../trips.dc|' "$T/mesh/web/site.dc" > "$T/mesh/real/a/site.dc"
expect_exit 1 sh -c "cd '$T/mesh' && '$DCC' check link/site.dc"; contains "$ERR" "link/../trips.dc:3:1: error:"

# ---- issue 8.10: the README's tour is a contract that checks, with its imports, and is formatted --
cp -R examples "$T/ex"
awk '/^## A tour of the language/{f=1;next} f&&/^```$/{n++; if(n==2)exit; next} f&&n==1' README.md > "$T/ex/sales/tour.dc"
grep -q "references customers.customers.customer_id" "$T/ex/sales/tour.dc" && ok || bad "the README tour was not extracted"
expect_exit 0 "$DCC" check "$T/ex/sales/tour.dc"; lacks "$ERR" "error"
expect_exit 0 "$DCC" fmt --check "$T/ex/sales/tour.dc"

# ---- issue 9: dcc gen writes every file or none: a failure on one leaves the others as they were --
expect_exit 0 "$DCC" gen -t c -o "$T/gen" "$T/c.dc"
sed 's/field note string(5)?/field note string(6)?\n    field extra int32?/' "$T/c.dc" > "$T/c2.dc"
for f in "$T"/gen/*; do
    rm -rf "$T/gen0"; cp -R "$T/gen" "$T/gen0"
    rm "$f"; mkdir "$f"  # a folder where this file goes: writing it fails
    expect_exit 2 "$DCC" gen -t c -o "$T/gen" "$T/c2.dc"; contains "$ERR" "cannot write '$(basename "$f")'"
    for g in "$T"/gen0/*; do
        [ "$(basename "$g")" = "$(basename "$f")" ] && continue
        cmp -s "$g" "$T/gen/$(basename "$g")" && ok || bad "gen replaced $(basename "$g") although $(basename "$f") failed"
    done
    ls "$T/gen" | grep -q tmp && bad "gen left temporaries: $(ls "$T/gen")" || ok
    rmdir "$f"; cp "$T/gen0/$(basename "$f")" "$f"
done
expect_exit 0 "$DCC" gen -t c -o "$T/gen" "$T/c2.dc"
grep -q "extra" "$T"/gen/*.h && ok || bad "gen did not write the new contract's files"

# ---- issue 9: `unique` on bytes compares the decoded bytes (base64 -d is the oracle) -------------
cat > "$T/b.dc" <<'DC'
contract shop.b 1.0.0 {
  owner "Shop"
  dataset d {
    field id int64
    field b bytes unique
  }
}
DC
for pair in "QQ== QR==" "QQ== QZ==" "QUE= QUF=" "QUE= QUG=" "QUFB QUFC" "QQ== QUE=" "AA== AP=="; do
    set -- $pair
    printf '{"id":1,"b":"%s"}\n{"id":2,"b":"%s"}\n' "$1" "$2" > "$T/b.jsonl"
    "$DCC" validate "$T/b.dc" "$T/b.jsonl" > "$T/b.out" 2>/dev/null
    if [ "$(printf %s "$1" | base64 -d | od -An -tx1)" = "$(printf %s "$2" | base64 -d | od -An -tx1)" ]; then
        grep -q "DV018" "$T/b.out" && ok || bad "bytes $1 and $2 decode equal but were not reported as a repeat"
    else
        grep -q "DV018" "$T/b.out" && bad "bytes $1 and $2 differ but were reported as a repeat" || ok
    fi
done

# ---- issue 8.10: a named struct used by several fields is one C struct ----------------------------
B=$(dirname "$DCC")
expect_exit 0 "$DCC" gen -t c -o "$T/people" tests/cli/newcomer/people.dc
# (the record, Address; and the typed list of Address)
[ "$(grep '^typedef struct' "$T/people/shop_people__people.h" | grep -vc '_list {')" = 2 ] && ok \
    || bad "typedefs for a record with one named struct used three times: $(grep '^typedef struct' "$T/people/shop_people__people.h")"
# the program assigns one use to another (only one type allows it) and validates through both
if cc -std=c11 -Wall -Wextra -Werror -pedantic ${SAN:-} -I runtime -I "$T/people" -o "$T/people/prog" tests/cli/newcomer/people.c \
      "$T/people/shop_people__people.c" "$B/libdccrt.a" -lm 2>"$T/cc.err"; then
    [ "$("$T/people/prog")" = "0 1" ] && ok || bad "the people program: $("$T/people/prog")"
else
    bad "the people program does not compile: $(head -5 "$T/cc.err")"
fi

# ---- issue 8.9: the help, README and man page agree: validate on a broken contract exits 2 --------
"$DCC" --help | tr '\n' ' ' | grep -q "2 usage or I/O errors (validate: also a contract with errors)" && ok || bad "dcc --help on exit 2"
"$DCC" validate --help | tr '\n' ' ' | grep -q "2 on usage or I/O errors .* or when the contract itself has errors" && ok || bad "validate --help on exit 2"
tr '\n' ' ' < README.md | grep -q "for .validate., a contract that has errors" && ok || bad "README on exit 2"
tr '\n' ' ' < docs/dcc.1 | grep -q "for \\\\fBvalidate\\\\fR, also a contract that has errors" && ok || bad "dcc.1 on exit 2"

# ---- issue 9: "too many errors" closes the list ----------------------------------------------------
{ printf 'contract shop.many 1.0.0 {\n  owner "Shop"\n  dataset d {\n'
  i=0; while [ $i -lt 120 ]; do printf '    field f%d Nope\n' $i; i=$((i+1)); done; printf '  }\n}\n'; } > "$T/many.dc"
expect_exit 1 "$DCC" check "$T/many.dc"
last=$(printf '%s\n' "$ERR" | grep -E '(error|warning):' | tail -1)
contains "$last" "too many errors"
first=$(printf '%s\n' "$ERR" | grep -E '(error|warning):' | head -1)
contains "$first" "many.dc:4:"

# ---- issue 8.8: progress on a terminal is cleared before anything else prints --------------------
if command -v script >/dev/null 2>&1; then
    i=0; while [ $i -lt 60000 ]; do
        if [ $((i % 20000)) = 7 ]; then printf '{"id":%d,"kind":"nope","note":"padding padding"}\n' $i
        else printf '{"id":%d,"kind":"view","note":"pad"}\n' $i; fi; i=$((i+1)); done > "$T/big.jsonl"
    cat "$T/big.jsonl" "$T/big.jsonl" | sed 's/"id":\([0-9]*\)/"id":1\1/' > "$T/big2.jsonl"  # ~4 MB, 4 chunks
    script -qec "'$DCC' validate --skip-quality '$T/c.dc' '$T/big2.jsonl'" /dev/null > "$T/tty.out" 2>&1
    contains "$(cat "$T/tty.out")" "MB/s"; contains "$(cat "$T/tty.out")" "records/s"; contains "$(cat "$T/tty.out")" "%"
    # What a terminal shows: each line is what follows its last CR, without the erase sequence.
    tr -d '\033' < "$T/tty.out" | sed 's/\[K//g; s/\r$//; s/.*\r//' > "$T/screen"
    grep -q 'MB/s' "$T/screen" && bad "a progress line stayed on the screen: $(grep 'MB/s' "$T/screen" | head -2)" || ok
    [ "$(grep -c '\[DV015\]' "$T/screen")" = 6 ] && ok || bad "violation lines on the screen: $(grep -c '\[DV015\]' "$T/screen")"
    grep '\[DV015\]' "$T/screen" | grep -qv "^$T/big2.jsonl:" && bad "a violation line does not start the line" || ok
    contains "$(cat "$T/screen")" "120000 records"
else
    bad "script (util-linux) is missing"
fi

finish
