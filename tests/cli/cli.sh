#!/bin/sh
# cli.sh DCC - the command line: help, version, exit codes, output formats, fmt -w and --check.
set -u
DCC=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

expect_exit 0 "$DCC" --version;            contains "$OUT" "dcc "
expect_exit 0 "$DCC" --help;               contains "$OUT" "check"; contains "$OUT" "fmt"
expect_exit 0 "$DCC" check --help;         contains "$OUT" "usage: dcc check"
expect_exit 0 "$DCC" help fmt;             contains "$OUT" "usage: dcc fmt"
expect_exit 2 "$DCC";                      contains "$ERR" "usage"
expect_exit 2 "$DCC" frobnicate;           contains "$ERR" "unknown command 'frobnicate'"
expect_exit 2 "$DCC" check;                contains "$ERR" "no input files"
expect_exit 2 "$DCC" check --bogus x.dc;   contains "$ERR" "unknown option '--bogus'"
# Near misses get a suggestion from the command's own table (commands, options, choices).
expect_exit 2 "$DCC" chek x.dc;            contains "$ERR" "unknown command 'chek'; did you mean 'check'?"
expect_exit 2 "$DCC" check --colour=never x.dc; contains "$ERR" "did you mean '--color'?"
expect_exit 2 "$DCC" check --color=nevr x.dc; contains "$ERR" "unknown colour mode 'nevr' (auto, always, never); did you mean 'never'?"
expect_exit 2 "$DCC" validate x.dc --datset d; contains "$ERR" "did you mean '--dataset'?"
expect_exit 2 "$DCC" --verison;            contains "$ERR" "did you mean '--version'?"
# Both value forms, and -IDIR, for every command's table.
expect_exit 0 "$DCC" check --diagnostics json --color never -Iexamples/shared examples/sales/orders.dc
contains "$OUT" '"errors":0'
# Help is made from the same table the parser reads: no option it lists is unknown to it.
for cmd in check fmt gen validate; do
    opts=$("$DCC" $cmd --help | sed -n 's/^  \(-[-A-Za-z]*\).*/\1/p')
    [ "$(echo "$opts" | wc -l)" -ge 4 ] && ok || bad "too few options read from the help of $cmd: $opts"
    for opt in $opts; do
        "$DCC" $cmd "$opt" "$T/none.dc" 2>&1 | grep -q "unknown option" && echo "$cmd $opt"
    done > "$T/rejected"
    [ -s "$T/rejected" ] && bad "options in the help of $cmd that it rejects: $(cat "$T/rejected")" || ok
done
expect_exit 2 "$DCC" check "$T/missing.dc"; contains "$ERR" "missing.dc"; contains "$ERR" "DC0100"
expect_exit 2 "$DCC" check "$T";           contains "$ERR" "directory"
expect_exit 2 "$DCC" fmt -w --check x.dc

# A contract with two independent errors: both reported in one run, with codes and a location.
cat > "$T/two.dc" <<'DC'
contract sales.two 1.0.0 {
  owner "Sales"
  dataset d {
    field a Strnig
    field b decimal(50, 2)
  }
}
DC
expect_exit 1 "$DCC" check "$T/two.dc"
contains "$ERR" "two.dc:4:13: error:"; contains "$ERR" "[DC0300]"; contains "$ERR" "[DC0402]"
contains "$ERR" "^~~~~~"; contains "$ERR" "2 errors"
lacks "$ERR" "$(printf '\033')"   # no colour when stderr is not a terminal
expect_exit 1 "$DCC" check --color=always "$T/two.dc"; contains "$ERR" "$(printf '\033')["
expect_exit 1 "$DCC" check --diagnostics=json "$T/two.dc"
contains "$OUT" '"code":"DC0300"'; contains "$OUT" '"line":4'; contains "$OUT" '"errors":2'
if need jq "apt-get install jq"; then
    n=$(printf '%s' "$OUT" | jq '.diagnostics | length') && [ "$n" = 2 ] && ok || bad "json not parseable or wrong count: $n"
fi

# -Werror turns a warning into an error and the exit status into 1.
cat > "$T/warn.dc" <<'DC'
contract sales.warn 1.0.0 {
  owner "Sales"
  dataset d {
    field email string pii(email)
  }
}
DC
expect_exit 0 "$DCC" check "$T/warn.dc";         contains "$ERR" "warning:"; contains "$ERR" "DC0900"
expect_exit 1 "$DCC" check -Werror "$T/warn.dc"; contains "$ERR" "error:"

