#!/bin/sh
# cases.sh BUILD - builds tests/regex/oracle_cases against BUILD's libraries and writes the
# cases (oracle_cases.c) to BUILD/regex/cases.tsv; prints that path. Shared by the oracles.
set -eu
B=${1:-build}
O=$B/regex
mkdir -p "$O"
for lib in "$B/libdcc.a" "$B/libdccrt-internal.a"; do
    [ -f "$lib" ] || { echo "cases.sh: $lib missing (make BUILD=$B all)" >&2; exit 2; }
done
# A sanitizer build's libraries need the same flags at link time; harmless otherwise.
SAN=${SAN-"-fsanitize=address,undefined -fno-sanitize-recover=all"}
# shellcheck disable=SC2086
cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O1 -g $SAN -I compiler -I runtime \
    -o "$O/oracle_cases" tests/regex/oracle_cases.c "$B/libdcc.a" "$B/libdccrt-internal.a" -lyaml -lxml2 >&2
"$O/oracle_cases" examples/*/*.dc tests/bench/orders.dc tests/bench/orders_exact.dc >"$O/cases.tsv" 2>"$O/cases.log" || {
    cat "$O/cases.log" >&2
    echo "cases.sh: oracle_cases failed" >&2
    exit 1
}
cat "$O/cases.log" >&2
echo "$O/cases.tsv"
