// servers.mjs SERVERS.DEF SCHEMA-DIR - compiler/servers.def against the official ODCS JSON Schemas:
// its server types are the schema's (Server.type's enum and ServerSource), each type requires what
// v3.2.0 requires and takes what v3.2.0 lists (v3.2.0 is the union of the three versions: nothing
// was removed, and it relaxed athena's stagingDir), every field's value type is the schema's in
// every version and type that has it (a word is a string there), and the common fields are
// Server's own. Prints one line per difference and "N checked, N differ"; exits 1 on any.
import fs from "node:fs";

const [defPath, dir] = process.argv.slice(2);
const def = fs.readFileSync(defPath, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
const fields = new Map(); // name -> SV_*
for (const m of def.matchAll(/^SERVER_FIELD\((\w+), (SV_\w+), [^)]*\)/gm)) fields.set(m[1], m[2]);
const types = new Map(); // type -> {required, others}
const list = (s) => [...s.matchAll(/"(\w+)"/g)].map((x) => x[1]);
for (const m of def.matchAll(/^SERVER_TYPE\((\w+), \(([^)]*)\), \(([^)]*)\)\)/gm))
  types.set(m[1], { required: list(m[2]), others: list(m[3]) });

let checked = 0, differ = 0;
const check = (ok, what) => { checked++; if (!ok) { differ++; console.log(`differs: ${what}`); } };
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

check(fields.size >= 20 && types.size >= 30, `servers.def read: ${fields.size} fields, ${types.size} types`);
for (const v of ["3.0.2", "3.1.0", "3.2.0"]) {
  const s = JSON.parse(fs.readFileSync(`${dir}/odcs-json-schema-v${v}.json`, "utf8"));
  const defs = s.$defs ?? s.definitions;
  const server = defs.Server;
  const branches = new Map();
  for (const a of server.allOf ?? []) branches.set(a.if.properties.type.const, defs.ServerSource[a.then.$ref.split("/").pop()]);
  if (v === "3.2.0") {
    check(same(server.properties.type.enum, types.keys()), `v${v}: the server types are ${server.properties.type.enum.join(", ")}`);
    check(same(branches.keys(), types.keys()), `v${v}: ServerSource's types are ${[...branches.keys()].join(", ")}`);
    for (const [t, src] of branches) {
      const mine = types.get(t);
      if (!mine) continue;
      check(same(src.required ?? [], mine.required), `${t}: v${v} requires ${(src.required ?? []).join(", ")}, servers.def ${mine.required.join(", ")}`);
      check(same(Object.keys(src.properties), [...mine.required, ...mine.others]),
            `${t}: v${v} takes ${Object.keys(src.properties).join(", ")}, servers.def ${[...mine.required, ...mine.others].join(", ")}`);
    }
  }
  // the common fields are Server's own strings
  for (const f of ["id", "description", "environment"]) {
    if (v === "3.0.2" && f === "id") continue; // ids came in v3.1.0
    check(server.properties[f]?.type === "string" || server.properties[f]?.$ref?.endsWith("StableId"), `v${v}: Server.${f} is a string`);
  }
  // value types, in every type that has the field (v3.0.2's duckdb `schema: integer` is the
  // schema's own slip, fixed in v3.1.0)
  for (const [t, src] of branches)
    for (const [f, p] of Object.entries(src.properties)) {
      if (v === "3.0.2" && t === "duckdb" && f === "schema") continue;
      const want = fields.get(f) === "SV_INTEGER" ? "integer" : "string";
      check(fields.has(f) && p.type === want, `${t}.${f}: v${v} says ${p.type}, servers.def ${fields.get(f) ?? "nothing"}`);
    }
}
console.log(`${checked} checked, ${differ} differ`);
process.exit(differ ? 1 : 0);
