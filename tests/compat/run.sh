#!/bin/sh
# run.sh BUILD - `dcc compat` and `dcc changelog`:
#   cases        tests/compat/cases/*.cases (cases.sh): exact findings, every mode, reversed, chains
#   catalogue    docs/compat.md's rule table is `dcc compat --list-rules` (UPDATE_DOCS=1 rewrites
#                it); every rule is expected by some case
#   reports      one pair in every format, read by independent readers: jq (JSON), the published
#                SARIF 2.1.0 schema (@hyperjump/json-schema, draft-04), xmllint (JUnit XML); all
#                formats name the same findings at the same places
#   examples     every example against itself and against a patch-bumped copy: no finding, exit 0
#   git          --against REF in a temporary repository, imports read at REF
#   corpus       datacontract-cli's schema-evolution and changelog pairs (ODCS YAML)
#   cli          exit statuses 0, 1 and 2
# Prints "N passed, N failed".
set -u
B=${1:-build}
DCC=$B/dcc
. tests/cli/lib.sh
W=$(mktemp -d /tmp/dcc-compat.XXXXXX)
trap 'rm -rf "$W"' EXIT

# ---- cases ----------------------------------------------------------------------------------------
sh tests/compat/cases.sh "$DCC" tests/compat/cases/*.cases > "$W/cases.log" 2>&1; rc=$?
grep -v '^[0-9]* passed' "$W/cases.log" | grep -v '^compat cases' | head -60
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$W/cases.log"); f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$W/cases.log")
pass=$((pass + ${p:-0})); failn=$((failn + ${f:-0}))
[ $rc -eq 0 ] || [ "${f:-0}" -gt 0 ] || bad "cases.sh failed"
n=$(sed -n 's/^compat cases: //p' "$W/cases.log")
echo "cases: ${n:-0}"
[ "${n:-0}" -ge 250 ] && ok || bad "only ${n:-0} cases (the issue asks for at least 250)"

# ---- the catalogue ---------------------------------------------------------------------------------
"$DCC" compat --list-rules > "$W/rules.md" && ok || bad "dcc compat --list-rules failed"
sed -n '/^<!-- rules:begin -->$/,/^<!-- rules:end -->$/p' docs/compat.md | sed '1d;$d' > "$W/doc-rules.md"
if [ "${UPDATE_DOCS:-}" = 1 ]; then
    awk -v f="$W/rules.md" '/^<!-- rules:begin -->$/{print; while ((getline l < f) > 0) print l; skip=1; next} /^<!-- rules:end -->$/{skip=0} !skip' docs/compat.md > "$W/doc" && cp "$W/doc" docs/compat.md
    echo "docs/compat.md: rule table rewritten"
fi
cmp -s "$W/rules.md" "$W/doc-rules.md" && ok || bad "docs/compat.md's rule table is not current (UPDATE_DOCS=1 sh tests/compat/run.sh rewrites it)"
ids=$(sed -n 's/^| \(CMP[0-9]*\) .*/\1/p' "$W/rules.md")
[ -n "$ids" ] && ok || bad "no rule ids in --list-rules"
dup=$(printf '%s\n' $ids | sort | uniq -d)
[ -z "$dup" ] && ok || bad "rule ids used twice: $dup"
for id in $ids; do
    grep -q "^expect\(-latest\)\{0,1\}: $id " tests/compat/cases/*.cases && ok || bad "rule $id has no case"
done

# ---- reports -------------------------------------------------------------------------------------------
O=tests/compat/pair/old.dc; N=tests/compat/pair/new.dc
for fmt in text json sarif junit github markdown; do
    "$DCC" compat --format $fmt --color never "$O" "$N" > "$W/r.$fmt" 2> "$W/err"; rc=$?
    [ $rc -eq 1 ] && ok || { bad "--format $fmt: exit $rc (want 1: the pair breaks backward)"; cat "$W/err"; }
done
jq -e . "$W/r.json" >/dev/null && ok || bad "json report is not JSON"
# what the pair holds, written by hand from docs/compat.md: these rules at these lines of new.dc
printf '%s\n' "CMP301 d.region 9" "CMP303 d.region 9" "CMP402 d.qty 6" "CMP415 d.channel 7" "CMP507 d.code 8" "CMP702 d.price 10" "CMP304 d.note 10" "CMP306 d.note 10" > "$W/want"
jq -r '.reports[0].findings[] | "\(.rule) \(.path) \(.location.line)"' "$W/r.json" | sort > "$W/got"
sort "$W/want" > "$W/want.s"
# a removal points at OLD (line 10 of old.dc holds `note`)
cmp -s "$W/want.s" "$W/got" && ok || { bad "json: findings differ from the pair's"; diff "$W/want.s" "$W/got"; }
jq -e '.reports[0] | .mode == "backward" and .ok == false and .version.required_bump == "major" and .version.given_bump == "minor" and .version.ok == false and .summary.errors >= 1' "$W/r.json" >/dev/null && ok || bad "json: verdict fields wrong"
jq -e '[.reports[0].findings[] | select(.rule == "CMP304") | .location.file] == ["tests/compat/pair/old.dc"]' "$W/r.json" >/dev/null && ok || bad "json: a removal must point at OLD"
jq -e '[.reports[0].findings[] | select(.rule == "CMP402") | .old_location.file] == ["tests/compat/pair/old.dc"]' "$W/r.json" >/dev/null && ok || bad "json: a change must have its OLD place"
jq -r '.reports[0].findings[] | "\(.location.file):\(.location.line):\(.location.column): \(.level): \(.rule)"' "$W/r.json" | sort > "$W/json.locs"
# text: file:line:col: level: message [RULE] for each finding, the same places as JSON
sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): \(error\|warning\|info\): .* \[\(CMP[0-9]*\)\]$/\1: \2: \3/p' "$W/r.text" | sort > "$W/text.locs"
cmp -s "$W/json.locs" "$W/text.locs" && ok || { bad "text and json name different findings"; diff "$W/json.locs" "$W/text.locs"; }
grep -q "^tests/compat/pair/old.dc:6:17: note: was int64 here$" "$W/r.text" && ok || bad "text: no note at OLD's type"
grep -q "mode backward: .*bump needed: major, given: minor; NOT compatible$" "$W/r.text" && ok || bad "text: summary line"
# SARIF: the published schema, then the same results as JSON
NODE_DIR=$B/jsonschema-node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    bad "node and npm are needed for the SARIF schema check (apt-get install nodejs npm)"
else
    if ! cmp -s tests/jsonschema/package-lock.json "$NODE_DIR/package-lock.json" 2>/dev/null || [ ! -d "$NODE_DIR/node_modules" ]; then
        rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
        cp tests/jsonschema/package.json tests/jsonschema/package-lock.json "$NODE_DIR/"
        (cd "$NODE_DIR" && npm ci --no-audit --no-fund --silent >/dev/null 2>"$W/npm.err") || { bad "npm ci failed: $(head -3 "$W/npm.err")"; rm -rf "$NODE_DIR"; }
    fi
    if [ -d "$NODE_DIR/node_modules" ]; then
        cp tests/compat/sarif.mjs "$NODE_DIR/compat-sarif.mjs"
        echo '{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[]}]}' > "$W/broken.sarif"
        node "$NODE_DIR/compat-sarif.mjs" tests/compat/sarif/sarif-schema-2.1.0.json "$W/r.sarif" > "$W/sarif.log" 2>&1 && ok || { bad "SARIF report fails the SARIF 2.1.0 schema"; head -5 "$W/sarif.log"; }
        node "$NODE_DIR/compat-sarif.mjs" tests/compat/sarif/sarif-schema-2.1.0.json "$W/broken.sarif" > /dev/null 2>&1 && bad "the SARIF schema check accepts a driver without a name" || ok
    fi
fi
jq -r '.runs[0].results[] | "\(.locations[0].physicalLocation.artifactLocation.uri):\(.locations[0].physicalLocation.region.startLine):\(.locations[0].physicalLocation.region.startColumn): \(.level|sub("note";"info")): \(.ruleId)"' "$W/r.sarif" | sort > "$W/sarif.locs"
cmp -s "$W/json.locs" "$W/sarif.locs" && ok || { bad "SARIF and json name different findings"; diff "$W/json.locs" "$W/sarif.locs"; }
jq -e '[.runs[0].tool.driver.rules[].id] as $ids | .runs[0].results | all(.ruleIndex as $i | .ruleId == $ids[$i])' "$W/r.sarif" >/dev/null && ok || bad "SARIF ruleIndex does not point at its rule"
# JUnit: well-formed, one test case per finding plus the version rule, failures = errors + version
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$W/r.junit" && ok || bad "JUnit report is not well-formed XML"
    cases=$(xmllint --xpath 'count(//testsuite/testcase)' "$W/r.junit")
    fails=$(xmllint --xpath 'count(//testcase[failure])' "$W/r.junit")
    attr=$(xmllint --xpath 'string(/testsuites/@failures)' "$W/r.junit")
    nf=$(jq '.reports[0].findings | length' "$W/r.json"); ne=$(jq '.reports[0].summary.errors' "$W/r.json")
    [ "$cases" = $((nf + 1)) ] && ok || bad "JUnit: $cases test cases, want $((nf + 1))"
    [ "$fails" = $((ne + 1)) ] && [ "$attr" = "$fails" ] && ok || bad "JUnit: $fails failures (attribute $attr), want $((ne + 1))"
    xmllint --xpath 'string(//testcase[@name="version rule"]/failure/@type)' "$W/r.junit" | grep -qx version && ok || bad "JUnit: the version rule must fail"
else
    bad "xmllint is needed (apt-get install libxml2-utils)"
fi
# GitHub annotations: one per finding plus the verdict, each a well-formed workflow command
[ "$(wc -l < "$W/r.github")" -eq $(($(wc -l < "$W/json.locs") + 1)) ] && ok || bad "github: one line per finding and one verdict"
grep -v '^::\(error\|warning\|notice\) \(file=[^,]*,line=[0-9]*,col=[0-9]*,endLine=[0-9]*,endColumn=[0-9]*,\)\{0,1\}title=[^:]*::.' "$W/r.github" > "$W/gh.bad"
[ ! -s "$W/gh.bad" ] && ok || { bad "github: malformed lines"; cat "$W/gh.bad"; }
# Markdown: a heading, the three groups, one item per finding
grep -q '^## t\.pair 1\.0\.0 → 1\.1\.0$' "$W/r.markdown" && ok || bad "markdown: heading"
grep -q '^### Breaking$' "$W/r.markdown" && ok || bad "markdown: no Breaking group"
[ "$(grep -c '^- ' "$W/r.markdown")" -eq "$(wc -l < "$W/json.locs")" ] && ok || bad "markdown: one item per finding"
# determinism
"$DCC" compat --format sarif "$O" "$N" > "$W/again.sarif" 2>/dev/null
cmp -s "$W/r.sarif" "$W/again.sarif" && ok || bad "two runs differ"
# changelog: the Markdown report, exit 0 even for breaking changes
"$DCC" changelog "$O" "$N" > "$W/changelog.md" 2>"$W/err" && ok || { bad "dcc changelog failed"; cat "$W/err"; }
cmp -s "$W/changelog.md" "$W/r.markdown" && ok || bad "dcc changelog differs from compat --format markdown"

# ---- a pattern change past --pattern-limit: CMP510, undecided -------------------------------------------
# ^[A-Z]+[0-9]*$ to ^[A-Z]{2,}[0-9]*$ narrows (NEW refuses "A1", which OLD accepts): with the default
# limit that is decided, CMP507, an error under backward that needs a major bump. Through at most 3
# product states it cannot be decided: CMP510, a warning that breaks no promise (so exit 0 in
# every mode) but is still a change of a constraint, so it needs a minor bump (docs/compat.md,
# "The version rule"): a patch bump fails on the version rule alone.
printf 'contract t.p 1.0.0 {\n  owner "o"\n  dataset d {\n    field a string pattern "^[A-Z]+[0-9]*$"\n  }\n}\n' > "$W/p1.dc"
sed -e 's/1\.0\.0/1.1.0/' -e 's/\[A-Z\]+/[A-Z]{2,}/' "$W/p1.dc" > "$W/p2.dc"
sed -e 's/1\.1\.0/1.0.1/' "$W/p2.dc" > "$W/p3.dc"
grep -q '"^\[A-Z\]{2,}\[0-9\]\*\$"' "$W/p2.dc" && ok || bad "p2.dc not made: $(cat "$W/p2.dc")"
for m in backward forward full none; do
    expect_exit 0 "$DCC" compat --mode $m --color never --pattern-limit 3 "$W/p1.dc" "$W/p2.dc"
done
expect_exit 0 "$DCC" compat --color never --pattern-limit 3 "$W/p1.dc" "$W/p2.dc"
contains "$OUT" "p2.dc:4:28: warning: field 'd.a' pattern changed from \"^[A-Z]+[0-9]*\$\" to \"^[A-Z]{2,}[0-9]*\$\", and the automata are too large to compare [CMP510]"
contains "$OUT" "p1.dc:4:28: note: was \"^[A-Z]+[0-9]*\$\" here"
contains "$OUT" "mode backward: 0 errors, 1 warning, 0 infos; bump needed: minor, given: minor; compatible"
lacks "$OUT" "CMP507"
"$DCC" compat --format json --pattern-limit 3 "$W/p1.dc" "$W/p2.dc" > "$W/p.json"
jq -e '.reports[0] | ([.findings[] | [.rule, .path, .level, (.breaks | length)]] == [["CMP510", "d.a", "warning", 0]])
       and .summary == {"errors": 0, "warnings": 1, "infos": 0} and .version.required_bump == "minor" and .ok' "$W/p.json" >/dev/null \
    && ok || bad "CMP510: json report $(cat "$W/p.json")"
# the Markdown report: undecided is not compatible, so CMP510 is listed under Warnings, as is a
# deprecation (CMP104); p4 adds a required field (Breaking) that OLD would refuse (Compatible)
# (and the heading order is Breaking, Warnings, Compatible, Documentation)
"$DCC" compat --format markdown --pattern-limit 3 "$W/p1.dc" "$W/p2.dc" > "$W/p.md"
[ "$(grep '^### ' "$W/p.md")" = "### Warnings" ] && ok || bad "CMP510 in markdown: groups $(grep '^### ' "$W/p.md" | tr '\n' ' ')"
[ "$(sed -n '/^### Warnings$/,$p' "$W/p.md" | grep -c '^- .*(CMP510 pattern-undecided)$')" = 1 ] && ok || bad "CMP510 in markdown: not under Warnings: $(cat "$W/p.md")"
printf 'contract t.p 1.1.0 {\n  owner "o"\n  status deprecated\n  dataset d {\n    field a string pattern "^[A-Z]{2,}[0-9]*$"\n    field b int32\n  }\n}\n' > "$W/p4.dc"
"$DCC" compat --format markdown --pattern-limit 3 "$W/p1.dc" "$W/p4.dc" > "$W/p4.md"
[ "$(grep '^### ' "$W/p4.md" | tr '\n' ' ')" = "### Breaking ### Warnings ### Compatible " ] && ok || bad "markdown groups, in order: $(grep '^### ' "$W/p4.md" | tr '\n' ' ')"
[ "$(sed -n '/^### Warnings$/,$p' "$W/p4.md" | grep -c '(CMP510 pattern-undecided)$\|(CMP104 product-deprecated)$')" = 2 ] && ok || bad "markdown warnings: $(cat "$W/p4.md")"
expect_exit 1 "$DCC" compat --color never --pattern-limit 3 "$W/p1.dc" "$W/p3.dc"
contains "$OUT" "version: the changes need a minor bump, but 1.0.0 to 1.0.1 is a patch bump"
contains "$OUT" "[CMP510]"
# the default limit decides it: the narrowing, an error under backward
expect_exit 1 "$DCC" compat --color never "$W/p1.dc" "$W/p2.dc"
contains "$OUT" "p2.dc:4:28: error: field 'd.a' pattern narrowed from \"^[A-Z]+[0-9]*\$\" to \"^[A-Z]{2,}[0-9]*\$\"; breaks backward compatibility [CMP507]"
contains "$OUT" "bump needed: major, given: minor; NOT compatible"
lacks "$OUT" "CMP510"
expect_exit 0 "$DCC" compat --mode forward --color never "$W/p1.dc" "$W/p2.dc"
contains "$OUT" "info: field 'd.a' pattern narrowed"

# ---- examples -------------------------------------------------------------------------------------------
cp -r examples "$W/ex"
for f in examples/*/*.dc; do
    grep -q '^contract ' "$f" || continue
    out=$("$DCC" compat --format json "$f" "$f" 2>&1); rc=$?
    [ $rc -eq 0 ] && [ "$(printf '%s' "$out" | jq '.reports[0].findings | length')" = 0 ] && ok || bad "$f against itself: exit $rc"
    # a patch-bumped copy beside the original, so that its imports resolve the same
    copy="$W/ex/${f#examples/}"; bumped="${copy%.dc}_bumped.dc"
    awk '!done && /^contract / { n = split($3, v, "."); $3 = v[1] "." v[2] "." (v[3] + 1); done = 1 } { print }' "$copy" > "$bumped"
    out=$("$DCC" compat --format json "$copy" "$bumped" 2>&1); rc=$?
    [ $rc -eq 0 ] && [ "$(printf '%s' "$out" | jq -r '.reports[0] | "\(.findings | length) \(.version.given_bump)"')" = "0 patch" ] && ok || bad "$f against a patch-bumped copy: exit $rc: $(printf '%s' "$out" | head -3)"
