// lossless.mjs - JSON that keeps what JSON.parse loses: the exact text of every number, and
// member order and repeated names. The generator mutates records through it, so that a number
// such as 35.10 or 9223372036854775807 reaches dcc exactly as written, and the test reads the
// exact bounds of a schema through it.

export class Num {
  constructor(text) { this.t = text; }
}
export class Obj {
  constructor(entries = []) { this.e = entries; } // [[key, value], ...] in order
  get(k) { const x = this.e.find(([n]) => n === k); return x ? x[1] : undefined; }
  has(k) { return this.e.some(([n]) => n === k); }
  set(k, v) { const x = this.e.find(([n]) => n === k); if (x) x[1] = v; else this.e.push([k, v]); }
  del(k) { this.e = this.e.filter(([n]) => n !== k); }
  keys() { return this.e.map(([n]) => n); }
}

export function parse(text) {
  let i = 0;
  const ws = () => { while (i < text.length && " \t\n\r".includes(text[i])) i++; };
  const fail = (m) => { throw new SyntaxError(`${m} at ${i}`); };
  function value() {
    ws();
    const c = text[i];
    if (c === "{") {
      i++; const o = new Obj(); ws();
      if (text[i] === "}") { i++; return o; }
      for (;;) {
        ws(); if (text[i] !== '"') fail("expected a name");
        const k = str(); ws(); if (text[i++] !== ":") fail("expected :");
        o.e.push([k, value()]); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i++] === "}") return o;
        fail("expected , or }");
      }
    }
    if (c === "[") {
      i++; const a = []; ws();
      if (text[i] === "]") { i++; return a; }
      for (;;) {
        a.push(value()); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i++] === "]") return a;
        fail("expected , or ]");
      }
    }
    if (c === '"') return str();
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 100000));
    if (m && m[0]) { i += m[0].length; return new Num(m[0]); }
    for (const [w, v] of [["true", true], ["false", false], ["null", null]])
      if (text.startsWith(w, i)) { i += w.length; return v; }
    fail("unexpected character");
  }
  function str() {
    const start = i; i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return JSON.parse(text.slice(start, i));
  }
  const v = value(); ws();
  if (i !== text.length) fail("trailing text");
  return v;
}

// JSON text of a lossless value; Raw pieces are written as they are (for hostile records).
export class Raw {
  constructor(text) { this.t = text; }
}
export function stringify(v) {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return String(v);
  if (v instanceof Num || v instanceof Raw) return v.t;
  if (Array.isArray(v)) return "[" + v.map(stringify).join(",") + "]";
  if (v instanceof Obj) return "{" + v.e.map(([k, x]) => JSON.stringify(k) + ":" + stringify(x)).join(",") + "}";
  throw new Error("not a lossless value");
}

export function clone(v) {
  if (Array.isArray(v)) return v.map(clone);
  if (v instanceof Obj) return new Obj(v.e.map(([k, x]) => [k, clone(x)]));
  return v;
}
