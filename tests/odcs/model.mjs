// model.mjs YAML DUMP - the model dcc built from an ODCS file (`dcc fmt --dump`) against the
// file itself, read independently with the `yaml` package: the same datasets and fields in the
// same order, required/optional, unique, the primary key in primaryKeyPosition order, numeric
// and length bounds, and a dcc type that fits each logicalType (docs/odcs.md's mapping table).
// Prints one line per mismatch and "N checked" at the end; exits 1 on any mismatch.
import fs from "node:fs";
import YAML from "yaml";

const [yamlPath, dumpPath] = process.argv.slice(2);
const doc = YAML.parse(fs.readFileSync(yamlPath, "utf8"));
const dump = JSON.parse(fs.readFileSync(dumpPath, "utf8"));
let checked = 0, bad = 0;
const expect = (cond, what) => { checked++; if (!cond) { bad++; console.log(`${yamlPath}: ${what}`); } };

const kinds = {
  string: ["string", "uuid"], integer: ["int8", "int16", "int32", "int64", "decimal"],
  number: ["float32", "float64", "decimal"], date: ["date"], timestamp: ["timestamp", "timestamptz"],
  time: ["time"], boolean: ["boolean"], object: ["struct", "json"], array: ["list"], map: ["map"],
  undefined: ["json", "struct", "list"],
};
const num = (lit) => (lit ? Number(lit[1]) : undefined);

function checkProps(props, fields, where) {
  expect(JSON.stringify(props.map((p) => p.name)) === JSON.stringify(fields.map((f) => f.name)),
    `${where}: fields ${JSON.stringify(fields.map((f) => f.name))} != properties ${JSON.stringify(props.map((p) => p.name))}`);
  props.forEach((p, i) => {
    const f = fields[i];
    if (!f) return;
    const w = `${where}.${p.name}`;
    expect(f.optional === !(p.required === true || p.primaryKey === true), `${w}: optional ${f.optional} but required ${p.required}`);
    expect((kinds[p.logicalType] || []).includes(f.type.kind), `${w}: logicalType ${p.logicalType} read as ${f.type.kind}`);
    expect(!!(f.attrs && f.attrs.unique) === (p.unique === true), `${w}: unique differs`);
    const o = p.logicalTypeOptions || {};
    if (["integer", "number"].includes(p.logicalType)) {
      const lo = o.exclusiveMinimum ?? o.minimum, hi = o.exclusiveMaximum ?? o.maximum;
      const r = (f.attrs && f.attrs.range) || {};
      expect(num(r.lo) === lo, `${w}: lower bound ${JSON.stringify(r.lo)} != ${lo}`);
      expect(num(r.hi) === hi, `${w}: upper bound ${JSON.stringify(r.hi)} != ${hi}`);
      if (lo !== undefined) expect(r.lo_inclusive === (o.exclusiveMinimum === undefined), `${w}: lower bound inclusivity`);
    }
    if (p.logicalType === "string") {
      // string(N) holds the maximum when the physical type is varchar(N)
      const l = (f.attrs && f.attrs.length) || {};
      const hi = num(l.hi) ?? num(f.type.max);
      expect(num(l.lo) === o.minLength && hi === o.maxLength, `${w}: length ${JSON.stringify(l)} (type ${JSON.stringify(f.type.max)}) != ${o.minLength}..${o.maxLength}`);
    }
    if (f.type.kind === "struct") checkProps(p.properties || [], f.type.fields || [], w);
  });
}

const objects = doc.schema || [];
expect(JSON.stringify(objects.map((o) => o.name)) === JSON.stringify(dump.datasets.map((d) => d.name)), "datasets differ from schema objects");
objects.forEach((o, i) => {
  const ds = dump.datasets[i];
  if (!ds) return;
  const props = o.properties || [];
  checkProps(props, ds.fields, o.name);
  const keyable = (p) => p.primaryKey === true && !["object", "array", "map", undefined].includes(p.logicalType);
  const pos = (p) => (p.primaryKeyPosition >= 0 ? p.primaryKeyPosition : Infinity);
  const pk = props.map((p, j) => [p, j]).filter(([p]) => keyable(p)).sort((a, b) => pos(a[0]) - pos(b[0]) || a[1] - b[1]).map(([p]) => p.name);
  expect(JSON.stringify(pk) === JSON.stringify(ds.primary_key || []), `${o.name}: primary key ${JSON.stringify(ds.primary_key)} != ${JSON.stringify(pk)}`);
});
if (["draft", "active", "deprecated", "retired"].includes(doc.status)) expect(dump.status === doc.status, `status ${dump.status} != ${doc.status}`);
console.log(`${checked} checked`);
process.exit(bad ? 1 : 0);
