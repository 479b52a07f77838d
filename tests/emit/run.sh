#!/bin/sh
# run.sh BUILD - independent oracles for what dcc's shared writers produce (tests/emit/cases.c
# makes randomised inputs; JSONW_SEED fixes the seed, else it is new each run and printed):
#   JSON (compiler/jsonw.c)     Node's JSON.parse and TextDecoder (oracle.js); jq parses them too
#   C string literals (emit.c)  gcc and clang read every literal back as exactly its bytes
#   SQL literals, identifiers   SQLite and PostgreSQL read them back as exactly their bytes
# Prints "N passed, N failed"; exits 1 when something failed.
set -u
B=${1:-build}
CASES=$B/tests/emit_cases
. tests/cli/lib.sh
W=$(mktemp -d /tmp/dcc-emit.XXXXXX)
cleanup() { sh tests/pg/pg.sh stop "$W" >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT
[ -x "$CASES" ] || { bad "$CASES is not built (make $CASES)"; finish; exit 1; }
SEED=${JSONW_SEED:-$(date +%s)}
echo "seed $SEED (JSONW_SEED=$SEED sh tests/emit/run.sh $B repeats this run)"

# ---- JSON: Node and jq --------------------------------------------------------------------------
N=400
mkdir -p "$W/json"
if "$CASES" json "$SEED" $N "$W/json"; then ok; else bad "cases json failed"; fi
tally() { # adds a "N passed, N failed" line of an oracle to ours
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$1" | tail -1)
    f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$1" | tail -1)
    grep -v 'passed, .* failed$' "$1" | head -20
    if [ -z "$p" ]; then bad "$2 printed no result"; cat "$1" | head -5; return; fi
    pass=$((pass + p)); failn=$((failn + f))
}
node tests/emit/oracle.js "$W/json" $N > "$W/node.out" 2>&1; tally "$W/node.out" "node"
# jq reads all documents as one stream: one value each, none refused
n=$(jq -c . "$W"/json/*.json 2>"$W/jq.err" | wc -l)
[ "$n" -eq $N ] && [ ! -s "$W/jq.err" ] && ok || bad "jq read $n of $N documents: $(head -3 "$W/jq.err")"

# ---- C string literals: gcc and clang -------------------------------------------------------------
"$CASES" c "$SEED" 300 > "$W/lit.c"
for cc in gcc clang; do
    if $cc -std=c11 -pedantic -Wall -Wextra -Werror -o "$W/lit-$cc" "$W/lit.c" 2>"$W/cc.err"; then
        "$W/lit-$cc" > "$W/lit.out" 2>&1; tally "$W/lit.out" "$cc literals"
    else bad "$cc does not compile the literals"; head -5 "$W/cc.err"; fi
done

# ---- SQL: SQLite and PostgreSQL ------------------------------------------------------------------
sql_tally() { # FILE NAME: every line "ok", else the bad ones
    n=$(grep -c '^ok$' "$1"); m=$(grep -vc '^ok$' "$1")
    [ "$n" -ge 100 ] && ok || bad "$2: only $n cases answered"
    pass=$((pass + n)); failn=$((failn + m))
    grep -v '^ok$' "$1" | head -10
}
"$CASES" sqlite "$SEED" 300 > "$W/sqlite.sql"
if sqlite3 :memory: < "$W/sqlite.sql" > "$W/sqlite.out" 2>&1; then sql_tally "$W/sqlite.out" sqlite
else bad "sqlite3 refused the script"; head -5 "$W/sqlite.out"; fi
"$CASES" pg "$SEED" 300 > "$W/pg.sql"
if sh tests/pg/pg.sh start "$W" >/dev/null 2>"$W/pg.err"; then
    . "$W/env"
    if PGCLIENTENCODING=UTF8 psql -X -q -t -A -v ON_ERROR_STOP=1 -f "$W/pg.sql" > "$W/pg.out" 2>&1; then
        grep -v '^CREATE TABLE$' "$W/pg.out" > "$W/pg.ok"; sql_tally "$W/pg.ok" postgresql
    else bad "psql refused the script"; tail -5 "$W/pg.out"; fi
else bad "PostgreSQL did not start"; head -5 "$W/pg.err"; fi

finish
