#!/bin/sh
# measure.sh BUILD [EXTRA...] - compiles a corpus of patterns with BUILD's libraries and prints
# measure.c's line for each (tables' hash, states, steps of work, or the refusal), so that two
# builds are compared with diff. The corpus: every pattern of the oracle cases (cases.sh), every
# code span of docs/patterns.md, and the EXTRA patterns given (as written, not JSON).
set -eu
B=${1:-build}
shift || true
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-measure.XXXXXX")
trap 'rm -rf "$W"' EXIT
cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O2 -I compiler -I runtime \
    -o "$W/measure" tests/regex/measure.c "$B/libdcc.a" "$B/libdccrt-internal.a" -lyaml -lxml2 -lm
CASES=$(sh tests/regex/cases.sh "$B" 2>/dev/null)
{
    cut -f5 "$CASES"
    # code spans of the page, `\|` in its tables being a `|`
    node -e '
        const t = require("fs").readFileSync("docs/patterns.md", "utf8");
        for (const m of t.matchAll(/`([^`\n]+)`/g)) console.log(JSON.stringify(m[1].replace(/\\\|/g, "|")));
        for (const p of process.argv.slice(1)) console.log(JSON.stringify(p));' -- "$@"
} | sort -u >"$W/corpus"
"$W/measure" <"$W/corpus"
