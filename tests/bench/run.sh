#!/bin/sh
# run.sh BUILD - benchmarks (not tests): `dcc check` throughput and peak memory.
# Generates N contracts of 100 fields and reports fields checked per second and peak RSS, at
# several sizes so that memory growth with input can be read off.
set -eu
B=${1:-build}
DCC=$B/dcc
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)"; exit 2; }
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
echo "dcc check benchmark: contracts of 100 fields each"
printf '%10s %10s %10s %14s %12s\n' contracts fields seconds fields/second peak_RSS_MiB
for n in 250 500 1000; do
    mkdir -p "$W/$n"
    awk -v n=$n -v fields=100 -v dir="$W/$n" -f tests/bench/gen_contracts.awk
    "$DCC" check "$W/$n"/*.dc >/dev/null 2>&1 || { echo "bench: generated contracts do not check"; "$DCC" check "$W/$n"/c0000.dc; exit 1; }
    best=""
    for rep in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$W/time" "$DCC" check "$W/$n"/*.dc >/dev/null 2>&1
        read -r secs kb < "$W/time"
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$secs; bestkb=$kb; fi
    done
    fields=$((n * 100))
    awk -v n=$n -v f=$fields -v s="$best" -v kb="$bestkb" 'BEGIN{ if (s < 0.01) s = 0.01; printf "%10d %10d %10.2f %14.0f %12.1f\n", n, f, s, f/s, kb/1024 }'
done
