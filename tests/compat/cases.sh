#!/bin/sh
# cases.sh DCC FILE.cases... - the table-driven compatibility cases.
#
# Each case states its expectations inside the input (as tests/diag does), written by hand from
# the rules' meaning, never copied from dcc's output:
#
#   === title
#   expect: RULE PATH DIRECTION      one line per finding: direction backward|forward|both|none
#   expect: nothing                   no finding at all
#   options: ARGS                     optional: more arguments for every dcc compat of the case
#   verdict: MODE=pass|fail ...       optional; otherwise derived from the expected directions
#                                     (a mode fails when a finding breaks what it promises)
#   --- old [VERSION]                 default 1.0.0
#   ...                               a whole contract, or lines wrapped in `contract t.c V {
#   --- new [VERSION]                 owner "o" dataset d { ... } }` (`%product` as the first
#   ...                               line: wrapped in the contract only)
#   --- newer [VERSION]               optional third version: a chain OLD OLDER... (see below)
#
# For a pair, dcc compat OLD NEW must report exactly the expected findings (rule, path and the
# directions it breaks), and exit 0 or 1 as the verdict says in each of the four modes. With a
# third section the chain old -> new -> newer is checked with --transitive (expectations are of
# `newer` against both) and without (only against `new`: `expect-latest:` lines).
# Every pair is also run reversed: a finding that breaks backward for (a, b) must break forward
# for (b, a) at the same path, and the other way round.
set -u
DCC=$1; shift
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
LIB=tests/compat/lib

# wrap FILE VERSION: a section as a whole contract
wrap() {
    body=$1; ver=$2; out=$3
    first=$(sed -n '1p' "$body")
    case $first in
    contract*|import*|//*|///*) cp "$body" "$out" ;;
    %product) { printf 'contract t.c %s {\n  owner "o"\n' "$ver"; sed '1d' "$body"; printf '}\n'; } > "$out" ;;
    *) { printf 'contract t.c %s {\n  owner "o"\n  dataset d {\n' "$ver"; cat "$body"; printf '  }\n}\n'; } > "$out" ;;
    esac
}

# findings FILE.json: "RULE PATH DIRECTION" lines, sorted
findings() {
    jq -r '.reports[0].findings[] | "\(.rule) \(.path) \(if (.breaks|length)==2 then "both" elif (.breaks|length)==0 then "none" else .breaks[0] end)"' "$1" | sort
}

mode_fails() { # MODE EXPECTED-FILE: does a finding break what the mode promises?
    case $1 in
    none) return 1 ;;
    backward) grep -Eq ' (backward|both)$' "$2" ;;
    forward) grep -Eq ' (forward|both)$' "$2" ;;
    full) grep -Eq ' (backward|forward|both)$' "$2" ;;
    esac
}

# reverse_check A.json B.json: every backward break in A is a forward break at the same path in B
reverse_check() {
    jq -r '.reports[0].findings[] | select(.breaks|index("backward")) | .path' "$1" | sort -u > "$T/ab"
    jq -r '.reports[0].findings[] | select(.breaks|index("forward")) | .path' "$2" | sort -u > "$T/ba"
    comm -23 "$T/ab" "$T/ba"
}

