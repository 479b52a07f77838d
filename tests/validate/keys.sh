#!/bin/sh
# keys.sh DCC - where `dcc validate` says a duplicate key was first seen (DV017, DV018): the
# physical line in the text report (file:line when it was an earlier file), and file, line and
# record in the JSON report; across blank lines, CRLF, multi-line CSV records, two files and
# standard input. Every expected line and record was worked out by hand from the data below.
set -u
DCC=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

cat > "$T/k.dc" <<'DC'
contract shop.keys 1.0.0 {
  owner "Shop"
  dataset items {
    primary key (id)
    field id int32
    field sku string unique
    field note string?
  }
}
DC

# JSON Lines: record 1 on line 1, a blank line, record 2 on line 3 (CRLF ends it), record 3 on
# line 4 repeats id 1, two blank lines (one of spaces), record 4 on line 7 repeats id 1 and sku a:
# each names line 1, where they were first seen, not the repeat on line 4.
printf '{"id":1,"sku":"a"}\n\n{"id":2,"sku":"b"}\r\n{"id":1,"sku":"c"}\n  \n\n{"id":1,"sku":"a"}\n' > "$T/a.jsonl"
expect_exit 1 "$DCC" validate "$T/k.dc" "$T/a.jsonl"
contains "$OUT" "$T/a.jsonl:4: id: primary key (id) already seen at line 1 [DV017] (value: 1)"
contains "$OUT" "$T/a.jsonl:7: id: primary key (id) already seen at line 1 [DV017] (value: 1)"
contains "$OUT" "$T/a.jsonl:7: sku: unique key (sku) already seen at line 1 [DV018] (value: a)"
[ "$(printf '%s\n' "$OUT" | grep -c 'already seen')" = 3 ] && ok || bad "want 3 key findings: $OUT"

# A second file: its record 1 (line 2, after a blank line) repeats id 2 of a.jsonl's line 3,
# record 2 (line 3) repeats sku c of a.jsonl's line 4, record 3 (line 4) its own id 9 of line 3.
printf '\n{"id":2,"sku":"x"}\n{"id":9,"sku":"c"}\n{"id":9,"sku":"y"}\n' > "$T/b.jsonl"
expect_exit 1 "$DCC" validate "$T/k.dc" "$T/a.jsonl" "$T/b.jsonl"
contains "$OUT" "$T/b.jsonl:2: id: primary key (id) already seen at $T/a.jsonl:3 [DV017] (value: 2)"
contains "$OUT" "$T/b.jsonl:3: sku: unique key (sku) already seen at $T/a.jsonl:4 [DV018] (value: c)"
contains "$OUT" "$T/b.jsonl:4: id: primary key (id) already seen at line 3 [DV017] (value: 9)"
# the same in the JSON report: first_seen with file, line and record (record 2 of a.jsonl is
# on its line 3, record 3 on line 4; b.jsonl's record 2 on line 3)
expect_exit 1 "$DCC" validate "$T/k.dc" --report json "$T/a.jsonl" "$T/b.jsonl"
if need jq "reads the JSON report"; then
    got=$(printf '%s' "$OUT" | jq -r '.violations[] | [.file, .line, .record, .rule, .first_seen.file, .first_seen.line, .first_seen.record] | @tsv' | sed "s|$T/||g")
    want=$(printf 'a.jsonl\t4\t3\tDV017\ta.jsonl\t1\t1\na.jsonl\t7\t4\tDV017\ta.jsonl\t1\t1\na.jsonl\t7\t4\tDV018\ta.jsonl\t1\t1\nb.jsonl\t2\t1\tDV017\ta.jsonl\t3\t2\nb.jsonl\t3\t2\tDV018\ta.jsonl\t4\t3\nb.jsonl\t4\t3\tDV017\tb.jsonl\t3\t2')
    [ "$got" = "$want" ] && ok || bad "JSON first_seen: got
$got
want
$want"
fi

# Standard input is named <stdin>, as in the report's own lines
expect_exit 1 sh -c "\"$DCC\" validate \"$T/k.dc\" - \"$T/b.jsonl\" < \"$T/a.jsonl\""
contains "$OUT" "$T/b.jsonl:2: id: primary key (id) already seen at <stdin>:3 [DV017] (value: 2)"
contains "$OUT" "<stdin>:7: id: primary key (id) already seen at line 1 [DV017] (value: 1)"

# A record ended by a lone CR: the next ends with LF, which ends its own line (line 2), not the
# second half of a CRLF; record 3 on line 3 repeats id 1 of line 1
printf '{"id":1,"sku":"a"}\r{"id":2,"sku":"b"}\n{"id":1,"sku":"c"}\n' > "$T/cr.jsonl"
expect_exit 1 "$DCC" validate "$T/k.dc" "$T/cr.jsonl"
contains "$OUT" "$T/cr.jsonl:3: id: primary key (id) already seen at line 1 [DV017] (value: 1)"

# Other findings have no first_seen
printf '{"id":"x","sku":"a"}\n' > "$T/c.jsonl"
expect_exit 1 "$DCC" validate "$T/k.dc" --report json "$T/c.jsonl"
contains "$OUT" '"rule":"DV006"'
lacks "$OUT" "first_seen"

