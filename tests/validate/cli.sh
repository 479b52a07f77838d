#!/bin/sh
# cli.sh DCC - `dcc validate` as a command: exit statuses, inputs, reports, quality rules.
set -u
DCC=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

cat > "$T/c.dc" <<'DC'
contract shop.events 1.0.0 {
  owner "Shop"
  dataset events {
    primary key (id)
    field id int64
    field kind enum(view, buy)
    field at timestamp
    field note string(5)?
    quality {
      row_count >= 3
      null_rate(note) < 50%
      freshness(at) < 1d
    }
  }
}
DC
printf '{"id":1,"kind":"view","at":"2026-11-25T10:00:00Z"}\n{"id":2,"kind":"buy","at":"2026-11-25T11:00:00Z","note":"ok"}\n{"id":3,"kind":"view","at":"2026-11-25T11:30:00Z","note":"fine"}\n' > "$T/good.jsonl"
printf '{"id":1,"kind":"view","at":"2026-11-25T10:00:00Z"}\n{"id":1,"kind":"sell","at":"2026-11-25T11:00:00Z","note":"toolong"}\n' > "$T/bad.jsonl"

expect_exit 0 "$DCC" validate "$T/c.dc" --dataset events --now 2026-11-25T12:00:00Z "$T/good.jsonl"
contains "$ERR" "3 records: 3 valid, 0 invalid"
# The same data a week later is stale: a quality violation (DQ004), exit 1.
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --now 2026-12-02T12:00:00Z "$T/good.jsonl"
contains "$OUT" "[DQ004]"
# --now with an offset means the same instant.
expect_exit 0 "$DCC" validate "$T/c.dc" --dataset events --now 2026-11-25T13:00:00+01:00 "$T/good.jsonl"
# --now is any instant: the epoch is not "use the clock", and its fraction counts. A value one day
# before the epoch is one day old (`< 1d` fails, it is not less); 86,400.1 s is older than 1d.
printf '{"id":1,"kind":"view","at":"1969-12-31T00:00:00Z","note":"a"}\n{"id":2,"kind":"view","at":"1969-12-30T00:00:00Z","note":"b"}\n{"id":3,"kind":"view","at":"1969-12-30T12:00:00Z","note":"c"}\n' > "$T/epoch.jsonl"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --now 1970-01-01T00:00:00Z "$T/epoch.jsonl"
contains "$OUT" "newest value is 1d old, expected < 1d [DQ004]"
expect_exit 0 "$DCC" validate "$T/c.dc" --dataset events --now 1969-12-31T23:59:59.999999999Z "$T/epoch.jsonl"
printf '{"id":1,"kind":"view","at":"2026-11-25T00:00:00Z","note":"a"}\n{"id":2,"kind":"view","at":"2026-11-24T00:00:00Z","note":"b"}\n{"id":3,"kind":"view","at":"2026-11-24T12:00:00Z","note":"c"}\n' > "$T/day.jsonl"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --now 2026-11-26T00:00:00.1Z "$T/day.jsonl"
contains "$OUT" "newest value is 1d 0.1s old, expected < 1d [DQ004]"
expect_exit 0 "$DCC" validate "$T/c.dc" --dataset events --now 2026-11-25T23:59:59.9Z "$T/day.jsonl"
# `<= 1d`: exactly one day old holds; a tenth of a second more (in --now's fraction) does not.
sed 's/freshness(at) < 1d/freshness(at) <= 1d/' "$T/c.dc" > "$T/le.dc"
expect_exit 0 "$DCC" validate "$T/le.dc" --dataset events --now 2026-11-26T00:00:00Z "$T/day.jsonl"
expect_exit 1 "$DCC" validate "$T/le.dc" --dataset events --now 2026-11-26T00:00:00.1Z "$T/day.jsonl"
contains "$OUT" "newest value is 1d 0.1s old, expected <= 1d [DQ004]"
# Quality thresholds are exact decimals: 1 null note in 2 records is 50%, not below 50%.
printf '{"id":1,"kind":"view","at":"2026-11-25T10:00:00Z"}\n{"id":2,"kind":"buy","at":"2026-11-25T11:00:00Z","note":"ok"}\n{"id":3,"kind":"view","at":"2026-11-25T11:30:00Z","note":"fine"}\n{"id":4,"kind":"view","at":"2026-11-25T11:30:00Z"}\n' > "$T/half.jsonl"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --now 2026-11-25T12:00:00Z "$T/half.jsonl"
contains "$OUT" "null_rate is 50% (2 of 4 records), expected < 50% [DQ002]"
# CSV header names reach reports escaped: an ESC sequence, byte 0xFF and a quoted newline that
# would forge a report line stay inside their own line, and the JSON report stays valid UTF-8.
printf 'id,kind,at,"x\nforged.csv:9: all good",\033[31mred,\377\n1,view,2026-11-25T10:00:00Z,a,b,c\n' > "$T/names.csv"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality "$T/names.csv"
# (the record starts on line 3: the header's quoted newline is a line of its own)
contains "$OUT" 'names.csv:3: x\nforged.csv:9: all good: column not declared by the contract [DV003]'
contains "$OUT" 'names.csv:3: \x1b[31mred: column not declared'
contains "$OUT" 'names.csv:3: \xff: column not declared'
[ "$(printf '%s\n' "$OUT" | grep -vc "^$T/names.csv[:]")" -eq 0 ] && ok || bad "header names forged report lines"
printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '\033')" && bad "an ESC byte reached the report" || ok
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality --report json "$T/names.csv"
if need jq "apt-get install jq"; then
    [ "$(printf '%s' "$OUT" | jq -r '[.violations[] | select(.rule == "DV003") | .field] | join("|")')" = 'x\nforged.csv:9: all good|\x1b[31mred|\xff' ] \
        && ok || bad "json report of escaped header names: $OUT"