done

# ---- git -----------------------------------------------------------------------------------------------------
if command -v git >/dev/null 2>&1; then
    G=$W/repo; mkdir -p "$G/lib" "$G/contracts"
    DCCA=$(cd "$(dirname "$DCC")" && pwd)/dcc
    printf 'library g.lib 1.0.0 {\n  type Qty = int64\n}\n' > "$G/lib/lib.dc"
    printf 'import "../lib/lib.dc"\ncontract g.c 1.0.0 {\n  owner "o"\n  dataset d {\n    field q lib.Qty\n    field a int32\n  }\n}\n' > "$G/contracts/c.dc"
    (cd "$G" && git init -q && git -c user.email=t@t -c user.name=t add . && git -c user.email=t@t -c user.name=t commit -qm v1) || bad "git init failed"
    (cd "$G" && "$DCCA" compat --against HEAD contracts/c.dc > "$W/g1" 2>&1); rc=$?
    [ $rc -eq 0 ] && ok || { bad "--against HEAD, unchanged: exit $rc"; cat "$W/g1"; }
    # the library changes in the work tree: the contract's field narrows through the import
    sed -i 's/int64/int32/' "$G/lib/lib.dc"
    sed -i 's/1.0.0 {/1.1.0 {/' "$G/contracts/c.dc"
    (cd "$G/contracts" && "$DCCA" compat --against HEAD --format json c.dc > "$W/g2.json" 2>"$W/g2.err"); rc=$?
    [ $rc -eq 1 ] && ok || { bad "--against HEAD, narrowed: exit $rc"; cat "$W/g2.err"; }
    jq -r '.reports[0].findings[] | "\(.rule) \(.path) \(.old_location.file)"' "$W/g2.json" > "$W/g2"
    grep -qx 'CMP402 d.q HEAD:contracts/c.dc' "$W/g2" && ok || { bad "--against: the type narrowed in the imported library, with its place at HEAD"; cat "$W/g2"; }
    jq -e '.reports[0].old[0].file == "HEAD:contracts/c.dc"' "$W/g2.json" >/dev/null && ok || bad "--against: OLD is named REF:path"
    printf 'contract g.n 1.0.0 {\n  owner "o"\n  dataset d { field a int32 }\n}\n' > "$G/contracts/n.dc"
    (cd "$G" && "$DCCA" compat --against HEAD contracts/n.dc > /dev/null 2>"$W/g3"); rc=$?
    [ $rc -eq 0 ] && grep -q "not in HEAD" "$W/g3" && ok || bad "--against: a file new since REF: exit $rc"
    (cd "$G" && "$DCCA" compat --against no-such-ref contracts/c.dc > /dev/null 2>&1); rc=$?
    [ $rc -eq 2 ] && ok || bad "--against an unknown ref: exit $rc (want 2)"
    (cd "$W" && "$DCCA" compat --against HEAD "$G/contracts/c.dc" > /dev/null 2>&1); rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 1 ] || [ $rc -eq 2 ] && ok || bad "--against outside a repository: exit $rc"
