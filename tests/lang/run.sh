#!/bin/sh
# run.sh DCC - the language's lexical corners through the command line: raw strings (two
# spellings, one meaning; fmt prints patterns and SQL raw and round-trips), U+0000 refused so
# fmt cannot change a contract's meaning, a byte order mark, CR-only and CRLF line ends, and
# fmt's alignment across an inline struct. Meaning is compared on `dcc fmt --dump` (the model).
set -u
DCC=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# Raw and escaped spellings of the same pattern and SQL build the same model.
cat > "$T/esc.dc" <<'DC'
contract t.raw 1.0.0 {
  owner "T"
  dataset d {
    field a string pattern "^\\d{3}-\\w+$"
    field b string pattern "^\"\\d\"$"
    field c string pattern "^[A-Z]+$"
    quality {
      sql "SELECT count(*) FROM d WHERE a !~ '^\\d'" == 0
    }
  }
}
DC
sed -e 's|"^\\\\d{3}-\\\\w+\$"|r"^\\d{3}-\\w+$"|' \
    -e 's|"^\\"\\\\d\\"\$"|r#"^"\\d"$"#|' \
    -e "s|\"SELECT count(\*) FROM d WHERE a !~ '^\\\\\\\\d'\"|r\"SELECT count(*) FROM d WHERE a !~ '^\\\\d'\"|" \
    "$T/esc.dc" > "$T/raw.dc"
grep -q 'r"^\\d{3}-\\w+\$"' "$T/raw.dc" && grep -q "r#\"" "$T/raw.dc" && grep -q "sql r\"" "$T/raw.dc" && ok || bad "raw.dc not made: $(cat "$T/raw.dc")"
expect_exit 0 "$DCC" check "$T/raw.dc"
expect_exit 0 "$DCC" fmt --dump "$T/esc.dc"; esc_dump=$OUT
expect_exit 0 "$DCC" fmt --dump "$T/raw.dc"; raw_dump=$OUT
[ -n "$esc_dump" ] && [ "$esc_dump" = "$raw_dump" ] && ok || bad "raw and escaped spellings differ in meaning"
contains "$raw_dump" '^\\d{3}-\\w+$'   # JSON of the value ^\d{3}-\w+$: one backslash each
# fmt prints patterns and SQL with backslashes raw, others escaped; the result is a fixed point.
expect_exit 0 "$DCC" fmt "$T/esc.dc"; once=$OUT
contains "$once" 'pattern r"^\d{3}-\w+$"'
contains "$once" 'pattern r#"^"\d"$"#'
contains "$once" 'pattern "^[A-Z]+$"'
contains "$once" "sql r\"SELECT count(*) FROM d WHERE a !~ '^\\d'\" == 0"
printf '%s\n' "$once" > "$T/once.dc"
expect_exit 0 "$DCC" fmt --check "$T/once.dc"
expect_exit 0 "$DCC" fmt --dump "$T/once.dc"; [ "$OUT" = "$esc_dump" ] && ok || bad "fmt changed the meaning"

# U+0000 in a literal: an error where it is written, and fmt refuses rather than cut the string.
printf 'contract t.nul 1.0.0 {\n  owner "T"\n  dataset d {\n    field s enum("x\\u{0}y", z)\n  }\n}\n' > "$T/nul.dc"
expect_exit 1 "$DCC" check "$T/nul.dc"; contains "$ERR" "nul.dc:4:20: error: a string cannot hold U+0000"
expect_exit 1 "$DCC" fmt "$T/nul.dc"; [ -z "$OUT" ] && ok || bad "fmt printed a contract with \\u{0}: $OUT"

# A byte order mark is skipped: check passes, fmt drops it, columns on line 1 do not count it.
printf '\357\273\277contract t.bom 1.0.0 {\n  owner "T"\n  dataset d {\n    field a int32\n  }\n}\n' > "$T/bom.dc"
expect_exit 0 "$DCC" check "$T/bom.dc"
expect_exit 0 "$DCC" fmt "$T/bom.dc"; case "$OUT" in contract*) ok ;; *) bad "fmt kept the BOM" ;; esac
printf '\357\273\277contract t.bom 1.0.0 { owner 5 }\n' > "$T/bom2.dc"
expect_exit 1 "$DCC" check "$T/bom2.dc"; contains "$ERR" "bom2.dc:1:30:"