fi
iconv -f UTF-8 -t UTF-8 "$T/names.csv" >/dev/null 2>&1 && bad "the test input should hold invalid UTF-8" || ok
printf '%s' "$OUT" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && ok || bad "the JSON report is not valid UTF-8"
# Standard input, explicit and implicit.
expect_exit 0 sh -c "'$DCC' validate '$T/c.dc' --dataset events --now 2026-11-25T12:00:00Z - < '$T/good.jsonl'"
expect_exit 0 sh -c "'$DCC' validate '$T/c.dc' -d events --now 2026-11-25T12:00:00Z < '$T/good.jsonl'"
# Record violations: enum, length, duplicate key, plus the quality rules of a 2-record stream.
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --now 2026-11-25T12:00:00Z "$T/bad.jsonl"
contains "$OUT" "bad.jsonl:2: kind:"; contains "$OUT" "[DV015]"; contains "$OUT" "[DV013]"
contains "$OUT" "[DV017]"; contains "$OUT" "[DQ001]"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality "$T/bad.jsonl"
lacks "$OUT" "[DQ001]"
# --max-errors limits what is printed, not what is counted.
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality --max-errors 1 "$T/bad.jsonl"
contains "$OUT" "more violations not shown"; contains "$ERR" "3 violations"
# JSON report: one document, parseable, with the rule codes.
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality --report json "$T/bad.jsonl"
if need jq "apt-get install jq"; then
    [ "$(printf '%s' "$OUT" | jq -r '[.violations[].rule] | sort | join(",")')" = "DV013,DV015,DV017" ] && ok || bad "json report rules: $OUT"
    [ "$(printf '%s' "$OUT" | jq -r '.ok')" = false ] && ok || bad "json report ok flag"
fi
# CSV by extension, with a delimiter.
printf 'id;kind;at;note\n1;view;2026-11-25T10:00:00Z;\n2;buy;2026-11-25T10:00:00Z;"a;b"\n' > "$T/d.csv"
expect_exit 0 "$DCC" validate "$T/c.dc" --dataset events --skip-quality --delimiter ';' "$T/d.csv"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality "$T/d.csv"
# Usage and I/O errors: exit 2.
# Without --dataset, the contract's only dataset (tests/cli/newcomer.sh: several datasets).
expect_exit 1 sh -c "'$DCC' validate '$T/c.dc' < /dev/null";            contains "$ERR" "0 records: 0 valid, 0 invalid"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset nope "$T/good.jsonl"; contains "$ERR" "has no dataset 'nope'"; contains "$ERR" "events"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset events "$T/missing.jsonl"; contains "$ERR" "missing.jsonl"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset events "$T";          contains "$ERR" "directory"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset events --now yesterday "$T/good.jsonl"; contains "$ERR" "RFC 3339"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset events --now 2026-02-30T00:00:00Z "$T/good.jsonl"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset events --format xml "$T/good.jsonl"
expect_exit 2 "$DCC" validate "$T/c.dc" --dataset events --max-errors x "$T/good.jsonl"
printf 'contract a.b 1.0.0 { owner "x" dataset d { field f Nope } }\n' > "$T/broken.dc"
expect_exit 2 "$DCC" validate "$T/broken.dc" --dataset d "$T/good.jsonl"; contains "$ERR" "DC0300"; contains "$ERR" "contract has errors"
# Inputs of many read chunks (1 MiB each, read ahead on a second thread), from a file, from a
# pipe and as several files: every record is read once, in order. 120,000 records (~7 MB) with
# a wrong kind on every 7,001st and a duplicate id on every 30,000th; the reported record numbers
# must be exactly those (none lost, none repeated), and the totals exact.
awk 'BEGIN { for (i = 1; i <= 120000; i++) {
        id = (i % 30000 == 0) ? i - 1 : i
        kind = (i % 7001 == 0) ? "sell" : "view"
        printf "{\"id\":%d,\"kind\":\"%s\",\"at\":\"2026-11-25T10:00:00Z\",\"note\":\"n%d\"}\n", id, kind, i % 1000
    } }' > "$T/big.jsonl"
