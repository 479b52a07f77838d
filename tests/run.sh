#!/bin/sh
# run.sh BUILD - every test suite against the binaries in BUILD (normal or sanitizer build).
# Each suite prints "N passed, N failed" (cmocka: "[  PASSED  ] N test(s)"); this script adds
# them up and fails when any suite fails.
set -u
B=${1:-build}
DCC=$B/dcc
fail=0
LOG=$(mktemp); trap 'rm -f "$LOG"' EXIT
total_pass=0; total_fail=0
suite() {
    name=$1; shift
    echo "== $name"
    "$@" > "$LOG" 2>&1; rc=$?
    cat "$LOG"
    p=$(sed -n 's/^\(.*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p; s/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$LOG" | tail -1)
    f=$(sed -n 's/^\(.*: \)\{0,1\}[0-9][0-9]* passed, \([0-9][0-9]*\) failed.*/\2/p; s/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$LOG" | tail -1)
    total_pass=$((total_pass + ${p:-0})); total_fail=$((total_fail + ${f:-0}))
    if [ $rc -ne 0 ]; then
        echo "FAILED: $name"
        fail=1
        [ "${f:-0}" -gt 0 ] || total_fail=$((total_fail + 1))
    fi
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    suite "unit $(basename "$t")" "$t"
done
suite "diagnostics" "$B/tests/diagverify" tests/diag/*.dc
suite "examples check clean" sh tests/cli/examples.sh "$DCC"
suite "fmt round trip" sh tests/fmt/roundtrip.sh "$DCC" examples/*/*.dc tests/diag/*.dc
suite "cli" sh tests/cli/cli.sh "$DCC"
suite "libxml2: opened only to write HTML or XML, a clear error without it" sh tests/cli/libxml2.sh "$B"
suite "language: raw strings, NUL, BOM, line ends, fmt alignment" sh tests/lang/run.sh "$DCC"
suite "hostile input" sh tests/cli/hostile.sh "$DCC"
suite "newcomer: write errors, validate's report, defaults and hints" sh tests/cli/newcomer.sh "$DCC"
suite "validate: examples/samples.tsv" sh tests/validate/samples.sh "$DCC"
suite "validate: command line" sh tests/validate/cli.sh "$DCC"
suite "validate: where a duplicate key was first seen" sh tests/validate/keys.sh "$DCC"
suite "validate: datacontract-cli corpus" sh tests/corpus/run.sh "$DCC"
suite "ODCS: the standard's examples and negative tests, ajv and yaml as oracles" sh tests/odcs/run.sh "$B"
suite "C target" sh tests/c/run.sh "$B"
suite "JSON Schema, Avro, OpenAPI: ajv, @hyperjump, avsc, redocly against dcc validate" sh tests/jsonschema/run.sh "$B"
suite "docs: every contract in README.md and docs/*.md passes check and fmt --check" sh tests/docs/contracts.sh "$DCC"
suite "docs/targets.md: the example target" sh tests/docs/targets_example.sh "$B"
suite "docs/production.md: its programs against dcc validate" sh tests/docs/production_examples.sh "$B"
suite "C ABI: exports, 0.1 programs, standards" sh tests/c/abi.sh "$B"
suite "compat: cases, catalogue, reports (jq, SARIF schema, xmllint), examples, git" sh tests/compat/run.sh "$B"
suite "C runtime: partitions and threads against dcc validate" sh tests/c/parallel.sh "$B"
suite "C struct path: typed lists, absent fields and floats against dcc validate on the same JSON" sh tests/c/struct_json.sh "$B"
suite "regex: ECMA-262 and PostgreSQL oracles" sh tests/regex/run.sh "$B"
suite "emit: gcc, clang, SQLite, PostgreSQL, Node and jq read back the shared writers" sh tests/emit/run.sh "$B"
suite "SQL target: PostgreSQL, SQLite, DuckDB and five parsers" sh tests/sql/run.sh "$B"
suite "SQL migrations: each change on PostgreSQL, rows kept, catalogue equal to NEW's DDL" sh tests/migration/run.sh "$B"
suite "docs target: golden site, xmllint, links and search in Chromium" sh tests/docs_site/run.sh "$B"
suite "boundary tables: quality operators, offsets, integer widths, UTF-8, columns" sh tests/boundary/run.sh "$DCC"
suite "boundary oracles: PostgreSQL timestamptz, Node TextDecoder" sh tests/boundary/oracles.sh
suite "conformance: JSONTestSuite and csv-spectrum through dcc validate" sh tests/conformance/run.sh "$DCC"
suite "mutation harness: its self-test on a fixture" sh tests/mutate/selftest.sh
# Installing links programs against the shared runtime; a sanitizer build of it cannot be
# linked into an ordinary program, so this suite runs in the normal build only.
# The same holds for the demo's pipeline program.
if [ -z "${SAN:-}" ]; then
    # Every input the fuzzers ever crashed stays fixed (`make fuzz` runs the fuzzers themselves).
    suite "fuzz reproducers" sh tests/fuzz/run.sh "$B/fuzz" 0
    suite "make install" sh tests/cli/install.sh "$B"
    suite "make demo: its counts and files" sh tests/demo/check.sh "$B"
    suite "make demo, piped: no colour, whole JSON" sh tests/cli/demo_piped.sh "$B"
    # a clone of the committed tree, elsewhere, with the source tree hidden (issue 8)
    suite "a clone passes the data suites with nothing outside it" sh tests/cli/clone.sh "$B"
fi

echo "total: $total_pass passed, $total_fail failed"
if [ $fail -ne 0 ]; then
    echo "run.sh: some suites FAILED ($B)"
    exit 1
fi
echo "run.sh: all suites passed ($B)"
