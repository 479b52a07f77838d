// diff.mjs - the differential test of the JSON Schema target: every record of every sample file
// and N seeded mutated records per dataset get a verdict from ajv (strict, with ajv-formats),
// from @hyperjump/json-schema and from `dcc validate` (one JSON Lines file per dataset, read back
// from --report json), record by record. Keys across records and quality rules are out of JSON
// Schema's reach and left out (DV017, DV018; --skip-quality). A disagreement fails unless the
// record holds a value of a case docs/jsonschema.md names ("known differences"); those are
// counted per case and printed.
//
//   node diff.mjs DCC SCHEMA_DIR CASES_TSV N SEED WORKDIR
// CASES_TSV: contract, dataset, schema file, sample files (JSON Lines), tab-separated.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { registerSchema, validate as hjValidate } from "@hyperjump/json-schema/draft-2020-12";
import { BASIC } from "@hyperjump/json-schema/experimental";
import { parse as lparse, stringify as lstr, Num, Obj } from "./lossless.mjs";
import { describe, mutateRecord, rng } from "./gen.mjs";
import * as X from "./exact.mjs";
import { makeAjv } from "./ajv.mjs";

const require = createRequire(import.meta.url);
void require;
const [dcc, schemaDir, casesFile, nText, seedText, work] = process.argv.slice(2);
const N = Number(nText), SEED = Number(seedText);
let pass = 0, fail = 0;
const known = {};
const ok = () => pass++;
const bad = (m) => { fail++; console.log("FAIL: " + m); };

// ---- the cases JSON Schema cannot decide as dcc does (docs/jsonschema.md, "Known differences") --

// The validators each case can lead astray (all of them unless listed).
const AFFECTS = { "hyperjump-negative-multipleOf": ["hj"] };
const affects = (c) => AFFECTS[c] || ["ajv", "hj"];

// Cases a value (lossless) of descriptor d at nesting depth `depth` falls in.
function explain(d, v, depth, out) {
  if (v === undefined || v === null || !d) return;
  if (v instanceof Num) {
    const x = X.dec(v.t);
    if (!x) return;
    if (d.kind === "int") {
      if (/[.eE]/.test(v.t) && X.isIntegral(x)) out.add("integer-spelling");
      if (!X.absBelow(x, 2 ** 53)) out.add("integer-beyond-2^53");
    }
    if (d.kind === "int" || d.kind === "float" || d.kind === "decimal")
      for (const b of d.bounds) if (X.crossesOnDoubles(v.t, b)) out.add("float64-bound");
    if (d.kind === "decimal" && !X.onGrid(x, d.s) && d.s > 0) {
      // outside the zone where ajv (multipleOfPrecision 2) and @hyperjump (tolerance 1.19e-7)
      // decide the scale of a double as dcc decides it on digits
      const safe = X.sigDigits(x) <= 15 && X.absBelow(x, 2 ** 29) && X.absBelowPow10(x, 13 - d.s) && X.farFromGrid(x, d.s);
      if (!safe) out.add("decimal-scale-float64");
    }
    // @hyperjump 1.18 accepts a remainder near 0 or near +multipleOf, and JavaScript's % gives a
    // negative number a negative remainder: -2 % 0.01 is -0.00999..., so it refuses -2
    if (d.kind === "decimal" && x.neg && d.s > 0) out.add("hyperjump-negative-multipleOf");
    if (d.kind === "decimal" && X.onGrid(x, d.s) && d.s > 0) {
      const safe = X.sigDigits(x) <= 15 && X.absBelow(x, 2 ** 29) && X.absBelowPow10(x, 13 - d.s);
      if (!safe) out.add("decimal-scale-float64");
    }
    // scale 0 is "type": "integer": a double is exact up to 15 digits
    if (d.kind === "decimal" && d.s === 0 && X.sigDigits(x) > 15) out.add("decimal-scale-float64");
    return;
  }
  if (typeof v === "string") {
    if (!v.isWellFormed()) out.add("not-unicode"); // a lone surrogate: JSON.parse keeps it
    if (d.kind === "decimal" && /[eE]/.test(v) && X.dec(v)) out.add("decimal-string-exponent");
    if (d.kind === "timestamptz" && d.unexpressed) out.add("timestamptz-range");
    return;
  }
  if (Array.isArray(v)) {
    for (const e of v) explain(d.kind === "list" ? d.items : null, e, depth + 1, out);
    if (containerDepth(v) + depth > 64) out.add("nesting-depth");
    return;
  }
  if (v instanceof Obj) {
    for (const [k, e] of v.e) explain(d.kind === "struct" ? d.props[k]?.desc : d.kind === "map" ? d.values : null, e, depth + 1, out);
    if (containerDepth(v) + depth > 64) out.add("nesting-depth");
  }
}

