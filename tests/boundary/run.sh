#!/bin/sh
# run.sh DCC [PART...] - boundary tables: every quality operator and rule at, just under and just over its
# threshold; timestamptz offsets (both signs) in ranges, keys and freshness; every integer width
# at its limits and one past them; both float widths where they round to infinity; dates and
# times at the edges of the calendar; the standard malformed UTF-8 set in JSON strings and keys,
# CSV cells and headers; diagnostic columns; ODCS spellings that dcc never writes itself;
# compatibility at equal and exclusive bounds; base64 at the edges; the SQL target's checks;
# a boolean's and a uuid's allowed values; Avro temporal defaults; JSON literals, control
# characters and surrogate escapes.
#
# Every expected value here is written by hand from the rule it checks (the operator's truth
# table, two's complement limits, RFC 3339 and docs/validation.md, Unicode's table of well-formed
# UTF-8), never pasted from dcc's output. tests/boundary/oracles.sh checks the hand-written
# tables themselves against PostgreSQL (timestamptz.tsv) and Node's TextDecoder (utf8.tsv).
#
# PARTs (default all): quality tz temporal int float utf8 diag odcs compat bytes sql values avro json. The mutation harness runs the
# part that concerns a mutant first (tests/mutate/suites.tsv): seconds instead of the whole table.
set -u
DCC=$1; shift
PARTS=${*:-quality tz temporal int float utf8 diag odcs compat bytes sql values avro json}
part() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for p in $PARTS; do
    case $p in quality|tz|temporal|int|float|utf8|diag|odcs|compat|bytes|sql|values|avro|json) ;; *) echo "run.sh: no part '$p'" >&2; exit 2 ;; esac
done
. tests/cli/lib.sh
HERE=tests/boundary
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# has_rule WANT(yes|no) CODE WHAT: the last run's report names CODE or not
has_rule() {
    case "$OUT" in
        *"[$2]"*) [ "$1" = yes ] && ok || bad "$3: did not expect [$2] in: $(printf '%s' "$OUT" | head -c 300)" ;;
        *) [ "$1" = no ] && ok || bad "$3: expected [$2] in: $(printf '%s' "$OUT" | head -c 300)" ;;
    esac
}
run() { OUT=$("$DCC" validate "$@" 2>&1); RC=$?; }

# The measure below, at or above the threshold; 1: `measure OP threshold` holds.
holds() { # OP REL(below|at|above)
    case "$1 $2" in
        "< below" | "<= below" | "<= at" | "> above" | ">= at" | ">= above" | "== at") echo 1 ;;
        "!= below" | "!= above") echo 1 ;;
        *) echo 0 ;;
    esac
}

if part quality; then
# ---- 1. quality rules: the operator truth table ------------------------------------------------
contract() { # FILE RULE-LINE
    cat > "$1" <<EOF
contract bound.quality 1.0.0 {
  owner "Tests"
  dataset d {
    field id int64
    field note string(3)?
    field at timestamptz
    quality {
      $2
    }
  }
}
EOF
}
rec() { # ID NOTE(or -) AT
    if [ "$2" = - ]; then printf '{"id":%s,"at":"%s"}\n' "$1" "$3"; else printf '{"id":%s,"note":"%s","at":"%s"}\n' "$1" "$2" "$3"; fi
}
AT=2026-01-01T12:00:00Z
# row_count against 3: 2, 3, 4 records
for k in 2 3 4; do i=0; while [ $i -lt $k ]; do i=$((i + 1)); rec $i ok $AT; done > "$T/rows$k.jsonl"; done
# null_rate(note) against 50%: 1, 2, 3 nulls of 4 records (25%, 50%, 75%)
for k in 1 2 3; do i=0; while [ $i -lt 4 ]; do i=$((i + 1)); [ $i -le $k ] && rec $i - $AT || rec $i ok $AT; done > "$T/nulls$k.jsonl"; done
# valid_rate(note) against 50%: 1, 2, 3 valid of 4 (the others too long for string(3))
for k in 1 2 3; do i=0; while [ $i -lt 4 ]; do i=$((i + 1)); [ $i -le $k ] && rec $i ok $AT || rec $i toolong $AT; done > "$T/valid$k.jsonl"; done
# duplicate_count(note) against 2: 1, 2, 3 records repeating an earlier note ("aa" k + 1 times,
# distinct notes, and a null, which repeats nothing) of 5
for k in 1 2 3; do i=0; while [ $i -lt 5 ]; do i=$((i + 1)); if [ $i -le $((k + 1)) ]; then rec $i aa $AT; elif [ $i = 5 ]; then rec $i - $AT; else rec $i b$i $AT; fi; done > "$T/dups$k.jsonl"; done
# missing_count(note, values ("", "na")) against 2 and missing_rate against 50%: 1, 2, 3 missing
# of 4 (an absent note, then "na", then ""); the others are "NA", which is not "na"
for k in 1 2 3; do i=0; while [ $i -lt 4 ]; do i=$((i + 1)); if [ $i -gt $k ]; then rec $i NA $AT; elif [ $i = 1 ]; then rec $i - $AT; elif [ $i = 2 ]; then rec $i na $AT; else rec $i '' $AT; fi; done > "$T/miss$k.jsonl"; done
# invalid_count(note, valid ("ok", "")) against 2 and invalid_rate against 50%: 1, 2, 3 invalid
# of 4 (an absent note, which the list does not make valid, then "OK", then "ok "); the others
# are "ok" or ""; with null listed too, the absent note is valid: 0, 1, 2
for k in 1 2 3; do i=0; while [ $i -lt 4 ]; do i=$((i + 1)); if [ $i -gt $k ]; then [ $i = 4 ] && rec $i '' $AT || rec $i ok $AT; elif [ $i = 1 ]; then rec $i - $AT; elif [ $i = 2 ]; then rec $i OK $AT; else rec $i 'ok ' $AT; fi; done > "$T/inv$k.jsonl"; done
for op in '<' '<=' '>' '>=' '==' '!='; do
    n=0
    for rel in below at above; do
        n=$((n + 1))
        want=$(holds "$op" $rel)
        [ "$want" = 1 ] && code=no || code=yes
        contract "$T/c.dc" "row_count $op 3"
        run "$T/c.dc" --dataset d "$T/rows$((n + 1)).jsonl"
        has_rule $code DQ001 "row_count $op 3 with $((n + 1)) records"
        [ $code = yes ] && contains "$OUT" "row_count is $((n + 1)), expected $op 3 [DQ001]"
        contract "$T/c.dc" "null_rate(note) $op 50%"
        run "$T/c.dc" --dataset d "$T/nulls$n.jsonl"
        has_rule $code DQ002 "null_rate(note) $op 50% with $n nulls of 4"
        [ $code = yes ] && contains "$OUT" "null_rate is $((n * 25))% ($n of 4 records), expected $op 50% [DQ002]"
        contract "$T/c.dc" "valid_rate(note) $op 50%"
        run "$T/c.dc" --dataset d "$T/valid$n.jsonl"
        has_rule $code DQ003 "valid_rate(note) $op 50% with $n valid of 4"
        [ $code = yes ] && contains "$OUT" "valid_rate is $((n * 25))% ($n of 4 records), expected $op 50% [DQ003]"
        contract "$T/c.dc" "duplicate_count(note) $op 2"
        run "$T/c.dc" --dataset d "$T/dups$n.jsonl"
        has_rule $code DQ005 "duplicate_count(note) $op 2 with $n repeats of 5"
        [ $code = yes ] && contains "$OUT" "duplicate_count(note) is $n (of 5 records), expected $op 2 [DQ005]"
        contract "$T/c.dc" "missing_count(note, values (\"\", \"na\")) $op 2"
        run "$T/c.dc" --dataset d "$T/miss$n.jsonl"
        has_rule $code DQ002 "missing_count(note) $op 2 with $n missing of 4"
        [ $code = yes ] && contains "$OUT" "missing_count is $n (of 4 records), expected $op 2 [DQ002]"
        contract "$T/c.dc" "missing_rate(note, values (\"\", \"na\")) $op 50%"
        run "$T/c.dc" --dataset d "$T/miss$n.jsonl"
        has_rule $code DQ002 "missing_rate(note) $op 50% with $n missing of 4"
        [ $code = yes ] && contains "$OUT" "missing_rate is $((n * 25))% ($n of 4 records), expected $op 50% [DQ002]"
        contract "$T/c.dc" "invalid_count(note, valid (\"ok\", \"\")) $op 2"
        run "$T/c.dc" --dataset d "$T/inv$n.jsonl"
        has_rule $code DQ003 "invalid_count(note, valid) $op 2 with $n invalid of 4"
        [ $code = yes ] && contains "$OUT" "invalid_count is $n (of 4 records), expected $op 2 [DQ003]"
        contract "$T/c.dc" "invalid_rate(note, valid (\"ok\", \"\")) $op 50%"
        run "$T/c.dc" --dataset d "$T/inv$n.jsonl"
        has_rule $code DQ003 "invalid_rate(note, valid) $op 50% with $n invalid of 4"
        [ $code = yes ] && contains "$OUT" "invalid_rate is $((n * 25))% ($n of 4 records), expected $op 50% [DQ003]"
        # null listed: the absent note is valid, so one invalid fewer, against 1
        contract "$T/c.dc" "invalid_count(note, valid (\"ok\", \"\", null)) $op 1"
        run "$T/c.dc" --dataset d "$T/inv$n.jsonl"
        has_rule $code DQ003 "invalid_count(note, valid with null) $op 1 with $((n - 1)) invalid of 4"
        # the same repeats as a share of the 5 records (20%, 40%, 60%) against 40%
        contract "$T/c.dc" "duplicate_rate(note) $op 40%"
        run "$T/c.dc" --dataset d "$T/dups$n.jsonl"
        has_rule $code DQ005 "duplicate_rate(note) $op 40% with $n repeats of 5"
        [ $code = yes ] && contains "$OUT" "duplicate_rate(note) is $((n * 20))% ($n of 5 records), expected $op 40% [DQ005]"
        # the same measures counted: n nulls, and n invalid values (4 - n valid), against 2
        contract "$T/c.dc" "null_count(note) $op 2"
        run "$T/c.dc" --dataset d "$T/nulls$n.jsonl"
        has_rule $code DQ002 "null_count(note) $op 2 with $n nulls of 4"
        [ $code = yes ] && contains "$OUT" "null_count is $n (of 4 records), expected $op 2 [DQ002]"
        contract "$T/c.dc" "invalid_count(note) $op 2"
        run "$T/c.dc" --dataset d "$T/valid$((4 - n)).jsonl"
        has_rule $code DQ003 "invalid_count(note) $op 2 with $n invalid of 4"
        [ $code = yes ] && contains "$OUT" "invalid_count is $n (of 4 records), expected $op 2 [DQ003]"
        # freshness(at) against 1h at --now 14:00Z: the newest value 1h minus 1 ns, 1h, 1h plus 1 ns old
        case $rel in
            below) newest=2026-01-01T13:00:00.000000001Z ;;
            at) newest=2026-01-01T08:00:00-05:00 ;;
            above) newest=2026-01-01T18:29:59.999999999+05:30 ;;
        esac
        { rec 1 ok 2026-01-01T10:00:00Z; rec 2 ok "$newest"; } > "$T/fresh.jsonl"
        contract "$T/c.dc" "freshness(at) $op 1h"
        run "$T/c.dc" --dataset d --now 2026-01-01T14:00:00Z "$T/fresh.jsonl"
        has_rule $code DQ004 "freshness(at) $op 1h, newest $newest at 14:00Z"
        # the same instant for --now, written with a negative offset
        run "$T/c.dc" --dataset d --now 2026-01-01T09:00:00-05:00 "$T/fresh.jsonl"
        has_rule $code DQ004 "freshness(at) $op 1h, newest $newest at 09:00-05:00"
    done
