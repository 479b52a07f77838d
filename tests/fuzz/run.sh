#!/bin/sh
# run.sh - build the libFuzzer targets and fuzz each for a while; fails on any finding.
#   sh tests/fuzz/run.sh [BUILD [SECONDS [TARGET...]]]     (from the repository root)
# BUILD (default build) gets BUILD/fuzz/{gen,obj,bin,corpus,artifacts}; SECONDS (default 30)
# is per target (0: only build and replay). The grown corpus in BUILD/fuzz/corpus is kept and reused by the next run.
# First every reproducer in tests/fuzz/crashes/ is replayed: a bug that is fixed stays fixed.
# Needs clang with libFuzzer (Debian: clang, libclang-rt-14-dev), flex and bison.
set -u
BUILD=${1:-build}
SECONDS_EACH=${2:-30}
[ $# -gt 2 ] && shift 2 || set --
TARGETS=${*:-"fuzz_check fuzz_fmt fuzz_regex fuzz_jsonl fuzz_csv fuzz_names fuzz_odcs"}
CLANG=${CLANG:-clang}

cd "$(dirname "$0")/../.." || exit 2
OUT=$BUILD/fuzz
mkdir -p "$OUT/gen" "$OUT/obj" "$OUT/bin" "$OUT/artifacts" || exit 2

# --- build --------------------------------------------------------------------------------
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-DDCC_FUZZ_ROOT=\"$(pwd)\" -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g $SAN -DDCC_VERSION=\"fuzz\" -I compiler -I targets -I runtime -I $OUT/gen $(pkg-config --cflags libxml-2.0)"
XML_LIBS=$(pkg-config --libs libxml-2.0) # the docs target's HTML
if [ ! -f "$OUT/gen/parser.c" ] || [ grammar/parser.y -nt "$OUT/gen/parser.c" ]; then
    bison -Wall --defines="$OUT/gen/parser.h" -o "$OUT/gen/parser.c" grammar/parser.y || exit 2
fi
if [ ! -f "$OUT/gen/lexer.c" ] || [ grammar/lexer.l -nt "$OUT/gen/lexer.c" ]; then
    flex --header-file="$OUT/gen/lexer.h" -o "$OUT/gen/lexer.c" grammar/lexer.l || exit 2
fi
# the docs target's stylesheet and script as C data (the Makefile's rule, for this build)
sh targets/docs_assets/embed.sh targets/docs_assets/style.css targets/docs_assets/search.js > "$OUT/gen/docs_assets.h.tmp" || exit 2
cmp -s "$OUT/gen/docs_assets.h.tmp" "$OUT/gen/docs_assets.h" || mv "$OUT/gen/docs_assets.h.tmp" "$OUT/gen/docs_assets.h"
rm -f "$OUT/gen/docs_assets.h.tmp"
# an object is rebuilt when its source or any header is newer (others edit both as we go)
newest_h=$(ls -t compiler/*.h targets/*.h runtime/*.h runtime/*.def "$OUT"/gen/*.h | head -1)
OBJS=
for src in $(ls compiler/*.c targets/*.c runtime/*.c) "$OUT/gen/lexer.c" "$OUT/gen/parser.c"; do
    obj=$OUT/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_h" -nt "$obj" ]; then
        $CLANG $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj" || { echo "run.sh: cannot compile $src" >&2; exit 2; }
    fi
    OBJS="$OBJS $obj"
done
for t in fuzz_check fuzz_fmt fuzz_regex fuzz_names fuzz_odcs; do
    $CLANG $CFLAGS -fsanitize=fuzzer tests/fuzz/$t.c $OBJS -lyaml $XML_LIBS -lm -o "$OUT/bin/$t" || exit 2
done
$CLANG $CFLAGS -fsanitize=fuzzer tests/fuzz/fuzz_stream.c $OBJS -lyaml $XML_LIBS -lm -o "$OUT/bin/fuzz_jsonl" || exit 2
$CLANG $CFLAGS -DFUZZ_CSV -fsanitize=fuzzer tests/fuzz/fuzz_stream.c $OBJS -lyaml $XML_LIBS -lm -o "$OUT/bin/fuzz_csv" || exit 2

# --- seeds: taken from examples/ and tests/ at run time, so they follow the language ---------
seeds() { # target -> directory of seeds
    d=$OUT/seeds/$1
    rm -rf "$d" && mkdir -p "$d"
    case $1 in
    fuzz_check|fuzz_fmt)
        i=0
        for f in $(find examples tests -name '*.dc' | sort); do i=$((i+1)); cp "$f" "$d/$i.dc"; done ;;
    fuzz_regex)
        cp tests/fuzz/seeds/regex/* "$d/" 2>/dev/null
        # every pattern "..." in the examples and tests, unescaped once
        i=0
        find examples tests -name '*.dc' | sort | xargs grep -ho 'pattern "\([^"\\]\|\\.\)*"' |
        sed 's/^pattern "//; s/"$//; s/\\\\/\\/g; s/\\"/"/g' | while IFS= read -r p; do
            i=$((i+1)); printf '%s' "$p" > "$d/p$i"; done
        # and every raw pattern r"...", as written
        find examples tests -name '*.dc' | sort | xargs grep -ho 'pattern r"[^"]*"' |
        sed 's/^pattern r"//; s/"$//' | while IFS= read -r p; do
            i=$((i+1)); printf '%s' "$p" > "$d/r$i"; done ;;
    fuzz_odcs)
        i=0
        for f in $(find tests/corpus/public/odcs tests/odcs tests/golden/odcs -name '*.yaml' | sort); do
            i=$((i+1)); cp "$f" "$d/$i.yaml"; done ;;
    fuzz_jsonl|fuzz_csv)
        ext=${1#fuzz_}
        cp tests/fuzz/seeds/$ext/* "$d/" 2>/dev/null
        i=0
        for f in $(find examples tests -name "*.$ext" -size -8k | sort); do
            i=$((i+1)); { printf 'A'; cat "$f"; } > "$d/x$i.$ext"; done ;;
    fuzz_names) # its input is a list of choices, not text: random bytes long enough for a few datasets
        cp tests/fuzz/seeds/names/* "$d/" ;;
    esac
    echo "$d"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fail=0

# --- replay the saved reproducers ---------------------------------------------------------
for r in tests/fuzz/crashes/*; do
    [ -f "$r" ] || continue
    t=$(basename "$r" | sed 's/-[0-9]*$//')
    [ -x "$OUT/bin/$t" ] || { echo "run.sh: $r: no target $t" >&2; fail=1; continue; }
    # A replay asserts behaviour, not speed: fuzz_regex-1 takes ~5 s of CPU (instrumented DFA
    # construction), which on two cores shared by a full `make check` passed the old 10 s.
    if "$OUT/bin/$t" -timeout=120 "$r" > "$OUT/artifacts/replay-$(basename "$r").log" 2>&1 < /dev/null; then
        echo "replay $r: ok"
    else
        echo "replay $r: STILL FAILS (log: $OUT/artifacts/replay-$(basename "$r").log)"; fail=1
    fi
done

# --- 0 seconds: every seed and the kept corpus run once (-runs=0 executes the inputs it is
# given and fuzzes nothing), so that no input the fuzzers start from crashes today ------------
if [ "$SECONDS_EACH" -eq 0 ]; then
    for t in $TARGETS; do
        s=$(seeds "$t"); corpus=$OUT/corpus/$t; mkdir -p "$OUT/artifacts/$t"
        dirs=$s; [ -d "$corpus" ] && dirs="$s $corpus"
        if "$OUT/bin/$t" -runs=0 -timeout=120 -rss_limit_mb=2048 -artifact_prefix="$OUT/artifacts/$t/" $dirs > "$OUT/$t.seeds.log" 2>&1 < /dev/null; then
            echo "seeds $t: ok ($(grep -o 'INITED.*' "$OUT/$t.seeds.log" | head -1))"
        else
            echo "seeds $t: FAILED (log: $OUT/$t.seeds.log)"; grep -E 'ERROR|SUMMARY' "$OUT/$t.seeds.log" | head -5; fail=1
        fi
    done
fi

# --- fuzz -----------------------------------------------------------------------------------
[ "$SECONDS_EACH" -gt 0 ] || TARGETS=   # 0 seconds: build and replay only
for t in $TARGETS; do
    corpus=$OUT/corpus/$t
    mkdir -p "$corpus" "$OUT/artifacts/$t"
    s=$(seeds "$t")
    log=$OUT/$t.log
    # fuzz_names reads choices: short inputs make one-field contracts, so start at full length
    # and its oracle is the system's compiler and linker, run as child processes: their time is
    # the machine's load, not dcc's (a hang in dcc itself is fuzz_check's and fuzz_fmt's to find)
    extra=; tmo=10; [ "$t" = fuzz_names ] && extra=-len_control=0 && tmo=180
    # fuzz_regex compiles each pattern about six times (check, two translations, compile, search,
    # unminimised), each up to REGEX_MAX_WORK steps, in a sanitizer build about 30 times slower
    # than -O2: a pattern at the bound takes some 10 s of CPU there, a hang would take for ever
    [ "$t" = fuzz_regex ] && tmo=60
    "$OUT/bin/$t" $extra -max_total_time="$SECONDS_EACH" -timeout=$tmo -rss_limit_mb=2048 -max_len=8192 -report_slow_units=1 \
        -print_final_stats=1 \
        -artifact_prefix="$OUT/artifacts/$t/" "$corpus" "$s" > "$log" 2>&1 < /dev/null
    rc=$?
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        echo "$t: ok ($last)"
        grep -h 'Slowest unit' "$log" | tail -1
    else
        echo "$t: FAILED (rc $rc), see $log and $OUT/artifacts/$t/"
        grep -E 'ERROR|SUMMARY|fuzz_|Test unit written' "$log" | head -5
        fail=1
    fi
done
exit $fail
