#!/bin/sh
# run.sh [-j N] [-m MUTANTS.tsv] [-s SUITES.tsv] [-r ROOT] [-u] [-o RESULTS.tsv] [ID...] - the
# mutation harness (`make mutate`). Each mutant of the list (all, or the IDs named) is applied to
# a scratch copy of the tree (never the working tree), only what its suites need is rebuilt, and
# its suites run in order until the first one fails; the suite that killed it last time (the
# list's LAST column) runs first. Prints a table: mutant, where, and KILLED by which suite,
# SURVIVED, NO LONGER APPLIES (its function or text is gone: reported, never dropped) or NOT
# BUILT (a mutant that does not compile is a mistake in the list); then the score, the wall
# time and the CPU time. Exit 0 when every mutant applied and built, whatever the score (a
# score is read, not asserted); 1 otherwise.
#   -j N   N workers (default: the number of processors)
#   -u     write this run's killers back into the list's LAST column (a survivor's is emptied)
#   -o F   the results as TSV: id, where, verdict, seconds, rebuild ms, suites ms
#
# The list (tests/mutate/mutants.tsv) and the suites (tests/mutate/suites.tsv) are data; see
# docs/testing.md. Scratch copies live in $TMPDIR (MUTATE_KEEP=1 keeps them for a look).
set -u
J=$(nproc 2>/dev/null || echo 2)
UPDATE=0
OUTF=
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(pwd)
M=$HERE/mutants.tsv
S=$HERE/suites.tsv
while [ $# -gt 0 ]; do
    case $1 in
        -j) J=$2; shift 2 ;;
        -m) M=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        -s) S=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        -r) ROOT=$(cd "$2" && pwd); shift 2 ;;
        -u) UPDATE=1; shift ;;
        -o) OUTF=$2; shift 2 ;;
        -*) echo "usage: run.sh [-j N] [-m MUTANTS] [-s SUITES] [-r ROOT] [-u] [-o RESULTS] [ID...]" >&2; exit 2 ;;
        *) break ;;
    esac
