// node_oracle.js CASES.tsv - ECMA-262 (V8, `u` flag) as an independent oracle for dcc's patterns.
// Each line of CASES.tsv (written by oracle_cases.c) holds JSON-encoded ECMA spelling, PostgreSQL
// spelling, subject, then dcc's verdict, the pattern as written, its origin and the RE2 spelling.
// A case passes when new RegExp(ecma, 'u').test(subject) gives dcc's verdict; a spelling V8
// refuses is a failure.
// With --raw the pattern as written is used instead of its translation: run.sh uses that to show
// the cases can tell the dialects apart (the raw spellings must produce mismatches).
'use strict';
const fs = require('fs');

const raw = process.argv[2] === '--raw';
const file = process.argv[raw ? 3 : 2];
if (!file) {
  console.error('usage: node node_oracle.js [--raw] CASES.tsv');
  process.exit(2);
}
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
const cache = new Map(); // ecma spelling -> RegExp or Error
let passed = 0;
let failed = 0;
const MAX_SHOWN = 40;

function report(msg) {
  if (failed <= MAX_SHOWN) console.log(msg);
}

for (const [n, line] of lines.entries()) {
  const cols = line.split('\t');
  if (cols.length !== 7) {
    failed++;
    report(`line ${n + 1}: ${cols.length} columns, want 7`);
    continue;
  }
  const [translated, , subject] = cols.slice(0, 3).map((c) => JSON.parse(c));
  const want = cols[3] === '1';
  const pattern = JSON.parse(cols[4]);
  const ecma = raw ? pattern : translated;
  const origin = JSON.parse(cols[5]);
  let re = cache.get(ecma);
  if (re === undefined) {
    try {
      re = new RegExp(ecma, 'u');
    } catch (e) {
      re = e;
    }
    cache.set(ecma, re);
  }
  const where = `${origin}: pattern ${JSON.stringify(pattern)} (ECMA ${JSON.stringify(ecma)})`;
  if (re instanceof Error) {
    failed++;
    report(`${where}: V8 rejects the translation: ${re.message}`);
    continue;
  }
  const got = re.test(subject);
  if (got === want) {
    passed++;
  } else {
    failed++;
    report(`${where} on ${JSON.stringify(subject)}: dcc ${want ? 1 : 0}, ECMA ${got ? 1 : 0}`);
  }
}
if (failed > MAX_SHOWN) console.log(`... and ${failed - MAX_SHOWN} more mismatches`);
console.log(`ECMA-262${raw ? ', untranslated patterns' : ''} (node ${process.version}): ${passed} passed, ${failed} failed`);
process.exit(failed || lines.length === 0 ? 1 : 0);
