// gen.mjs - seeded, mutated records for the differential test: each starts from a sample record
// and changes one to three values to values at and beyond every bound, of the wrong type, absent,
// null or extra, bad dates and leap days, long strings in multi-byte characters, numbers with
// exponents and many digits. The generator reads bounds and kinds from the schema under test to
// aim at its edges; the verdicts come from the validators, never from here.
import { Num, Obj, Raw, clone } from "./lossless.mjs";

export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (v) => v[Math.floor(next() * v.length)],
    chance: (p) => next() < p,
  };
}

// ---- what the schema says a value is (from the lossless parse: numbers are Num) ---------------

function get(o, k) { return o instanceof Obj ? o.get(k) : undefined; }

export function describe(root, node) {
  const d = { nullable: false, bounds: [], kind: "json" };
  const visit = (n) => {
    if (!(n instanceof Obj)) return;
    const ref = get(n, "$ref");
    if (ref) visit(resolve(root, ref));
    const t = get(n, "x-dcc-type");
    if (t) {
      const m = /^decimal\((\d+),(\d+)\)$/.exec(t);
      if (m) { d.kind = "decimal"; d.p = +m[1]; d.s = +m[2]; }
      else if (/^int/.test(t)) { d.kind = "int"; d.type = t; }
      else if (/^float/.test(t)) { d.kind = "float"; d.type = t; }
      else if (/^string/.test(t)) d.kind = "string";
      else d.kind = t;
    }
    for (const k of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
      const v = get(n, k);
      if (v instanceof Num) d.bounds.push(v.t);
    }
    for (const k of ["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"]) {
      const v = get(n, k);
      if (v instanceof Num) d[k] = Math.min(d[k] ?? Infinity, Number(v.t));
    }
    const en = get(n, "enum");
    if (Array.isArray(en) && d.kind !== "decimal" && d.kind !== "int" && d.kind !== "float" && d.kind !== "boolean") {
      d.kind = d.kind === "json" || d.kind === "enum" ? "enum" : d.kind;
      d.enum = en.map((x) => (x instanceof Num ? x.t : x));
    } else if (Array.isArray(en)) d.enum = en.map((x) => (x instanceof Num ? x.t : x));
    if (get(n, "x-dcc-range") || get(n, "x-dcc-values")) d.unexpressed = true;
    const ty = get(n, "type");
    if (ty === "array") { d.kind = "list"; d.items = describe(root, get(n, "items")); }
    if (ty === "object" && get(n, "properties")) {
      d.kind = "struct";
      d.props = {};
      const req = get(n, "required") || [];
      for (const [k, v] of get(n, "properties").e) d.props[k] = { desc: describe(root, v), required: req.includes(k) };
      d.open = get(n, "additionalProperties") !== false;
    } else if (ty === "object") { d.kind = "map"; d.values = describe(root, get(n, "additionalProperties")); }
    for (const k of ["anyOf", "allOf"]) {
      const alts = get(n, k);
      if (!Array.isArray(alts)) continue;
      for (const a of alts) {
        if (get(a, "type") === "null" && a.e.length === 1) { d.nullable = true; continue; }
        if (d.kind === "decimal") { // its branches hold the bounds of the number form
          for (const b of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
            const v = get(a, b);
            if (v instanceof Num) d.bounds.push(v.t);
          }
          const en2 = get(a, "enum");
          if (Array.isArray(en2)) d.enum = en2.map((x) => x.t);
          continue;
        }
        visit(a);
      }
    }
  };
  visit(node);
  return d;
}

function resolve(root, ref) {
  const parts = ref.replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let n = root;
  for (const p of parts) n = get(n, p);
  return n;
}

// ---- values -------------------------------------------------------------------------------------

const MULTI = ["é", "ß", "中", "😀", "a", "Z", "0", " ", "-", "\u00a0", "\u2028"];

function strOf(r, n, base) {
  let s = "";
  const chars = base && r.chance(0.5) ? [...base] : MULTI;
  for (let i = 0; i < n; i++) s += chars.length ? r.pick(chars) : "a";
  return s;
}

function addInt(text, k) { // integer text plus k
  try { return (BigInt(text) + BigInt(k)).toString(); } catch { return null; }
}

