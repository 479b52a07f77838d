#!/bin/sh
# cases.sh DCC NAME [TITLE-ERE] - the compat cases of tests/compat/cases/NAME.cases whose title
# matches TITLE-ERE (all without it), run by tests/compat/cases.sh: the mutation harness's cheap
# compat suites (tests/mutate/suites.tsv), a few cases in seconds where the whole catalogue takes
# minutes. The expectations are the cases' own.
set -u
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
awk -v re="${3:-.}" '/^=== / { keep = substr($0, 5) ~ re } keep' "tests/compat/cases/$2.cases" > "$T/$2.cases"
[ -s "$T/$2.cases" ] || { echo "cases.sh: no case of $2.cases matches '${3:-.}'"; exit 1; }
sh tests/compat/cases.sh "$1" "$T/$2.cases"
