#!/bin/sh
# compat.sh BUILD - benchmark (not a test): `dcc compat` on two versions of one big contract, at
# several sizes so that the growth with fields can be read off (the bar: 10,000 fields in
# under 50 ms, linear). Each NEW changes every tenth field (a narrowing, a range, a pattern), so the
# rules run on every pair. Wall time of the whole process (reading, checking both versions,
# comparing, writing a JSON report) and its CPU time, best of 5, at 1k, 10k and 100k fields.
set -eu
B=${1:-build}
DCC=$B/dcc
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
gen() { # N VERSION CHANGED
    awk -v n="$1" -v v="$2" -v ch="$3" 'BEGIN {
        printf "contract bench.c %s {\n  owner \"o\"\n  dataset d {\n", v
        for (i = 0; i < n; i++) {
            if (ch && i % 30 == 0) printf "    field f%d int32\n", i
            else if (ch && i % 30 == 10) printf "    field f%d decimal(12,2) range [0, 500]\n", i
            else if (ch && i % 30 == 20) printf "    field f%d string pattern \"^[A-Z]{3}$\"\n", i
            else if (i % 3 == 0) printf "    field f%d int64\n", i
            else if (i % 3 == 1) printf "    field f%d decimal(12,2) range [0, 1000]\n", i
            else printf "    field f%d string pattern \"^[A-Z]+$\"\n", i
        }
        printf "  }\n}\n" }' > "$W/$1.$2.dc"
}
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I compiler -I runtime -o "$W/compat_bench" tests/bench/compat_bench.c "$B/libdcc.a" "$B/libdccrt-internal.a" -lyaml -lxml2 -lm
echo "dcc compat benchmark: OLD and NEW of one dataset of N fields, a change in every tenth field"
echo "(process: wall time of dcc compat --format json, best of 5; cpu: its user+system CPU time, best"
echo "of 5, which a loaded machine disturbs less; engine: CPU time of compat_diff alone)"
printf '%10s %10s %12s %10s  %s\n' fields findings process_ms cpu_ms engine
for n in 1000 10000 100000; do
    gen $n 1.0.0 0; gen $n 2.0.0 1
    findings=$("$DCC" compat --format json "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc" | jq '.reports[0].findings | length')
    best=""; cpu=""
    for rep in 1 2 3 4 5; do
        t0=$(date +%s%N)
        "$DCC" compat --format json "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc" > /dev/null || true
        t1=$(date +%s%N)
        ns=$((t1 - t0))
        if [ -z "$best" ] || [ $ns -lt $best ]; then best=$ns; fi
        # CPU time from the shell's own accounting of its finished children (POSIX `times`)
        c=$(sh -c '"$0" compat --format json "$1" "$2" > /dev/null; times' "$DCC" "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc" \
            | awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }')
        if [ -z "$cpu" ] || [ "$c" -lt "$cpu" ]; then cpu=$c; fi
    done
    engine=$("$W/compat_bench" "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc")
    awk -v n=$n -v f="$findings" -v ns=$best -v c="$cpu" -v e="$engine" 'BEGIN { printf "%10d %10d %12.1f %10s  %s\n", n, f, ns / 1e6, c, e }'
done