// the exact decimal text of x + k * 10^-s (x a number text without exponent or with one)
function step(text, s, k) {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  let frac = m[3] || "", e = Number(m[4] || 0);
  let mant = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
  let exp = e - frac.length;
  if (exp > -s) { mant *= 10n ** BigInt(exp + s); exp = -s; }
  const unit = 10n ** BigInt(-exp - s);
  mant += BigInt(k) * unit;
  const neg = mant < 0n;
  let digits = (neg ? -mant : mant).toString().padStart(-exp + 1, "0");
  const ip = digits.slice(0, digits.length + exp), fp = digits.slice(digits.length + exp);
  return (neg ? "-" : "") + (ip || "0") + (fp ? "." + fp : "");
}

const DATES = ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-02-29", "9999-12-31", "2024-04-31",
  "2024-13-01", "2024-00-10", "2024-1-01", "2024-01-1", "20240101", "2024-02-30", "2015-01-01", "2014-12-31",
  "2010-12-31", "2011-01-01", "1900-01-01", "1899-12-31", "2000-01-01", "1999-12-31"];
const TIMES = ["06:00:00", "05:59:59", "05:59:59.999999999", "22:00:00", "22:00:00.000000001", "22:00:00.0",
  "23:59:60", "24:00:00", "12:00", "12:00:00.", "12:00:00.1234567891", "12:00:00Z", "7:00:00", "12:60:00",
  "00:00:00", "23:59:59.999999999", "12:30:00.5"];
const OFFSETS = ["Z", "z", "+00:00", "-00:00", "+01:00", "-05:30", "+23:59", "+24:00", "+0000", "", "+00:60", " Z"];

function temporalValues(r, kind) {
  if (kind === "date") return DATES;
  if (kind === "time") return TIMES;
  const out = [];
  for (let i = 0; i < 12; i++) {
    const d = r.pick(DATES), t = r.pick(TIMES), sep = r.pick(["T", "t", " ", "T"]), o = r.pick(OFFSETS);
    out.push(d + sep + t + o);
  }
  out.push("2015-01-01T00:00:00Z", "2014-12-31T23:59:59.999999999Z", "2015-01-01T00:00:00+00:00",
    "2015-01-01T01:00:00+01:00", "2014-12-31T23:00:00-01:00", "2024-02-29T12:00:00.123456789z");
  return out;
}

function b64(bytes) { return Buffer.from(bytes).toString("base64"); }

