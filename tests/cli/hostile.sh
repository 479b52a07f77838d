#!/bin/sh
# hostile.sh DCC - bad input of every kind gets a clear error with a location and a non-zero
# exit: never a crash (exit >= 128), a hang, or a sanitizer report.
set -u
DCC=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# run_bad FILE WANT_EXIT WANT_TEXT: dcc check must exit WANT_EXIT, print WANT_TEXT, not crash.
run_bad() {
    f=$1; want=$2; text=$3
    # timeout: a hang is a failure too (generous bound; normal runs take milliseconds).
    OUT=$(timeout 60 "$DCC" check "$f" 2>&1); rc=$?
    if [ $rc -eq "$want" ]; then ok; else bad "$(basename "$f"): exit $rc, want $want"; fi
    contains "$OUT" "$text"
    lacks "$OUT" "Sanitizer"
    lacks "$OUT" "runtime error"
    # fmt must refuse it just as cleanly.
    OUT=$(timeout 60 "$DCC" fmt "$f" 2>&1); rc=$?
    [ $rc -ge 1 ] && [ $rc -le 2 ] && ok || bad "fmt $(basename "$f"): exit $rc"
    lacks "$OUT" "Sanitizer"
}

# Seeded, so every run reads the same bytes (urandom's first line was sometimes valid, a flaky
# "first error on line 2"); the leading 0xFF makes line 1 certainly wrong.
{ printf '\377'; LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 4095; i++) printf "%c", int(rand() * 256) }'; } > "$T/garbage.dc"
run_bad "$T/garbage.dc" 1 "garbage.dc:1:"
printf 'contract a.b 1.0.0 { owner "\377\376" }\n' > "$T/utf8.dc";  run_bad "$T/utf8.dc" 1 "[DC0101]"
printf 'contract a.b 1.0.0 {\0 }\n' > "$T/nul.dc";                run_bad "$T/nul.dc" 1 "[DC0102]"
printf 'contract a.b 1.0.0 { owner "abc\n}\n' > "$T/str.dc";      run_bad "$T/str.dc" 1 "[DC0104]"
printf 'contract a.b 1.0.0 { /* owner\n' > "$T/cmt.dc";           run_bad "$T/cmt.dc" 1 "[DC0105]"
: > "$T/empty.dc";                                                run_bad "$T/empty.dc" 1 "[DC0111]"
printf '// only a comment\n' > "$T/comment.dc";                   run_bad "$T/comment.dc" 1 "[DC0111]"
{ printf 'contract a.b 1.0.0 { owner "x" dataset d { field '; head -c 1048576 /dev/zero | tr '\0' a; printf ' int32 } }\n'; } > "$T/longid.dc"
run_bad "$T/longid.dc" 1 "[DC0110]"
{ printf 'contract a.b 1.0.0 { owner "x" dataset d { field f '; i=0; while [ $i -lt 10000 ]; do printf 'list<'; i=$((i+1)); done; printf 'int32'; i=0; while [ $i -lt 10000 ]; do printf '>'; i=$((i+1)); done; printf ' } }\n'; } > "$T/deep.dc"
run_bad "$T/deep.dc" 1 "[DC0201]"
{ printf 'contract a.b 1.0.0 { owner "x" dataset d { field f '; i=0; while [ $i -lt 10000 ]; do printf 'struct { field x '; i=$((i+1)); done; printf 'int32'; i=0; while [ $i -lt 10000 ]; do printf ' }'; i=$((i+1)); done; printf ' } }\n'; } > "$T/deepstruct.dc"
run_bad "$T/deepstruct.dc" 1 "[DC0201]"
{ i=0; while [ $i -lt 10000 ]; do printf '{'; i=$((i+1)); done; } > "$T/braces.dc"; run_bad "$T/braces.dc" 1 "error:"
run_bad "$T/deep.dc" 1 "types nest at most 64 levels"
# 100,000 nested metadata brackets overflow the parser, not the builder's count: the message says
# metadata (lists and maps, 128 levels), not types (issue 14)
awk 'BEGIN { printf "contract a.b 1.0.0 {\n  owner \"x\"\n  custom c "; for (i = 0; i < 100000; i++) printf "["; print "" }' > "$T/deepmeta.dc"
run_bad "$T/deepmeta.dc" 1 "metadata values nest at most 128 levels"
lacks "$OUT" "types nest"
awk 'BEGIN { printf "contract a.b 1.0.0 {\n  owner \"x\"\n  team "; for (i = 0; i < 100000; i++) printf "{ k: "; print "" }' > "$T/deepmap.dc"
run_bad "$T/deepmap.dc" 1 "metadata values nest at most 128 levels"
# Imports of devices and pipes are refused rather than read (they could block or never end).
printf 'import "/dev/stdin"\ncontract a.b 1.0.0 { owner "x" dataset d { field a int32 } }\n' > "$T/devimport.dc"
OUT=$(timeout 60 "$DCC" check "$T/devimport.dc" 2>&1 </dev/null); [ $? -eq 1 ] && ok || bad "devimport: exit"; contains "$OUT" "not a regular file"
mkfifo "$T/fifo.dc"
printf 'import "fifo.dc"\ncontract a.b 1.0.0 { owner "x" dataset d { field a int32 } }\n' > "$T/fifoimport.dc"
OUT=$(timeout 60 "$DCC" check "$T/fifoimport.dc" 2>&1); [ $? -eq 1 ] && ok || bad "fifoimport: exit"; contains "$OUT" "not a regular file"
run_bad "$T/does-not-exist.dc" 2 "DC0100"
mkdir "$T/dir.dc";                                                run_bad "$T/dir.dc" 2 "directory"

finish
