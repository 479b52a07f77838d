// patterns.mjs - the patterns of targets/jsre.c against exact arithmetic: random bounds, digit
// limits, allowed values, temporal bounds and base64 lengths are turned into patterns by
// jsre_main (C), and each pattern must accept exactly the random texts that exact comparison
// (BigInt, digit strings) says it should, with JavaScript's own RegExp (the "u" flag, as JSON
// Schema validators use it).
//   node patterns.mjs JSRE_MAIN SEED
import { spawnSync } from "node:child_process";
import { rng } from "./gen.mjs";
import * as X from "./exact.mjs";

const [main, seedText] = process.argv.slice(2);
const r = rng(Number(seedText));
let pass = 0, fail = 0;
const seen = new Set();
const bad = (m) => { fail++; const k = m.split(":")[0]; if (!seen.has(k) && seen.size < 20) { seen.add(k); console.log("FAIL: " + m); } };

const digits = (n) => Array.from({ length: n }, () => r.int(10)).join("");
function decText() { // JSON number texts without exponent, trailing zeros and -0 included
  const ip = r.chance(0.3) ? "0" : String(r.int(9) + 1) + digits(r.int(5));
  const fp = r.chance(0.4) ? "" : "." + digits(1 + r.int(5)) + (r.chance(0.2) ? "000" : "");
  return (r.chance(0.4) ? "-" : "") + ip + fp;
}
function boundText() {
  const t = decText();
  if (r.chance(0.15)) { const x = X.dec(t); return `${x.neg ? "-" : ""}${x.mant}e${x.exp}`; } // exponent form
  return t;
}

const reqs = [], checks = [];
for (let i = 0; i < 300; i++) {
  const b = boundText(), lo = r.chance(0.5), inc = r.chance(0.5);
  reqs.push(`dec ${lo ? "lo" : "hi"} ${inc ? "in" : "ex"} ${b}`);
  checks.push({ what: `decimal ${lo ? ">" : "<"}${inc ? "=" : ""} ${b}`, gen: decText, want: (t) => {
    const c = X.cmpDec(X.dec(t), X.dec(b));
    return lo ? (inc ? c >= 0 : c > 0) : (inc ? c <= 0 : c < 0);
  } });
}
for (let i = 0; i < 40; i++) {
  const p = 1 + r.int(12), s = r.int(p + 1);
  reqs.push(`digits ${p} ${s}`);
  const gen = () => r.chance(0.1) ? r.pick(["01", "1.", ".5", "+1", "1e2", "-", "", "00.5", "1.5.5"]) : decText();
  checks.push({ what: `decimal(${p},${s}) digits`, gen, want: (t) => {
    const x = X.dec(t);
    if (!x || /e/i.test(t)) return false;
    if (x.mant === 0n) return true; // zero: no digits at all, however written
    const sig = x.mant.toString();
    const frac = Math.max(0, -x.exp - (sig.length - sig.replace(/0+$/, "").length));
    const intDigits = x.mant === 0n ? 0 : Math.max(0, sig.length + x.exp);
    return intDigits <= p - s && frac <= s;
  } });
}
for (let i = 0; i < 40; i++) {
  const vals = Array.from({ length: 1 + r.int(4) }, boundText);
  reqs.push(`values ${vals.join(" ")}`);
  const gen = () => (r.chance(0.3) ? (() => { const x = X.dec(r.pick(vals)); // an equal spelling
    const s = (x.mant * 10n ** 2n).toString().padStart(-x.exp + 3, "0");
    const at = s.length + x.exp - 2;
    const f = s.slice(at);
    return (x.neg ? "-" : "") + ((s.slice(0, at).replace(/^0+(?=\d)/, "")) || "0") + (f ? "." + f : ""); })() : decText());
  checks.push({ what: `decimal values ${vals}`, gen, want: (t) => vals.some((v) => X.cmpDec(X.dec(t), X.dec(v)) === 0) });
}