// candidate values for a descriptor: valid ones and ones just beyond
function candidates(r, d, cur) {
  const out = [];
  const num = (t) => out.push(new Num(t));
  switch (d.kind) {
  case "int": {
    const w = { int8: 7, int16: 15, int32: 31, int64: 63 }[d.type] || 63;
    const lim = [(-(2n ** BigInt(w))).toString(), (2n ** BigInt(w) - 1n).toString()];
    for (const b of [...d.bounds, ...lim]) for (const k of [-1, 0, 1]) { const x = addInt(b, k); if (x) num(x); }
    for (const b of d.bounds) num(b + ".0"), num(b + "e0");
    num("0"); num("-0"); num("1e2"); num("1.5"); num("9007199254740993"); num("-9007199254740993");
    num("1" + "0".repeat(30)); num("12345678901234567890123"); out.push("7", true);
    if (d.enum) for (const v of d.enum) num(v);
    break;
  }
  case "float": {
    for (const b of d.bounds) {
      num(b);
      const m = /^(-?\d+)(\.\d+)?(e[+-]?\d+)?$/i.exec(b);
      if (m) { num(m[1] + (m[2] || ".0") + "000000000000000000001" + (m[3] || "")); num((m[2] ? m[1] + m[2] : m[1] + ".0").replace(/\.(\d*)$/, (x, f) => "." + f) + (m[3] || "")); }
      const x = Number(b);
      if (Number.isFinite(x)) { num(String(x * (1 + 1e-15))); num(String(x * (1 - 1e-15))); num(String(x + 1e-9)); num(String(x - 1e-9)); }
    }
    num("1e-400"); num("-1e-400"); num("1e309"); num("-1.8e308"); num("1.7976931348623157e308");
    num("3.4028235677973366e38"); num("3.4028235677973362e38"); num("3.40282356779733661637539395458142568447e38");
    num("-3.4028234663852886e38"); num("0"); num("-0.0"); num("1.5e3"); num("0.1"); num("1E2");
    num("123456789.123456789123456789"); out.push("1.5", false);
    break;
  }
  case "decimal": {
    const { p, s } = d;
    const max = "9".repeat(p - s) + (s ? "." + "9".repeat(s) : "");
    const texts = [...d.bounds, max, "-" + max, "0", "1"];
    const vals = [];
    for (const t of texts) for (const k of [-1, 0, 1]) { const x = step(t, s, k); if (x) vals.push(x); }
    for (const t of texts.slice(0, 4)) {
      const x = step(t, s + 1, 1); if (x) vals.push(x);
      const y = step(t, s + 7, -1); if (y) vals.push(y);
    }
    vals.push("1" + "0".repeat(p - s), "-0", "0.000", "1.50", "1.500000000", "12.345", "1.5e2", "15E-1",
      "1e" + (p - s), "9".repeat(p - s) + "e0", "0." + "0".repeat(s) + "1", "123456789012345678901234567890",
      "0.1000000000000000000000000000000000000000000001");
    if (d.enum) vals.push(...d.enum);
    for (const v of vals) { num(v); if (r.chance(0.5)) out.push(v); }
    out.push("01", " 1", "+1", "1.", ".5", "1,5", "", "NaN", "1.5e2", "-1.2E+1", true);
    break;
  }
  case "string": {
    const base = typeof cur === "string" ? cur : "";
    for (const n of [d.maxLength, d.minLength].filter((x) => x !== undefined && x !== Infinity))
      for (const k of [-1, 0, 1]) if (n + k >= 0) out.push(strOf(r, n + k, base));
    out.push("", strOf(r, 300, ""), base + "\n", " " + base, base.toLowerCase(), base.toUpperCase());
    if (base) {
      const cps = [...base], i = r.int(cps.length);
      out.push(cps.slice(0, i).join("") + r.pick(MULTI) + cps.slice(i + 1).join(""), cps.slice(1).join(""), base + base.slice(-1));
    }
    if (d.enum) out.push(...d.enum, ...d.enum.map((x) => x.toUpperCase()));
    out.push(5);
    break;
  }
  case "bytes": {
    const n = d.maxLength ?? 40;
    for (const k of [-2, -1, 0, 1, 2, 30, 31, 32, 33, 34]) if (k >= 0) out.push(b64(Array.from({ length: k }, () => r.int(256))));
    out.push("abc", "ab=c", "-_-_", "====", "YQ", "YQ=", "YQ==", "YWI=", "", "Y Q==", 3);
    void n;
    break;
  }
  case "uuid": {
    const base = typeof cur === "string" ? cur : "123e4567-e89b-12d3-a456-426614174000";
    out.push(base.toUpperCase(), base.toLowerCase(), base.replace(/-/g, ""), "urn:uuid:" + base, "{" + base + "}",
      base.slice(0, -1) + "g", base.slice(0, -1), base + "0", "00000000-0000-0000-0000-000000000000");
    break;
  }
  case "date": case "time": case "timestamp": case "timestamptz":
    out.push(...temporalValues(r, d.kind));
    if (typeof cur === "string") out.push(cur.replace("T", "t"), cur.replace("Z", "z"), cur.replace("Z", "+00:00"), cur + "Z");
    out.push(20240101);
    break;
  case "enum":
    out.push(...d.enum, ...d.enum.map((x) => x.toUpperCase()), "", "unknown", 1);
    break;
  case "boolean":
    out.push(true, false, "true", new Num("0"), new Num("1"));
    break;
  case "list": {
    const items = Array.isArray(cur) ? cur : [];
    out.push([]);
    for (const n of [d.maxItems, d.minItems].filter((x) => x !== undefined))
      for (const k of [-1, 0, 1]) if (n + k >= 0 && items.length) out.push(Array.from({ length: n + k }, (_, i) => clone(items[i % items.length])));
    if (items.length) { const c = clone(items); const i = r.int(c.length); c[i] = mutateValue(r, d.items, c[i]); out.push(c); }
    out.push([null], "[]");
    break;
  }
  case "map": {
    const m = cur instanceof Obj ? cur : new Obj();
    out.push(new Obj());
    for (const n of [d.maxProperties, d.minProperties].filter((x) => x !== undefined))
      for (const k of [-1, 0, 1]) if (n + k >= 0) {
        const o = new Obj();
        for (let i = 0; i < n + k; i++) o.e.push(["k" + i, m.e.length ? clone(m.e[i % m.e.length][1]) : new Num(String(i))]);
        out.push(o);
      }
    if (m.e.length) { const c = clone(m); const i = r.int(c.e.length); c.e[i][1] = mutateValue(r, d.values, c.e[i][1]); out.push(c); }
    const c2 = clone(m); c2.e.push(["", null]); out.push(c2);
    break;
  }
  case "struct": {
    const o = cur instanceof Obj ? clone(cur) : new Obj();
    const names = Object.keys(d.props);
    if (names.length) {
      const f = r.pick(names);
      const c = clone(o);
      c.set(f, mutateValue(r, d.props[f].desc, c.get(f)));
      out.push(c);
      const c2 = clone(o); c2.del(f); out.push(c2);
    }
    const c3 = clone(o); c3.set("extra_" + r.int(3), new Num("1")); out.push(c3);
    break;
  }
  default: { // json
    let deep = new Num("1");
    const depth = r.pick([3, 62, 63, 64, 65, 70]);
    for (let i = 0; i < depth; i++) deep = r.chance(0.5) ? [deep] : new Obj([["a", deep]]);
    out.push(deep, "text", new Num("1e400"), new Obj([["k", [true, null]]]), []);
  }
  }
  return out;
}

