#!/bin/sh
# install.sh BUILD - `make install` lays out the compiler, the man page, the runtime's headers,
# static and shared libraries and a pkg-config file, and a pipeline program builds against the
# installed runtime with pkg-config alone and runs.
set -u
B=$1
. tests/cli/lib.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=$T/prefix
if make -s BUILD="$B" install PREFIX="$P" >"$T/log" 2>&1; then ok; else bad "make install failed"; cat "$T/log"; finish; exit 1; fi
for f in bin/dcc share/man/man1/dcc.1 include/dcc/dcc_rt.h include/dcc/dcc_regex.h include/dcc/dcc_rules.def \
         lib/libdccrt.a lib/libdccrt.so lib/libdccrt.so.0 lib/pkgconfig/dccrt.pc; do
    [ -e "$P/$f" ] && ok || bad "not installed: $f"
done
expect_exit 0 "$P/bin/dcc" --version
# The man page names documents that are installed (issue 8): every docs/*.md it cites exists there.
cited=$(grep -o '/[^ ()]*share/doc/dcc/[A-Za-z0-9_-]*\.md' "$P/share/man/man1/dcc.1" | sort -u)
[ -n "$cited" ] && ok || bad "the installed man page cites no installed document"
for f in $cited; do [ -f "$f" ] && ok || bad "the man page cites $f, which is not installed"; done
grep -q ' docs/[a-z]*\.md' "$P/share/man/man1/dcc.1" && bad "the installed man page still cites docs/ of the source tree" || ok
expect_exit 0 "$P/bin/dcc" gen -t c -o "$T/gen" examples/sales/orders.dc
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
flags=$(pkg-config --cflags --libs dccrt) && ok || bad "pkg-config does not know dccrt"
# Against the shared library (what -ldccrt finds first), then run it.
if cc -std=c11 -Wall -Wextra -Werror -pedantic -I "$T/gen" -o "$T/gate" examples/pipeline/order_gate.c \
      "$T/gen/sales_orders__orders.c" $flags 2>"$T/cc"; then ok; else bad "build against installed runtime"; cat "$T/cc"; fi
readelf -d "$T/gate" 2>/dev/null | grep -q 'libdccrt.so.0' && ok || bad "order_gate is not linked to libdccrt.so.0"
OUT=$(LD_LIBRARY_PATH="$P/lib" "$T/gate" "$T/q.txt" < examples/sales/data/orders.invalid.jsonl 2>&1); rc=$?
[ $rc -eq 0 ] && ok || bad "order_gate exit $rc: $OUT"
contains "$OUT" "0 orders passed, 33 quarantined"
finish
