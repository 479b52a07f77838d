#!/bin/sh
# compat.sh BUILD - benchmark (not a test): `dcc compat` on two versions of one big contract, at
# 1k, 10k and 100k fields, against the bar: 10,000 fields in under 50 ms for the whole
# process, growing linearly. Each NEW changes every tenth field (a narrowing, a range, a pattern),
# so the rules run on every pair and a tenth of the fields become findings in a JSON report.
#
# What is measured, per size, for the whole `dcc compat --format json OLD NEW` process:
#   cpu_ms    user+system CPU time of the process, best of REPS (default 9) runs (getrusage via
#             wait4, tests/bench/compat_bench.c). This is what the bar is read against: the
#             machine may be shared, and wall time then mostly measures the other processes.
#   wall_ms   its wall time, best of the same runs (for reference only)
#   faults    minor page faults of the best run as getrusage counts them: pages mapped, whether
#             by a trap or ahead of use by madvise(MADV_POPULATE_WRITE) (arena.c; perf's
#             page-faults event counts the traps alone)
#   Minstr    user-space instructions, millions: `perf stat -e instructions:u` where the machine
#             has the counter, else valgrind's count (callgrind, ld.so's start included); they do
#             not depend on load at all; "-" where neither is there
#   us/field  cpu_ms per field: flat when the growth is linear
#   engine    compat_diff and the verdict alone, in-process, on the checked contracts
set -eu
B=${1:-build}
DCC=$B/dcc
REPS=${REPS:-9}
BAR_MS=50
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
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I compiler -I runtime -o "$W/compat_bench" tests/bench/compat_bench.c "$B/libdcc.a" "$B/libdccrt-internal.a" -lyaml -lm
instr() { # the user-space instructions of one run, in millions, or "-"
    i=-
    command -v perf >/dev/null 2>&1 &&
        i=$(perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null | awk -F, '/instructions/ && $1 ~ /^[0-9]+$/ { printf "%.0f", $1 / 1e6; found = 1 } END { if (!found) printf "-" }')
    if [ "$i" = - ] && command -v valgrind >/dev/null 2>&1; then
        i=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected :/ { printf "%.0f", $NF / 1e6; found = 1 } END { if (!found) printf "-" }')
    fi
    printf '%s' "$i"
}
echo "dcc compat benchmark: OLD and NEW of one dataset of N fields, a change in every tenth field"
echo "(cpu_ms: user+system CPU time of the whole process, best of $REPS; the bar: $BAR_MS ms at 10,000 fields)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') processors"
printf '%8s %9s %8s %8s %7s %7s %9s  %s\n' fields findings cpu_ms wall_ms faults Minstr us/field engine
for n in 1000 10000 100000; do
    gen $n 1.0.0 0; gen $n 2.0.0 1
    findings=$("$DCC" compat --format json "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc" | jq '.reports[0].findings | length')
    set -- $("$W/compat_bench" -p "$REPS" "$DCC" compat --format json "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc")
    cpu=$1 wall=$2 faults=$3
    mi=$(instr "$DCC" compat --format json "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc")
    engine=$("$W/compat_bench" "$W/$n.1.0.0.dc" "$W/$n.2.0.0.dc")
    awk -v n=$n -v f="$findings" -v c="$cpu" -v w="$wall" -v pf="$faults" -v mi="$mi" -v e="$engine" \
        'BEGIN { printf "%8d %9d %8.1f %8.1f %7d %7s %9.2f  %s\n", n, f, c, w, pf, mi, c * 1000 / n, e }'
    eval "cpu$n=\$cpu"
done
# the bar as a ratio (below 1 is met), and the growth: CPU per field at each size (flat when linear)
awk -v c="$cpu10000" -v bar=$BAR_MS 'BEGIN { printf "10,000 fields: %.1f ms of CPU against the bar of %d ms: %.2f of the bar, %s\n", c, bar, c / bar, c < bar ? "met" : "NOT met" }'
awk -v a="$cpu1000" -v b="$cpu10000" -v c="$cpu100000" 'BEGIN {
    printf "growth, us of CPU per field: %.2f (1k) -> %.2f (10k) -> %.2f (100k); 100k/10k per field: %.2f (1.00 is linear)\n",
        a * 1000 / 1000, b * 1000 / 10000, c * 1000 / 100000, (c / 100000) / (b / 10000) }'
