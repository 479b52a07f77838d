#!/bin/sh
# run.sh BUILD [CASES.mig...] - `dcc gen -t sql-migration` (docs/compat.md, "Migrations") on a throwaway
# PostgreSQL (tests/pg/pg.sh). Each case of tests/migration/cases/*.mig is a pair of contracts:
#
#   === title
#   refuse: CMPnnn        one line per change the migration must refuse (nothing: it must not)
#   converted: T.COL TYPE optional: a column whose values change type; kept values compare as TYPE
#   --- old [VERSION]     fields of dataset d (wrapped as tests/compat/cases.sh does), datasets
#   --- new [VERSION]     after a first line `%product`, or a whole contract (first line `contract`)
#   --- rows              SQL run on OLD's tables: rows valid under OLD and under NEW
#   --- accept            statements that must succeed after the migration (valid under NEW)
#   --- reject            statements that must each fail after the migration (invalid under NEW)
#
# For each case, the expectations written by hand from the rules' meaning:
#   - refusals: without --allow-breaking, exit 1, one DC0800 error per `refuse:` line, each at a
#     file:line:col and naming its rule, and no file written; with it (or when nothing is
#     refused) exit 0, the same file twice, equal to tests/golden/sql-migration/ (UPDATE_GOLDEN=1)
#   - PostgreSQL is the oracle: OLD's DDL (`dcc gen -t sql`) and the rows load; the migration
#     applies in one go; every stored value of a column kept is still there (as JSON text); the
#     catalogue (columns, types, NOT NULL, defaults, constraints, comments) is PostgreSQL's own
#     reading of NEW's DDL applied to an empty database; NEW's checks query finds nothing failing;
#     `accept` statements succeed and every `reject` statement fails.
# The PostgreSQL checks run in the normal build only (SAN unset). They need psql and the server: missing, the suite fails when CI=true and is skipped,
# loudly, elsewhere. Prints "N passed, N failed".
set -u
B=${1:-build}
DCC=$B/dcc
[ $# -gt 0 ] && shift
CASES=${*:-$(ls tests/migration/cases/*.mig)} # a few case files alone while working
. tests/cli/lib.sh
W=$(mktemp -d /tmp/dcc-mig.XXXXXX)
PGD=""
cleanup() {
    # the server's data directory (about 80 MB) goes too: each run made a new one and left it
    [ -n "$PGD" ] && { sh tests/pg/pg.sh stop "$PGD" >/dev/null 2>&1; rm -rf "$PGD"; }
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
GOLD=tests/golden/sql-migration

have_pg=false
if [ -n "${SAN:-}" ]; then
    # the sanitizer build checks the generator (refusals, golden files); the database would only
    # repeat what the normal build's run proves
    echo "migration: the PostgreSQL checks run in the normal build only"
elif command -v psql >/dev/null 2>&1 && { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }; then
    PGD=$(mktemp -d /tmp/dccmg.XXXXXX)
    if sh tests/pg/pg.sh start "$PGD" >"$W/pg.log" 2>&1; then
        . "$PGD/env"
        export PGCLIENTENCODING=UTF8
        have_pg=true
        # the server's own psql: Debian's /usr/bin/psql is a Perl wrapper, slow to start hundreds of times
        b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        [ -n "$b" ] && [ -x "$b/psql" ] && psql() { "$b/psql" "$@"; }
    else
        bad "the throwaway PostgreSQL did not start: $(tail -3 "$W/pg.log")"
        PGD=""
    fi
elif [ "${CI:-}" = true ]; then
    bad "PostgreSQL is not installed (apt-get install postgresql); required in CI"
else
    echo "migration: SKIPPING the PostgreSQL checks: PostgreSQL is not installed (apt-get install postgresql)"
fi

wrap() { # wrap BODY VERSION OUT: a section as a whole contract
    case $(sed -n '1p' "$1") in
    contract*) cp "$1" "$3" ;;
    %product) { printf 'contract t.c %s {\n  owner "o"\n' "$2"; sed '1d' "$1"; printf '}\n'; } > "$3" ;;
    *) { printf 'contract t.c %s {\n  owner "o"\n  dataset d {\n' "$2"; cat "$1"; printf '  }\n}\n'; } > "$3" ;;
    esac
}
q() { db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@" >"$W/psql.out" 2>"$W/psql.err"; }
# The catalogue of the user's tables, as PostgreSQL reads it back (schema names left out: a
# renamed product renames the schema), sorted.
catalogue() {
    psql -X -At -d "$1" -c "
      SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
             || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
             || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
             || coalesce(' comment ' || col_description(c.oid, a.attnum), '')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      UNION ALL
      SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      UNION ALL
      SELECT 'table ' || c.relname || coalesce(' comment ' || obj_description(c.oid, 'pg_class'), '')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1" | sed 's/ [[:alnum:]_]*\.\([[:alnum:]_]*\)(/ \1(/g'
}
# The rows of the columns in COLS (table.column lines), each as one JSON object per row, as a
# query over DB's tables (the schema looked up: a renamed product renames it).
rows_query() { # rows_query DB COLS
    sep=""
    for t in $(cut -d. -f1 "$2" | sort -u); do
        cols=$(sed -n "s/^$t\\.//p" "$2" | sed 's/.*/"&"/' | paste -sd, -)
        # a column whose type the case converts (`converted: table.column TYPE`) is compared as TYPE
        sed -n "s/^converted: $t\\.//p" "$C" > "$W/conv"
        while read -r c ty; do cols=$(printf '%s' "$cols" | sed "s/\"$c\"/\"$c\"::$ty AS \"$c\"/"); done < "$W/conv"
        s=$(psql -X -At -d "$1" -c "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = '$t' AND c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')")
        printf "%sSELECT '%s' AS t, row_to_json(dcc_row)::jsonb AS j FROM (SELECT %s FROM \"%s\".\"%s\") dcc_row" "$sep" "$t" "$cols" "$s" "$t"
        sep=" UNION ALL "
    done
}
user_columns() {
    psql -X -At -d "$1" -c "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
}

# Three databases for the whole run (migrated, fresh, original), emptied of the product's schemas
# before each case: far cheaper than creating databases.
reset() {
    psql -X -q -d "$1" -c "DO \$\$DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public') LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END\$\$" >/dev/null 2>&1
}
$have_pg && psql -X -q -c "CREATE DATABASE m" -c "CREATE DATABASE f" -c "CREATE DATABASE o" >/dev/null

ncases=0
run_case() {
    title=$1; C=$W/case
    ncases=$((ncases + 1))
    slug=$(printf '%s' "$title" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//')
    rm -rf "$C.d"; mkdir -p "$C.d/o" "$C.d/n"
    awk -v d="$C.d" '/^--- old/{f=d"/old.body";next} /^--- new/{f=d"/new.body";next} /^--- rows/{f=d"/rows.sql";next} /^--- accept/{f=d"/accept.sql";next} /^--- reject/{f=d"/reject.sql";next} /^--- /{f="";next} f{print > f}' "$C"
    ov=$(sed -n 's/^--- old \([0-9].*\)/\1/p' "$C"); nv=$(sed -n 's/^--- new \([0-9].*\)/\1/p' "$C")
    wrap "$C.d/old.body" "${ov:-1.0.0}" "$C.d/o/c.dc"
    wrap "$C.d/new.body" "${nv:-2.0.0}" "$C.d/n/c.dc"
    touch "$C.d/rows.sql" "$C.d/accept.sql" "$C.d/reject.sql"
    grep '^refuse: ' "$C" | sed 's/^refuse: //' | sort > "$C.d/refuse"
    nref=$(wc -l < "$C.d/refuse")
    allow=""
    if [ "$nref" -gt 0 ]; then
        "$DCC" gen -t sql-migration --from "$C.d/o/c.dc" -o "$C.d/refused" "$C.d/n/c.dc" > /dev/null 2> "$C.d/err"; rc=$?
        [ $rc -eq 1 ] && ok || bad "$title: refused: exit $rc (want 1)"
        [ ! -e "$C.d/refused" ] && ok || bad "$title: files written for a refused migration"
        sed -n 's/^[^ ]*c\.dc:[0-9]*:[0-9]*: error: cannot migrate stored rows: .* \[\(CMP[0-9]*\) [a-z-]*\]: .* \[DC0800\]$/\1/p' "$C.d/err" | sort > "$C.d/got-refuse"
        if cmp -s "$C.d/refuse" "$C.d/got-refuse"; then ok; else bad "$title: refusals differ (- expected, + dcc)"; diff "$C.d/refuse" "$C.d/got-refuse" | sed -n 's/^\([<>]\)/    \1/p'; fi
        allow=--allow-breaking
    fi
    "$DCC" gen -t sql-migration $allow --from "$C.d/o/c.dc" -o "$C.d/mig" "$C.d/n/c.dc" > /dev/null 2> "$C.d/err"; rc=$?
    if [ $rc -ne 0 ]; then bad "$title: dcc gen -t sql-migration $allow: exit $rc"; sed 's/^/    /' "$C.d/err" | head -8; return; fi
    mig=$(ls "$C.d/mig"/*.sql)
    "$DCC" gen -t sql-migration $allow --from "$C.d/o/c.dc" -o "$C.d/mig2" "$C.d/n/c.dc" 2>/dev/null
    diff -r "$C.d/mig" "$C.d/mig2" >/dev/null && ok || bad "$title: two runs differ"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then mkdir -p "$GOLD"; cp "$mig" "$GOLD/$slug.sql"; fi
    cmp -s "$mig" "$GOLD/$slug.sql" && ok || bad "$title: differs from $GOLD/$slug.sql (UPDATE_GOLDEN=1 sh tests/migration/run.sh $B)"
    # generated comments hold no ; or quote (scripts split at semicolons stay whole)
    if grep '^ *--' "$mig" | grep -q "[;']"; then bad "$title: a generated comment holds ; or '"; else ok; fi
    $have_pg || return
    "$DCC" gen -t sql -o "$C.d/osql" "$C.d/o/c.dc" 2>/dev/null && "$DCC" gen -t sql -o "$C.d/nsql" "$C.d/n/c.dc" 2>/dev/null \
        || { bad "$title: dcc gen -t sql failed"; return; }
    reset m; reset f
    stem=$(ls "$C.d/osql" | grep -v checks); schema=${stem%.sql}
    if ! q m -f "$C.d/osql/$stem" -c "SET search_path TO \"$schema\"" -f "$C.d/rows.sql"; then
        bad "$title: OLD's DDL and rows do not load: $(head -3 "$W/psql.err")"; return
    fi
    user_columns m > "$C.d/cols.before"
    if ! q m -f "$mig"; then bad "$title: the migration fails: $(head -3 "$W/psql.err")"; return; fi
    ok
    user_columns m > "$C.d/cols.after"
    comm -12 "$C.d/cols.before" "$C.d/cols.after" > "$C.d/kept"
    # Every stored value of the columns kept, before (a copy of OLD's database loaded alike) and
    # after, compared as jsonb: a number is equal to itself at another scale (5 and 5.00).
    if [ -s "$C.d/kept" ]; then
        reset o
        q o -f "$C.d/osql/$stem" -c "SET search_path TO \"$schema\"" -f "$C.d/rows.sql"
        psql -X -q -d o -c "COPY ($(rows_query o "$C.d/kept")) TO STDOUT WITH (FORMAT csv)" > "$C.d/before.csv"
        diffs=$(psql -X -q -At -d m -c "CREATE TEMP TABLE b (t text, j jsonb)" -c "\copy b FROM '$C.d/before.csv' WITH (FORMAT csv)" \
            -c "SELECT count(*) FROM (SELECT t, j, count(*) AS n FROM b GROUP BY 1, 2) x FULL JOIN (SELECT t, j, count(*) AS n FROM ($(rows_query m "$C.d/kept")) a GROUP BY 1, 2) y ON x.t = y.t AND x.j = y.j AND x.n = y.n WHERE x.t IS NULL OR y.t IS NULL" 2>&1)
        [ "$diffs" = 0 ] && { [ -s "$C.d/before.csv" ] || [ ! -s "$C.d/rows.sql" ]; } && ok \
            || bad "$title: stored values changed ($diffs rows differ)"
    fi
    nstem=$(ls "$C.d/nsql" | grep -v checks); nschema=${nstem%.sql}
    q f -f "$C.d/nsql/$nstem" || { bad "$title: NEW's DDL does not apply: $(head -3 "$W/psql.err")"; return; }
    catalogue m > "$C.d/cat.migrated"; catalogue f > "$C.d/cat.fresh"
    if cmp -s "$C.d/cat.fresh" "$C.d/cat.migrated"; then ok; else bad "$title: the migrated tables differ from NEW's DDL (- fresh, + migrated)"; diff "$C.d/cat.fresh" "$C.d/cat.migrated" | sed -n 's/^\([<>]\)/    \1/p' | head -10; fi
    # NEW's checks over the migrated rows: nothing fails
    psql -X -At -F '|' -d m -f "$C.d/nsql/${nschema}.checks.sql" > "$C.d/checks.out" 2> "$C.d/checks.err"
    if [ -s "$C.d/checks.err" ]; then bad "$title: NEW's checks query fails: $(head -2 "$C.d/checks.err")"
    elif grep -q '|f$' "$C.d/checks.out"; then bad "$title: NEW's checks fail on the migrated rows: $(grep '|f$' "$C.d/checks.out" | head -3)"
    else ok; fi
    if [ -s "$C.d/accept.sql" ]; then
        q m -c "SET search_path TO \"$nschema\"" -f "$C.d/accept.sql" && ok || bad "$title: a statement valid under NEW fails: $(head -2 "$W/psql.err")"
    fi
    while IFS= read -r stmt; do
        [ -n "$stmt" ] || continue
        if q m -c "SET search_path TO \"$nschema\"" -c "$stmt"; then bad "$title: accepted after the migration: $stmt"; else ok; fi
    done < "$C.d/reject.sql"
}

for f in $CASES; do
    awk -v dir="$W" '/^=== /{n++; f=sprintf("%s/c%04d", dir, n); print substr($0, 5) > (f ".title"); next} n{print > f}' "$f"
    for c in "$W"/c[0-9]*.title; do
        [ -e "$c" ] || continue
        base=${c%.title}
        mv "$base" "$W/case"
        run_case "$(basename "$f"): $(cat "$c")"
        rm -f "$c"
    done
done
echo "migration cases: $ncases"
[ "$ncases" -ge 30 ] && ok || bad "only $ncases migration cases (at least 30)"
[ "${UPDATE_GOLDEN:-0}" = 1 ] && echo "golden files updated in $GOLD"

# the command line: a target that takes no --from, the other way round, dialects
O=tests/migration/pair/old.dc; N=tests/migration/pair/new.dc
expect_exit 2 "$DCC" gen -t sql-migration -o "$W/x" "$N"
contains "$ERR" "target sql-migration needs --from OLD"
expect_exit 2 "$DCC" gen -t sql --from "$O" -o "$W/x" "$N"
contains "$ERR" "target sql takes no --from"
expect_exit 2 "$DCC" gen -t c --allow-breaking -o "$W/x" "$N"
contains "$ERR" "target c takes no --allow-breaking"
expect_exit 1 "$DCC" gen -t sql-migration --dialect duckdb --from "$O" -o "$W/x" "$N"
contains "$ERR" "writes PostgreSQL only, not dialect duckdb"
contains "$ERR" "[DC0801]"
[ ! -e "$W/x" ] && ok || bad "files written for a refused dialect"
expect_exit 2 "$DCC" gen -t sql-migration --from "$W/missing.dc" -o "$W/x" "$N"
expect_exit 1 "$DCC" gen -t sql-migration --from tests/diag/names_duplicates.dc -o "$W/x" "$N"
[ ! -e "$W/x" ] && ok || bad "files written when OLD has errors"
finish