else
    bad "git is needed for --against (apt-get install git)"
fi

# ---- datacontract-cli's pairs (tests/corpus/public/datacontract-cli), as ODCS YAML ----------------------------
# Expectations written from the corpus README (schema-evolution) and from the changes the YAML files
# name in their own comments and diffs (changelog); docs/compat.md says where dcc's verdict differs.
S=tests/corpus/public/datacontract-cli/schema-evolution; CL=tests/corpus/public/datacontract-cli/changelog
fields() { # the findings below the product (not its servers): "RULE PATH DIRECTION", sorted
    jq -r '.reports[0].findings[] | select(.path | (startswith("serve ") or startswith("server ")) | not) | "\(.rule) \(.path) \(if (.breaks|length)==2 then "both" elif (.breaks|length)==0 then "none" else .breaks[0] end)"' "$1" | sort
}
evolution() { # evolution OLD NEW EXIT WANT-LINES...
    o=$1 n=$2 want_rc=$3; shift 3
    "$DCC" compat --format json "$S/odcs-datacontract-cities-version-$o.yaml" "$S/odcs-datacontract-cities-version-$n.yaml" > "$W/ev.json" 2>/dev/null; rc=$?
    [ $rc -eq "$want_rc" ] && ok || bad "cities v$o -> v$n: exit $rc (want $want_rc)"
    printf '%s\n' "$@" | sort > "$W/ev.want"
    fields "$W/ev.json" > "$W/ev.got"
    cmp -s "$W/ev.want" "$W/ev.got" && ok || { bad "cities v$o -> v$n: findings differ (- expected, + dcc)"; diff "$W/ev.want" "$W/ev.got" | sed -n 's/^\([<>]\)/    \1/p'; }
    # the servers are output ports: every other finding is a port rule
    jq -e '[.reports[0].findings[] | select(.path | startswith("serve ") or startswith("server ")) | .rule] | all(. == "CMP107" or . == "CMP108" or . == "CMP109")' "$W/ev.json" >/dev/null && ok || bad "cities v$o -> v$n: a server finding outside the port rules"
}
# v2 adds `population`, optional: readers of v2 read v1's records (README: v2 passes v1 and v2 files
# mixed); v3 requires it (README: v3 fails on v1's file). Both pairs also change the servers
# (output ports: CMP108/CMP109 break backward), so neither is backward compatible as a whole.
evolution 1 2 1 "CMP302 cities.population none" "CMP303 cities.population forward"
evolution 2 3 1 "CMP308 cities.population backward"
evolution 1 3 1 "CMP301 cities.population backward" "CMP303 cities.population forward"
"$DCC" compat --format json "$S/odcs-datacontract-cities-version-2.yaml" "$S/odcs-datacontract-cities-version-3.yaml" 2>/dev/null \
    | jq -e '.reports[0].version.ok == false' >/dev/null && ok || bad "cities v2 -> v3: both say 2.0.0, the version rule must fail"
