# lib.sh - tiny assertion helpers shared by the shell test suites (sourced).
pass=0; failn=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; failn=$((failn+1)); }
# expect_exit CODE CMD... : runs CMD, keeps stdout in $OUT and stderr in $ERR.
expect_exit() {
    want=$1; shift
    OUT=$("$@" 2>/tmp/dcc-test-err.$$); got=$?
    ERR=$(cat /tmp/dcc-test-err.$$); rm -f /tmp/dcc-test-err.$$
    if [ "$got" -eq "$want" ]; then ok; else bad "exit $got (want $want): $*"; echo "$ERR" | head -5; fi
}
contains() { case "$1" in *"$2"*) ok ;; *) bad "expected '$2' in: $(printf '%s' "$1" | head -c 400)";; esac; }
lacks() { case "$1" in *"$2"*) bad "did not expect '$2' in: $(printf '%s' "$1" | head -c 400)";; *) ok ;; esac; }
finish() { echo "$pass passed, $failn failed"; [ "$failn" -eq 0 ]; }
# need CMD INSTALL: true when CMD is installed. Without it a check is skipped, loudly, on a
# developer machine, and fails when CI=true (a suite never passes by skipping there).
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "${CI:-}" = true ]; then bad "$1 is needed ($2)"; else echo "SKIPPED: a check that needs $1 ($2)"; fi
    return 1
}