done
# Exact rates: 1 of 3 is 33.333...%, just above 33.333% and just below 33.334%.
{ rec 1 - $AT; rec 2 ok $AT; rec 3 ok $AT; } > "$T/third.jsonl"
for t in '< 33.333%:yes' '> 33.333%:no' '< 33.334%:no' '>= 33.334%:yes' '== 33.333%:yes' '!= 33.333%:no'; do
    contract "$T/c.dc" "null_rate(note) ${t%:*}"
    run "$T/c.dc" --dataset d "$T/third.jsonl"
    has_rule "${t#*:}" DQ002 "null_rate(note) ${t%:*} with 1 null of 3"
done
{ rec 1 toolong $AT; rec 2 toolong $AT; rec 3 ok $AT; } > "$T/third.jsonl"
for t in '> 33.333%:no' '< 33.334%:no' '<= 33.333%:yes'; do
    contract "$T/c.dc" "valid_rate(note) ${t%:*}"
    run "$T/c.dc" --dataset d "$T/third.jsonl"
    has_rule "${t#*:}" DQ003 "valid_rate(note) ${t%:*} with 1 valid of 3"
done
# duplicate_rate: 1 repeat of 3 records is 33.333...%; of (id, note), with a repeated id, none
{ rec 1 aa $AT; rec 2 aa $AT; rec 3 - $AT; } > "$T/third.jsonl"
for t in '> 33.333%:no' '< 33.334%:no' '<= 33.333%:yes' '>= 33.334%:yes'; do
    contract "$T/c.dc" "duplicate_rate(note) ${t%:*}"
    run "$T/c.dc" --dataset d "$T/third.jsonl"
    has_rule "${t#*:}" DQ005 "duplicate_rate(note) ${t%:*} with 1 repeat of 3"