# The record-level reading behind CMP302, by dcc's own validator: v1's JSON records pass v2; a CSV
# file whose header lacks the column fails (DV004, a file-level check, as in datacontract-cli).
"$DCC" validate -q "$S/odcs-datacontract-cities-version-2.yaml" --format jsonl "$S/cities-version-1.json" && ok || bad "v1's JSON records under v2"
"$DCC" validate -q "$S/odcs-datacontract-cities-version-2.yaml" --format csv "$S/cities-version-1.csv" && bad "v1's CSV alone under v2 (no population column) passes" || ok
# The changelog pairs. unit/ is not valid ODCS (sql checks without a query, a snowflake server
# without account and schema; ajv agrees, tests/odcs): a contract with errors, exit 2.
expect_exit 2 "$DCC" compat "$CL/unit/changelog_unit_v1.yaml" "$CL/unit/changelog_unit_v2.yaml"
contains "$ERR" "a sql check needs a 'query' [DC1107]"
expect_exit 2 "$DCC" changelog "$CL/unit/changelog_unit_v1.yaml" "$CL/unit/changelog_unit_v2.yaml"
# integration/: the changes its diff shows, the availability SLA (value "99.9%" -> "99.5%") among
# them: a weaker promise to consumers on OLD, so it breaks forward (CMP801), an info under backward.
"$DCC" compat --format json "$CL/integration/changelog_integration_v1.yaml" "$CL/integration/changelog_integration_v2.yaml" > "$W/cl.json" 2>/dev/null; rc=$?
[ $rc -eq 1 ] && ok || bad "changelog integration pair: exit $rc (want 1)"
printf '%s\n' "CMP701 orders.order_id none" "CMP304 orders.customer_id forward" "CMP306 orders.customer_id backward" \
    "CMP422 orders.order_date both" "CMP308 orders.total_amount backward" "CMP302 orders.region none" \
    "CMP303 orders.region forward" "CMP201 customers backward" "CMP801 sla.availability forward" | sort > "$W/cl.want"
