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

// ODCS element metadata (issue 14): carried as written. A physicalType may be left out of the
// model only when it is the one dcc writes for the type read (docs/odcs.md's writing table), and,
// unless dcc wrote the file from a contract with house rules (customProperties dccHouseRules),
// only for a type that is read back by it (decimal, bytes, string(N)): any other file is a
// `standard odcs` contract, written back with the physicalTypes it says and only those.
const saysType = (t) => t.kind === "decimal" || t.kind === "bytes" || (t.kind === "string" && !!t.max);
const houseRules = (doc.customProperties || []).some((c) => c && c.property === "dccHouseRules" && c.value === true);
const str = (lit) => (lit ? lit[1] : undefined);
const pgTypes = { boolean: "boolean", int8: "smallint", int16: "smallint", int32: "integer", int64: "bigint",
  float32: "real", float64: "double precision", bytes: "bytea", date: "date", time: "time", timestamp: "timestamp",
  timestamptz: "timestamptz", uuid: "uuid", enum: "text", json: "jsonb", list: "jsonb", map: "jsonb", struct: "jsonb" };
function defaultPhysical(t) {
  if (t.kind === "string") return t.max ? `varchar(${t.max[1]})` : "text";
  if (t.kind === "decimal") return `numeric(${t.precision[1]},${t.scale[1]})`;
  return pgTypes[t.kind];
}
function checkMeta(p, f, w) {
  const a = f.attrs || {};
  for (const [key, attr] of [["id", "id"], ["businessName", "business_name"], ["physicalName", "physical_name"], ["encryptedName", "encrypted_name"]])
    expect(str(a[attr]) === p[key], `${w}: ${key} ${JSON.stringify(p[key])} read as ${JSON.stringify(a[attr])}`);
  if (a.physical_type) expect(str(a.physical_type) === p.physicalType, `${w}: physicalType ${p.physicalType} read as ${JSON.stringify(a.physical_type)}`);
  else expect(p.physicalType === undefined || ((houseRules || saysType(f.type)) && p.physicalType === defaultPhysical(f.type)), `${w}: physicalType ${p.physicalType} lost (the type read is ${f.type.kind})`);
  expect(!!a.critical === (p.criticalDataElement === true), `${w}: criticalDataElement differs`);
  // a number as its value (YAML reads -3e2 as -300), anything else as its text
  const ex = (p.examples || []).map((v) => (typeof v === "number" ? v : String(v)));
  const got = (a.examples || []).map((l) => (l[0] === "number" ? Number(l[1]) : l[1]));
  expect(JSON.stringify(got) === JSON.stringify(ex), `${w}: examples ${JSON.stringify(a.examples)} != ${JSON.stringify(p.examples)}`);
  if (p.logicalType === "integer" && !(p.logicalTypeOptions || {}).format) expect(f.type.written === "integer", `${w}: integer without format read as ${f.type.written}`);
}

function checkProps(props, fields, where) {
  expect(JSON.stringify(props.map((p) => p.name)) === JSON.stringify(fields.map((f) => f.name)),
    `${where}: fields ${JSON.stringify(fields.map((f) => f.name))} != properties ${JSON.stringify(props.map((p) => p.name))}`);
  props.forEach((p, i) => {
    const f = fields[i];
    if (!f) return;
    const w = `${where}.${p.name}`;
    // a key column implies not null, unless no dcc key can hold it (logicalType object, array,
    // map or none): then it is in no key, its primaryKey carried in meta, and `required` alone says
    const keyed = p.primaryKey === true && !["object", "array", "map", undefined].includes(p.logicalType);
    expect(f.optional === !(p.required === true || keyed), `${w}: optional ${f.optional} but required ${p.required}`);
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
    checkMeta(p, f, w);
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
  const part = props.map((p, j) => [p, j]).filter(([p]) => p.partitioned === true)
    .sort((a, b) => (a[0].partitionKeyPosition ?? Infinity) - (b[0].partitionKeyPosition ?? Infinity) || a[1] - b[1]).map(([p]) => p.name);
  expect(JSON.stringify(part) === JSON.stringify(ds.partition_key || []), `${o.name}: partition key ${JSON.stringify(ds.partition_key)} != ${JSON.stringify(part)}`);
  const m = ds.meta || {};
  for (const [key, attr] of [["id", "id"], ["businessName", "business_name"], ["physicalName", "physical_name"]])
    expect(str(m[attr]) === o[key], `${o.name}: ${key} ${JSON.stringify(o[key])} read as ${JSON.stringify(m[attr])}`);
  expect(str(m.physical_type) === (houseRules && o.physicalType === "table" ? undefined : o.physicalType), `${o.name}: physicalType ${o.physicalType} read as ${JSON.stringify(m.physical_type)}`);
});
// dccNoStatus: dcc wrote the required status for a contract that says none
const noStatus = (doc.customProperties || []).some((c) => c && c.property === "dccNoStatus" && c.value === true);
if (noStatus) expect(dump.status === undefined, `status ${dump.status} read from a document with dccNoStatus`);
else if (["draft", "active", "deprecated", "retired"].includes(doc.status)) expect(dump.status === doc.status, `status ${dump.status} != ${doc.status}`);
console.log(`${checked} checked`);
process.exit(bad ? 1 : 0);