done
SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}
W=$(mktemp -d "${TMPDIR:-/tmp}/dcc-mutate.XXXXXX") || exit 2
[ "${MUTATE_KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT TERM
t0=$(date +%s)
ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The mutants to run, in list order: id, file, function, suites, the suite that killed it last.
awk -F'\t' '!/^#/ && NF >= 6 { print $1 "\t" $2 "\t" $3 "\t" $6 "\t" ($8 == "" ? "-" : $8) }' "$M" > "$W/all"
if [ $# -gt 0 ]; then
    for id in "$@"; do awk -F'\t' -v id="$id" '$1 == id' "$W/all"; done > "$W/sel"
else
    cp "$W/all" "$W/sel"
fi
n=$(wc -l < "$W/sel")
[ "$n" -gt 0 ] || { echo "run.sh: no mutant selected" >&2; exit 2; }
dups=$(cut -f1 "$W/all" | sort | uniq -d)
[ -z "$dups" ] || { echo "run.sh: mutant ids used twice: $dups" >&2; exit 2; }

# Suites: NAME <tab> make targets <tab> shell command, run from the scratch copy's root.
# unit:NAME is any cmocka binary build/tests/NAME.
suite_field() { # NAME FIELD(2 targets, 3 command)
    case $1 in
        unit:*) u=${1#unit:}; [ "$2" = 2 ] && echo "build/tests/$u" || echo "build/tests/$u" ;;
        *) awk -F'\t' -v n="$1" -v f="$2" '!/^#/ && $1 == n { print $f; found = 1 } END { exit !found }' "$S" ;;
    esac
}
for s in $(cut -f4 "$W/sel" | tr ',' '\n' | sort -u); do
    suite_field "$s" 3 > /dev/null || { echo "run.sh: unknown suite '$s' (not in $S)" >&2; exit 2; }
done
# A LAST that is not among the mutant's suites is a stale record: the list's SUITES decide.
awk -F'\t' '$5 != "-" && index("," $4 ",", "," $5 ",") == 0 { print "run.sh: " $1 ": LAST " $5 " is not among its suites (ignored)" }' "$W/sel" >&2

# One scratch copy, built once, then copied for each worker (mtimes kept, so nothing is
# rebuilt); it stays unmutated. The build's objects are kept aside to undo a mutant without
# compiling.
echo "mutate: $n mutants, $J at a time; scratch copies in $W"
mkdir -p "$W/pristine"
(cd "$ROOT" && { git ls-files -co --exclude-standard 2>/dev/null || find . -type f ! -path './build/*'; } |
    while read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done | tar cf - -T -) | (cd "$W/pristine" && tar xf -)
# Every file a minute in the past: a restored source is then older than the objects.
find "$W/pristine" -type f -exec touch -d '-1 minute' {} +
# -O0: a mutant compiles four times faster, and every verdict is about behaviour, not speed.
# No nice here: `make mutate` runs the whole harness under nice once (twice would be 19).
MAKEVARS="BUILD=build OPT=-O0 CFLAGS=-Wno-error"
ALL_TARGETS=$(for s in $(cut -f4 "$W/sel" | tr ',' '\n' | sort -u); do suite_field "$s" 2; done | tr ' ' '\n' | sort -u | tr '\n' ' ')
echo "mutate: building the unmutated tree ($ALL_TARGETS)"
if ! (cd "$W/pristine" && make -s -j"$J" $MAKEVARS $ALL_TARGETS > "$W/build0.log" 2>&1); then
    echo "run.sh: the unmutated tree does not build:"; tail -20 "$W/build0.log"; exit 1
fi
(cd "$W/pristine" && cp -a build .pristine-build)
k=1
while [ $k -le "$J" ]; do cp -a "$W/pristine" "$W/slot$k"; k=$((k + 1)); done
prep=$(( $(date +%s) - t0 ))
echo "mutate: ready after $prep s"

# base_ok SUITE: does SUITE pass on the unmutated tree? A kill means something only if it does.
# Asked when a suite first fails on a mutant, answered once, in the unmutated copy: suites that
# never kill anything cost nothing here. A worker that needs an answer being worked out waits.
base_ok() {
    f=$W/base.$1
    if mkdir "$f.lock" 2>/dev/null; then
        if (cd "$W/pristine" && timeout "$SUITE_TIMEOUT" sh -c "$(suite_field "$1" 3)" > "$f.log" 2>&1); then
            echo ok > "$f.tmp"
        else
            echo failed > "$f.tmp"
        fi
        mv "$f.tmp" "$f"
    fi
    while [ ! -f "$f" ]; do sleep 1; done
    [ "$(cat "$f")" = ok ]
}

obj_of() { # the object a source file compiles to
    echo "build/obj/${1%.c}.o"
}

# worker K: mutants K, K+J, K+2J... of the selection
worker() {
    k=$1; slot=$W/slot$k; prev=
    i=0
    while IFS='	' read -r id file fn suites last; do
        i=$((i + 1))
        [ $(( (i - 1) % J + 1 )) -eq "$k" ] || continue
        ts=$(date +%s); build_ms=0; suite_ms=0
        where="$file:${fn%%:*}"
        if [ -n "$prev" ]; then # undo the previous mutant: its source as it was, its object too
            cp -p "$slot/.pristine-src/$prev" "$slot/$prev" 2>/dev/null
            o=$(obj_of "$prev")
            [ -f "$slot/.pristine-build/${o#build/}" ] && cp "$slot/.pristine-build/${o#build/}" "$slot/$o"
            prev=
        fi
        mkdir -p "$slot/.pristine-src/$(dirname "$file")"
        [ -f "$slot/.pristine-src/$file" ] || cp -p "$slot/$file" "$slot/.pristine-src/$file"
        awk -v id="$id" -f "$HERE/apply.awk" "$M" "$slot/.pristine-src/$file" > "$slot/$file.mut"
        rc=$?
        if [ $rc -ne 0 ]; then
            rm -f "$slot/$file.mut"
            printf '%s\t%s\t%s\t%s\n' "$i" "$id" "$where" "NO LONGER APPLIES" > "$W/res.$i"
            continue
        fi
        mv "$slot/$file.mut" "$slot/$file"
        prev=$file
        # each suite's targets are built just before it runs: a mutant the first suite kills
        # costs one recompile and that suite's links only. Last time's killer goes first.
        case ",$suites," in *",$last,"*) order="$last $(echo "$suites" | tr ',' '\n' | grep -vxF "$last")" ;;
                                   *) order=$(echo "$suites" | tr ',' ' ') ;; esac
        verdict=SURVIVED
        for s in $order; do
            t1=$(ms)
            if ! (cd "$slot" && make -s $MAKEVARS $(suite_field "$s" 2) >> "$W/build.$i.log" 2>&1); then
                verdict="NOT BUILT"
                break
            fi
            t2=$(ms); build_ms=$((build_ms + t2 - t1))
            cmd=$(suite_field "$s" 3)
            (cd "$slot" && timeout "$SUITE_TIMEOUT" sh -c "$cmd" > "$W/suite.$i.log" 2>&1)
            rc=$?
            suite_ms=$((suite_ms + $(ms) - t2))
            if [ $rc -ne 0 ]; then
                if ! base_ok "$s"; then verdict="INVALID: $s fails unmutated"
                elif [ $rc -eq 124 ]; then verdict="KILLED by $s (timeout)"
                else verdict="KILLED by $s"; fi
                break
            fi
        done
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$id" "$where" "$verdict" "$(( $(date +%s) - ts ))" "$build_ms" "$suite_ms" > "$W/res.$i"
        echo "  $id: $verdict"
    done < "$W/sel"
}
k=1; WPIDS=
while [ $k -le "$J" ]; do worker "$k" & WPIDS="$WPIDS $!"; k=$((k + 1)); done
trap 'kill $WPIDS 2>/dev/null; exit 130' INT TERM
wait

