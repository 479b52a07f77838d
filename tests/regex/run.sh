#!/bin/sh
# run.sh BUILD - dcc's patterns against real regex engines: the translations regex_translate
# hands to JSON Schema (ECMA-262, node) and PostgreSQL (`~`) must give dcc's verdict on every
# case oracle_cases.c generates. Prints one summary line "... N passed, N failed".
# A missing engine fails the suite when CI=true; on a developer machine it is skipped, loudly.
set -u
B=${1:-build}
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-regex.XXXXXX")
trap 'rm -rf "$W"' EXIT
pass=0 fail=0 notes=""

missing() { # missing WHAT HOW
    if [ "${CI:-}" = true ]; then
        echo "regex oracles: $1 is not installed ($2); required in CI"
        fail=$((fail + 1))
    else
        echo "regex oracles: SKIPPING the $1 oracle: not installed ($2)"
        notes="$notes, $1 SKIPPED"
    fi
}

# tally FILE: add the "N passed, N failed" of the last such line in FILE
tally() {
    # shellcheck disable=SC2046 # the words are the numbers
    set -- $(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$1" | tail -n 1)
    if [ $# -ne 2 ]; then fail=$((fail + 1)); return; fi
    pass=$((pass + $1)) fail=$((fail + $2))
}

CASES=$(sh tests/regex/cases.sh "$B" 2>"$W/cases.err") || {
    cat "$W/cases.err"
    echo "regex oracles: 0 passed, 1 failed (could not generate the cases)"
    exit 1
}
grep -v '^oracle_cases: [0-9]* patterns' "$W/cases.err" # warnings, if any
info=$(sed -n 's/^oracle_cases: //p' "$W/cases.err" | tail -n 1)

# ---- ECMA-262 -----------------------------------------------------------------------------
if command -v node >/dev/null 2>&1; then
    node tests/regex/node_oracle.js "$CASES" >"$W/node.out" 2>&1
    grep -v ' passed, .* failed$' "$W/node.out"
    tally "$W/node.out"
    # The same cases with the patterns as written must expose ECMA's Unicode \s: otherwise they
    # would not test what the translation is for.
    node tests/regex/node_oracle.js --raw "$CASES" >"$W/raw.out" 2>&1
    raw=$(sed -n 's/.* \([0-9]*\) failed$/\1/p' "$W/raw.out")
    if [ "${raw:-0}" -eq 0 ]; then
        echo "regex oracles: untranslated patterns agree with dcc in node: the cases are too weak"
        fail=$((fail + 1))
    fi
    notes="$notes, node $(node --version) ($raw would differ untranslated)"
else
    missing node "apt-get install nodejs"
fi

# ---- PostgreSQL ---------------------------------------------------------------------------
sh tests/regex/pg_oracle.sh "$B" "$CASES" >"$W/pg.out" 2>&1
rc=$?
if [ $rc -eq 3 ]; then
    missing PostgreSQL "apt-get install postgresql"
else
    grep -v 'both databases: [0-9]* passed' "$W/pg.out"
    tally "$W/pg.out"
    [ $rc -eq 0 ] || [ "$fail" -gt 0 ] || fail=$((fail + 1)) # e.g. the server did not start
fi

echo "regex oracles ($info$notes): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