awk 'BEGIN { for (i = 1; i <= 120000; i++) { if (i % 7001 == 0) printf "%d DV015\n", i; if (i % 30000 == 0) printf "%d DV017\n", i } }' \
    | sort > "$T/big.want"
for how in file pipe; do
    if [ $how = file ]; then
        expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality "$T/big.jsonl"
    else
        expect_exit 1 sh -c "cat '$T/big.jsonl' | '$DCC' validate '$T/c.dc' --dataset events --skip-quality -"
    fi
    contains "$ERR" "120000 records: 119979 valid, 21 invalid; 21 violations"
    printf '%s\n' "$OUT" | sed -n 's/^[^:]*:\([0-9]*\): .*\[\(DV01[57]\)\].*/\1 \2/p' | sort > "$T/big.got"
    if cmp -s "$T/big.got" "$T/big.want"; then ok; else bad "records reported ($how): $(diff "$T/big.want" "$T/big.got" | head -5)"; fi
done
# Three copies as one dataset: every id repeats in the second and third file.
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality "$T/big.jsonl" "$T/big.jsonl" "$T/big.jsonl"
contains "$ERR" "360000 records:"
contains "$ERR" "; $((21 + 2 * (120000 + 17))) violations" # each record of the copies: DV017, and the 17 DV015 again
# A header name holding invalid UTF-8 and an escape character still gives a JSON report jq reads
# (every JSON dcc prints goes through one escaper, compiler/jsonw.c).
printf 'id,k\377\033ind,at\n1,view,2026-11-25T10:00:00Z\n' > "$T/badhead.csv"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality --report json "$T/badhead.csv"
# (jq reads invalid UTF-8 leniently; iconv does not)
printf '%s' "$OUT" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && ok || bad "json report with a bad header name is not UTF-8"
if need jq "apt-get install jq"; then
    printf '%s' "$OUT" | jq -e '.violations | length > 0' >/dev/null 2>&1 && ok || bad "json report with a bad header name is not JSON: $OUT"
fi
# Binary garbage as data: violations, never a crash.
head -c 65536 /dev/urandom > "$T/garbage.jsonl"
expect_exit 1 "$DCC" validate "$T/c.dc" --dataset events --skip-quality "$T/garbage.jsonl"
lacks "$ERR" "Sanitizer"; lacks "$ERR" "runtime error"

# A string whose pattern is an exact fixed shape is checked where it stands, without a string
# scan first (runtime/json.c fast_string, cf->shape_len). Node's RegExp and JSON.parse are the
# oracle: a record is valid exactly when its value, parsed, is a string the pattern matches;
# escapes, quotes, backslashes, control and non-ASCII bytes, wrong lengths, whitespace after the
# value and values in a list take the general path and must give the same verdicts.
if need node "apt-get install nodejs"; then
    cat > "$T/shape.dc" <<'DC'
contract t.shape 1.0.0 {
  owner "t"
  type Code = string pattern "^[0-9a-f]{4}-[0-9a-f]{4}$"
  dataset d {
    field a Code
    field l list<Code>?
  }
}
DC
    cat > "$T/shape.jsonl" <<'JL'
{"a":"0a1b-2c3d"}
{"a":"0a1b-2c3d" }
{"a" : "0a1b-2c3d","l":["ffff-0000","0000-ffff"]}
{"a":"\u0030a1b-2c3d"}
{"a":"0a1b\u002d2c3d"}
{"a":"0a1b-2c3\u0064"}
{"a":"0a1b-2c3d\u0000"}
{"a":"0a1b-2c3D"}
{"a":"0a1b-2c3"}
{"a":"0a1b-2c3de"}
{"a":"0a1b-2c\"d"}
{"a":"0a1b-2c\\d"}
{"a":"0a1b-2c\td"}
{"a":"0a1b-2cé"}
{"a":"0a1b_2c3d"}
{"a":"0a1b-2c3d","l":["ffff-000g"]}
{"a":"0a1b-2c3d","l":["ffff-00\u0030"]}
{"a":"0a1b-2c3d","l":["ffff-0000 "]}
{"a":""}
{"a":"          "}
JL
    "$DCC" validate "$T/shape.dc" --skip-quality --report json "$T/shape.jsonl" > "$T/shape.json" 2>/dev/null
    node -e '
        const fs = require("fs");
        const re = /^[0-9a-f]{4}-[0-9a-f]{4}$/u;
        const ok = (v) => typeof v === "string" && re.test(v);
        const rep = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
        const bad = new Set(rep.violations.map((v) => v.record));
        let wrong = 0;
        fs.readFileSync(process.argv[1], "utf8").split("\n").filter((l) => l).forEach((line, i) => {
            const r = JSON.parse(line);
            const want = ok(r.a) && (r.l === undefined || r.l.every(ok));
            if (want === bad.has(i + 1)) { console.log(`record ${i + 1}: node says ${want ? "valid" : "invalid"}, dcc does not`); wrong++; }
        });
        process.exit(wrong ? 1 : 0);' "$T/shape.jsonl" "$T/shape.json" && ok || bad "fixed-shape strings: dcc and Node disagree (above)"
fi

finish