printf '\n%-28s %-44s %s\n' MUTANT WHERE VERDICT
i=1; killed=0; survived=0; gone=0; broken=0; invalid=0; bms=0; sms=0
: > "$W/results"
while [ $i -le "$n" ]; do
    if [ -f "$W/res.$i" ]; then
        IFS='	' read -r _ id where verdict secs b s < "$W/res.$i"
        printf '%-28s %-44s %s\n' "$id" "$where" "$verdict"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$where" "$verdict" "${secs:-0}" "${b:-0}" "${s:-0}" >> "$W/results"
        bms=$((bms + ${b:-0})); sms=$((sms + ${s:-0}))
        case $verdict in
            KILLED*) killed=$((killed + 1)) ;;
            SURVIVED) survived=$((survived + 1)) ;;
            NO*) gone=$((gone + 1)) ;;
            INVALID*) invalid=$((invalid + 1)) ;;
            *) broken=$((broken + 1)) ;;
        esac
    else
        echo "mutant $i: no result (worker died)"; broken=$((broken + 1))
    fi
    i=$((i + 1))
done
total=$((killed + survived))
inv=; [ $invalid -eq 0 ] || inv=" $invalid judged by a suite that fails unmutated;"
secs=$(( $(date +%s) - t0 ))
# CPU time of everything the run started (user + system of every waited-for process): what the
# wall time approaches on an otherwise idle machine with as many processors as workers.
# (times writes to a file first: in a $(...) it would run in a forked shell, which has no children)
times > "$W/times"
cpu=$(awk 'NR == 2 { t = 0; for (f = 1; f <= 2; f++) { split($f, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%.1f", t }' "$W/times")
echo
echo "killed by:" $(awk -F'\t' '$3 ~ /^KILLED by / { sub(/^KILLED by /, "", $3); sub(/ .*/, "", $3); c[$3]++ }
    END { for (s in c) print c[s] " " s }' "$W/results" | sort -k1,1nr -k2 | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')
echo "time: preparing the scratch copies $prep s; then, summed over the $J workers, rebuilds $((bms / 1000)) s and suites $((sms / 1000)) s;" \
     "slowest:" $(sort -t '	' -k4,4nr "$W/results" | head -3 | awk -F'\t' '{ printf "%s%s %s s", (NR > 1 ? ", " : ""), $1, $4 }')
echo "mutation score: $killed killed of $total ($(( total ? killed * 100 / total : 0 ))%); $survived survived;" \
     "$gone no longer apply; $broken not built;$inv $n mutants in $secs s wall;" \
     "$cpu s CPU, $(awk -v c="$cpu" -v j="$J" 'BEGIN { printf "%.0f", c / j }') s for each of $J workers (load average now $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?))"
[ -z "$OUTF" ] || cp "$W/results" "$OUTF"
# -u: this run's killers become the list's LAST column (the file rewritten whole, then renamed)
if [ "$UPDATE" = 1 ]; then
    awk -F'\t' -v OFS='\t' 'NR == FNR { if ($3 ~ /^KILLED by /) { v = $3; sub(/^KILLED by /, "", v); sub(/ .*/, "", v); k[$1] = v } else if ($3 == "SURVIVED") k[$1] = ""; next }
        !/^#/ && NF >= 6 && ($1 in k) { while (NF < 7) $(NF + 1) = ""; $8 = k[$1]; while (NF > 6 && $NF == "") NF-- }
        { print }' "$W/results" "$M" > "$M.tmp" && mv "$M.tmp" "$M" && echo "mutate: LAST column of $M updated"
fi
for f in "$W"/base.*.log; do
    s=${f#"$W/base."}
    [ -f "$f" ] && [ "$(cat "${f%.log}")" != ok ] && { echo "suite ${s%.log} fails on the unmutated tree:"; tail -20 "$f"; }
done
[ $gone -eq 0 ] && [ $broken -eq 0 ] && [ $invalid -eq 0 ]
