#!/bin/sh
# contracts.sh DCC - every fenced code block in README.md and docs/*.md that is a contract or
# library (its first line that is not blank or a comment is `import "`, `contract a.b` or
# `library a.b`, and it has a `contract a.b VERSION {` or `library ...` line) must pass
# `dcc check` and `dcc fmt --check`, so the docs cannot drift from the language or from fmt's
# layout. Imports resolve as from examples/sales/ (the tour's `../shared/common.dc`).
set -u
DCC=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# One file per block: $T/NNN.dc, and $T/NNN.where holding "FILE:LINE" of its opening fence.
awk -v dir="$T" '
/^```/ {
    if (!inb) { inb = 1; start = FNR; n = 0; first = ""; unit = 0; next }
    inb = 0
    if (first ~ /^(import "|contract [A-Za-z_][A-Za-z0-9_]*\.|library [A-Za-z_][A-Za-z0-9_]*\.)/ && unit) {
        k++
        f = sprintf("%s/%03d.dc", dir, k)
        for (i = 1; i <= n; i++) print body[i] > f
        close(f)
        w = sprintf("%s/%03d.where", dir, k)
        print FILENAME ":" start > w
        close(w)
    }
    next
}
inb {
    body[++n] = $0
    if (first == "" && $0 !~ /^[ \t]*$/ && $0 !~ /^[ \t]*\/\//) first = $0
    if ($0 ~ /^(contract|library) [A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+ [0-9][^ ]* \{/) unit = 1
}' README.md docs/*.md

blocks=0
for f in "$T"/*.dc; do
    [ -f "$f" ] || continue
    blocks=$((blocks + 1))
    where=$(cat "${f%.dc}.where")
    if "$DCC" check -I examples/sales "$f" > "$T/out" 2>&1; then ok; else
        bad "$where: the contract in this block does not pass dcc check (lines count from the fence):"
        sed 's/^/    /' "$T/out" | head -20
    fi
    if "$DCC" fmt --check "$f" > "$T/out" 2>&1; then ok; else
        bad "$where: the contract in this block is not in dcc fmt's layout; dcc fmt prints:"
        "$DCC" fmt "$f" 2>&1 | diff "$f" - | sed 's/^/    /' | head -30
    fi
done
# The extraction itself is checked: the tour, the library example, patterns.md and targets.md
# hold contracts, so finding fewer means the extraction broke, not that the docs are clean.
[ "$blocks" -ge 5 ] && ok || bad "found only $blocks contract blocks in README.md and docs/*.md"
echo "$blocks contract blocks"
finish
