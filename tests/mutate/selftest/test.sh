#!/bin/sh
# The fixture's suite: clamp at, under and over each bound.
set -u
fail=0
for t in "5 0 10 5" "-1 0 10 0" "0 0 10 0" "11 0 10 10" "10 0 10 10"; do
    set -- $t
    got=$(build/clamp "$1" "$2" "$3")
    [ "$got" = "$4" ] || { echo "clamp $1 $2 $3: $got, want $4"; fail=1; }
done
exit $fail