# CSV: the header on line 1, record 1 on lines 2-3 (a quoted newline), record 2 on line 4,
# record 3 on lines 5-7 repeats id 1, record 4 on line 8 repeats sku a; CRLF line ends inside and
# between records count as one
printf 'id,sku,note\r\n1,a,"x\r\ny"\r\n2,b,\r\n1,c,"p\n\nq"\r\n3,a,\r\n' > "$T/d.csv"
expect_exit 1 "$DCC" validate "$T/k.dc" "$T/d.csv"
contains "$OUT" "$T/d.csv:5: id: primary key (id) already seen at line 2 [DV017] (value: 1)"
contains "$OUT" "$T/d.csv:8: sku: unique key (sku) already seen at line 2 [DV018] (value: a)"
# and a second CSV file, its header again on line 1: record 1 (line 2) repeats id 3 of d.csv's line 8
printf 'id,sku\n3,z\n' > "$T/e.csv"
expect_exit 1 "$DCC" validate "$T/k.dc" "$T/d.csv" "$T/e.csv"
contains "$OUT" "$T/e.csv:2: id: primary key (id) already seen at $T/d.csv:8 [DV017] (value: 3)"

# One key, as JSON Lines: a record read without findings has its key added to the set some
# records later (validate.c, key_defer), so its duplicate is found after later records have
# been read. Records 1-100 on lines 1-100 hold ids 1-100, except: line 5 repeats id 1, line 20
# has a text id (a type finding, no key), line 70 repeats id 3, line 100 (the last, where the
# feed ends) repeats id 50. The findings come in the order of their lines, each naming the
# line of the first sighting; 4 records are invalid, 96 valid.
cat > "$T/one.dc" <<'DC'
contract shop.onekey 1.0.0 {
  owner "Shop"
  dataset items {
    primary key (id)
    field id int32
    field note string?
  }
}
DC
awk 'BEGIN { for (i = 1; i <= 100; i++) { id = i == 5 ? 1 : i == 70 ? 3 : i == 100 ? 50 : i;
    if (i == 20) print "{\"id\":\"x\",\"note\":\"n\"}"; else print "{\"id\":" id ",\"note\":\"n\"}" } }' > "$T/one.jsonl"
expect_exit 1 "$DCC" validate "$T/one.dc" "$T/one.jsonl"
got=$(printf '%s\n' "$OUT" | grep "^$T/one.jsonl:" | sed "s|^$T/one.jsonl:\([0-9]*\): id: \(primary key (id) already seen at line [0-9]*\)\{0,1\}.*|\1 \2|")
want=$(printf '5 primary key (id) already seen at line 1\n20 \n70 primary key (id) already seen at line 3\n100 primary key (id) already seen at line 50')
[ "$got" = "$want" ] && ok || bad "one key, findings in line order: got
$got
want
$want"
contains "$ERR" "100 records: 96 valid, 4 invalid"
# the same through standard input
expect_exit 1 sh -c "\"$DCC\" validate \"$T/one.dc\" - < \"$T/one.jsonl\""
contains "$OUT" "<stdin>:100: id: primary key (id) already seen at line 50 [DV017] (value: 50)"
contains "$ERR" "100 records: 96 valid, 4 invalid"

# The same records as CSV (key_defer reads them as rt_csv_record_at splits them): the header on
# line 1, record i on line i + 1, so the findings name lines 6, 21, 71 and 101. Notes are quoted,
# with doubled quotes and commas, on every third record; record 40 spans lines 41-42 (a quoted
# newline), so the records after it are one line further on: 71 becomes 72, 101 becomes 102,
# and their first sightings (ids 3 and 50) stay on lines 4 and 52.
awk 'BEGIN { print "id,note"; for (i = 1; i <= 100; i++) { id = i == 5 ? 1 : i == 70 ? 3 : i == 100 ? 50 : i;
    note = i == 40 ? "\"two\nlines\"" : i % 3 == 0 ? "\"a \"\"b\"\", c\"" : "n";
    print (i == 20 ? "x" : id) "," note } }' > "$T/one.csv"
expect_exit 1 "$DCC" validate "$T/one.dc" "$T/one.csv"
got=$(printf '%s\n' "$OUT" | grep "^$T/one.csv:" | sed "s|^$T/one.csv:\([0-9]*\): id: \(primary key (id) already seen at line [0-9]*\)\{0,1\}.*|\1 \2|")
want=$(printf '6 primary key (id) already seen at line 2\n21 \n72 primary key (id) already seen at line 4\n102 primary key (id) already seen at line 52')
[ "$got" = "$want" ] && ok || bad "one key, CSV, findings in line order: got
$got
want
$want"
contains "$ERR" "100 records: 96 valid, 4 invalid"
# a text key whose duplicate has doubled quotes: the value is quoted as the cell reads, from the
# chunk the deferred key was read in (line 80 repeats line 11's key)
cat > "$T/txt.dc" <<'DC'
contract shop.textkey 1.0.0 {
  owner "Shop"
  dataset items {
    primary key (code)
    field code string
  }
}
DC
awk 'BEGIN { print "code"; for (i = 1; i <= 100; i++) print (i == 10 || i == 79 ? "\"q\"\"x\"" : "c" i) }' > "$T/txt.csv"
expect_exit 1 "$DCC" validate "$T/txt.dc" "$T/txt.csv"
contains "$OUT" "$T/txt.csv:80: code: primary key (code) already seen at line 11 [DV017] (value: q\"\"x)"
contains "$ERR" "100 records: 99 valid, 1 invalid"
finish
