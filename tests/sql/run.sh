#!/bin/sh
# run.sh BUILD - tests of the SQL target (`dcc gen -t sql`, docs/sql.md):
#   1. every dialect generates for every example contract and tests/sql/hostile.dc; golden files
#      for examples/sales/orders.dc in every dialect (UPDATE_GOLDEN=1 rewrites them); the output
#      is deterministic and independent of the working directory; case clashes are errors; the
#      type table of docs/sql.md is what dcc writes (doc_types.mjs)
#   2. every statement for MySQL, Snowflake, BigQuery, Spark and Trino parses (parse.mjs)
#   3. PostgreSQL, SQLite and DuckDB: DDL, catalogue, record-by-record verdicts, checks queries,
#      foreign keys, the hostile contract (engines.mjs)
#   4. the DuckDB spelling of every pattern case means what dcc means (regex_oracle.mjs)
# Sections 2-4 need node, sqlite3, PostgreSQL and the npm packages of tests/sql/node (installed
# here with npm ci). They run in the normal build only: the sanitizer build runs section 1, which
# is all of the generator; the engines would only repeat themselves.
# A missing engine fails the suite when CI=true; on a developer machine it is skipped, loudly.
# Prints "N passed, N failed"; exits 1 when something failed.
set -u
B=${1:-build}
DCC=$B/dcc
. tests/cli/lib.sh
W=$(mktemp -d /tmp/dcc-sql.XXXXXX)
PGD=""
cleanup() {
    # the server's data directory (about 80 MB) goes too: each run made a new one and left it
    [ -n "$PGD" ] && { sh tests/pg/pg.sh stop "$PGD" >/dev/null 2>&1; rm -rf "$PGD"; }
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
DIALECTS="postgres sqlite duckdb mysql snowflake bigquery spark trino"
CONTRACTS="$(ls examples/*/*.dc) tests/sql/hostile.dc"
gen() { d=$1; shift; "$DCC" gen -t sql --dialect "$d" "$@"; }
missing() { # missing WHAT HOW
    if [ "${CI:-}" = true ]; then bad "$1 is not installed ($2); required in CI"
    else echo "sql: SKIPPING what needs $1: not installed ($2)"; fi
}

# ---- 1. generation, golden files, determinism -------------------------------------------------
for d in $DIALECTS; do
    expect_exit 0 gen "$d" -o "$W/gen/$d" $CONTRACTS
    n=$(ls "$W/gen/$d" 2>/dev/null | wc -l)
    [ "$n" -eq 10 ] && ok || bad "$d: $n files for 5 contracts (want a .sql and a .checks.sql each)"
    expect_exit 0 gen "$d" -o "$W/again/$d" $CONTRACTS
    diff -r "$W/gen/$d" "$W/again/$d" >/dev/null && ok || bad "$d: two runs differ"
    (cd examples/sales && "../../$DCC" gen -t sql --dialect "$d" -o "$W/cwd/$d" ./orders.dc) && ok || bad "$d: gen from examples/sales"
    cmp -s "$W/cwd/$d/sales_orders.sql" "$W/gen/$d/sales_orders.sql" && ok || bad "$d: output depends on the working directory"
    if grep -l "$(pwd)" "$W/gen/$d"/* >/dev/null 2>&1; then bad "$d: generated files mention the absolute path"; else ok; fi
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "tests/golden/sql/$d"
        cp "$W/cwd/$d"/sales_orders.sql "$W/cwd/$d"/sales_orders.checks.sql "tests/golden/sql/$d/"
    fi
    for f in sales_orders.sql sales_orders.checks.sql; do
        cmp -s "$W/cwd/$d/$f" "tests/golden/sql/$d/$f" && ok \
            || bad "golden $d/$f differs (UPDATE_GOLDEN=1 sh tests/sql/run.sh $B)"
    done
    # Generated `--` comments never carry `;` or a quote: scripts split at semicolons stay whole.
    if grep -h '^ *--' "$W/gen/$d"/*.sql | grep -v '^    -- ' | grep -q "[;']"; then bad "$d: a generated comment holds ; or '"; else ok; fi
done
[ "${UPDATE_GOLDEN:-0}" = 1 ] && echo "golden files updated in tests/golden/sql"
# Physical names and types (tests/sql/physical.dc): golden DDL in every dialect; section 3 reads
# the tables back from the engines' catalogues.
for d in $DIALECTS; do
    expect_exit 0 gen "$d" -o "$W/phys/$d" tests/sql/physical.dc
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "tests/golden/sql/physical/$d"
        cp "$W/phys/$d/phys_orders.sql" "tests/golden/sql/physical/$d/"
    fi
    cmp -s "$W/phys/$d/phys_orders.sql" "tests/golden/sql/physical/$d/phys_orders.sql" && ok \
        || bad "golden physical/$d/phys_orders.sql differs (UPDATE_GOLDEN=1 sh tests/sql/run.sh $B)"
done
# Named servers (tests/sql/servers.dc, one server per engine): each dialect qualifies the tables
# with its own server's schema, database, catalog or project, in the DDL and in the checks; golden
# files in every dialect; section 2 parses them, section 3 runs them.
for d in $DIALECTS; do
    expect_exit 0 gen "$d" -o "$W/gen/$d" tests/sql/servers.dc
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "tests/golden/sql/servers/$d"
        cp "$W/gen/$d/srv_orders.sql" "$W/gen/$d/srv_orders.checks.sql" "tests/golden/sql/servers/$d/"
    fi
    for f in srv_orders.sql srv_orders.checks.sql; do
        cmp -s "$W/gen/$d/$f" "tests/golden/sql/servers/$d/$f" && ok \
            || bad "golden servers/$d/$f differ (UPDATE_GOLDEN=1 sh tests/sql/run.sh $B)"
    done
done
# The qualified names, written by hand: one per engine, the same in the DDL and the checks.
for pair in 'postgres "sales"."orders"' 'duckdb "sales"."orders"' 'mysql `sales`.`orders`' \
    'snowflake "SHOP"."SALES"."orders"' 'bigquery `acme-shop`.`sales`.`orders`' 'spark `main`.`sales`.`orders`' \
    'trino "hive"."sales"."orders"' 'sqlite "orders"'; do
    d=${pair%% *} q=${pair#* }
    grep -qF "CREATE TABLE $q (" "$W/gen/$d/srv_orders.sql" && grep -qxF "    FROM $q" "$W/gen/$d/srv_orders.checks.sql" && ok \
        || bad "$d: servers.dc's table orders is not $q in both files"
done
# Two servers of one engine and no --server: neither is taken, the header says so.
printf 'contract two.pg 1.0.0 {\n  owner "x"\n  server a postgres { host "h" port 1 database "d" schema "alpha" }\n  server "b-2" postgresql { host "h" port 1 database "d" schema "beta" }\n  server k kafka { host "k" }\n  dataset t {\n    field id int32\n  }\n}\n' > "$W/two.dc"
expect_exit 0 gen postgres -o "$W/two" "$W/two.dc"
grep -qF 'CREATE TABLE "two_pg"."t" (' "$W/two/two_pg.sql" && grep -qF -- '-- Servers a, b-2 are all servers of dialect postgres and none was chosen:' "$W/two/two_pg.sql" \
    && grep -qF -- '-- Servers a, b-2 are all' "$W/two/two_pg.checks.sql" && ok || bad "two postgres servers: not left to --server"
expect_exit 0 gen postgres --server b-2 -o "$W/two-b" "$W/two.dc"
grep -qF 'CREATE TABLE "beta"."t" (' "$W/two-b/two_pg.sql" && grep -qxF '    FROM "beta"."t"' "$W/two-b/two_pg.checks.sql" && ok || bad "--server b-2 does not place the table in beta"
expect_exit 1 gen postgres --server k -o "$W/two-k" "$W/two.dc"
contains "$ERR" "two.dc:5:10: error: --server k: a kafka server, for which dialect postgres writes no tables (its postgres servers: a, b-2) [DC0764]"
expect_exit 1 gen postgres --server zz -o "$W/two-k" "$W/two.dc"
contains "$ERR" "error: --server zz: contract two.pg has no server of that name (its postgres servers: a, b-2) [DC0764]"
expect_exit 1 gen sqlite --server a -o "$W/two-k" "$W/two.dc"
contains "$ERR" "--server a: a postgres server, for which dialect sqlite writes no tables (it has no server that dialect sqlite writes for) [DC0764]"
[ ! -e "$W/two-k" ] && ok || bad "files written for a --server the target cannot use"
# An empty schema names nothing: the table is named without it, in the server's default schema.
printf 'contract e.s 1.0.0 {\n  owner "x"\n  server p postgres { host "h" port 1 database "d" schema "" }\n  dataset t {\n    field id int32\n  }\n}\n' > "$W/empty.dc"
expect_exit 0 gen postgres -o "$W/empty" "$W/empty.dc"
grep -qxF 'CREATE TABLE "t" (' "$W/empty/e_s.sql" && ! grep -q 'CREATE SCHEMA' "$W/empty/e_s.sql" \
    && grep -qxF -- '-- The tables are on server p (postgres), in its default schema.' "$W/empty/e_s.sql" && ok \
    || bad "a server's empty schema is written as a name"
# A physical type is pasted into the DDL, so one that is not a plain type name is refused.
printf 'contract a.p 1.0.0 {\n  owner "x"\n  dataset d {\n    field id int32 physical type "int); DROP TABLE t; --"\n  }\n}\n' > "$W/inj.dc"
expect_exit 1 gen postgres -o "$W/inj" "$W/inj.dc"
contains "$ERR" "inj.dc:4:34: error: target sql writes a physical type only when it is a plain type name"
[ ! -e "$W/inj" ] && ok || bad "files written for a physical type that is no type name"
# Names that differ only in case: fine where quoted names keep case, an error elsewhere.
printf 'contract a.b 1.0.0 {\n  owner "x"\n  dataset d {\n    field id int32\n    field ID int32\n  }\n}\n' > "$W/case.dc"
expect_exit 0 "$DCC" gen -t sql -o "$W/case-pg" "$W/case.dc"
expect_exit 1 gen duckdb -o "$W/case-duckdb" "$W/case.dc"
contains "$ERR" "case.dc:5:11: error: target sql cannot write fields 'id' and 'ID' for DuckDB, whose names do not keep case apart [DC0700]"
[ ! -e "$W/case-duckdb" ] && ok || bad "files written for a contract the dialect cannot hold"
# A table named like the checks' own CTE: SQLite has no schemas, so the CTE takes another name.
printf 'contract a.c 1.0.0 {\n  owner "x"\n  dataset dcc_m {\n    field id int32\n  }\n}\n' > "$W/cte.dc"
expect_exit 0 gen sqlite -o "$W/cte" "$W/cte.dc"
grep -q '^WITH dcc2_m AS' "$W/cte/a_c.checks.sql" && grep -q 'FROM "dcc_m"$' "$W/cte/a_c.checks.sql" && ok \
    || bad "the checks' CTE takes the name of a table"
expect_exit 1 "$DCC" gen -t sql -o "$W/bad" tests/diag/names_duplicates.dc
[ ! -e "$W/bad" ] && ok || bad "files written for a contract with errors"
"$DCC" gen --list-targets > "$W/targets.txt"
grep -q "^sql " "$W/targets.txt" && ok || bad "--list-targets does not show sql"
for d in $DIALECTS; do grep -q "dialect DIALECT .*[ (]$d[,)]" "$W/targets.txt" && ok || bad "--list-targets does not show dialect $d"; done
expect_exit 2 "$DCC" gen -t sql --dialect oracle -o "$W/oracle" examples/sales/orders.dc
[ ! -e "$W/oracle" ] && ok || bad "files written for an unknown dialect"

# The type table of docs/sql.md is what dcc writes (tests/sql/types.dc: every scalar type).
if command -v node >/dev/null 2>&1; then
    for d in $DIALECTS; do expect_exit 0 gen "$d" -o "$W/types/$d" tests/sql/types.dc; done
    node tests/sql/doc_types.mjs "$W/types" >"$W/doc.log" 2>&1
    grep -v ' passed, .* failed$' "$W/doc.log"
    set -- $(sed -n 's/^doc types: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/doc.log")
    if [ $# -eq 2 ]; then pass=$((pass + $1)); failn=$((failn + $2)); else bad "doc_types.mjs did not finish"; fi
else missing node "apt-get install nodejs"
fi

if [ -n "${SAN:-}" ]; then
    echo "(sanitizer build: the engines run in the normal build only)"
    finish
    exit $?
fi

# ---- npm packages: the pinned lock, installed in tests/sql/node ------------------------------
NODE_OK=0
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    stamp=tests/sql/node/node_modules/.dcc-lock
    if [ -f "$stamp" ] && cmp -s "$stamp" tests/sql/node/package-lock.json; then NODE_OK=1
    elif (cd tests/sql/node && npm ci --no-audit --no-fund --loglevel=error >"$W/npm.log" 2>&1); then
        cp tests/sql/node/package-lock.json "$stamp"
        NODE_OK=1
    else
        cat "$W/npm.log"
        bad "npm ci in tests/sql/node failed"
    fi
else
    missing node "apt-get install nodejs npm"
fi

# ---- 2. parsers -----------------------------------------------------------------------------------
if [ $NODE_OK = 1 ]; then
    node --import ./tests/sql/esm_dirs.mjs tests/sql/parse.mjs "$W/gen" >"$W/parse.log" 2>&1
    grep -v '^line [0-9]' "$W/parse.log" | grep -v ' passed, .* failed$'
    set -- $(sed -n 's/^parsers: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/parse.log")
    if [ $# -eq 2 ]; then pass=$((pass + $1)); failn=$((failn + $2)); else bad "parse.mjs did not finish"; fi
fi

# ---- 3. engines -----------------------------------------------------------------------------------
if [ $NODE_OK = 1 ] && command -v sqlite3 >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; then
    PGD=$(mktemp -d /tmp/dcc-sqlpg.XXXXXX)
    if sh tests/pg/pg.sh start "$PGD" >"$W/pg.log" 2>&1; then
        . "$PGD/env"
        export PGCLIENTENCODING=UTF8
        node tests/sql/engines.mjs "$DCC" "$W/engines" >"$W/engines.log" 2>&1
        grep -v ' passed, .* failed$' "$W/engines.log"
        set -- $(sed -n 's/^engines: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/engines.log")
        if [ $# -eq 2 ]; then pass=$((pass + $1)); failn=$((failn + $2)); else bad "engines.mjs did not finish"; fi
        # physical.dc's tables in the catalogues: the physical names, the physical types as written
        want="ORDERS_T.ORDER_ID:bigint ORDERS_T.CODE_X:character varying ORDERS_T.amount:numeric ORDERS_T.day:date ORDER_LINES.ORD_REF:bigint ORDER_LINES.qty:smallint"
        psql -qAt -v ON_ERROR_STOP=1 -f "$W/phys/postgres/phys_orders.sql" >/dev/null 2>"$W/phys.err" && ok || { bad "PostgreSQL refused physical.dc's DDL"; cat "$W/phys.err"; }
        got=$(psql -qAt -c "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'phys_orders' ORDER BY table_name <> 'ORDERS_T', ordinal_position" | tr '\n' ' ')
        [ "$got" = "$want " ] && ok || bad "PostgreSQL catalogue of physical.dc: $got"
        want="ORDERS_T.ORDER_ID:BIGINT ORDERS_T.CODE_X:varchar(12) ORDERS_T.amount:numeric(10, 2) ORDERS_T.day:DATE ORDER_LINES.ORD_REF:BIGINT ORDER_LINES.qty:smallint"
        got=$( (cat "$W/phys/sqlite/phys_orders.sql"; echo "SELECT m.name || '.' || p.name || ':' || p.type FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name <> 'ORDERS_T', p.cid;") | sqlite3 :memory: | tr '\n' ' ')
        [ "$got" = "$want " ] && ok || bad "SQLite catalogue of physical.dc: $got"
    else
        cat "$W/pg.log"
        if grep -q 'not found' "$W/pg.log"; then missing PostgreSQL "apt-get install postgresql"
        else bad "the PostgreSQL server did not start"; fi
    fi
else
    command -v sqlite3 >/dev/null 2>&1 || missing sqlite3 "apt-get install sqlite3"
    command -v psql >/dev/null 2>&1 || missing PostgreSQL "apt-get install postgresql"
fi

# ---- 4. DuckDB's regular expressions --------------------------------------------------------------
if [ $NODE_OK = 1 ]; then
    CASES=$(sh tests/regex/cases.sh "$B" 2>"$W/cases.err") || { cat "$W/cases.err"; bad "no oracle cases"; }
    if [ -n "$CASES" ]; then
        node tests/sql/regex_oracle.mjs "$CASES" >"$W/rx.log" 2>&1
        grep -v ' passed, .* failed$' "$W/rx.log"
        set -- $(sed -n 's/^duckdb regex: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/rx.log")
        if [ $# -eq 2 ]; then pass=$((pass + $1)); failn=$((failn + $2)); else bad "regex_oracle.mjs did not finish"; fi
        # The patterns as written must disagree somewhere: else the cases cannot tell RE2 from dcc.
        node tests/sql/regex_oracle.mjs --raw "$CASES" >"$W/rxraw.log" 2>&1
        raw=$(sed -n 's/.* \([0-9]*\) failed$/\1/p' "$W/rxraw.log")
        [ "${raw:-0}" -gt 0 ] && ok || bad "untranslated patterns agree with dcc in DuckDB: the cases are too weak"
    fi
fi

finish
