// ajv.mjs SCHEMA FILE... - the official ODCS JSON Schema as the oracle: for each YAML file, read
// with the `yaml` package (YAML 1.2 core schema, duplicate keys refused), print
// "FILE<TAB>valid" or "FILE<TAB>invalid<TAB>first error". ajv's 2019-09 build: the ODCS schemas
// are draft 2019-09 and use unevaluatedProperties.
import fs from "node:fs";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2019({ strict: false, allErrors: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
for (const f of files) {
  let doc;
  try {
    doc = YAML.parse(fs.readFileSync(f, "utf8"), { uniqueKeys: true, maxAliasCount: 0 });
  } catch (e) {
    console.log(`${f}\tinvalid\tYAML: ${String(e.message).split("\n")[0]}`);
    continue;
  }
  if (validate(doc)) console.log(`${f}\tvalid`);
  else console.log(`${f}\tinvalid\t${validate.errors[0].instancePath} ${validate.errors[0].message}`);
}
