// compile.mjs - the schemas of hostile contracts (keywords as names, quotes, comment closers,
// control characters, names that differ only in case) must still be schemas: every JSON Schema
// compiles in ajv strict mode and in @hyperjump, every Avro schema in avsc.
//   node compile.mjs JSONSCHEMA_DIR AVRO_DIR
import fs from "node:fs";
import path from "node:path";
import avro from "avsc";
import { registerSchema, validate } from "@hyperjump/json-schema/draft-2020-12";
import { makeAjv } from "./ajv.mjs";

const [jsDir, avDir] = process.argv.slice(2);
let pass = 0, fail = 0;
for (const f of fs.readdirSync(jsDir).sort()) {
  const schema = JSON.parse(fs.readFileSync(path.join(jsDir, f), "utf8"));
  try { makeAjv().compile(schema); pass++; } catch (e) { fail++; console.log(`FAIL: ${f}: ajv: ${e.message}`); }
  try { registerSchema(schema); await validate(schema.$id); pass++; } catch (e) { fail++; console.log(`FAIL: ${f}: @hyperjump: ${e.message}`); }
}
for (const f of fs.readdirSync(avDir).sort()) {
  try { avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(avDir, f), "utf8"))); pass++; }
  catch (e) { fail++; console.log(`FAIL: ${f}: avsc: ${e.message}`); }
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