# CR-only and CRLF files read as their LF twins: same fmt output, same diagnostics' lines.
for f in examples/*/*.dc; do
    tr '\n' '\r' < "$f" > "$T/cr.dc"
    sed 's/$/\r/' "$f" > "$T/crlf.dc"
    "$DCC" fmt "$f" > "$T/lf.out" 2>&1
    "$DCC" fmt "$T/cr.dc" > "$T/cr.out" 2>&1
    "$DCC" fmt "$T/crlf.dc" > "$T/crlf.out" 2>&1
    cmp -s "$T/lf.out" "$T/cr.out" && ok || bad "CR-only $f formats differently"
    cmp -s "$T/lf.out" "$T/crlf.out" && ok || bad "CRLF $f formats differently"
done
printf '// a comment\r  \rcontract t.cr 1.0.0 {\r  owner "T"\r  dataset d {\r    field a strng\r  }\r}\r' > "$T/cr2.dc"
expect_exit 1 "$DCC" check "$T/cr2.dc"; contains "$ERR" "cr2.dc:6:13: error: unknown type 'strng'"

# fmt keeps the column alignment of a run of fields across a field holding an inline struct.
cat > "$T/al.dc" <<'DC'
contract t.al 1.0.0 {
  owner "T"
  dataset d {
    field a int32
    field bbbb struct {
      field x int32
      field yyy string
    }
    field cc string
  }
}
DC
expect_exit 0 "$DCC" fmt "$T/al.dc"
contains "$OUT" "    field a    int32
    field bbbb struct {
      field x   int32
      field yyy string
    }
    field cc   string"
# Numbers with leading zeros are decimal and reach every reader plain: 010 is ten, never octal
# (C, YAML 1.1), and never text a strict reader refuses (the runtime, JSON). Found by fuzz_check:
# `row_count > 09` passed check and then the runtime refused the threshold.
cat > "$T/zeros.dc" <<'DC'
contract t.zeros 1.0.0 {
  owner "T"
  dataset d {
    field a int32 range [07, 010]
    field t timestamp
    quality {
      row_count > 02
      freshness(t) < 09h
    }
  }
}
DC
expect_exit 0 "$DCC" fmt "$T/zeros.dc"
contains "$OUT" "field a int32 range [7, 10]"
contains "$OUT" "row_count > 2"
contains "$OUT" "freshness(t) < 9h"
t='"t":"2026-01-01T00:00:00Z"'   # 8 h old at --now: fresh under 9h
printf '{"a":7,%s}\n{"a":10,%s}\n{"a":9,%s}\n' "$t" "$t" "$t" > "$T/zeros.jsonl"
expect_exit 0 "$DCC" validate --now 2026-01-01T08:00:00Z "$T/zeros.dc" "$T/zeros.jsonl"
printf '{"a":7,%s}\n{"a":11,%s}\n' "$t" "$t" > "$T/zeros2.jsonl"   # two records: row_count > 2 fails too
expect_exit 1 "$DCC" validate --now 2026-01-01T08:00:00Z --report json "$T/zeros.dc" "$T/zeros2.jsonl"
contains "$OUT" '"rule":"DV016"'
contains "$OUT" '"rule":"DQ001"'
expect_exit 0 "$DCC" gen -t odcs -o "$T/zo" "$T/zeros.dc"
z=$(cat "$T"/zo/*.yaml)
contains "$z" "maximum: 10"
contains "$z" "mustBeGreaterThan: 2"

# ODCS element metadata (issue 14): any order of the attributes means the same; fmt prints them in
# docs/language.md's order (id, business name, physical name, physical type, encrypted name,
# examples, critical) and is a fixed point.
cat > "$T/meta.dc" <<'DC'
contract t.meta 1.0.0 {
  owner "T"
  dataset d physical type "table" id "d1"   business name "D" physical name "D_T" {
    partition key (b)
    field a integer critical examples (1, 2) physical type "NUMBER(38,0)" id "a1"
    field b string? encrypted name "b_enc" business name "Bee" physical name "B_COL" unique
  }
}
DC
expect_exit 0 "$DCC" check "$T/meta.dc"
expect_exit 0 "$DCC" fmt "$T/meta.dc"
contains "$OUT" '  dataset d id "d1" business name "D" physical name "D_T" physical type "table" {
    partition key (b)
    field a integer id "a1" physical type "NUMBER(38,0)" examples (1, 2) critical
    field b string? unique business name "Bee" physical name "B_COL" encrypted name "b_enc"'
printf '%s\n' "$OUT" > "$T/meta2.dc"
expect_exit 0 "$DCC" fmt --check "$T/meta2.dc"
expect_exit 0 "$DCC" fmt --dump "$T/meta.dc"; d1=$OUT
expect_exit 0 "$DCC" fmt --dump "$T/meta2.dc"; [ "$OUT" = "$d1" ] && ok || bad "fmt changed the meaning of meta.dc"
contains "$d1" '"physical_type": ["string", "NUMBER(38,0)"]'
contains "$d1" '"partition_key": [
        "b"
      ]'

# `integer` and `number` are int64 and float64 in every check and target, with their own word kept.
sed -e 's/field a integer/field a int64/' "$T/meta.dc" > "$T/int64.dc"
for t in jsonschema c avro; do
    "$DCC" gen -t $t -o "$T/g-int-$t" "$T/meta.dc" >/dev/null 2>&1 && "$DCC" gen -t $t -o "$T/g-i64-$t" "$T/int64.dc" >/dev/null 2>&1 && ok || bad "gen -t $t failed"
    diff -r "$T/g-int-$t" "$T/g-i64-$t" >/dev/null && ok || bad "gen -t $t: integer and int64 differ"
done
printf '{"a": 9223372036854775807}\n{"a": 9223372036854775808}\n{"a": 1.5}\n' > "$T/int.jsonl"
expect_exit 1 "$DCC" validate "$T/meta.dc" "$T/int.jsonl"
contains "$OUT" "int.jsonl:2:"
contains "$OUT" "int.jsonl:3:"
case "$OUT" in *"int.jsonl:1:"*) bad "integer refused int64's maximum" ;; *) ok ;; esac
printf 'contract t.n 1.0.0 {\n  owner "T"\n  type number = string\n  dataset d {\n    field n number\n  }\n}\n' > "$T/num.dc"
expect_exit 1 "$DCC" check "$T/num.dc"
contains "$ERR" "num.dc:3:8:"
# Named servers (issue 14): one written on a line with a comment inside is printed as a block, one
# field per line in the order written, a comment kept where it was, the name quoted only when it
# is no identifier; the result is a fixed point and means the same (the dump).
cat > "$T/srv.dc" <<'DC'
contract t.srv 1.0.0 {
  owner "T"
  server   "my-lake"   s3 { location "s3://l/" format   parquet   }
  server pg postgres { host "db" port 05432
     // the sales database
     database "sales"   schema "public" role "r" {access: "read"} custom cost 1 }
  dataset d {
    field a int32
  }
}
DC
expect_exit 0 "$DCC" fmt "$T/srv.dc"
want='contract t.srv 1.0.0 {
  owner "T"

  server "my-lake" s3 {
    location "s3://l/"
    format parquet
  }

  server pg postgres {
    host "db"
    port 5432
    // the sales database
    database "sales"
    schema "public"
    role "r" { access: "read" }
    custom cost 1
  }

  dataset d {
    field a int32
  }
}'
[ "$OUT" = "$want" ] && ok || { bad "fmt of servers"; printf '%s\n' "$OUT" | diff - "$(printf '%s' "$want" > "$T/want"; echo "$T/want")" | head; }
printf '%s\n' "$OUT" > "$T/srv2.dc"
expect_exit 0 "$DCC" fmt --check "$T/srv2.dc"
a=$("$DCC" fmt --dump "$T/srv.dc"); b=$("$DCC" fmt --dump "$T/srv2.dc")
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "fmt changed a server's meaning"
contains "$a" '"port": ["number", "5432"]'

# The keywords issue 14 added (team, role, price, custom, title, property, id, server, ...) name
# types again, as they did before it (`type team = ...` was a syntax error); `id` after a type
# declaration is still the contract's id, and `field b role id "f"` a field of type role with an id.
cat > "$T/kwtypes.dc" <<'DC'
contract t.kw 1.0.0 {
  owner "T"
  type team = string(3)
  type role = enum(admin, reader)
  type server = int32 range [0, 10]
  type price = decimal(10,2)
  type id = string
  id "contract-id"
  type title = string

  type custom = struct {
    field x title
  }

  dataset d {
    field a team
    field b role id "f-b"
    field c server
    field e price
    field f list<custom>
    field g id
  }
}
DC
expect_exit 0 "$DCC" check "$T/kwtypes.dc"
expect_exit 0 "$DCC" fmt --check "$T/kwtypes.dc"
expect_exit 0 "$DCC" fmt --dump "$T/kwtypes.dc"
contains "$OUT" '"id": ["string", "contract-id"]'
printf '{"a":"abcd","b":"admin","c":11,"e":1.5,"f":[{"x":"y"}],"g":"z"}\n' > "$T/kw.jsonl"
expect_exit 1 "$DCC" validate --report json "$T/kwtypes.dc" "$T/kw.jsonl"
contains "$OUT" '"field":"a"'   # team is string(3): "abcd" is too long
contains "$OUT" '"field":"c"'   # server is int32 range [0, 10]: 11 is out
finish