ncases=0
run_case() {
    title=$1
    ncases=$((ncases+1))
    ov=$(sed -n 's/^--- old \([0-9].*\)/\1/p' "$T/case" | head -1); ov=${ov:-1.0.0}
    nv=$(sed -n 's/^--- new \([0-9].*\)/\1/p' "$T/case" | head -1); nv=${nv:-2.0.0}
    rv=$(sed -n 's/^--- newer \([0-9].*\)/\1/p' "$T/case" | head -1); rv=${rv:-3.0.0}
    awk -v dir="$T" '/^--- old/{f=dir"/old.body";next} /^--- newer/{f=dir"/newer.body";next} /^--- new/{f=dir"/new.body";next} f{print > f}' "$T/case"
    mkdir -p "$T/o" "$T/n" "$T/r"
    wrap "$T/old.body" "$ov" "$T/o/c.dc"
    wrap "$T/new.body" "$nv" "$T/n/c.dc"
    opts=$(sed -n 's/^options: //p' "$T/case")
    grep '^expect: ' "$T/case" | sed 's/^expect: //' | grep -v '^nothing$' | sort > "$T/want"
    if [ -f "$T/newer.body" ]; then
        wrap "$T/newer.body" "$rv" "$T/r/c.dc"
        "$DCC" compat $opts -I "$LIB" --format json --transitive "$T/o/c.dc" "$T/n/c.dc" "$T/r/c.dc" > "$T/out.json" 2> "$T/err"
        rc=$?
        if [ $rc -eq 2 ]; then bad "$title: dcc compat failed: $(head -5 "$T/err")"; return; fi
        findings "$T/out.json" > "$T/got"
        if cmp -s "$T/want" "$T/got"; then ok; else bad "$title (transitive): findings differ"; diff "$T/want" "$T/got" | sed 's/^/    /'; fi
        grep '^expect-latest: ' "$T/case" | sed 's/^expect-latest: //' | grep -v '^nothing$' | sort > "$T/want2"
        "$DCC" compat $opts -I "$LIB" --format json "$T/o/c.dc" "$T/n/c.dc" "$T/r/c.dc" > "$T/out2.json" 2>/dev/null
        findings "$T/out2.json" > "$T/got2"
        if cmp -s "$T/want2" "$T/got2"; then ok; else bad "$title (latest only): findings differ"; diff "$T/want2" "$T/got2" | sed 's/^/    /'; fi
        rm -f "$T/newer.body"
        return
    fi
    "$DCC" compat $opts -I "$LIB" --format json "$T/o/c.dc" "$T/n/c.dc" > "$T/out.json" 2> "$T/err"; rc=$?
    if [ $rc -eq 2 ]; then bad "$title: dcc compat failed: $(head -5 "$T/err")"; return; fi
    findings "$T/out.json" > "$T/got"
    if cmp -s "$T/want" "$T/got"; then ok; else bad "$title: findings differ (- expected, + dcc)"; diff "$T/want" "$T/got" | sed -n 's/^\([<>]\)/    \1/p'; fi
    for m in none backward forward full; do
        want=$(sed -n "s/^verdict:.*\\b$m=\\(pass\\|fail\\).*/\\1/p" "$T/case")
        if [ -z "$want" ]; then
            if mode_fails $m "$T/want"; then want=fail; else want=pass; fi
        fi
        "$DCC" compat $opts -I "$LIB" --mode $m "$T/o/c.dc" "$T/n/c.dc" > "$T/text" 2>&1; rc=$?
        got=$([ $rc -eq 0 ] && echo pass || { [ $rc -eq 1 ] && echo fail || echo "exit $rc"; })
        if [ "$got" = "$want" ]; then ok; else bad "$title: mode $m: $got, expected $want"; tail -3 "$T/text" | sed 's/^/    /'; fi
    done
    # reversed
    "$DCC" compat $opts -I "$LIB" --format json "$T/n/c.dc" "$T/o/c.dc" > "$T/rev.json" 2>/dev/null
    miss=$(reverse_check "$T/out.json" "$T/rev.json"; reverse_check "$T/rev.json" "$T/out.json")
    if [ -z "$miss" ]; then ok; else bad "$title: reversed, no matching break at: $miss"; fi
}

for f in "$@"; do
    # split the file into cases
    awk -v dir="$T" '/^=== /{n++; f=sprintf("%s/c%04d", dir, n); print substr($0, 5) > (f ".title"); next} n{print > f}' "$f"
    for c in "$T"/c[0-9]*.title; do
        [ -e "$c" ] || continue
        base=${c%.title}
        mv "$base" "$T/case"
        run_case "$(basename "$f"): $(cat "$c")"
        rm -f "$c" "$T/old.body" "$T/new.body" "$T/newer.body"
    done
done
echo "compat cases: $ncases"
finish
