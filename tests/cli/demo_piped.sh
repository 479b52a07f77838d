#!/bin/sh
# demo_piped.sh BUILD - `make demo` piped (its log, BUILD/demo.log, written by the "make demo"
# suite): no terminal colour, and the JSON excerpt is whole JSON, not cut mid-string (issue 8).
set -u
B=$1
. tests/cli/lib.sh
LOG=$B/demo.log
[ -s "$LOG" ] && ok || { bad "no $LOG"; finish; exit 1; }
grep -q "$(printf '\033')" "$LOG" && bad "ANSI escape sequences in the piped demo" || ok
# the lines after the command, up to the blank line before the next step, are one JSON value
sed -n '/^\$ dcc check --diagnostics=json/,/^$/p' "$LOG" | sed '1d' > "$B/demo.json"
if command -v jq >/dev/null 2>&1; then
    jq -e 'length == 2 and (.[0].code | startswith("DC"))' "$B/demo.json" >/dev/null && ok \
        || bad "the demo's JSON excerpt is not two whole diagnostics: $(head -c 300 "$B/demo.json")"
else
    bad "jq is missing (tests/deps.sh installs it)"
fi
finish