# fmt: --check reports unformatted files; -w rewrites in place keeping permissions; idempotent.
printf 'contract   sales.f 1.0.0 {owner "S"\n  dataset d { field a int32 // the a\n}}\n' > "$T/f.dc"
chmod 640 "$T/f.dc"
expect_exit 1 "$DCC" fmt --check "$T/f.dc";  contains "$OUT" "f.dc"
expect_exit 0 "$DCC" fmt "$T/f.dc";          formatted=$OUT; contains "$OUT" "// the a"
expect_exit 0 "$DCC" fmt -w "$T/f.dc"
[ "$(cat "$T/f.dc")" = "$formatted" ] && ok || bad "fmt -w did not write the formatted text"
[ "$(stat -c %a "$T/f.dc")" = 640 ] && ok || bad "fmt -w changed the file mode"
ls "$T"/f.dc.tmp* >/dev/null 2>&1 && bad "fmt -w left a temporary file" || ok
expect_exit 0 "$DCC" fmt --check "$T/f.dc"
expect_exit 0 sh -c "cat '$T/f.dc' | '$DCC' fmt -";  [ "$OUT" = "$formatted" ] && ok || bad "fmt - (stdin) differs"
# fmt refuses a file with syntax errors and leaves it untouched.
printf 'contract sales.g 1.0.0 { owner "S" dataset d { field } }\n' > "$T/g.dc"
cp "$T/g.dc" "$T/g.orig"
expect_exit 1 "$DCC" fmt -w "$T/g.dc"; contains "$ERR" "error:"
cmp -s "$T/g.dc" "$T/g.orig" && ok || bad "fmt -w modified a file with errors"

# A chain of 70 imports ends in DC0605 at depth 64, not in a stack overflow.
mkdir -p "$T/chain"
i=0
while [ $i -lt 70 ]; do
    n=$((i + 1))
    if [ $i -lt 69 ]; then imp="import \"l$n.dc\""; else imp=""; fi
    printf '%s\nlibrary chain.l%d 1.0.0 {\n  type T%d = int32\n}\n' "$imp" $i $i > "$T/chain/l$i.dc"
    i=$n
done
expect_exit 1 "$DCC" check "$T/chain/l0.dc"; contains "$ERR" "[DC0605]"

# dcc gen on a library alone: nothing to generate, said so, no folder made.
expect_exit 0 "$DCC" gen -t c -o "$T/genlib" examples/shared/common.dc
contains "$ERR" "nothing written"; [ ! -e "$T/genlib" ] && ok || bad "gen made a folder for a library"

# dcc gen replaces files atomically without a disk flush; --fsync flushes each file and its
# folder. A preloaded fsync(2) that only counts its calls says how many were made (the sanitizer
# build's runtime must then not insist on coming first).
cat > "$T/fsync_count.c" <<'C'
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
int fsync(int fd)
{
    const char *log = getenv("FSYNC_LOG");
    int out = log ? open(log, O_WRONLY | O_CREAT | O_APPEND, 0644) : -1;
    if (out >= 0) {
        (void)!write(out, "f\n", 2);
        close(out);
    }
    (void)fd;
    return 0;
}
C
if cc -shared -fPIC -o "$T/fsync_count.so" "$T/fsync_count.c" 2>"$T/cc.err"; then
    for mode in plain durable; do
        flag=""; [ $mode = durable ] && flag=--fsync
        : > "$T/fsync.$mode"
        FSYNC_LOG="$T/fsync.$mode" LD_PRELOAD="$T/fsync_count.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
            "$DCC" gen -t c $flag -o "$T/gen.$mode" examples/sales/orders.dc >/dev/null 2>"$T/gen.err" && ok || bad "gen $flag failed: $(cat "$T/gen.err")"
    done
    nfiles=$(find "$T/gen.durable" -type f | wc -l)
    calls=$(wc -l < "$T/fsync.durable")
    [ "$(wc -l < "$T/fsync.plain")" -eq 0 ] && ok || bad "dcc gen without --fsync called fsync $(wc -l < "$T/fsync.plain") times"
    # one flush per file, and one for the folder they were renamed in
    [ "$nfiles" -ge 2 ] && [ "$calls" -eq $((nfiles + 1)) ] && ok || bad "dcc gen --fsync: $calls fsync calls for $nfiles files (want $((nfiles + 1)))"
    diff -r "$T/gen.plain" "$T/gen.durable" >/dev/null && ok || bad "dcc gen --fsync wrote other files than without it"
    # unchanged files are not staged again, so nothing is flushed
    : > "$T/fsync.again"
    FSYNC_LOG="$T/fsync.again" LD_PRELOAD="$T/fsync_count.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
        "$DCC" gen -t c --fsync -o "$T/gen.durable" examples/sales/orders.dc >/dev/null 2>&1
    [ "$(wc -l < "$T/fsync.again")" -eq 0 ] && ok || bad "dcc gen --fsync flushed files whose content had not changed"
else
    bad "cannot build the fsync counter: $(cat "$T/cc.err")"
fi

# The documented tables are the ones in the code.
"$DCC" --list-diagnostics=markdown > "$T/diag.md"
cmp -s "$T/diag.md" docs/diagnostics.md && ok || bad "docs/diagnostics.md is stale: run make docs"
"$DCC" --list-rules=markdown > "$T/rules.md"
while IFS= read -r line; do
    grep -Fqx -- "$line" docs/validation.md && ok || bad "docs/validation.md lacks the rule line: $line"
done < "$T/rules.md"

finish