// temporal: texts of the grammar; the instant is the digit string with the fraction padded
const pad = (n, w) => String(n).padStart(w, "0");
function dateText() { return `${pad(r.pick([0, 1999, 2000, 2024, 9999, r.int(10000)]), 4)}-${pad(1 + r.int(12), 2)}-${pad(1 + r.int(28), 2)}`; }
function timeText() {
  const f = r.chance(0.5) ? "" : "." + digits(1 + r.int(9));
  return `${pad(r.int(24), 2)}:${pad(r.pick([0, 59, r.int(60)]), 2)}:${pad(r.pick([0, 59, r.int(60)]), 2)}${f}`.slice(0, 18);
}
function tsText() { return `${dateText()}${r.pick(["T", "t"])}${timeText()}${r.pick(["Z", "z", "+00:00"])}`; }
const key = (kind, t) => { // comparable: fixed digits, then fraction digits padded to 9
  const m = kind === "date" ? [t.replace(/-/g, ""), ""] : (() => {
    const core = kind === "time" ? t : t.slice(11).replace(/[Zz]$|\+00:00$/, "");
    const [hms, f = ""] = core.split(".");
    return [(kind === "time" ? "" : t.slice(0, 10).replace(/-/g, "")) + hms.replace(/:/g, ""), f];
  })();
  return m[0] + m[1].padEnd(9, "0");
};
for (const kind of ["date", "time", "timestamp"]) {
  const gen = kind === "date" ? dateText : kind === "time" ? timeText : tsText;
  for (let i = 0; i < 60; i++) {
    const b = gen(), lo = r.chance(0.5), inc = r.chance(0.5);
    reqs.push(`${kind} ${lo ? "lo" : "hi"} ${inc ? "in" : "ex"} ${b}`);
    // values near the bound too: the same text with the fraction changed
    const near = () => (r.chance(0.4) && kind !== "date" ? b.replace(/(\d\d:\d\d:\d\d)(\.\d+)?/, (m, hms) => hms + (r.chance(0.3) ? "" : "." + digits(1 + r.int(9)))) : gen());
    checks.push({ what: `${kind} ${lo ? ">" : "<"}${inc ? "=" : ""} ${b}`, gen: near, want: (t) => {
      const a = key(kind, t), c = key(kind, b), cmp = a < c ? -1 : a > c ? 1 : 0;
      return lo ? (inc ? cmp >= 0 : cmp > 0) : (inc ? cmp <= 0 : cmp < 0);
    } });
  }
  for (let i = 0; i < 20; i++) {
    const vals = Array.from({ length: 1 + r.int(3) }, gen);
    reqs.push(`tvalues ${kind} ${vals.join(" ")}`);
    checks.push({ what: `${kind} values ${vals}`, gen: () => (r.chance(0.4) && kind !== "date" ? r.pick(vals).replace(/(\.\d+)?([Zz]|\+00:00)?$/, (m, f, z) => (f || ".0") + "00" + (z ? r.pick(["Z", "z", "+00:00"]) : "")) : gen()),
      want: (t) => vals.some((v) => key(kind, v) === key(kind, t)) });
  }
}
for (let i = 0; i < 30; i++) {
  const lo = r.int(8), hi = r.chance(0.3) ? -1 : lo + r.int(8);
  reqs.push(`base64 ${lo} ${hi}`);
  checks.push({ what: `base64 length [${lo}, ${hi < 0 ? "*" : hi}]`, gen: () => Buffer.from(Array.from({ length: r.int(20) }, () => r.int(256))).toString("base64"),
    want: (t) => { const n = Buffer.from(t, "base64").length; return n >= lo && (hi < 0 || n <= hi); } });
}

const out = spawnSync(main, [], { input: reqs.join("\n") + "\n", encoding: "utf8" });
const pats = out.stdout.split("\n");
checks.forEach((c, i) => {
  if (pats[i] === "!" || pats[i] === undefined) return bad(`${c.what}: no pattern`);
  let re;
  try { re = new RegExp(pats[i], "u"); } catch (e) { return bad(`${c.what}: not ECMA-262: ${pats[i]}: ${e.message}`); }
  for (let k = 0; k < 300; k++) {
    const t = c.gen();
    // the range and value patterns stand beside the grammar's (allOf): only its texts count
    if (/\.\d{10}/.test(t)) continue;
    if (re.test(t) === c.want(t)) pass++;
    else bad(`${c.what}: ${JSON.stringify(t)} ${c.want(t) ? "refused" : "accepted"} by ${pats[i]}`);
  }
});
console.log(`${checks.length} patterns, ${pass + fail} texts`);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
