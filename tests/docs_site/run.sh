#!/bin/sh
# run.sh BUILD - the documentation target (dcc gen -t docs) against independent readers:
#   golden files     the example mesh's site (tests/golden/docs/) and its Markdown
#                    (tests/golden/markdown/), UPDATE_GOLDEN=1 regenerates both
#   markdown         cmark-gfm (GitHub's Markdown) reads every page back: the same tables, rows
#                    and anchors as the HTML; the hostile contract adds no element or link
#   determinism      two runs give the same bytes; no absolute path of this machine in any file
#   xmllint --html   libxml2's HTML parser reads every page without an error (it predates HTML5:
#                    only "Tag X invalid" for the HTML5 and SVG elements listed below is expected)
#   warnings         DC1200 (no description) and DC1201 (a link that is not http, https or mailto)
#   chromium         browser.mjs: every page from file://, links and anchors, WCAG AA contrast in
#                    both themes, search with and
#                    without scripts, field tables, lineage, the hostile contract, screenshots
#                    under BUILD/docs_site/shots (UPDATE_SCREENSHOT=1 copies the README's figure
#                    to docs/img/docs-product.png)
set -u
B=${1:-build}
DCC=$B/dcc
. tests/cli/lib.sh
W=$B/docs_site
rm -rf "$W"
mkdir -p "$W/shots"

# ---- the example mesh's site ----------------------------------------------------------------
"$DCC" gen -t docs -o "$W/site" examples/*/*.dc 2>"$W/gen.err" && ok || { bad "dcc gen -t docs failed"; cat "$W/gen.err"; }
[ -s "$W/gen.err" ] && { bad "the examples give warnings"; cat "$W/gen.err"; } || ok
"$DCC" gen -t docs -o "$W/site2" examples/*/*.dc 2>/dev/null
diff -r "$W/site" "$W/site2" >/dev/null && ok || bad "two runs differ"
grep -rl "$(pwd)" "$W/site" >/dev/null && bad "an absolute path of this machine is in the site" || ok
for f in index.html style.css search.js search-index.js sales.orders.html shared.common.html; do
    [ -s "$W/site/$f" ] && ok || bad "no $f in the site"
done

