// avro.mjs - the Avro target against avsc: every schema is read by avsc; every valid sample
// record, converted as docs/jsonschema.md ("Avro") says, is valid; and the same records with a
// value of the wrong type, a required field left out or an enumeration value that is no symbol
// are not.
//   node avro.mjs AVRO_DIR CASES_TSV SEED
import fs from "node:fs";
import path from "node:path";
import avro from "avsc";
import { parse as lparse, Num, Obj } from "./lossless.mjs";
import { rng } from "./gen.mjs";
import * as X from "./exact.mjs";

const [dir, casesFile, seedText] = process.argv.slice(2);
let pass = 0, fail = 0;
const ok = () => pass++;
const bad = (m) => { fail++; if (fail < 30) console.log("FAIL: " + m); };
const r = rng(Number(seedText));

// Named types met so far (avsc resolves a name used twice; so must the converter).
const named = new Map();

// int64 as BigInt: avsc's own long stops near 2^53 (a JavaScript number); JavaScript consumers
// of int64 data read Avro longs this way (avsc's documented LongType.__with)
const longType = avro.types.LongType.__with({
  fromBuffer: (b) => b.readBigInt64LE(),
  toBuffer: (n) => { const b = Buffer.alloc(8); b.writeBigInt64LE(n); return b; },
  fromJSON: (x) => BigInt(x),
  toJSON: (n) => Number(n),
  isValid: (n) => typeof n === "bigint" && n >= -(2n ** 63n) && n < 2n ** 63n,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});

// the unscaled integer of a decimal text at scale s, as big-endian two's complement bytes
function decimalBytes(text, s) {
  const x = X.dec(text);
  let n = x.mant * (x.exp + s >= 0 ? 10n ** BigInt(x.exp + s) : 1n) / (x.exp + s < 0 ? 10n ** BigInt(-(x.exp + s)) : 1n);
  if (x.neg) n = -n;
  const bytes = [];
  for (;;) {
    bytes.unshift(Number(BigInt.asUintN(8, n)));
    const rest = n >> 8n;
    if ((rest === 0n && (bytes[0] & 0x80) === 0) || (rest === -1n && (bytes[0] & 0x80) !== 0)) break;
    n = rest;
  }
  return Buffer.from(bytes);
}

