// regex_oracle.mjs CASES.tsv - DuckDB's regexp_matches (RE2) as an independent oracle for the
// pattern spelling the SQL target hands DuckDB (regex_translate's REGEX_RE2). CASES.tsv is what
// tests/regex/oracle_cases.c writes: JSON columns, the RE2 spelling last. A case passes when
// regexp_matches(subject, spelling) gives dcc's verdict; a spelling DuckDB refuses is a failure.
// With --raw the pattern as written is used: some cases must then disagree, or they could not
// tell RE2's meaning from dcc's. Prints mismatches and "duckdb regex: N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const { DuckDBInstance } = await import(path.join(here, 'node/node_modules/@duckdb/node-api/lib/index.js'));
const raw = process.argv[2] === '--raw';
const file = process.argv[raw ? 3 : 2];
const cases = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const conn = await (await DuckDBInstance.create(':memory:')).connect();
await conn.run('CREATE TABLE cases (n INTEGER, re2 VARCHAR, subject VARCHAR, want BOOLEAN)');
const app = await conn.createAppender('cases');
let bad = 0;
cases.forEach((c, n) => {
    if (c.length !== 7) { bad++; console.log(`line ${n + 1}: ${c.length} columns, want 7`); return; }
    app.appendInteger(n);
    app.appendVarchar(JSON.parse(raw ? c[4] : c[6]));
    app.appendVarchar(JSON.parse(c[2]));
    app.appendBoolean(c[3] === '1');
    app.endRow();
});
app.closeSync();
// One pattern that RE2 refuses would abort a whole query: test each distinct spelling first.
const refused = new Set();
for (const [p] of (await conn.runAndReadAll('SELECT DISTINCT re2 FROM cases')).getRows()) {
    try { await conn.run(`SELECT regexp_matches('', '${p.replace(/'/g, "''")}')`); }
    catch (e) { refused.add(p); if (!raw) console.log(`DuckDB refuses ${JSON.stringify(p)}: ${e.message.split('\n')[0]}`); }
}
const rows = (await conn.runAndReadAll('SELECT n, re2, subject, want FROM cases ORDER BY n')).getRows();
let passed = 0, failed = bad, shown = 0;
const verdicts = new Map();
for (const [n, re2, subject, want] of rows) {
    if (refused.has(re2)) { failed++; continue; }
    verdicts.set(n, [re2, subject, want]);
}
// regexp_matches over every case in one query
const skip = refused.size ? `WHERE re2 NOT IN (${[...refused].map((p) => `'${p.replace(/'/g, "''")}'`).join(', ')})` : '';
const res = (await conn.runAndReadAll(`SELECT n, regexp_matches(subject, re2) FROM cases ${skip} ORDER BY n`)).getRows();
for (const [n, got] of res) {
    const [re2, subject, want] = verdicts.get(n);
    if (got === want) passed++;
    else {
        failed++;
        if (!raw && shown++ < 40) console.log(`${JSON.stringify(re2)} on ${JSON.stringify(subject)}: dcc ${want ? 1 : 0}, DuckDB ${got ? 1 : 0}`);
    }
}
if (passed + failed !== cases.length) { failed++; console.log(`${cases.length} cases but ${passed + failed} verdicts`); }
console.log(`duckdb regex${raw ? ' (as written)' : ''}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
