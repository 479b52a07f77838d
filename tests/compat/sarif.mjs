// sarif.mjs SCHEMA FILE... - validates SARIF logs against the published SARIF 2.1.0 schema
// (draft-04) with @hyperjump/json-schema; prints one line per file and exits 1 on any invalid one.
import fs from "node:fs";
import { registerSchema, validate } from "@hyperjump/json-schema/draft-04";
import { BASIC } from "@hyperjump/json-schema/experimental";

const [schemaPath, ...files] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const id = "https://example.invalid/sarif-schema-2.1.0.json";
delete schema.id;
registerSchema(schema, id);
let bad = 0;
for (const f of files) {
  const out = await validate(id, JSON.parse(fs.readFileSync(f, "utf8")), BASIC);
  if (out.valid) console.log(`valid: ${f}`);
  else {
    bad++;
    console.log(`INVALID: ${f}: ${JSON.stringify(out.errors.slice(0, 5))}`);
  }
}
process.exit(bad ? 1 : 0);
