// browser.mjs - the documentation site in a real browser (Debian's headless Chromium, no network):
// what a reader sees, read back from the rendered DOM.
//
//   node browser.mjs CHROMIUM SITE HOSTILE_SITE SHOTS PROFILE
//
// SITE is the example mesh's site, HOSTILE_SITE a site made from tests/docs_site/hostile.dc.
// Checks: every page loads from file:// and asks for nothing but files of the site; every link
// and anchor inside the site resolves (in Chromium's own DOM and URL resolution); the catalog
// lists every product with scripts off and hides the search form; with scripts on, typing in the
// search box (key events, after reaching it with Tab) filters products and lists matching
// datasets and fields; a product page shows its field table with badges and plain-word
// constraints, references and lineage links; the hostile contract renders inert. Screenshots
// at phone and desktop widths go to SHOTS.
import { launch, newPage } from "./cdp.mjs";
import { readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [chromium, siteDir, hostileDir, shots, profile] = process.argv.slice(2);
let pass = 0, fail = 0;
function check(cond, what, detail) {
  if (cond) pass++;
  else { fail++; console.log("FAIL: " + what + (detail !== undefined ? ": " + JSON.stringify(detail).slice(0, 600) : "")); }
}
const url = (dir, file) => pathToFileURL(resolve(dir, file)).href;

const browser = await launch(chromium, profile);
try {
  const page = await newPage(browser);

  // ---- every page: loads, fetches only files of the site, links and anchors resolve ----------
  const site = resolve(siteDir);
  const pages = readdirSync(site).filter((f) => f.endsWith(".html")).sort();
  check(pages.includes("index.html") && pages.length >= 6, "the site has index.html and a page per unit", pages);
  const ids = {}, links = {};
  for (const p of pages) {
    page.requests.length = 0;
    await page.goto(url(site, p));
    const r = await page.eval(`({
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
      // getAttribute: an SVG <a>'s href property is an SVGAnimatedString, not a URL
      links: [...document.querySelectorAll("a[href]")].map((a) => new URL(a.getAttribute("href"), location.href).href),
      h1: document.querySelectorAll("h1").length,
      lang: document.documentElement.lang,
      title: document.title,
      unlabeled: [...document.querySelectorAll("input, select, textarea")].filter((e) => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")).length,
      headless: [...document.querySelectorAll("table")].filter((t) => !t.querySelector("thead th[scope=col]")).length,
      imgsWithoutAlt: [...document.querySelectorAll("img:not([alt])")].length,
    })`);
    ids[p] = new Set(r.ids);
    links[p] = r.links;
    const foreign = page.requests.filter((u) => !u.startsWith("file://") || !fileURLToPath(u.split("#")[0]).startsWith(site));
    check(foreign.length === 0, p + ": no request leaves the site", foreign);
    check(r.h1 === 1, p + ": one h1", r.h1);
    check(r.lang === "en" && r.title.length > 0, p + ": a language and a title", [r.lang, r.title]);
    check(r.unlabeled === 0 && r.headless === 0 && r.imgsWithoutAlt === 0, p + ": every input labelled, every table with column headers, every image with alt", r);
    check(page.exceptions.length === 0, p + ": no script error", page.exceptions);
  }
  let internal = 0, external = 0;
  for (const p of pages)
    for (const href of links[p]) {
      let u;
      try { u = new URL(href); } catch { check(false, p + ": a link the browser cannot parse", href); continue; }
      if (u.protocol === "file:") {
        internal++;
        const path = fileURLToPath(u.href.split("#")[0]);
        const file = path.slice(site.length + 1);
        check(path.startsWith(site + "/") && existsSync(path), p + ": link to a file of the site", href);
        if (u.hash && ids[file]) check(ids[file].has(decodeURIComponent(u.hash.slice(1))), p + ": anchor exists", href);
      } else {
        external++;
        check(["http:", "https:", "mailto:"].includes(u.protocol), p + ": only http(s) and mailto links leave the site", href);
      }
    }
  check(internal > 100, "links inside the site were checked", internal);
  console.log(`links: ${internal} inside the site resolved, ${external} external (not fetched)`);

  // ---- scripts off: everything listed, no search form -----------------------------------
  const nproducts = pages.length - 1;
  await page.send("Emulation.setScriptExecutionDisabled", { value: true });
  await page.goto(url(site, "index.html"));
  let r = await page.eval(`({
    products: [...document.querySelectorAll("li.product")].filter((li) => li.offsetParent !== null).length,
    formShown: document.getElementById("search").offsetParent !== null,
  })`);
  check(r.products === nproducts, "scripts off: every product and library is listed", r);
  check(!r.formShown, "scripts off: the search form is hidden", r);
  await page.send("Emulation.setScriptExecutionDisabled", { value: false });

  // ---- scripts on: reach the search box with the keyboard and type ------------------------
  await page.goto(url(site, "index.html"));
  let tabs = 0;
  while (tabs < 6 && (await page.eval("document.activeElement && document.activeElement.id")) !== "q") {
    await page.key("Tab", "Tab", undefined, 9);
    tabs++;
  }
  check((await page.eval("document.activeElement.id")) === "q", "the search box is reached with Tab", tabs);
  const state = () => page.eval(`({
    shown: [...document.querySelectorAll("li.product")].filter((li) => !li.hidden).map((li) => li.dataset.product),
    results: [...document.querySelectorAll("#search-results li a")].map((a) => a.textContent),
    hrefs: [...document.querySelectorAll("#search-results li a")].map((a) => a.getAttribute("href")),
    status: document.getElementById("search-status").textContent,
  })`);
  r = await state();
  check(r.shown.length === nproducts && r.results.length === 0, "before typing: everything shown, no results", r);
  await page.type("iban");
  r = await state();
  check(r.shown.length === 1 && r.shown[0] === "finance.payments", "typing 'iban' leaves the product that has it", r.shown);
  check(r.results.some((t) => /payments\.payer_iban|iban/i.test(t)), "typing 'iban' lists the matching field", r.results);
  for (let i = 0; i < 4; i++) await page.key("Backspace", "Backspace", undefined, 8);
  await page.type("email");
  r = await state();
  check(r.results.some((t) => t === "marketing.customers › customers.email"), "'email' finds the field customers.email", r.results);
  check(r.results.some((t) => t === "shared.common › Email"), "'email' finds the type Email", r.results);
  check(r.shown.includes("sales.orders") && r.shown.includes("marketing.customers") && !r.shown.includes("supply_chain.inventory"),
    "'email' filters the products", r.shown);
  check(/match/.test(r.status), "the number of matches is announced", r.status);
  const hit = r.hrefs[r.results.indexOf("marketing.customers › customers.email")];
  check(hit === "marketing.customers.html#customers.email", "a result links the field's anchor", hit);
  await page.type(" zzzz");
  r = await state();
  check(r.shown.length === 0 && r.results.length === 0 && r.status === "No match.", "a word nothing has: nothing shown, said so", r);

  // ---- screenshots: the catalog and a product at phone and desktop widths -----------------
  for (const [name, w, h, mobile] of [["desktop", 1280, 1600, false], ["phone", 390, 1400, true]]) {
    await page.viewport(w, h, mobile);
    await page.goto(url(site, "index.html"));
    writeFileSync(join(shots, `index-${name}.png`), await page.screenshot());
    await page.goto(url(site, "sales.orders.html"));
    writeFileSync(join(shots, `product-${name}.png`), await page.screenshot());
    const overflow = await page.eval("document.documentElement.scrollWidth - window.innerWidth");
    check(overflow <= 0, `${name}: the product page does not scroll sideways`, overflow);
  }
  // the figure the README shows: the orders dataset's fields
  await page.viewport(1280, 1000, false);
  await page.goto(url(site, "sales.orders.html"));
  await page.eval(`window.scrollTo(0, document.getElementById("orders").offsetTop - 16), true`);
  writeFileSync(join(shots, "product-fields.png"), await page.screenshot());

  // ---- contrast: every text passes WCAG AA (4.5:1, 3:1 for large text), light and dark ----
  const contrast = `(() => {
    const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
    const lum = ({ r, g, b }) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const bgOf = (e) => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
    const bad = [];
    let n = 0;
    for (const e of document.querySelectorAll("body *")) {
      if (e.closest("svg") || e.closest("[hidden]") || !e.getClientRects().length) continue;
      if (![...e.childNodes].some((t) => t.nodeType === 3 && t.textContent.trim())) continue;
      const st = getComputedStyle(e), fg = rgb(st.color), bg = bgOf(e);
      const l1 = lum(fg), l2 = lum(bg), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(st.fontSize), large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
      n++;
      if (ratio < (large ? 3 : 4.5)) bad.push(e.tagName + "." + e.className + " " + ratio.toFixed(2) + " " + st.color + " on " + JSON.stringify(bg));
    }
    return { n, bad: [...new Set(bad)] };
  })()`;
  for (const scheme of ["light", "dark"]) {
    await page.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
    for (const p of ["index.html", "sales.orders.html", "shared.common.html"]) {
      await page.goto(url(site, p));
      const c = await page.eval(contrast);
      check(c.n > 20 && c.bad.length === 0, `${scheme} theme, ${p}: every text has WCAG AA contrast (${c.n} elements)`, c.bad);
    }
    if (scheme === "dark") {
      await page.viewport(1280, 1000, false);
      writeFileSync(join(shots, "product-dark.png"), await page.screenshot());
    }
  }
  // print: no navigation, search or footer on paper; the content is all there
  await page.send("Emulation.setEmulatedMedia", { media: "print", features: [] });
  await page.goto(url(site, "index.html"));
  r = await page.eval(`({
    chrome: [...document.querySelectorAll("header.site, form.search, footer.site")].filter((e) => e.getClientRects().length).length,
    products: [...document.querySelectorAll("li.product")].filter((e) => e.getClientRects().length).length,
  })`);
  check(r.chrome === 0 && r.products === nproducts, "print: navigation, search and footer hidden, every product printed", r);
  await page.send("Emulation.setEmulatedMedia", { media: "", features: [] });
  await page.goto(url(site, "sales.orders.html"));

  // ---- a product page: fields in plain words, badges, references, lineage -----------------
  const row = (id) => page.eval(`(() => { const tr = document.getElementById(${JSON.stringify(id)});
    return tr ? { text: tr.innerText, badges: [...tr.querySelectorAll(".badge")].map((b) => b.textContent),
                  links: [...tr.querySelectorAll("a")].map((a) => a.getAttribute("href")) } : null; })()`);
  r = await row("orders.status");
  check(r && /one of placed, paid, shipped, delivered, cancelled, returned/.test(r.text), "enum in plain words", r);
  r = await row("orders.line_no") || await row("order_lines.line_no");
  check(r && /between 1 and 999/.test(r.text), "range in plain words", r);
  r = await row("orders.coupon_code");
  check(r && /at most 16 characters/.test(r.text) && r.badges.includes("Deprecated") && /2027-06-30/.test(r.text),
    "string(16), the deprecated badge and the sunset date", r);
  r = await row("orders.delivery_note");
  check(r && r.badges.includes("Confidential") && r.badges.includes("Personal data: other") && /optional/.test(r.text),
    "classification and personal-data badges, optional", r);
  r = await row("orders.customer_id");
  check(r && r.links.includes("marketing.customers.html#customers.customer_id"), "a reference links the referenced field", r);
  r = await row("orders.email");
  check(r && r.links.includes("shared.common.html#type-Email") && r.badges.includes("Personal data: email"),
    "a named type links its declaration; its attributes show", r);
  r = await page.eval(`({
    svg: [...document.querySelectorAll("#lineage-map svg a")].map((a) => a.getAttribute("href")),
    sla: document.getElementById("service-levels").innerText,
  })`);
  check(r.svg.includes("marketing.customers.html") && r.svg.includes("finance.payments.html"),
    "lineage boxes link upstream and downstream products", r.svg);
  check(/Updated at least every hour/.test(r.sla) && /99\.9% available/.test(r.sla), "the SLA in plain words", r.sla);

  // ---- a hostile contract renders inert ---------------------------------------------------
  const hostile = resolve(hostileDir);
  for (const p of readdirSync(hostile).filter((f) => f.endsWith(".html")).sort()) {
    page.dialogs.length = 0;
    page.requests.length = 0;
    await page.goto(url(hostile, p));
    r = await page.eval(`({
      pwned: window.pwned === true,
      scripts: [...document.scripts].map((s) => s.getAttribute("src")),
      bad: document.querySelectorAll("img, iframe, object, embed, marquee, b, style, form:not(#search)").length,
      handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
      jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => !/^(https?|mailto|file):/.test(a.href)).map((a) => a.href),
      text: document.body.innerText,
    })`);
    check(!r.pwned && page.dialogs.length === 0, p + ": no script from the contract runs", [r.pwned, page.dialogs]);
    check(r.scripts.every((s) => s === "search-index.js" || s === "search.js"), p + ": only the site's own scripts", r.scripts);
    check(r.bad === 0 && r.handlers === 0, p + ": no element or handler comes from contract text", r);
    check(r.jsLinks.length === 0, p + ": no link with another scheme", r.jsLinks);
    const foreign = page.requests.filter((u) => !u.startsWith("file://"));
    check(foreign.length === 0, p + ": nothing fetched from outside", foreign);
    await page.viewport(390, 1000, true);
    const overflow = await page.eval("document.documentElement.scrollWidth - window.innerWidth");
    check(overflow <= 0, p + ": very long words do not make the phone layout scroll sideways", overflow);
    await page.viewport(1280, 1000, false);
    if (p !== "index.html") {
      check(r.text.includes("<script>window.pwned = true</script>"), p + ": markup in contract text shows as text", r.text.slice(0, 300));
      check(r.text.includes("javascript:window.pwned=true"), p + ": a javascript: URL shows as text", "");
      check(/\u{1F4E6}/u.test(r.text) && /\u05D4\u05D6\u05DE\u05E0\u05D5\u05EA/.test(r.text), p + ": emoji and right-to-left text kept", "");
    }
  }
} catch (e) {
  fail++;
  console.log("FAIL: " + e.message);
  console.log(browser.stderr().slice(-2000));
} finally {
  await browser.close();
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