G=tests/golden/docs
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    rm -rf "$G" && mkdir -p "$G" && cp "$W/site"/* "$G"/
    echo "golden files rewritten in $G"
fi
diff -r "$G" "$W/site" > "$W/golden.diff" && ok || { bad "the site differs from $G (UPDATE_GOLDEN=1 regenerates)"; head -40 "$W/golden.diff"; }

# ---- the hostile contract ---------------------------------------------------------------------
"$DCC" gen -t docs -o "$W/hostile" tests/docs_site/hostile.dc 2>"$W/hostile.err" && ok || { bad "hostile.dc: gen failed"; cat "$W/hostile.err"; }
n=$(grep -c 'DC1201' "$W/hostile.err")
[ "$n" = 3 ] && ok || bad "hostile.dc: want 3 DC1201 warnings (javascript:, data:, ' JAVASCRIPT:'), got $n"
contains "$(cat "$W/hostile.err")" "hostile.dc:12:13: warning: link 'docs' is not an http, https or mailto URL"

# DC1200: a product without description still gets its page, with a warning at its name
mkdir -p "$W/noowner"
cat > "$W/noowner/x.dc" <<'DC'
contract team.nobody 1.0.0 {
  owner "Team"
  dataset d {
    field id int32
  }
}
DC
expect_exit 0 "$DCC" gen -t docs -o "$W/noowner/site" "$W/noowner/x.dc"
contains "$ERR" "x.dc:1:10: warning: 'team.nobody' has no doc comment"
contains "$ERR" "[DC1200]"
[ -s "$W/noowner/site/team.nobody.html" ] && ok || bad "no page for a product without description"
# an error in a contract writes no site at all
printf 'contract a.b 1.0.0 {\n  owner "x"\n  dataset d {\n    field id nosuchtype\n  }\n}\n' > "$W/noowner/bad.dc"
expect_exit 1 "$DCC" gen -t docs -o "$W/noowner/badsite" "$W/noowner/bad.dc"
[ -e "$W/noowner/badsite" ] && bad "a site was written for a contract with errors" || ok

# ---- named servers (issue 14): the product page lists them under "How to reach it" ------------
# read back with libxml2's HTML parser (xmllint --xpath): one row per server in the order
# written, its name, type, environment, the other fields but description, and the description
mkdir -p "$W/servers"
cat > "$W/servers/s.dc" <<'DC'
/// Orders.
contract sales.orders 1.0.0 {
  owner "Sales"
  server prod_pg postgres { host "db.example.com" port 5432 database "sales" schema "public" environment "prod" }
  server "orders-lake" s3 { location "s3://lake/orders/" format parquet description "Daily <snapshots>" }
  serve kafka "orders.v1"
  dataset d {
    field id int32
  }
}
DC
expect_exit 0 "$DCC" gen -t docs -o "$W/servers/site" "$W/servers/s.dc"
pg=$W/servers/site/sales.orders.html
cell() { xmllint --html --xpath "normalize-space(//table[@class='servers']/tbody/tr[$1]/td[$2])" "$pg" 2>/dev/null; }
[ "$(cell 1 1)|$(cell 1 2)|$(cell 1 3)" = "prod_pg|postgres|prod" ] && ok || bad "servers row 1: $(cell 1 1)|$(cell 1 2)|$(cell 1 3)"
[ "$(cell 1 4)" = "host db.example.com, port 5432, database sales, schema public" ] && ok || bad "servers row 1 where: $(cell 1 4)"
[ "$(cell 2 1)|$(cell 2 2)|$(cell 2 4)|$(cell 2 5)" = "orders-lake|s3|location s3://lake/orders/, format parquet|Daily <snapshots>" ] && ok ||
    bad "servers row 2: $(cell 2 1)|$(cell 2 2)|$(cell 2 4)|$(cell 2 5)"
n=$(xmllint --html --xpath "count(//table[@class='servers']/tbody/tr)" "$pg" 2>/dev/null)
[ "$n" = 2 ] && ok || bad "servers table: $n rows"
[ "$(xmllint --html --xpath "normalize-space(//table[@class='serves']/tbody/tr[1])" "$pg" 2>/dev/null)" = "kafka orders.v1" ] && ok || bad "serve kept beside the servers"

# ---- --with: other targets' files in the site, linked from their products' pages -------------
"$DCC" gen -t docs --with jsonschema,sql -o "$W/with" examples/*/*.dc 2>/dev/null && ok || bad "--with jsonschema,sql failed"
"$DCC" gen -t jsonschema -o "$W/with-ref" examples/*/*.dc 2>/dev/null
"$DCC" gen -t sql -o "$W/with-ref" examples/*/*.dc 2>/dev/null
n=0
for f in "$W"/with-ref/*; do
    n=$((n + 1))
    cmp -s "$f" "$W/with/files/$(basename "$f")" || bad "--with: files/$(basename "$f") is not what -t jsonschema/sql writes"
done
[ "$n" -gt 10 ] && [ "$(ls "$W/with/files" | wc -l)" = "$n" ] && ok || bad "--with: want the $n files of both targets, got $(ls "$W/with/files" | wc -l)"
# every download link of every page names a file of the site (read with libxml2's HTML parser)
links=0
for f in "$W"/with/*.html; do
    for href in $(xmllint --html --xpath '//a/@href' "$f" 2>/dev/null | sed -n 's/^ *href="\(files\/[^"]*\)"$/\1/p'); do
        links=$((links + 1))
        [ -f "$W/with/$href" ] || bad "--with: $(basename "$f") links $href, which is missing"
    done
done
[ "$links" = "$n" ] && ok || bad "--with: want one link per file ($n), got $links"
contains "$(cat "$W/with/sales.orders.html")" 'JSON Schema: <a href="files/sales_orders__orders.schema.json">'
expect_exit 1 "$DCC" gen -t docs --with jsonschema,nosuch -o "$W/with-bad" examples/*/*.dc
contains "$ERR" "--with: 'nosuch' is not a target the site can hold"
contains "$ERR" "[DC1202]"
[ -e "$W/with-bad" ] && bad "--with nosuch wrote a site" || ok
expect_exit 1 "$DCC" gen -t docs --with docs -o "$W/with-bad" examples/*/*.dc
contains "$ERR" "(the site itself)"

# ---- -t markdown: the same pages as GitHub-flavoured Markdown, read back by cmark-gfm --------
"$DCC" gen -t markdown -o "$W/md" examples/*/*.dc 2>/dev/null && ok || bad "dcc gen -t markdown failed"
"$DCC" gen -t markdown -o "$W/md2" examples/*/*.dc 2>/dev/null
diff -r "$W/md" "$W/md2" >/dev/null && ok || bad "markdown: two runs differ"
GM=tests/golden/markdown
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    rm -rf "$GM" && mkdir -p "$GM" && cp "$W/md"/* "$GM"/
    echo "golden files rewritten in $GM"
fi
diff -r "$GM" "$W/md" > "$W/golden-md.diff" && ok || { bad "the Markdown differs from $GM (UPDATE_GOLDEN=1 regenerates)"; head -40 "$W/golden-md.diff"; }
"$DCC" gen -t markdown -o "$W/hostile-md" tests/docs_site/hostile.dc 2>/dev/null && ok || bad "hostile.dc: -t markdown failed"
if ! command -v cmark-gfm >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then bad "cmark-gfm missing (tests/deps.sh installs it)"
    else echo "SKIP: cmark-gfm missing: the Markdown was not read back"; fi
else
    # same content: each page's Markdown, rendered by GitHub's cmark, has as many tables and table
    # rows as the HTML page, and every anchor of a table row
    for f in "$W"/md/*.md; do
        stem=$(basename "$f" .md)
        cmark-gfm -e table --unsafe "$f" > "$W/md/$stem.rendered"
        for what in '//table' '//tr'; do
            h=$(xmllint --html --xpath "count($what)" "$W/site/$stem.html" 2>/dev/null)
            m=$(xmllint --html --xpath "count($what)" "$W/md/$stem.rendered" 2>/dev/null)
            # the catalog has no table; every product and library page has some
            [ "$h" = "$m" ] && { [ "$h" -gt 0 ] || [ "$stem" = index ]; } && ok || bad "markdown $stem: $h $what in HTML, $m in Markdown"
        done
        want=$(xmllint --html --xpath '//tr/@id' "$W/site/$stem.html" 2>/dev/null | tr ' ' '\n' | grep -c id=)
        got=0
        for id in $(xmllint --html --xpath '//tr/@id' "$W/site/$stem.html" 2>/dev/null | sed 's/ id="\([^"]*\)"/\1 /g'); do
            grep -q "<a id=\"$id\"></a>" "$W/md/$stem.rendered" && got=$((got + 1))
        done
        [ "$got" = "$want" ] && ok || bad "markdown $stem: $got of $want field anchors"
    done
    contains "$(cat "$W/md/sales.orders.rendered")" '<td>refers to <a href="marketing.customers.md#customers.customer_id"><code>crm.customers.customer_id</code></a></td>'
    contains "$(cat "$W/md/sales.orders.rendered")" 'one of placed, paid, shipped, delivered, cancelled, returned'
    # the hostile contract: no element and no link comes from its text; the text is all there
    cmark-gfm -e table --unsafe "$W/hostile-md/hostile.orders.md" > "$W/hostile-md/rendered"
    R=$(cat "$W/hostile-md/rendered")
    for tag in '<script' '<img' '<iframe' '<b>' '<b ' '<marquee' '<style' '<i>' '<!--'; do lacks "$R" "$tag"; done
    lacks "$R" 'href="javascript:'
    lacks "$R" 'href="data:'
    lacks "$R" 'href=" JAVASCRIPT'
    contains "$R" '&lt;script&gt;window.pwned = true&lt;/script&gt; An order 📦 of הזמנות'
    contains "$R" 'Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreak'
    # and every table row keeps its columns: a stray | in contract text would add a cell
    n=$(grep -c '^| ' "$W/hostile-md/hostile.orders.md")
    awk -F'|' '!/^\|/ {cols = 0} /^\| --- /{cols = NF; next} cols && /^\| /{gsub(/\\\|/, ""); $0 = $0; if (NF != cols) bad++}
        END {exit bad ? 1 : 0}' "$W/hostile-md/hostile.orders.md" \
        && [ "$n" -gt 5 ] && ok || bad "hostile markdown: a table row has the wrong number of cells"
fi

# ---- libxml2's HTML parser ----------------------------------------------------------------------
# libxml2 2.9's HTML parser knows HTML 4 only: these HTML5 and SVG elements are "invalid" to it
# and nothing else may be reported.
HTML5='main|header|footer|section|figure|figcaption|svg|defs|marker|path|rect|text|line|g'
for f in "$W"/site/*.html "$W"/hostile/*.html; do
    xmllint --html --noout "$f" 2>"$W/xmllint.err"
    if grep 'error' "$W/xmllint.err" | grep -Evq "HTML parser error : Tag ($HTML5) invalid"; then
        bad "xmllint --html: $(basename "$f")"; grep 'error' "$W/xmllint.err" | grep -Ev "Tag ($HTML5) invalid" | head -5
    else ok; fi
done

# ---- Chromium ----------------------------------------------------------------------------------
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then bad "chromium or node missing (tests/deps.sh installs them)"
    else echo "SKIP: chromium or node missing: the browser checks did not run (tests/deps.sh installs them)"; fi
else
    if node tests/docs_site/browser.mjs "$CHROMIUM" "$W/site" "$W/hostile" "$W/shots" "$W/profile" > "$W/browser.log" 2>&1; then ok
    else bad "chromium checks"; fi
    grep -v '^[0-9]* passed' "$W/browser.log"
    # the browser's own count joins this suite's
    bp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$W/browser.log"); pass=$((pass + ${bp:-0}))
    if [ "${UPDATE_SCREENSHOT:-}" = 1 ] && [ -s "$W/shots/product-fields.png" ]; then
        mkdir -p docs/img && cp "$W/shots/product-fields.png" docs/img/docs-product.png && echo "docs/img/docs-product.png rewritten"
    fi
fi
finish