done
{ rec 1 aa $AT; rec 1 bb $AT; rec 2 bb $AT; } > "$T/third.jsonl"
contract "$T/c.dc" "duplicate_rate(id, note) > 0%"
run "$T/c.dc" --dataset d "$T/third.jsonl"
has_rule yes DQ005 "duplicate_rate(id, note) > 0% with no repeated pair"
contract "$T/c.dc" "duplicate_rate(id) between 33.333% and 33.334%"
run "$T/c.dc" --dataset d "$T/third.jsonl"
has_rule no DQ005 "duplicate_rate(id) between 33.333% and 33.334% with 1 repeat of 3"
# No record: nothing is null (0%), everything is valid (100%) and nothing repeats (0%).
: > "$T/empty.jsonl"
for t in 'null_rate(note) <= 0%:no:DQ002' 'null_rate(note) > 0%:yes:DQ002' 'valid_rate(note) >= 100%:no:DQ003' 'valid_rate(note) < 100%:yes:DQ003' \
         'null_rate(note) != 0%:yes:DQ002' 'valid_rate(note) != 100%:yes:DQ003' \
         'duplicate_rate(note) <= 0%:no:DQ005' 'duplicate_rate(note) > 0%:yes:DQ005' \
         'missing_rate(note, values ("")) <= 0%:no:DQ002' 'missing_rate(note, values ("")) > 0%:yes:DQ002' \
         'missing_count(note, values ("")) == 0:no:DQ002' \
         'invalid_rate(note, valid ("")) <= 0%:no:DQ003' 'invalid_rate(note, valid ("")) > 0%:yes:DQ003' \
         'invalid_count(note, valid ("")) == 0:no:DQ003'; do
    r=${t%%:*}; w=${t#*:}; w=${w%:*}
    contract "$T/c.dc" "$r"
    run "$T/c.dc" --dataset d "$T/empty.jsonl"
    has_rule "$w" "${t##*:}" "$r on no record"
done
# between and not between include both bounds (ODCS mustBeBetween / mustNotBeBetween): with bounds
# [3, 5] a count of 2 or 6 is outside and 3, 4, 5 inside; with [25%, 50%] of 4 records, 0 and 3 or 4
# are outside (0%, 75%, 100%) and 1, 2 inside (25%, 50%). `not between` fails exactly where
# `between` holds. The flags: DQ expected for `between` at each k, in order.
for k in 5 6; do i=0; while [ $i -lt $k ]; do i=$((i + 1)); rec $i ok $AT; done > "$T/rows$k.jsonl"; done
for k in 0 1 2 3 4; do
    i=0; while [ $i -lt 4 ]; do i=$((i + 1)); [ $i -le $k ] && rec $i - $AT || rec $i ok $AT; done > "$T/bn$k.jsonl"
    i=0; while [ $i -lt 4 ]; do i=$((i + 1)); [ $i -le $k ] && rec $i ok $AT || rec $i toolong $AT; done > "$T/bv$k.jsonl"
done
for c in '2:yes' '3:no' '4:no' '5:no' '6:yes'; do
    k=${c%:*}; b=${c#*:}; [ $b = yes ] && nb=no || nb=yes
    contract "$T/c.dc" "row_count between 3 and 5"
    run "$T/c.dc" --dataset d "$T/rows$k.jsonl"
    has_rule $b DQ001 "row_count between 3 and 5 with $k records"
    [ $b = yes ] && contains "$OUT" "row_count is $k, expected between 3 and 5 [DQ001]"
    contract "$T/c.dc" "row_count not between 3 and 5"
    run "$T/c.dc" --dataset d "$T/rows$k.jsonl"
    has_rule $nb DQ001 "row_count not between 3 and 5 with $k records"
done
for c in '0:yes' '1:no' '2:no' '3:yes' '4:yes'; do
    k=${c%:*}; b=${c#*:}; [ $b = yes ] && nb=no || nb=yes
    for rule in null_rate:bn:DQ002 valid_rate:bv:DQ003; do
        r=${rule%%:*}; f=${rule#*:}; f=${f%:*}; code=${rule##*:}
        contract "$T/c.dc" "$r(note) between 25% and 50%"
        run "$T/c.dc" --dataset d "$T/$f$k.jsonl"
        has_rule $b $code "$r(note) between 25% and 50% at $k of 4"
        [ $b = yes ] && contains "$OUT" "$r is $((k * 25))% ($k of 4 records), expected between 25% and 50% [$code]"
        contract "$T/c.dc" "$r(note) not between 25% and 50%"
        run "$T/c.dc" --dataset d "$T/$f$k.jsonl"
        has_rule $nb $code "$r(note) not between 25% and 50% at $k of 4"
    done
done
# counts between 1 and 2: 0 and 3 are outside, 1 and 2 inside (bn: k nulls; bv: 4 - k invalid)
for c in '0:yes' '1:no' '2:no' '3:yes'; do
    k=${c%:*}; b=${c#*:}; [ $b = yes ] && nb=no || nb=yes
    contract "$T/c.dc" "null_count(note) between 1 and 2"
    run "$T/c.dc" --dataset d "$T/bn$k.jsonl"
    has_rule $b DQ002 "null_count(note) between 1 and 2 with $k nulls"
    contract "$T/c.dc" "invalid_count(note) not between 1 and 2"
    run "$T/c.dc" --dataset d "$T/bv$((4 - k)).jsonl"
    has_rule $nb DQ003 "invalid_count(note) not between 1 and 2 with $k invalid"
done
# the same rules in the field's `expect` block (field-level, the field argument left out): the
# same verdicts, since they are the dataset's rules wherever written
for c in '0:yes' '1:no' '2:no' '3:yes'; do
    k=${c%:*}; b=${c#*:}; [ $b = yes ] && nb=no || nb=yes
    printf 'contract bound.fq 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field id int64\n    field note string(3)? expect { %s }\n    field at timestamptz\n  }\n}\n' \
        'null_count between 1 and 2' > "$T/f.dc"
    run "$T/f.dc" --dataset d "$T/bn$k.jsonl"
    has_rule $b DQ002 "expect { null_count between 1 and 2 } on note with $k nulls"
    printf 'contract bound.fq 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field id int64\n    field note string(3)? expect { %s }\n    field at timestamptz\n  }\n}\n' \
        'invalid_count(note) not between 1 and 2' > "$T/f.dc"
    run "$T/f.dc" --dataset d "$T/bv$((4 - k)).jsonl"
    has_rule $nb DQ003 "expect { invalid_count(note) not between 1 and 2 } with $k invalid"
done
# freshness between 1h and 2h at --now 14:00Z: 1h less 1 ns and 2h plus 1 ns old are outside,
# exactly 1h and exactly 2h inside
for c in '2026-01-01T13:00:00.000000001Z:yes' '2026-01-01T13:00:00Z:no' '2026-01-01T12:00:00Z:no' '2026-01-01T11:59:59.999999999Z:yes'; do
    newest=${c%:*}; b=${c##*:}; [ $b = yes ] && nb=no || nb=yes
    rec 1 ok "$newest" > "$T/fresh.jsonl"
    contract "$T/c.dc" "freshness(at) between 1h and 2h"
    run "$T/c.dc" --dataset d --now 2026-01-01T14:00:00Z "$T/fresh.jsonl"
    has_rule $b DQ004 "freshness(at) between 1h and 2h, newest $newest at 14:00Z"
    contract "$T/c.dc" "freshness(at) not between 1h and 2h"
    run "$T/c.dc" --dataset d --now 2026-01-01T14:00:00Z "$T/fresh.jsonl"
    has_rule $nb DQ004 "freshness(at) not between 1h and 2h, newest $newest at 14:00Z"
done
# exact: 1 null of 3 is 33.333...%, inside [33.333%, 33.334%] and below [33.3334%, 40%]; with no
# record the null rate is 0%, inside [0%, 1%], and the valid rate 100%, outside [0%, 99.9%]
{ rec 1 - $AT; rec 2 ok $AT; rec 3 ok $AT; } > "$T/third.jsonl"
for t in 'null_rate(note) between 33.333% and 33.334%:no:third:DQ002' 'null_rate(note) not between 33.333% and 33.334%:yes:third:DQ002' \
         'null_rate(note) between 33.3334% and 40%:yes:third:DQ002' 'null_rate(note) not between 33.3334% and 40%:no:third:DQ002' \
         'null_rate(note) between 0% and 1%:no:empty:DQ002' 'null_rate(note) not between 0% and 1%:yes:empty:DQ002' \
         'valid_rate(note) not between 0% and 99.9%:no:empty:DQ003' 'valid_rate(note) between 0% and 99.9%:yes:empty:DQ003'; do
    r=${t%%:*}; rest=${t#*:}; w=${rest%%:*}; rest=${rest#*:}; f=${rest%%:*}; code=${rest#*:}
    contract "$T/c.dc" "$r"
    run "$T/c.dc" --dataset d "$T/$f.jsonl"
    has_rule "$w" "$code" "$r on $f"
done
# Every freshness unit at its boundary: exactly one unit old fails `<`, one nanosecond less holds.
for u in 1000ms:1 1s:1 1m:60 1h:3600 1d:86400 1w:604800 1y:31536000; do
    secs=${u#*:}
    then_s=$((1767268800 - secs)) # 2026-01-01T12:00:00Z is 1767268800 s after the epoch
    at=$(date -u -d "@$then_s" +%Y-%m-%dT%H:%M:%SZ)
    contract "$T/c.dc" "freshness(at) < ${u%:*}"
    rec 1 ok "$at" > "$T/u.jsonl"
    run "$T/c.dc" --dataset d --now 2026-01-01T12:00:00Z "$T/u.jsonl"
    has_rule yes DQ004 "freshness(at) < ${u%:*}, newest exactly ${u%:*} old"
    run "$T/c.dc" --dataset d --now 2026-01-01T11:59:59.999999999Z "$T/u.jsonl"
    has_rule no DQ004 "freshness(at) < ${u%:*}, newest 1 ns younger than ${u%:*}"
done
# Freshness with no valid value to measure fails, whatever the operator.
contract "$T/c.dc" "freshness(at) > 1s"
rec 1 ok 2026-13-01T00:00:00Z > "$T/none.jsonl"
run "$T/c.dc" --dataset d --now 2026-01-01T12:00:00Z "$T/none.jsonl"
contains "$OUT" "no valid value to measure freshness [DQ004]"
# unique(id): no repeat holds; one repeat fails and is counted.
contract "$T/c.dc" "unique(id)"
{ rec 1 ok $AT; rec 2 ok $AT; } > "$T/u0.jsonl"; { rec 1 ok $AT; rec 1 ok $AT; rec 2 ok $AT; } > "$T/u1.jsonl"
run "$T/c.dc" --dataset d "$T/u0.jsonl"; has_rule no DQ005 "unique(id) without repeats"
run "$T/c.dc" --dataset d "$T/u1.jsonl"; has_rule yes DQ005 "unique(id) with one repeat"
contains "$OUT" "1 record repeats the values of (id)"
fi

if part tz; then
# ---- 2. timestamptz: offsets of both signs as instants ------------------------------------------
# timestamptz.tsv: VALUE, BOUND and how VALUE compares with BOUND as instants (-1, 0, 1).
# Each row: VALUE against the four ranges [B, *], (B, *], [*, B] and [*, B); then as a primary
# key beside a record holding BOUND (the same instant is a duplicate, whatever the offsets).
grep -v '^#' "$HERE/timestamptz.tsv" > "$T/rows"
while IFS='	' read -r value b rel; do
    cat > "$T/tz.dc" <<EOF
contract bound.tz 1.0.0 {
  owner "Tests"
  dataset r {
    field ge timestamptz range ["$b", *]
    field gt timestamptz range ("$b", *]
    field le timestamptz range [*, "$b"]
    field lt timestamptz range [*, "$b")
  }
  dataset k {
    primary key (at)
    field at timestamptz
  }
}
EOF
    printf '{"ge":"%s","gt":"%s","le":"%s","lt":"%s"}\n' "$value" "$value" "$value" "$value" > "$T/tz.jsonl"
    OUT=$("$DCC" validate "$T/tz.dc" --dataset r --report json "$T/tz.jsonl" 2>/dev/null)
    got=$(printf '%s' "$OUT" | jq -r '[.violations[] | select(.rule == "DV016") | .field] | sort | join(",")' 2>/dev/null)
    case $rel in
        -1) want=ge,gt ;;
        0) want=gt,lt ;;
        1) want=le,lt ;;
    esac
    [ "$got" = "$want" ] && ok || bad "timestamptz $value against $b (relation $rel): DV016 on '$got', want '$want'"
    printf '{"at":"%s"}\n{"at":"%s"}\n' "$b" "$value" > "$T/k.jsonl"
    run "$T/tz.dc" --dataset k "$T/k.jsonl"
    [ "$rel" = 0 ] && has_rule yes DV017 "key $value beside $b" || has_rule no DV017 "key $value beside $b"
    printf 'at\n%s\n%s\n' "$b" "$value" > "$T/k.csv"
    run "$T/tz.dc" --dataset k "$T/k.csv"
    [ "$rel" = 0 ] && has_rule yes DV017 "CSV key $value beside $b" || has_rule no DV017 "CSV key $value beside $b"
done < "$T/rows"
fi

if part temporal; then
# ---- 3. dates, times and offsets at the edges (RFC 3339, docs/validation.md) -------------------
# temporal.tsv: KIND, TEXT, valid or invalid.
grep -v '^#' "$HERE/temporal.tsv" > "$T/rows"
while IFS='	' read -r kind text verdict; do
    printf 'contract bound.t 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field v %s\n  }\n}\n' "$kind" > "$T/t.dc"
    printf '{"v":"%s"}\n' "$text" > "$T/t.jsonl"
    run "$T/t.dc" --dataset d "$T/t.jsonl"
    [ "$verdict" = valid ] && has_rule no DV010 "$kind $text" || has_rule yes DV010 "$kind $text"
    printf 'v\n%s\n' "$text" > "$T/t.csv"
    run "$T/t.dc" --dataset d "$T/t.csv"
    [ "$verdict" = valid ] && has_rule no DV010 "CSV $kind $text" || has_rule yes DV010 "CSV $kind $text"
done < "$T/rows"
fi

if part int; then
# ---- 4. integer widths: limits and one past them ----------------------------------------------
# Two's complement: intN holds -2^(N-1) .. 2^(N-1)-1. Each value plain and with a range that is
# the whole width (another path through the runtime), in JSON Lines and in CSV.
printf 'contract bound.ints 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field v INT?\n    field w INT? range [LO, HI]\n  }\n}\n' > "$T/int.tmpl"
for spec in int8:-128:127:-129:128 int16:-32768:32767:-32769:32768 \
            int32:-2147483648:2147483647:-2147483649:2147483648 \
            int64:-9223372036854775808:9223372036854775807:-9223372036854775809:9223372036854775808; do
    IFS=: read -r ty lo hi below above <<EOF
$spec
EOF
    sed "s/INT/$ty/g; s/LO/$lo/; s/HI/$hi/" "$T/int.tmpl" > "$T/int.dc"
    for v in "$lo:no" "$hi:no" "$below:yes" "$above:yes" "0:no" "-1:no"; do
        val=${v%:*}; w=${v#*:}
        printf '{"v":%s}\n' "$val" > "$T/i.jsonl"; run "$T/int.dc" --dataset d "$T/i.jsonl"; has_rule "$w" DV007 "$ty $val"
        printf '{"w":%s}\n' "$val" > "$T/i.jsonl"; run "$T/int.dc" --dataset d "$T/i.jsonl"; has_rule "$w" DV007 "$ty $val (ranged)"
        printf 'v,w\n%s,\n' "$val" > "$T/i.csv"; run "$T/int.dc" --dataset d "$T/i.csv"; has_rule "$w" DV007 "CSV $ty $val"
        printf 'v,w\n,%s\n' "$val" > "$T/i.csv"; run "$T/int.dc" --dataset d "$T/i.csv"; has_rule "$w" DV007 "CSV $ty $val (ranged)"
    done
    # The contract's own literals: a range bound one past the width is an error of dcc check.
    sed "s/INT/$ty/g; s/LO/$below/; s/HI/$hi/" "$T/int.tmpl" > "$T/bad.dc"
    OUT=$("$DCC" check "$T/bad.dc" 2>&1); RC=$?
    [ $RC -eq 1 ] && contains "$OUT" "does not fit in $ty" || bad "range [$below, $hi] on $ty: exit $RC"
    sed "s/INT/$ty/g; s/LO/$lo/; s/HI/$above/" "$T/int.tmpl" > "$T/bad.dc"
    OUT=$("$DCC" check "$T/bad.dc" 2>&1); RC=$?
    [ $RC -eq 1 ] && contains "$OUT" "does not fit in $ty" || bad "range [$lo, $above] on $ty: exit $RC"
done
# Twenty digits are outside every width; a 19-digit number below INT64_MAX is inside int64.
printf '{"v":1000000000000000000}\n{"v":-1000000000000000000}\n' > "$T/i.jsonl"
run "$T/int.dc" --dataset d "$T/i.jsonl"; has_rule no DV007 "int64 with 19 digits"
printf '{"v":10000000000000000000}\n' > "$T/i.jsonl"
run "$T/int.dc" --dataset d "$T/i.jsonl"; has_rule yes DV007 "int64 with 20 digits"
fi

if part float; then
# ---- 4b. float widths: where rounding to the nearest float reaches infinity -------------------
# The largest float32 is 2^128 - 2^104; halfway to 2^128, 2^128 - 2^103, a tie, rounds to even:
# to 2^128, infinity. So |x| >= 2^128 - 2^103 is DV009 and one less is finite. float64 the same
# at 2^1024 - 2^970.
F32=340282356779733661637539395458142568448
F64=179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792
printf 'contract bound.floats 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field f float32?\n    field g float64?\n  }\n}\n' > "$T/f.dc"
F32M1=${F32%8}7; F64M1=${F64%2}1
for v in "f:$F32:yes" "f:-$F32:yes" "f:$F32M1:no" "f:-$F32M1:no" "f:3.4028234663852886e38:no" "f:3.4028235677973366e38:no" "f:3.4028235677973367e38:yes" \
         "g:$F64:yes" "g:-$F64:yes" "g:$F64M1:no" "g:1.7976931348623157e308:no" "g:1.7976931348623158e308:no" "g:1.7976931348623159e308:yes" "g:1e309:yes"; do
    fld=${v%%:*}; rest=${v#*:}; val=${rest%:*}; w=${rest##*:}
    printf '{"%s":%s}\n' "$fld" "$val" > "$T/f.jsonl"; run "$T/f.dc" --dataset d "$T/f.jsonl"
    has_rule "$w" DV009 "$fld = $(printf '%s' "$val" | cut -c1-24)"
done
fi

if part utf8; then
# ---- 5. malformed UTF-8: JSON strings and keys, CSV cells and headers --------------------------
# utf8.tsv: the bytes (hex) and whether they are well-formed UTF-8 (Unicode 15, table 3-7).
# Invalid bytes anywhere are DV002; valid ones are no DV002 (and no DV001).
printf 'contract bound.u 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field s string?\n  }\n  dataset open {\n    allow unknown fields\n    field s string?\n  }\n}\n' > "$T/u.dc"
"$DCC" check "$T/u.dc" >/dev/null 2>&1 || sed -i '/allow unknown fields/d' "$T/u.dc"
# the printf escapes (octal: POSIX printf has no \x) of the bytes of a hex string
bytes() {
    h=$1; o=
    while [ -n "$h" ]; do o="$o\\$(printf '%03o' "0x${h%"${h#??}"}")"; h=${h#??}; done
    printf '%s' "$o"
}
grep -v '^#' "$HERE/utf8.tsv" > "$T/rows"
while IFS='	' read -r hex verdict; do
    b=$(bytes "$hex")
    [ "$verdict" = valid ] && w=no || w=yes
    printf "{\"s\":\"a${b}z\"}\n" > "$T/u.jsonl"
    run "$T/u.dc" --dataset d "$T/u.jsonl"; has_rule $w DV002 "JSON string with $hex"
    [ $w = no ] && has_rule no DV001 "JSON string with $hex"
    printf "{\"s\":\"x\",\"k${b}\":1}\n" > "$T/u.jsonl"
    run "$T/u.dc" --dataset d "$T/u.jsonl"; has_rule $w DV002 "JSON key with $hex"
    printf "s\na${b}z\n" > "$T/u.csv"
    run "$T/u.dc" --dataset d "$T/u.csv"; has_rule $w DV002 "CSV cell with $hex"
    printf "s\n\"a${b}z\"\n" > "$T/u.csv"
    run "$T/u.dc" --dataset d "$T/u.csv"; has_rule $w DV002 "quoted CSV cell with $hex"
    printf "s,k${b}\nx,\n" > "$T/u.csv"
    run "$T/u.dc" --dataset d "$T/u.csv"; has_rule $w DV002 "CSV header with $hex"
    # a valid character counts once toward a length
    if [ $w = no ]; then
        printf 'contract bound.l 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field s string(3)\n  }\n}\n' > "$T/l.dc"
        printf "s\na${b}z\n" > "$T/l.csv"
        run "$T/l.dc" --dataset d "$T/l.csv"; has_rule no DV013 "CSV a${hex}z is 3 characters"
        printf "{\"s\":\"a${b}z\"}\n" > "$T/l.jsonl"
        run "$T/l.dc" --dataset d "$T/l.jsonl"; has_rule no DV013 "JSON a${hex}z is 3 characters"
    fi
done < "$T/rows"
# RFC 4180: a doubled quote inside a quoted cell is one character of the value, so it counts once
# toward a length: a""b is a"b (3), a""""b is a""b (4), and eight quotes are """ (3).
printf 'contract bound.q 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field s string length [3, 3]\n  }\n}\n' > "$T/q.dc"
for v in '"a""b":no' '"a""""b":yes' '"""""""":no' '"""":yes'; do
    printf 's\n%s\n' "${v%:*}" > "$T/q.csv"
    run "$T/q.dc" --dataset d "$T/q.csv"; has_rule "${v##*:}" DV013 "CSV cell ${v%:*} against length [3, 3]"
    has_rule no DV001 "CSV cell ${v%:*}"
done
# an undeclared column (docs/validation.md): an empty unquoted cell is null, so nothing is there;
# a quoted "" is the empty string, a value, so it is DV003 like any other text
for v in 'abc,:no' 'abc,"":yes' 'abc,x:yes'; do
    printf 's,extra\n%s\n' "${v%:*}" > "$T/q.csv"
    run "$T/q.dc" --dataset d "$T/q.csv"; has_rule "${v##*:}" DV003 "CSV row ${v%:*} with an undeclared column"
done
fi

if part diag; then
# ---- 6. diagnostic columns, wherever a span is computed --------------------------------------
# diag/*.dc pin line:column in their expectations (tests/diag/verify.c).
DV=$(dirname "$DCC")/tests/diagverify
if [ -x "$DV" ]; then
    OUT=$("$DV" "$HERE"/diag/*.dc 2>&1) && ok || { bad "diagnostic columns:"; echo "$OUT" | tail -20; }
else
    bad "$DV not built (make $(dirname "$DCC")/tests/diagverify)"
fi
# The text form: file:line:col, the caret under the first character and a tilde under each other.
printf 'contract bound.d 1.0.0 {\n  owner "T"\n  dataset d {\n    field a string pattern "ab{3,2}c"\n  }\n}\n' > "$T/p.dc"
OUT=$("$DCC" check "$T/p.dc" 2>&1)
# the {3,2} starts 3 characters into the pattern, whose quote is at column 28
contains "$OUT" "p.dc:4:31: error:"
contains "$OUT" "$(printf '       |                               ^~~~~\n')"
fi
if part odcs; then
# ---- 7. ODCS as other tools write it -------------------------------------------------------------
# The golden ODCS files hold dcc's own spellings; these are the standard's others, each read as
# the ODCS v3.1 reference and docs/odcs.md say: format u8 holds 0..255, so int16 is the narrowest
# dcc integer for it; SQL's TINYINT is one signed byte (int8); a timestamp bound without an offset
# is in defaultTimezone, UTC when none is given; mustBeBetween [a, b] includes both ends; an SLA
# unit "hours" is h; nullValues mustBe 0 is a null rate of 0%.
cat > "$T/o.odcs.yaml" <<'EOF'
apiVersion: v3.1.0
kind: DataContract
id: bound.odcs
name: bound.odcs
version: 1.0.0
status: active
team:
  name: Tests
slaProperties:
- property: latency
  value: 4
  unit: hours
- property: retention
  value: 09
  unit: y
- property: response
  value: 4h
schema:
- name: d
  properties:
  - name: small
    logicalType: integer
    logicalTypeOptions:
      format: u8
  - name: tiny
    logicalType: integer
    physicalType: TINYINT
  - name: at
    logicalType: timestamp
    logicalTypeOptions:
      timezone: true
      minimum: "2020-01-01 00:00:00"
  - name: n
    logicalType: integer
    quality:
    - type: library
      metric: nullValues
      mustBe: 0
  quality:
  - type: library
    metric: rowCount
    mustBeBetween: [2, 4]
EOF
OUT=$("$DCC" import odcs "$T/o.odcs.yaml" 2>&1)
# An integer without a format is `integer` (int64), its physical type kept as written (issue 14,
# element metadata): TINYINT is a note for the warehouse, not a narrower check. A property's
# quality is its field's `expect` block (field-level rules), the schema's the dataset's block.
for want in 'latency 4h' 'retention 9y' 'response 4h' 'field small +int16[?]' 'field tiny +integer[?] physical type "TINYINT"' 'row_count between 2 and 4' 'field n +integer[?] expect [{] null_count == 0 [}]'; do
    printf '%s\n' "$OUT" | grep -Eq "^ *$want\$" && ok || bad "ODCS import: no line '$want' in: $(printf '%s' "$OUT" | tail -n +6 | head -c 400)"
done
# a description's lines lose their trailing blanks, as `///` lines do, so that the YAML and its
# imported text give one model (fuzz_odcs-7); blanks inside a line and empty lines stay
printf 'apiVersion: v3.1.0\nkind: DataContract\nid: d.odcs\nname: d.odcs\nversion: 1.0.0\nstatus: active\nschema:\n- name: d\n  description: "a  b  \\n\\n\\tc\\t \\nend "\n  properties:\n  - name: v\n    logicalType: integer\n' > "$T/d.odcs.yaml"
got=$("$DCC" fmt --dump "$T/d.odcs.yaml" 2>/dev/null | jq -c '[.. | objects | select(.kind? == "dataset" or has("fields")) | .doc?] | map(select(. != null))')
[ "$got" = '["a  b\n\n\tc\nend"]' ] && ok || bad "ODCS description with trailing blanks: $got"
"$DCC" import odcs "$T/d.odcs.yaml" -o "$T/d.dc" 2>/dev/null
[ "$("$DCC" fmt --dump "$T/d.dc" 2>/dev/null)" = "$("$DCC" fmt --dump "$T/d.odcs.yaml" 2>/dev/null)" ] && ok || bad "ODCS description with trailing blanks: the imported text gives another model"
# names the scanner takes: a product name derived from a 300-character ODCS name is cut to 255
# bytes (DC0110's limit), so the imported text checks; a 256-byte field name is DC1199, not imported
long=$(printf 'n%.0s' $(seq 300)); f256=$(printf 'f%.0s' $(seq 256))
printf 'apiVersion: v3.1.0\nkind: DataContract\nid: l.odcs\nname: %s\nversion: 1.0.0\nstatus: active\nschema:\n- name: d\n  properties:\n  - name: v\n    logicalType: integer\n' "$long" > "$T/l.odcs.yaml"
"$DCC" import odcs "$T/l.odcs.yaml" -o "$T/l.dc" >/dev/null 2>&1 && "$DCC" check "$T/l.dc" >/dev/null 2>&1 && ok || bad "ODCS with a 300-character name: import and check failed"
grep -q "^contract odcs\.$(printf 'n%.0s' $(seq 255)) " "$T/l.dc" && ok || bad "ODCS 300-character name: not cut to 255 bytes: $(grep '^contract' "$T/l.dc" | head -c 80)"
sed "s/- name: v\$/- name: $f256/" "$T/l.odcs.yaml" > "$T/l2.odcs.yaml"
OUT=$("$DCC" check "$T/l2.odcs.yaml" 2>&1); case "$OUT" in *DC1199*) ok ;; *) bad "ODCS 256-byte field name: no DC1199: $(printf '%s' "$OUT" | head -c 200)" ;; esac
# a YAML string holding U+0000 ("\0") is DC0150 at the scalar, as \u{0} is in the language, and
# import writes nothing (fuzz_odcs-9)
printf 'apiVersion: v3.1.0\nkind: DataContract\nid: z.odcs\nname: z.odcs\nversion: 1.0.0\nstatus: active\ndescription:\n  purpose: "a\\0b"\nschema:\n- name: d\n  properties:\n  - name: v\n    logicalType: integer\n' > "$T/z.odcs.yaml"
OUT=$("$DCC" check "$T/z.odcs.yaml" 2>&1); RC=$?
case "$RC:$OUT" in 1:*"z.odcs.yaml:8:12: error: a string cannot hold U+0000"*"[DC0150]"*) ok ;; *) bad "ODCS string with \\0: exit $RC: $(printf '%s' "$OUT" | head -c 300)" ;; esac
"$DCC" import odcs "$T/z.odcs.yaml" -o "$T/z.dc" >/dev/null 2>&1; [ $? = 1 ] && [ ! -e "$T/z.dc" ] && ok || bad "ODCS string with \\0: import wrote a file or did not fail"
# a response time that is no duration of the language stays a generic service level (fuzz_odcs-6)
sed 's/^  value: 4h$/  value: soon/' "$T/o.odcs.yaml" > "$T/o2.odcs.yaml"
OUT=$("$DCC" import odcs "$T/o2.odcs.yaml" 2>&1)
printf '%s\n' "$OUT" | grep -q '^ *property "response" { value: "soon" }$' && ok || bad "ODCS response 'soon': $(printf '%s' "$OUT" | grep -n response)"
# row_count between 2 and 4: 1 and 5 records fail, 2 and 4 hold
for k in 1:yes 2:no 4:no 5:yes; do
    i=0; while [ $i -lt ${k%:*} ]; do i=$((i + 1)); printf '{"small":255,"tiny":127,"at":"2020-01-01T00:00:00Z","n":%s}\n' $i; done > "$T/o.jsonl"
    run "$T/o.odcs.yaml" --dataset d "$T/o.jsonl"
    has_rule ${k#*:} DQ001 "ODCS rowCount mustBeBetween [2, 4] with ${k%:*} records"
    has_rule no DV007 "ODCS u8 255 and TINYINT 127"
done
# one past a width (u8 is read as int16: 32768 is one past it; tiny, an int64, takes 128), and the
# bound as an instant: 00:00 UTC is 01:00+01:00, and 19:00-05:00 the day before
for v in '128:32768:2020-06-01T00:00:00Z:DV007' '1:-1:2020-06-01T00:00:00Z:none' '1:1:2019-12-31T23:59:59Z:DV016' \
         '1:1:2020-01-01T01:00:00+01:00:none' '1:1:2020-01-01T00:59:59+01:00:DV016' '1:1:2019-12-31T19:00:00-05:00:none'; do
    w=${v##*:}; kv=${v%:*}; tiny=${kv%%:*}; kv=${kv#*:}; small=${kv%%:*}; at=${kv#*:}
    kv="tiny $tiny, small $small, at $at"
    printf '{"small":%s,"tiny":%s,"at":"%s","n":1}\n{"small":1,"tiny":1,"at":"2020-06-01T00:00:00Z","n":2}\n' "$small" "$tiny" "$at" > "$T/o.jsonl"
    run "$T/o.odcs.yaml" --dataset d "$T/o.jsonl"
    if [ "$w" = none ]; then has_rule no DV016 "ODCS $kv"; has_rule no DV007 "ODCS $kv"; else has_rule yes "$w" "ODCS $kv"; fi
done
# invalidValues in percent, each operator, threshold 5%: with 20 records of which k are invalid
# (v above its maximum), the invalid share is k*5%. A rule that fails is DQ003 (the valid rate
# it is read as): invalid% < 5 fails at k >= 1, <= 5 at k >= 2, > 5 at k <= 1, >= 5 at k = 0,
# == 5 unless k = 1, != 5 at k = 1. Reasoned from the ODCS operator names, not from dcc's output.
for op in mustBeLessThan:0:1:1 mustBeLessOrEqualTo:0:0:1 mustBeGreaterThan:1:1:0 \
          mustBeGreaterOrEqualTo:1:0:0 mustBe:1:0:1 mustNotBe:0:1:0; do
    key=${op%%:*}; f=${op#*:}
    cat > "$T/iv.odcs.yaml" <<EOF2
apiVersion: v3.1.0
kind: DataContract
id: iv.odcs
name: iv.odcs
version: 1.0.0
status: active
schema:
- name: d
  properties:
  - name: v
    logicalType: integer
    logicalTypeOptions:
      maximum: 10
    quality:
    - type: library
      metric: invalidValues
      unit: percent
      $key: 5
EOF2
    for k in 0 1 2; do # expected DQ003 at k = 0, 1, 2: the three flags after the key
        want=$(printf '%s' "$f" | cut -d: -f$((k + 1)))
        i=0; while [ $i -lt 20 ]; do i=$((i + 1)); [ $i -le $k ] && printf '{"v":11}\n' || printf '{"v":1}\n'; done > "$T/iv.jsonl"
        run "$T/iv.odcs.yaml" --dataset d "$T/iv.jsonl"
        [ "$want" = 1 ] && has_rule yes DQ003 "ODCS invalidValues $key 5% with $k of 20 invalid" \
                        || has_rule no DQ003 "ODCS invalidValues $key 5% with $k of 20 invalid"
    done
done
# mustBeBetween [1, 5] of invalid values in percent is valid_rate between 95% and 99% (both
# included): of 100 records, 0 invalid (0%) and 6 (6%) fail, 1 (1%) and 5 (5%) hold. nullValues
# in rows (no unit, read as rows) mustNotBeBetween [1, 2] is null_count not between 1
# and 2: 0 and 3 nulls hold, 1 and 2 fail.
# odcs_import NAME WANT WHAT SED-ARGS...: $T/NAME.odcs.yaml is $T/iv.odcs.yaml edited by the sed
# arguments; `dcc import odcs` of it must print WANT (WHAT names the check when it does not).
odcs_import() {
    oi_yaml="$T/$1.odcs.yaml" oi_want=$2 oi_what=$3
    shift 3
    sed "$@" "$T/iv.odcs.yaml" > "$oi_yaml"
    OUT=$("$DCC" import odcs "$oi_yaml" 2>&1)
    oi_measure=$(printf '%s' "$oi_want" | grep -oE '[a-z]+_(rate|count)' | head -1)
    case "$OUT" in *"$oi_want"*) ok ;; *) bad "$oi_what: $(printf '%s' "$OUT" | grep -F "$oi_measure")" ;; esac
}
odcs_import ivb "expect { valid_rate between 95% and 99% }" "ODCS invalidValues mustBeBetween [1, 5]%" 's/mustNotBe: 5/mustBeBetween: [1, 5]/'
for c in 0:yes 1:no 5:no 6:yes; do
    k=${c%:*}
    i=0; while [ $i -lt 100 ]; do i=$((i + 1)); [ $i -le $k ] && printf '{"v":11}\n' || printf '{"v":1}\n'; done > "$T/iv.jsonl"
    run "$T/ivb.odcs.yaml" --dataset d "$T/iv.jsonl"
    has_rule ${c#*:} DQ003 "ODCS invalidValues mustBeBetween [1, 5]% with $k of 100 invalid"
done
odcs_import nvb "expect { null_count not between 1 and 2 }" "ODCS nullValues mustNotBeBetween [1, 2]" \
    -e 's/metric: invalidValues/metric: nullValues/' -e '/unit: percent/d' -e 's/mustNotBe: 5/mustNotBeBetween: [1, 2]/'
for c in 0:no 1:yes 2:yes 3:no; do
    k=${c%:*}
    i=0; while [ $i -lt 20 ]; do i=$((i + 1)); [ $i -le $k ] && printf '{"v":null}\n' || printf '{"v":1}\n'; done > "$T/nv.jsonl"
    run "$T/nvb.odcs.yaml" --dataset d "$T/nv.jsonl"
    has_rule ${c#*:} DQ002 "ODCS nullValues mustNotBeBetween [1, 2] with $k of 20 null"
done
# datacontract-cli's export example: a sql check mustBeBetween [1000, 49900] is one rule
OUT=$("$DCC" import odcs tests/corpus/public/datacontract-cli/export/datacontract.large.odcs.yaml 2>&1)
case "$OUT" in *'percentile_95\nFROM orders\n" between 1000 and 49900'*) ok ;; *) bad "datacontract.large.odcs.yaml: no sql rule between 1000 and 49900" ;; esac
# 100 - X is computed exactly: invalidValues < 0.00000000001% is valid_rate > 99.99999999999%, so
# 20 valid of 20 passes (100 > 99.99999999999) and 19 of 20 fails. In binary floating point printed
# to 10 digits it was valid_rate > 100%, which no data meets.
odcs_import ivx "expect { valid_rate > 99.99999999999% }" "ODCS invalidValues < 0.00000000001%" 's/mustNotBe: 5/mustBeLessThan: 0.00000000001/'
for k in 0 1; do
    i=0; while [ $i -lt 20 ]; do i=$((i + 1)); [ $i -le $k ] && printf '{"v":11}\n' || printf '{"v":1}\n'; done > "$T/iv.jsonl"
    run "$T/ivx.odcs.yaml" --dataset d "$T/iv.jsonl"
    [ $k = 1 ] && has_rule yes DQ003 "ODCS invalidValues < 0.00000000001% with $k of 20 invalid" \
               || has_rule no DQ003 "ODCS invalidValues < 0.00000000001% with $k of 20 invalid"
done
fi
if part compat; then
# ---- 8. compatibility at the edges ----------------------------------------------------------------
# compat.cases: equal and exclusive bounds, exact quality thresholds (tests/compat/cases.sh runs it)
OUT=$(sh tests/compat/cases.sh "$DCC" "$HERE/compat.cases" 2>&1) && ok || bad "compat.cases: $(printf '%s' "$OUT" | grep -v '^ok' | head -20)"
# the smallest change (a description: a patch) with the version unchanged is named as such, and a
# patch bump is enough for it (docs/compat.md, semantic versioning)
printf 'contract a.v 1.0.0 {\n  owner "T"\n  dataset d {\n    /// doc a\n    field a int32\n  }\n}\n' > "$T/v1.dc"
sed 's/doc a/doc b/' "$T/v1.dc" > "$T/v2.dc"; sed 's/1\.0\.0/1.0.1/' "$T/v2.dc" > "$T/v3.dc"
OUT=$("$DCC" compat "$T/v1.dc" "$T/v2.dc" 2>&1); RC=$?
[ $RC = 1 ] && ok || bad "compat of a description change without a bump: exit $RC, want 1"
case "$OUT" in *"version: the contract changed but its version did not"*) ok ;; *) bad "compat without a bump: $(printf '%s' "$OUT" | tail -3)" ;; esac
OUT=$("$DCC" compat "$T/v1.dc" "$T/v3.dc" 2>&1); RC=$?
[ $RC = 0 ] && ok || bad "compat of a description change with a patch bump: exit $RC, want 0: $(printf '%s' "$OUT" | tail -2)"
fi
if part bytes; then
# ---- 9. bytes: base64 at the edges (RFC 4648, section 4: the standard alphabet, `=` padding) -----
# Encoded text comes in groups of four characters; a last group of two or three characters ends
# in one or two `=`; the alphabet is A-Z a-z 0-9 + /. "QUI=" is 2 bytes, "QQ==" 1, "QUJD" 3.
printf 'contract bound.b 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field b bytes?\n    field two bytes? length [2, 2]\n  }\n}\n' > "$T/b.dc"
for v in ':no' 'Q:yes' 'QU:yes' 'QUJ:yes' 'QUJD:no' 'QUJDR:yes' 'QUJDRA:yes' 'QUJDRA==:no' 'QUJDRA=:yes' 'QUI=:no' 'QQ==:no' \
         'Q===:yes' 'QU=D:yes' '+/+/:no' '-_-_:yes'; do
    val=${v%:*}; w=${v#*:}
    printf '{"b":"%s"}\n' "$val" > "$T/b.jsonl"; run "$T/b.dc" --dataset d "$T/b.jsonl"; has_rule "$w" DV012 "bytes '$val'"
    printf 'b,two\n%s,\n' "$val" > "$T/b.csv"; run "$T/b.dc" --dataset d "$T/b.csv"; has_rule "$w" DV012 "CSV bytes '$val'"
done
# length counts decoded bytes: exactly 2
for v in 'QUI=:no' 'QQ==:yes' 'QUJD:yes' 'QUJDRA==:yes'; do
    val=${v%:*}; w=${v#*:}
    printf '{"two":"%s"}\n' "$val" > "$T/b.jsonl"; run "$T/b.dc" --dataset d "$T/b.jsonl"; has_rule "$w" DV013 "bytes length [2, 2] of '$val'"
    has_rule no DV012 "bytes '$val'"
done
fi
if part sql; then
# ---- 10. the SQL target's checks, run by SQLite ---------------------------------------------------
# `dcc gen -t sql`'s checks query, run by SQLite over a table below, at and above the threshold,
# must give the operator's truth table (holds above); on an empty table nothing is null (0%) and
# everything valid (100%), as docs/validation.md says for dcc validate.
sqlcheck() { # RULE ROWS CODE: the passed column (1 or 0) of CODE's check over ROWS rows
    printf 'contract bound.s 1.0.0 {\n  owner "T"\n  dataset d {\n    field id int64\n    field note string?\n    quality {\n      %s\n    }\n  }\n}\n' "$1" > "$T/s.dc"
    rm -rf "$T/sql" "$T/s.db"
    "$DCC" gen -t sql --dialect sqlite -o "$T/sql" "$T/s.dc" 2>/dev/null || { echo "gen failed"; return; }
    { cat "$T/sql/bound_s.sql"; i=0; while [ $i -lt "$2" ]; do i=$((i + 1)); echo "INSERT INTO \"d\" (\"id\", \"note\") VALUES ($i, 'x');"; done; } | sqlite3 "$T/s.db"
    sqlite3 -separator '|' "$T/s.db" < "$T/sql/bound_s.checks.sql" | awk -F'|' -v c="$3" '$2 == c { print $6 }'
}
if command -v sqlite3 >/dev/null 2>&1; then
    for op in '<' '<=' '>' '>=' '=='; do
        n=1
        for rel in below at above; do
            n=$((n + 1))
            got=$(sqlcheck "row_count $op 3" $n DQ001)
            [ "$got" = "$(holds "$op" $rel)" ] && ok || bad "SQLite: row_count $op 3 over $n rows: passed '$got', want $(holds "$op" $rel)"
        done
    done
    for t in 'null_rate(note) >= 0%:1:DQ002' 'null_rate(note) <= 0%:1:DQ002' 'null_rate(note) > 0%:0:DQ002' \
             'valid_rate(note) >= 100%:1:DQ003' 'valid_rate(note) < 100%:0:DQ003' 'valid_rate(note) == 100%:1:DQ003'; do
        r=${t%%:*}; w=${t#*:}; w=${w%:*}
        got=$(sqlcheck "$r" 0 "${t##*:}")
        [ "$got" = "$w" ] && ok || bad "SQLite: $r on an empty table: passed '$got', want $w"
    done
    # both bounds included: 3, 4 and 5 rows are between 3 and 5, 2 and 6 are not
    for c in 2:0 3:1 4:1 5:1 6:0; do
        n=${c%:*}; w=${c#*:}
        got=$(sqlcheck "row_count between 3 and 5" $n DQ001)
        [ "$got" = "$w" ] && ok || bad "SQLite: row_count between 3 and 5 over $n rows: passed '$got', want $w"
        got=$(sqlcheck "row_count not between 3 and 5" $n DQ001)
        [ "$got" = "$((1 - w))" ] && ok || bad "SQLite: row_count not between 3 and 5 over $n rows: passed '$got', want $((1 - w))"
    done
    for t in 'null_rate(note) between 0% and 1%:1:DQ002' 'null_rate(note) not between 0% and 1%:0:DQ002' \
             'valid_rate(note) between 99.5% and 100%:1:DQ003' 'valid_rate(note) not between 0.5% and 99.95%:1:DQ003'; do
        r=${t%%:*}; w=${t#*:}; w=${w%:*}
        got=$(sqlcheck "$r" 0 "${t##*:}")
        [ "$got" = "$w" ] && ok || bad "SQLite: $r on an empty table: passed '$got', want $w"
    done
else
    bad "sqlite3 is needed (tests/deps.sh installs it)"
fi
fi
if part values; then
# ---- 11. allowed values of a boolean: only the value listed passes -----------------------------
for spec in true:false false:true; do
    in=${spec%:*}; out=${spec#*:}
    printf 'contract bound.v 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field b boolean? values (%s)\n  }\n}\n' "$in" > "$T/v.dc"
    for v in "$in:no" "$out:yes"; do
        printf '{"b":%s}\n' "${v%:*}" > "$T/v.jsonl"; run "$T/v.dc" --dataset d "$T/v.jsonl"; has_rule "${v#*:}" DV015 "boolean ${v%:*} against values ($in)"
        printf 'b\n%s\n' "${v%:*}" > "$T/v.csv"; run "$T/v.dc" --dataset d "$T/v.csv"; has_rule "${v#*:}" DV015 "CSV boolean ${v%:*} against values ($in)"
    done
done
# a uuid is the same uuid in either case (RFC 9562, section 4: input is case-insensitive), so a
# listed value matches data in the other case, in JSON and CSV alike; a different uuid does not
U=0f8fad5b-d9cb-469f-a165-70867728950e
printf 'contract bound.w 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field u uuid values ("%s", "%s")\n  }\n}\n' \
    "$(printf '%s' "$U" | tr a-f A-F)" 7c9e6679-7425-40de-944b-e07fc1f90ae7 > "$T/w.dc"
for v in "$U:no" "$(printf '%s' "$U" | tr a-f A-F):no" 7C9E6679-7425-40DE-944B-E07FC1F90AE7:no 7c9e6679-7425-40de-944b-e07fc1f90ae8:yes; do
    printf '{"u":"%s"}\n' "${v%:*}" > "$T/w.jsonl"; run "$T/w.dc" --dataset d "$T/w.jsonl"; has_rule "${v#*:}" DV015 "uuid ${v%:*} against values"
    printf 'u\n%s\n' "${v%:*}" > "$T/w.csv"; run "$T/w.dc" --dataset d "$T/w.csv"; has_rule "${v#*:}" DV015 "CSV uuid ${v%:*} against values"
done
# an enumeration's value is the whole word: a prefix or an extension of one is no value (DV015),
# in CSV and in JSON, also when the JSON text spells it with an escape (\u0062 is b)
printf 'contract bound.e 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field e enum(abc, x)\n  }\n}\n' > "$T/e.dc"
for v in abc:no x:no ab:yes abcd:yes a:yes xx:yes; do
    printf 'e\n%s\n' "${v%:*}" > "$T/e.csv"; run "$T/e.dc" --dataset d "$T/e.csv"; has_rule "${v#*:}" DV015 "CSV enum ${v%:*}"
    printf '{"e":"%s"}\n' "${v%:*}" > "$T/e.jsonl"; run "$T/e.dc" --dataset d "$T/e.jsonl"; has_rule "${v#*:}" DV015 "JSON enum ${v%:*}"
done
for v in 'a\u0062c:no' 'a\u0062:yes'; do
    printf '{"e":"%s"}\n' "${v%:*}" > "$T/e.jsonl"; run "$T/e.dc" --dataset d "$T/e.jsonl"; has_rule "${v#*:}" DV015 "JSON enum ${v%:*}"
done
fi
if part avro; then
# ---- 12. Avro defaults of temporal fields (Avro 1.11: date is days since 1970-01-01, ----------
# timestamp-micros microseconds); the day counts from GNU date, far enough out (year 2300,
# beyond 86,399 days) that a divisor off by one second shows
printf 'contract bound.a 1.0.0 {\n  owner "T"\n  dataset d {\n    field a date default "2300-01-01"\n    field b date default "1969-12-31"\n    field c timestamptz default "1970-01-01T00:00:01.5Z"\n  }\n}\n' > "$T/a.dc"
rm -rf "$T/avro"
if "$DCC" gen -t avro -o "$T/avro" "$T/a.dc" 2>/dev/null; then
    got=$(jq -c '[.fields[] | .default]' "$T"/avro/*.avsc 2>/dev/null)
    want="[$(( $(date -u -d 2300-01-01 +%s) / 86400 )),$(( $(date -u -d 1969-12-31 +%s) / 86400 )),1500000]"
    [ "$got" = "$want" ] && ok || bad "Avro temporal defaults: $got, want $want"
else
    bad "dcc gen -t avro failed on a.dc"
fi

fi
if part json; then
# ---- 13. JSON text (RFC 8259) the scanner must refuse --------------------------------------------
printf 'contract bound.j 1.0.0 {\n  owner "Tests"\n  dataset d {\n    field s string?\n    field b boolean?\n  }\n}\n' > "$T/j.dc"
# literals are exactly true, false and null: one byte changed at the end is malformed (DV001)
for v in true:no false:no null:no trux:yes falsx:yes nulx:yes truE:yes tru:yes; do
    printf '{"b":%s}\n' "${v%:*}" > "$T/j.jsonl"; run "$T/j.dc" --dataset d "$T/j.jsonl"; has_rule "${v#*:}" DV001 "JSON literal ${v%:*}"
done
# section 7: U+0000..U+001F must be escaped in a string; U+0020 and U+007F need not be
for c in 001:yes 010:yes 036:yes 037:yes 040:no 177:no; do
    printf "{\"s\":\"a\\${c%:*}b\"}\n" > "$T/j.jsonl"; run "$T/j.dc" --dataset d "$T/j.jsonl"; has_rule "${c#*:}" DV001 "raw byte octal ${c%:*} in a JSON string"
done
# escapes of UTF-16 surrogates: only a high one followed by a low one is a character (DV002 else)
for e in 'D83D\uDE00:no' 'DC00:yes' 'DFFF:yes' 'D800:yes' 'DE00\uD83D:yes' 'E000:no'; do
    printf '{"s":"a\\u%sb"}\n' "${e%:*}" > "$T/j.jsonl"; run "$T/j.dc" --dataset d "$T/j.jsonl"; has_rule "${e#*:}" DV002 "JSON escape \\u${e%:*}"
done
# a string's bytes that are not UTF-8 are DV002, and the message says they are in a string
printf '{"s":"a\377b"}\n' > "$T/j.jsonl"; run "$T/j.dc" --dataset d "$T/j.jsonl"
case "$OUT" in *"invalid UTF-8 in a string [DV002]"*) ok ;; *) bad "JSON string with 0xff: $(printf '%s' "$OUT" | head -c 300)" ;; esac
fi
finish