fields "$W/cl.json" > "$W/cl.got"
cmp -s "$W/cl.want" "$W/cl.got" && ok || { bad "changelog integration pair: findings differ (- expected, + dcc)"; diff "$W/cl.want" "$W/cl.got" | sed -n 's/^\([<>]\)/    \1/p'; }
jq -e '.reports[0].version.required_bump == "major" and .reports[0].version.given_bump == "major"' "$W/cl.json" >/dev/null && ok || bad "changelog integration pair: a major bump, needed and given"
jq -e '[.reports[0].findings[] | select(.rule == "CMP801") | [.level, .location.line, .old_location.line, (.message | test("99.9% to 99.5%"))]] == [["info", 60, 30, true]]' "$W/cl.json" >/dev/null \
    && ok || bad "changelog integration pair: the availability SLA, weakened at v2's line 60 (v1's 30)"
"$DCC" compat --mode forward "$CL/integration/changelog_integration_v1.yaml" "$CL/integration/changelog_integration_v2.yaml" 2>/dev/null | grep -q "^tests/corpus/public/datacontract-cli/changelog/integration/changelog_integration_v2.yaml:60:[0-9]*: error: availability weakened from 99.9% to 99.5%.* \[CMP801\]$" \
    && ok || bad "changelog integration pair: under forward the weaker availability is an error"
