#!/bin/sh
# pg_oracle.sh BUILD [CASES] - PostgreSQL's `~` as an independent oracle for dcc's patterns.
# Starts a throwaway server (tests/pg/pg.sh), loads the cases oracle_cases.c writes (built by
# cases.sh unless CASES is given), evaluates `subject ~ pg_spelling` for every case in one query,
# in two databases: the server's C.UTF-8 locale (where PostgreSQL's own \w matches é) and
# LC_CTYPE=C (where it does not); the translation must make the locale irrelevant.
# A case passes when PostgreSQL gives dcc's verdict; a spelling PostgreSQL refuses is a failure.
# Also counts how often the untranslated pattern would have disagreed (must be > 0, or the
# cases cannot tell the dialects apart). Prints mismatches and "N passed, N failed".
# Exit 0 all passed, 1 mismatches, 3 PostgreSQL is not installed.
set -eu
B=${1:-build}
CASES=${2:-}
PGSH=tests/pg/pg.sh

command -v psql >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
    command -v initdb >/dev/null 2>&1 || { echo "pg_oracle: PostgreSQL is not installed (apt-get install postgresql)"; exit 3; }
[ -n "$CASES" ] || CASES=$(sh tests/regex/cases.sh "$B")

D=$(mktemp -d /tmp/dcc-pg.XXXXXX)
cleanup() { sh "$PGSH" stop "$D" >/dev/null 2>&1 || true; rm -rf "$D"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
sh "$PGSH" start "$D" >/dev/null
. "$D/env"
export PGCLIENTENCODING=UTF8
cp "$CASES" "$D/cases.tsv" # \copy reads it as the client; any path works, this one is short

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_q -d postgres -c "CREATE DATABASE oracle_c TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"

# The cases file is tab-separated JSON with every control character escaped: as CSV with tab
# delimiters and \x01 as the (never used) quote character, each field arrives verbatim.
SETUP=$(cat <<'SQL'
CREATE TABLE raw_cases (n serial PRIMARY KEY, ecma text, pg text, subject text, verdict text,
                        pattern text, origin text, re2 text);
\copy raw_cases (ecma, pg, subject, verdict, pattern, origin, re2) FROM 'cases.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
CREATE TABLE cases AS
  SELECT n, pg::json #>> '{}' AS pg, subject::json #>> '{}' AS subject, verdict,
         pattern::json #>> '{}' AS pattern, origin::json #>> '{}' AS origin
  FROM raw_cases;
-- A pattern PostgreSQL refuses becomes a failing row, not an aborted query.
CREATE FUNCTION verdict(s text, p text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN CASE WHEN s ~ p THEN '1' ELSE '0' END;
EXCEPTION WHEN others THEN
  RETURN 'error: ' || SQLERRM;
END $$;
CREATE TABLE results AS
  SELECT n, pg, subject, verdict, pattern, origin,
         verdict(subject, pg) AS got, verdict(subject, pattern) AS raw
  FROM cases;
SQL
)

fail=0
total_pass=0
total_fail=0
for db in postgres oracle_c; do
    out=$(cd "$D" && printf '%s\n' "$SETUP" | psql_q -d "$db") || { echo "pg_oracle: loading cases into $db failed"; exit 1; }
    [ -z "$out" ] || echo "$out"
    ctype=$(psql_q -d "$db" -At -c "SELECT datctype FROM pg_database WHERE datname = current_database()")
    psql_q -d "$db" -At -F ' ' -c "
      SELECT origin || ': pattern ' || to_json(pattern) || ' (PostgreSQL ' || to_json(pg) || ') on '
             || to_json(subject) || ': dcc ' || verdict || ', PostgreSQL ' || got
      FROM results WHERE got <> verdict ORDER BY n LIMIT 40"
    # shellcheck disable=SC2046 # the words are the numbers
    set -- $(psql_q -d "$db" -At -F ' ' -c "
      SELECT count(*) FILTER (WHERE got = verdict), count(*) FILTER (WHERE got <> verdict),
             count(*) FILTER (WHERE raw <> verdict), count(*) FROM results")
    pass=$1 bad=$2 rawbad=$3 all=$4
    echo "PostgreSQL, LC_CTYPE=$ctype: $pass passed, $bad failed ($rawbad of $all would differ untranslated)"
    if [ "$all" -ne "$(grep -c '' "$CASES")" ]; then
        echo "pg_oracle: loaded $all cases, the file has $(grep -c '' "$CASES")"
        bad=$((bad + 1))
    fi
    if [ "$rawbad" -eq 0 ]; then
        echo "pg_oracle: the untranslated patterns agree with dcc everywhere: the cases do not exercise the translation"
        bad=$((bad + 1))
    fi
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + bad))
    [ "$bad" -eq 0 ] || fail=1
done
echo "PostgreSQL $(psql_q -At -c "SHOW server_version" | cut -d" " -f1), both databases: $total_pass passed, $total_fail failed"
exit $fail
