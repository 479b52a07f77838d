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
