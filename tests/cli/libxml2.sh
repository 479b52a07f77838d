#!/bin/sh
# libxml2.sh BUILD - dcc opens libxml2 only for the commands that write HTML or XML (issue 13:
# linking it cost every process ~8.5 ms of CPU at start; targets/xmllib.h). Checked here: dcc
# does not link it, `dcc check` never opens it while `gen -t docs` does, and with the library
# made unreadable (root: a private mount namespace binds /dev/null over it) the commands that
# need it stop with exit 2 naming the package to install, and the others still work.
set -u
B=$1
DCC=$B/dcc
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
EX=examples/sales/orders.dc
if need readelf binutils; then
    needed=$(readelf -d "$DCC" | grep NEEDED)
    lacks "$needed" "libxml2"
    contains "$needed" "libyaml" # the YAML front end stays linked
fi
# which libraries a run opens, as the dynamic loader reports them
opened() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep 'file=' | sed 's/.*file=\([^ ]*\).*/\1/' | sort -u; }
lacks "$(opened "$DCC" check "$EX")" "libxml2"
lacks "$(opened "$DCC" compat --format json "$EX" examples/sales/v2/orders.dc)" "libxml2"
contains "$(opened "$DCC" gen -t docs -o "$T/site0" "$EX")" "libxml2"
contains "$(opened "$DCC" compat --format junit "$EX" examples/sales/v2/orders.dc)" "libxml2"

lib=$(ldconfig -p 2>/dev/null | awk '/libxml2\.so\.[0-9]+ .*x86-64|libxml2\.so\.[0-9]+ \(libc6\)/ { print $NF; exit }')
[ -n "$lib" ] || lib=$(ldconfig -p 2>/dev/null | awk '/libxml2\.so\.[0-9]/ { print $NF; exit }')
if [ "$(id -u)" = 0 ] && [ -n "$lib" ] && unshare -m true 2>/dev/null; then
    real=$(readlink -f "$lib")
    cat > "$T/run.sh" <<EOS
mount --make-rprivate / && mount --bind /dev/null '$real' || exit 99
for cmd in "gen -t docs -o $T/site $EX" "gen -t markdown -o $T/md $EX" \
           "compat --format junit $EX examples/sales/v2/orders.dc"; do
    "$DCC" \$cmd > "$T/out" 2> "$T/err"; echo "== \$cmd: \$?"; cat "$T/err"
done
"$DCC" check "$EX" > /dev/null 2>&1; echo "== check: \$?"
"$DCC" compat --format json "$EX" examples/sales/v2/orders.dc > /dev/null 2>&1; echo "== compat json: \$?"
EOS
    OUT=$(unshare -m sh "$T/run.sh" 2>&1)
    # each command that needs the library: exit 2, a sentence naming the package
    [ "$(printf '%s\n' "$OUT" | grep -c '^== \(gen\|compat --format junit\).*: 2$')" = 3 ] && ok || bad "not exit 2 without libxml2: $OUT"
    [ "$(printf '%s\n' "$OUT" | grep -c 'needs libxml2: libxml2 cannot be loaded (.*); install the package libxml2 (Debian, Ubuntu: apt-get install libxml2')" = 3 ] && ok ||
        bad "no install hint without libxml2: $OUT"
    [ ! -e "$T/site" ] && [ ! -e "$T/md" ] && ok || bad "files written without libxml2"
    contains "$OUT" "== check: 0"
    contains "$OUT" "== compat json: 1" # a breaking change between the two examples
else
    if [ "${CI:-}" = true ]; then bad "cannot hide libxml2 (needs root and unshare) under CI"
    else echo "SKIPPED: running without libxml2 (needs root and unshare -m)"; fi
fi
finish