function containerDepth(v) {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(containerDepth));
  if (v instanceof Obj) return 1 + Math.max(0, ...v.e.map(([, x]) => containerDepth(x)));
  return 0;
}

// field -> the cases its value falls in (tags: what the generator built that no value shows)
function recordCases(d, rec, tags) {
  const by = new Map();
  for (const [c, f] of tags) by.set(f, new Set([c]));
  if (rec instanceof Obj)
    for (const [k, v] of rec.e) {
      const s = new Set();
      explain(d.props[k]?.desc, v, 1, s);
      if (s.size) by.set(k, new Set([...(by.get(k) || []), ...s]));
    }
  return by;
}

// The record with every field that holds a known difference given back its sample value: the
// validators must then agree, so a known case never hides another disagreement in its record.
function repaired(rec, base, fields) {
  const out = new Obj();
  const done = new Set();
  for (const [k, v] of rec.e) {
    if (!fields.has(k)) { out.e.push([k, v]); continue; }
    if (done.has(k)) continue;
    done.add(k);
    if (base.has(k)) out.e.push([k, base.get(k)]);
  }
  return out;
}

// ---- verdicts -------------------------------------------------------------------------------

function fieldsOfAjv(errors) {
  const f = new Set();
  for (const e of errors || []) {
    const seg = e.instancePath.split("/")[1];
    if (seg !== undefined) f.add(seg.replace(/~1/g, "/").replace(/~0/g, "~"));
    else if (e.params?.missingProperty) f.add(e.params.missingProperty);
    else if (e.params?.additionalProperty) f.add(e.params.additionalProperty);
    else f.add("(record)");
  }
  return [...f];
}

