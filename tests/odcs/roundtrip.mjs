// roundtrip.mjs yaml SCHEMA BEFORE AFTER | json BEFORE AFTER - what a round trip through dcc lost,
// added or changed, one line per difference: "lost PATH", "added PATH", "changed PATH", "reordered PATH", sorted and
// unique, with list indices written [] so that a construct dcc does not carry is one line however
// often a file uses it.
//   yaml: BEFORE and AFTER are ODCS documents, read with the `yaml` package. A key whose value
//         is the default the official JSON Schema (SCHEMA) gives for a key of that name is left
//         out on both sides first (`required: false` says nothing more than no `required`), and
//         so is an empty list or mapping (`schema: []` and `description: {}` say nothing more
//         than no `schema` and no `description`: ODCS gives neither a meaning of its own).
//   json: BEFORE and AFTER are `dcc fmt --dump` models.
// Maps are compared by key; lists of objects that each have a distinct `name` by name (a
// "reordered" line when the common ones change order), other lists item by item; scalars by
// value (1.0 and 1 are the same number).
import fs from "node:fs";
import YAML from "yaml";

const [mode, ...args] = process.argv.slice(2);
let before, after;
const defaults = new Map(); // key -> list of default values the schema gives for a key of that name
if (mode === "yaml") {
  const [schemaPath, a, b] = args;
  const walk = (o, key) => {
    if (Array.isArray(o)) return o.forEach((x) => walk(x, key));
    if (!o || typeof o !== "object") return;
    if ("default" in o && key) defaults.set(key, [...(defaults.get(key) || []), o.default]);
    for (const [k, v] of Object.entries(o)) walk(v, k === "properties" || k === "$defs" ? null : k);
    if (o.properties) for (const [k, v] of Object.entries(o.properties)) walk(v, k);
  };
  walk(JSON.parse(fs.readFileSync(schemaPath, "utf8")), null);
  before = YAML.parse(fs.readFileSync(a, "utf8"));
  after = YAML.parse(fs.readFileSync(b, "utf8"));
} else if (mode === "json") {
  before = JSON.parse(fs.readFileSync(args[0], "utf8"));
  after = JSON.parse(fs.readFileSync(args[1], "utf8"));
} else {
  console.error("usage: roundtrip.mjs yaml SCHEMA BEFORE AFTER | json BEFORE AFTER");
  process.exit(2);
}

const isDefault = (k, v) => (defaults.get(k) || []).some((d) => JSON.stringify(d) === JSON.stringify(v));
const strip = (o) => {
  if (Array.isArray(o)) return o.map(strip);
  if (!o || typeof o !== "object") return o;
  const r = {};
  const empty = (v) => v && typeof v === "object" && Object.keys(v).length === 0;
  for (const [k, v] of Object.entries(o)) {
    if (isDefault(k, v)) continue;
    const sv = strip(v);
    if (!empty(sv)) r[k] = sv;
  }
  return r;
};
if (mode === "yaml") {
  before = strip(before);
  after = strip(after);
}

const out = new Set();
const kind = (v) => (Array.isArray(v) ? "list" : v === null ? "null" : typeof v);
const compare = (a, b, path) => {
  if (kind(a) !== kind(b)) return out.add(`changed ${path || "."}`);
  const named = (l) => l.length && l.every((x) => x && typeof x === "object" && !Array.isArray(x) && "name" in x) &&
    new Set(l.map((x) => JSON.stringify(x.name))).size === l.length;
  if (Array.isArray(a) && named(a) && named(b)) {
    // datasets, fields, schema objects, properties: matched by name, so that one lost element
    // does not make every later one differ
    const byName = new Map(b.map((x) => [JSON.stringify(x.name), x]));
    for (const x of a) {
      const y = byName.get(JSON.stringify(x.name));
      if (y) compare(x, y, `${path}[]`);
      else out.add(`lost ${path}[]`);
    }
    const names = new Set(a.map((x) => JSON.stringify(x.name)));
    if (b.some((y) => !names.has(JSON.stringify(y.name)))) out.add(`added ${path}[]`);
    if (a.filter((x) => byName.has(JSON.stringify(x.name))).map((x) => JSON.stringify(x.name)).join() !==
        b.filter((y) => names.has(JSON.stringify(y.name))).map((y) => JSON.stringify(y.name)).join())
      out.add(`reordered ${path}[]`);
  } else if (Array.isArray(a)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.add(`lost ${path}[]`);
      else if (i >= a.length) out.add(`added ${path}[]`);
      else compare(a[i], b[i], `${path}[]`);
    }
  } else if (a && typeof a === "object") {
    for (const k of Object.keys(a)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in b)) out.add(`lost ${p}`);
      else compare(a[k], b[k], p);
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.add(`added ${path ? `${path}.${k}` : k}`);
  } else if (a !== b) {
    out.add(`changed ${path || "."}`);
  }
};
compare(before, after, "");
for (const line of [...out].sort()) console.log(line);
