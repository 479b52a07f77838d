#!/bin/sh
# examples.sh DCC - every example contract checks with no error and no warning, and is formatted.
set -u
DCC=$1
pass=0; failn=0
for f in examples/*/*.dc; do
    out=$("$DCC" check -Werror "$f" 2>&1); rc=$?
    if [ $rc -eq 0 ] && [ -z "$out" ]; then pass=$((pass+1)); else
        echo "FAIL: dcc check $f (exit $rc)"; echo "$out" | head -20; failn=$((failn+1)); fi
    out=$("$DCC" fmt --check "$f" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then pass=$((pass+1)); else
        echo "FAIL: dcc fmt --check $f (exit $rc): not in canonical layout"; failn=$((failn+1)); fi
done
echo "$pass passed, $failn failed"
[ $failn -eq 0 ] && [ $pass -gt 0 ]