function micros(text, kind) {
  const m = /^(\d{4}-\d\d-\d\d)[Tt](\d\d:\d\d:\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$/.exec(text);
  if (kind === "time") {
    const t = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(text);
    return ((+t[1] * 60 + +t[2]) * 60 + +t[3]) * 1e6 + Math.floor(Number("0." + (t[4] || "0")) * 1e6 + 1e-7);
  }
  const secs = Date.parse(m[1] + "T" + m[2] + (m[4].toUpperCase() === "Z" ? "Z" : m[4])) / 1000;
  return secs * 1e6 + Number(((m[3] || "") + "000000").slice(0, 6));
}

// A JSON value (lossless) as the Avro value of schema t, per the documented mapping.
function convert(t, v) {
  if (typeof t === "string" && named.has(t)) t = named.get(t);
  if (Array.isArray(t)) { // union with null
    if (v === null || v === undefined) return null;
    return convert(t.find((x) => x !== "null"), v);
  }
  if (typeof t === "object" && (t.type === "record" || t.type === "enum")) named.set(t.namespace + "." + t.name, t);
  const lt = typeof t === "object" ? t.logicalType : undefined;
  const base = typeof t === "object" ? t.type : t;
  if (v === undefined) return undefined;
  if (lt === "decimal") return v instanceof Num || typeof v === "string" ? decimalBytes(v instanceof Num ? v.t : v, t.scale) : v;
  if (lt === "date") return typeof v === "string" ? Date.parse(v + "T00:00:00Z") / 86400000 : v;
  // (a long with a logical type is avsc's own long: a number, exact to 2^53 microseconds)
  if (lt === "timestamp-micros") return typeof v === "string" ? micros(v, "ts") : v;
  if (lt === "time-micros") return typeof v === "string" ? micros(v, "time") : v;
  if (base === "long" && v instanceof Num) return /^-?\d+$/.test(v.t) ? BigInt(v.t) : Number(v.t);
  if (typeof t === "object" && t["x-dcc-type"] === "json") return JSON.stringify(JSON.parse(lstr(v)));
  if (base === "enum") {
    const back = Object.fromEntries(Object.entries(t["x-dcc-symbols"] || {}).map(([s, o]) => [o, s]));
    return typeof v === "string" ? back[v] ?? v : v;
  }
  if (base === "record") {
    const o = {};
    for (const f of t.fields) {
      const x = v instanceof Obj ? v.get(f.name) : undefined;
      // an absent field with a default takes it (its JSON form: bytes as latin-1 text)
      if (x === undefined && f.default !== undefined && v instanceof Obj && !v.has(f.name))
        o[f.name] = typeof f.default === "string" && JSON.stringify(f.type).includes('"bytes"') ? Buffer.from(f.default, "latin1")
          : f.type === "long" ? BigInt(f.default) : f.default;
      else o[f.name] = convert(f.type, x);
    }
    return o;
  }
  if (base === "array") return Array.isArray(v) ? v.map((e) => convert(t.items, e)) : v;
  if (base === "map") return v instanceof Obj ? Object.fromEntries(v.e.map(([k, e]) => [k, convert(t.values, e)])) : v;
  if (base === "bytes") return typeof v === "string" ? Buffer.from(v, "base64") : v;
  if (v instanceof Num) return Number(v.t);
  return v;
}
import { stringify as lstr } from "./lossless.mjs";

for (const line of fs.readFileSync(casesFile, "utf8").split("\n").filter(Boolean)) {
  const [, dataset, schemaFile, ...samples] = line.split("\t");
  const file = path.join(dir, schemaFile.replace(/\.schema\.json$/, ".avsc"));
  let schema, type;
  try { schema = JSON.parse(fs.readFileSync(file, "utf8")); type = avro.Type.forSchema(schema, { registry: { long: longType } }); ok(); }
  catch (e) { bad(`${file}: avsc refuses it: ${e.message}`); continue; }
  const valid = samples.filter((s) => s.includes(".valid."));
  let n = 0;
  for (const s of valid)
    for (const l of fs.readFileSync(s, "utf8").split(/\r?\n/).filter((x) => x.trim())) {
      named.clear();
      const rec = convert(schema, lparse(l));
      const errs = [];
      if (type.isValid(rec, { errorHook: (p) => errs.push(p.join(".")) })) ok();
      else bad(`${dataset}: a valid sample record is not valid Avro (${errs.join(", ")}): ${l.slice(0, 300)}`);
      n++;
      // and three ways to break it
      const fields = schema.fields;
      const f = fields[r.int(fields.length)];
      const wrong = { ...rec, [f.name]: JSON.stringify(f.type).includes('"boolean"') ? "x" : true };
      if (!type.isValid(wrong)) ok(); else bad(`${dataset}: a wrong type in ${f.name} is valid Avro`);
      const req = fields.find((x) => !Array.isArray(x.type));
      if (req) {
        const missing = { ...rec };
        delete missing[req.name];
        if (!type.isValid(missing)) ok(); else bad(`${dataset}: a record without ${req.name} is valid Avro`);
      }
      const en = fields.find((x) => typeof x.type === "object" && x.type.type === "enum");
      if (en) {
        const sym = { ...rec, [en.name]: "no_such_symbol" };
        if (!type.isValid(sym)) ok(); else bad(`${dataset}: an unknown symbol in ${en.name} is valid Avro`);
      }
    }
  console.log(`${dataset}: ${n} valid sample records converted and checked`);
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