"$DCC" changelog "$CL/integration/changelog_integration_v1.yaml" "$CL/integration/changelog_integration_v2.yaml" > "$W/cl.md" 2>/dev/null && ok || bad "dcc changelog on the integration pair"
[ "$(grep -c '^- ' "$W/cl.md")" -eq 9 ] && grep -q '^### Breaking$' "$W/cl.md" && grep -q 'availability weakened from 99.9% to 99.5%' "$W/cl.md" && ok || bad "changelog integration pair: 9 items under the groups, the availability among them"

# ---- command line ------------------------------------------------------------------------------------------
expect_exit 2 "$DCC" compat
expect_exit 2 "$DCC" compat "$O"
expect_exit 2 "$DCC" compat --mode sideways "$O" "$N"
expect_exit 2 "$DCC" compat "$O" "$W/missing.dc"
printf 'contract bad 1.0.0 {\n}\n' > "$W/bad.dc"
expect_exit 2 "$DCC" compat "$O" "$W/bad.dc"
expect_exit 2 "$DCC" compat tests/compat/lib/v1/money.dc tests/compat/lib/v2/money.dc
expect_exit 0 "$DCC" compat --mode forward "$O" "$O"
expect_exit 1 "$DCC" compat "$O" "$N"
expect_exit 0 "$DCC" compat --help
contains "$OUT" "Exit status: 0 compatible"
expect_exit 0 "$DCC" changelog --help
finish
