// openapi.mjs - the OpenAPI target against @redocly/openapi-core: every document must be valid
// OpenAPI 3.1 (its "struct" rule checks the document against the specification's structure) with
// every $ref resolved, and no problem of any severity reported by those rules.
//   node openapi.mjs OPENAPI_DIR
import fs from "node:fs";
import path from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";

const [dir] = process.argv.slice(2);
let pass = 0, fail = 0;
const config = await createConfig({
  rules: { struct: "error", "no-unresolved-refs": "error", "operation-operationId-unique": "error",
    "path-parameters-defined": "error", "no-identical-paths": "error", "spec-components-invalid-map-name": "error" },
});
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".openapi.json")).sort();
if (!files.length) { console.log("FAIL: no OpenAPI documents"); fail++; }
for (const f of files) {
  const source = fs.readFileSync(path.join(dir, f), "utf8");
  const problems = await lintFromString({ source, absoluteRef: path.resolve(dir, f), config });
  if (JSON.parse(source).openapi !== "3.1.0") { fail++; console.log(`FAIL: ${f} is not OpenAPI 3.1.0`); }
  if (problems.length === 0) { pass++; console.log(`${f}: valid OpenAPI 3.1`); continue; }
  fail++;
  for (const p of problems.slice(0, 10)) console.log(`FAIL: ${f}: ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