function fieldsOfHj(out) {
  const f = new Set();
  for (const e of out.errors || []) {
    const seg = e.instanceLocation.replace(/^#/, "").split("/")[1];
    f.add(seg === undefined ? "(record)" : decodeURIComponent(seg.replace(/~1/g, "/").replace(/~0/g, "~")));
  }
  return [...f];
}

const utf8 = new TextDecoder("utf-8");
const lines = fs.readFileSync(casesFile, "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
fs.mkdirSync(work, { recursive: true });
let total = 0;
for (const line of lines) {
  const [contract, dataset, schemaFile, ...samples] = line.split("\t");
  const schemaText = fs.readFileSync(path.join(schemaDir, schemaFile), "utf8");
  const schema = JSON.parse(schemaText);
  const lossless = lparse(schemaText);
  const d = describe(lossless, lossless);

  // compiles in ajv strict mode and in @hyperjump
  let ajvValidate;
  try { ajvValidate = makeAjv().compile(schema); ok(); } catch (e) { bad(`${schemaFile}: ajv strict refuses it: ${e.message}`); continue; }
  let hj;
  try { registerSchema(schema); hj = await hjValidate(schema.$id); ok(); } catch (e) { bad(`${schemaFile}: @hyperjump refuses it: ${e.message}`); continue; }

  // the records: every sample line, then N mutated ones from the parseable samples
  const records = [];
  const bases = [];
  for (const s of samples) {
    for (const l of fs.readFileSync(s, "utf8").split(/\r?\n/)) {
      if (!l.trim()) continue;
      records.push({ text: Buffer.from(l, "utf8"), tags: [], changed: ["(sample " + path.basename(s) + ")"] });
      try { const r = lparse(l); if (r instanceof Obj) { records[records.length - 1].rec = r; bases.push(r); } } catch { /* a malformed sample */ }
    }
  }
  const r = rng(SEED + total);
  const validBases = bases.slice(0, Math.max(1, Math.ceil(bases.length / 2)));
  for (let i = 0; i < N; i++) records.push(mutateRecord(r, d, r.chance(0.8) ? r.pick(validBases) : r.pick(bases)));
  const file = path.join(work, `${dataset}.jsonl`);
  fs.writeFileSync(file, Buffer.concat(records.flatMap((x) => [x.text, Buffer.from("\n")])));

  // dcc: one run over the whole file
  const run = spawnSync(dcc, ["validate", contract, "--dataset", dataset, "--skip-quality", "--report", "json", file],
    { maxBuffer: 1 << 30, encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) { bad(`dcc validate ${dataset}: exit ${run.status}: ${run.stderr}`); continue; }
  const report = JSON.parse(run.stdout);
  const dccBad = new Map();
  for (const v of report.violations) {
    if (v.rule === "DV017" || v.rule === "DV018") continue; // keys across records
    if (!dccBad.has(v.record)) dccBad.set(v.record, []);
    dccBad.get(v.record).push(`${v.rule} ${v.field || "(record)"}`);
  }

  const counts = { agree: 0, valid: 0, known: 0 };
  let shown = 0;
  const second = []; // repaired records, checked in a second round
  const verdict = (rec, i, dOk, dWhy) => {
    let value, parsed = true;
    try { value = JSON.parse(utf8.decode(rec.text)); } catch { parsed = false; }
    const a = parsed && ajvValidate(value);
    const aFields = parsed ? fieldsOfAjv(ajvValidate.errors) : ["(not JSON)"];
    const h = parsed ? hj(value, BASIC) : { valid: false };
    const hFields = parsed ? fieldsOfHj(h) : ["(not JSON)"];
    return { agree: a === h.valid && a === dOk, a, h: h.valid, dOk,
      text: `ajv ${a ? "valid" : "invalid " + aFields.join(",")}, @hyperjump ${h.valid ? "valid" : "invalid " + hFields.join(",")}, ` +
        `dcc ${dOk ? "valid" : "invalid " + dWhy}` };
  };
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    let value, parsed = true;
    try { value = JSON.parse(utf8.decode(rec.text)); } catch { parsed = false; }
    const a = parsed && ajvValidate(value);
    const aFields = parsed ? fieldsOfAjv(ajvValidate.errors) : ["(not JSON)"];
    const h = parsed ? hj(value, BASIC) : { valid: false };
    const hFields = parsed ? fieldsOfHj(h) : ["(not JSON)"];
    const dOk = !dccBad.has(i + 1);
    if (a === h.valid && a === dOk) { counts.agree++; if (dOk) counts.valid++; ok(); continue; }
    const cases = recordCases(d, rec.rec || null, rec.tags);
    const may = new Set([...cases.values()].flatMap((x) => [...x].flatMap(affects)));
    if (cases.size && !rec.whole && (a === dOk || may.has("ajv")) && (h.valid === dOk || may.has("hj"))) {
      for (const c of new Set([...cases.values()].flatMap((x) => [...x]))) known[c] = (known[c] || 0) + 1;
      counts.known++;
      const fixed = rec.base ? repaired(rec.rec, rec.base, new Set(cases.keys())) : null;
      // (a sample value given back may hold a known difference itself: the validators it can
      // lead astray are then not asked)
      const left = fixed ? recordCases(d, fixed, []) : new Map();
      const may2 = new Set([...left.values()].flatMap((x) => [...x].flatMap(affects)));
      if (fixed && !(may2.has("ajv") && may2.has("hj")))
        second.push({ i, fields: [...cases.keys()], text: Buffer.from(lstr(fixed), "utf8"), rec, may: may2 });
      ok();
      continue;
    }
    if (shown++ < 12)
      bad(`${dataset} record ${i + 1} (changed: ${rec.changed.join(", ")}): ajv ${a ? "valid" : "invalid " + aFields.join(",")}, ` +
        `@hyperjump ${h.valid ? "valid" : "invalid " + hFields.join(",")}, dcc ${dOk ? "valid" : "invalid " + dccBad.get(i + 1).join(", ")}\n` +
        `    ${utf8.decode(rec.text).slice(0, 600)}`);
    else fail++;
  }
  // the second round: the records with known differences, those values given back
  if (second.length) {
    const file2 = path.join(work, `${dataset}.repaired.jsonl`);
    fs.writeFileSync(file2, Buffer.concat(second.flatMap((x) => [x.text, Buffer.from("\n")])));
    const run2 = spawnSync(dcc, ["validate", contract, "--dataset", dataset, "--skip-quality", "--report", "json", file2],
      { maxBuffer: 1 << 30, encoding: "utf8" });
    const bad2 = new Map();
    for (const v of JSON.parse(run2.stdout).violations) {
      if (v.rule === "DV017" || v.rule === "DV018") continue;
      if (!bad2.has(v.record)) bad2.set(v.record, []);
      bad2.get(v.record).push(`${v.rule} ${v.field || "(record)"}`);
    }
    second.forEach((x, j) => {
      const v = verdict(x, j, !bad2.has(j + 1), (bad2.get(j + 1) || []).join(", "));
      if ((v.a === v.dOk || x.may.has("ajv")) && (v.h === v.dOk || x.may.has("hj"))) return ok();
      bad(`${dataset} record ${x.i + 1}: with ${x.fields.join(", ")} (known differences) given back their sample values, the ` +
        `validators still disagree: ${v.text}\n    ${x.text.toString().slice(0, 600)}`);
    });
  }
  console.log(`${dataset}: ${records.length} records (${records.length - N} from samples): ${counts.agree} with one verdict ` +
    `(${counts.valid} valid), ${counts.known} with a known difference (${second.length} checked again without it)`);
  total += records.length;
}
console.log(`known differences (records, by case): ${JSON.stringify(known)}`);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
