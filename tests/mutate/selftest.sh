#!/bin/sh
# selftest.sh - the mutation harness on a tiny fixture (tests/mutate/selftest): a mutant the
# fixture's test kills, one it cannot (equivalent), one that no longer applies, one that only a
# suite failing on the unmutated tree would kill; the table and the score must say so. Cheap enough for make check; `make mutate` runs the real set.
set -u
. tests/cli/lib.sh
F=tests/mutate/selftest
OUT=$(sh tests/mutate/run.sh -r "$F" -m "$F/mutants.tsv" -s "$F/suites.tsv" 2>&1); rc=$?
[ $rc -eq 1 ] && ok || bad "exit $rc, want 1 (a mutant no longer applies)"
contains "$OUT" "clamp-off"
printf '%s\n' "$OUT" | grep -q '^clamp-off  *clamp.c:clamp  *KILLED by t$' && ok || bad "clamp-off not killed by t"
printf '%s\n' "$OUT" | grep -q '^clamp-equivalent  *clamp.c:clamp  *SURVIVED$' && ok || bad "clamp-equivalent did not survive"
printf '%s\n' "$OUT" | grep -q '^clamp-gone  *clamp.c:clamp  *NO LONGER APPLIES$' && ok || bad "clamp-gone not reported"
printf '%s\n' "$OUT" | grep -q '^clamp-broken-judge  *clamp.c:clamp  *INVALID: broken fails unmutated$' && ok || bad "clamp-broken-judge counted"
contains "$OUT" "suite broken fails on the unmutated tree"
contains "$OUT" "mutation score: 1 killed of 2 (50%); 1 survived; 1 no longer apply; 0 not built; 1 judged by a suite that fails unmutated; 4 mutants"
contains "$OUT" "killed by: t 1"
# the fixture is untouched
git diff --quiet -- "$F" 2>/dev/null && ok || bad "the harness changed $F"
[ -e "$F/build" ] && bad "the harness built inside $F" || ok
[ $failn -eq 0 ] || printf '%s\n' "$OUT" | tail -12
finish