const WRONG = [() => "x", () => new Num("1"), () => true, () => [], () => new Obj(), () => new Num("-1.5e-3")];

export function mutateValue(r, d, cur) {
  const x = r.next();
  if (x < 0.08) return null;
  if (x < 0.14) return r.pick(WRONG)();
  const c = candidates(r, d, cur);
  return c.length ? r.pick(c) : null;
}

// One mutated record from a base record (an Obj); tags name what the record holds that the
// differential test knows JSON Schema cannot check the same way.
export function mutateRecord(r, d, base) {
  const rec = clone(base);
  const tags = [];
  const changed = [];
  const n = r.chance(0.8) ? 1 : r.chance(0.5) ? 2 : 3;
  const names = Object.keys(d.props);
  for (let i = 0; i < n; i++) {
    const y = r.next();
    if (y < 0.06) { // absent
      const f = r.pick(names); rec.del(f); changed.push(f);
    } else if (y < 0.1) { // unknown field
      const f = r.pick(["extra", "Order_ID", "__proto__", "x" + r.int(100)]); rec.set(f, new Num("1")); changed.push(f);
    } else {
      const f = r.pick(names);
      rec.set(f, mutateValue(r, d.props[f].desc, rec.get(f)));
      changed.push(f);
    }
  }
  let text = null;
  const z = r.next();
  if (z < 0.004 && rec.e.length) { // a member given twice: JSON.parse keeps the last
    const [k, v] = rec.e[r.int(rec.e.length)];
    rec.e.push([k, clone(v)]);
    tags.push(["duplicate-member", k]);
    changed.push(k);
  } else if (z < 0.008) { // a lone surrogate escape, or a byte that is not UTF-8
    const f = names.find((k) => d.props[k].desc.kind === "string" && typeof rec.get(k) === "string");
    if (f) {
      rec.set(f, new Raw(r.chance(0.5) ? '"\\ud800x"' : '"a\u00ffb"'));
      tags.push(["not-unicode", f]);
      changed.push(f);
      if (rec.get(f).t.includes("\u00ff")) text = Buffer.concat([Buffer.from(lstr(rec).split("\u00ff")[0], "utf8"), Buffer.from([0xff]), Buffer.from(lstr(rec).split("\u00ff")[1], "utf8")]);
    }
  } else if (z < 0.012) { // not an object at all
    text = Buffer.from(r.pick(["[]", "1", "null", '"x"', "{", "{}}", '{"a":1,}', "tru"]));
    changed.push("(record)");
  }
  return { text: text || Buffer.from(lstr(rec), "utf8"), rec, tags, changed, base, whole: !!text && !tags.length };
}

import { stringify as lstr } from "./lossless.mjs";
