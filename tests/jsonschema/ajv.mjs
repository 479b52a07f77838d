// ajv.mjs - ajv as docs/jsonschema.md tells consumers to set it up: the 2020-12 class in strict
// mode (every strict option on), ajv-formats for date, date-time and uuid, the x-dcc- keywords
// declared as annotations, and multipleOfPrecision so that decimal scales are checked with a
// tolerance a double can meet (docs: "Known differences").
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fs from "node:fs";

// the vocabulary, as dcc declares it (targets/jschema.c, docs/jsonschema.md)
export const vocabulary = ["x-dcc-contract", "x-dcc-sla", "x-dcc-primary-key", "x-dcc-unique-keys", "x-dcc-quality",
  "x-dcc-upstream", "x-dcc-type", "x-dcc-unique", "x-dcc-references", "x-dcc-unit", "x-dcc-term",
  "x-dcc-classification", "x-dcc-pii", "x-dcc-deprecated", "x-dcc-range", "x-dcc-values"];

export function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, multipleOfPrecision: 2 });
  addFormats(ajv);
  ajv.addVocabulary(vocabulary);
  return ajv;
}
void fs;
