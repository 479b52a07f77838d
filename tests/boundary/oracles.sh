#!/bin/sh
# oracles.sh - the hand-written tables of tests/boundary against independent oracles:
#   timestamptz.tsv   each relation against PostgreSQL's timestamptz comparison
#   utf8.tsv          each verdict against Node's TextDecoder('utf-8', {fatal: true})
# Without an oracle the suite fails (it never skips: tests/deps.sh installs both).
set -u
. tests/cli/lib.sh
HERE=tests/boundary
T=$(mktemp -d /tmp/dccbound.XXXXXX)
trap 'sh tests/pg/pg.sh stop "$T" >/dev/null 2>&1; rm -rf "$T"' EXIT

# ---- PostgreSQL: sign(value - bound) for every row ---------------------------------------------
grep -v '^#' "$HERE/timestamptz.tsv" > "$T/tz"
if sh tests/pg/pg.sh start "$T" >/dev/null 2>"$T/pg.err" && . "$T/env"; then
    awk -F'\t' '{ printf "SELECT %d, CASE WHEN %s::timestamptz < %s::timestamptz THEN -1 WHEN %s::timestamptz = %s::timestamptz THEN 0 ELSE 1 END;\n", NR, q($1), q($2), q($1), q($2) }
                function q(s) { return "\047" s "\047" }' "$T/tz" > "$T/tz.sql"
    if psql -X -q -A -t -F '	' -v ON_ERROR_STOP=1 -f "$T/tz.sql" > "$T/tz.pg" 2>"$T/psql.err"; then
        awk -F'\t' 'NR == FNR { want[FNR] = $3; row[FNR] = $1 " vs " $2; next }
                    { if (want[$1] != $2) { print "FAIL: timestamptz.tsv: " row[$1] ": table says " want[$1] ", PostgreSQL " $2; bad++ } else good++ }
                    END { print good + 0 " " bad + 0 > "/dev/stderr" }' "$T/tz" "$T/tz.pg" 2>"$T/tz.count"
        read -r g b < "$T/tz.count"
        pass=$((pass + g)); failn=$((failn + b))
        [ "$g" -eq "$(wc -l < "$T/tz")" ] || [ "$b" -gt 0 ] || bad "PostgreSQL answered $g of $(wc -l < "$T/tz") rows"
    else
        bad "psql failed: $(head -3 "$T/psql.err")"
    fi
else
    bad "no PostgreSQL server (apt-get install postgresql): $(head -3 "$T/pg.err")"
fi

# ---- Node: TextDecoder with fatal: true --------------------------------------------------------
if command -v node >/dev/null 2>&1; then
    grep -v '^#' "$HERE/utf8.tsv" > "$T/u8"
    node -e '
        const fs = require("fs");
        const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map(l => l.split("\t"));
        const dec = new TextDecoder("utf-8", {fatal: true});
        let good = 0, bad = 0;
        for (const [hex, want] of rows) {
            const bytes = Buffer.from("61" + hex + "7a", "hex");
            let got = "valid";
            try { dec.decode(bytes); } catch (e) { got = "invalid"; }
            if (got === want) good++; else { bad++; console.log(`FAIL: utf8.tsv: ${hex}: table says ${want}, TextDecoder ${got}`); }
        }
        console.log(`${good} passed, ${bad} failed`);
        process.exit(bad ? 1 : 0);
    ' "$T/u8" > "$T/node.out" 2>&1
    grep '^FAIL' "$T/node.out"
    g=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/node.out"); b=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/node.out")
    if [ -n "$g" ]; then pass=$((pass + g)); failn=$((failn + b)); else bad "node: $(head -3 "$T/node.out")"; fi
else
    bad "node is needed (apt-get install nodejs)"
fi
finish
