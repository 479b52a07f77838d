#!/bin/sh
# demo.sh DCC - what dcc does, on the example data mesh.
set -eu
DCC=${1:-build/dcc}
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

step "Check every contract of the mesh (imports resolved, cross-product references checked)" \
     "dcc check examples/*/*.dc"
"$DCC" check examples/*/*.dc && echo "all $(ls examples/*/*.dc | wc -l) contracts check clean"

step "Every contract is in the canonical layout" "dcc fmt --check examples/*/*.dc"
"$DCC" fmt --check examples/*/*.dc && echo "all formatted"

step "What an author sees after a few mistakes" "dcc check broken.dc"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cat > "$T/broken.dc" <<'DC'
/// A contract with a few mistakes; the freshness rule on the mistyped field is not reported twice.
contract sales.refunds 1.0 {
  owner "Sales Analytics"
  dataset refunds {
    primary key (refund_id)
    field refund_ld  uuid
    field amount     decimal(12,2) range [100, 10]
    field reason     strng
    field created_at timestamp
    quality {
      freshness(reason) < 2h
    }
  }
}
DC
cat -n "$T/broken.dc"
echo
"$DCC" check --color=always "$T/broken.dc" || echo "(exit status $?)"

step "The same diagnostics for tools" "dcc check --diagnostics=json broken.dc"
"$DCC" check --diagnostics=json "$T/broken.dc" | head -c 600 || true
echo
