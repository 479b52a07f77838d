// parse.mjs DIR - every statement dcc writes for MySQL, Snowflake, BigQuery, Spark and Trino
// must parse with an independent parser of that dialect: the grammars of Spark and Trino
// themselves (dt-sql-parser builds them from the projects' ANTLR files) and node-sql-parser for
// MySQL, Snowflake and BigQuery. DIR/<dialect>/ holds the generated files. What a parser cannot
// judge is listed in tests/sql/unparsed.tsv with the reason: either a whole kind of statement, or
// a clause it does not know, which is then removed before the statement is parsed.
// Run as `node --import ./tests/sql/esm_dirs.mjs tests/sql/parse.mjs DIR`.
// Prints each failure and "parsers: N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, 'node/package.json'));
const { Parser } = require('node-sql-parser');
const dt = await import(path.join(here, 'node/node_modules/dt-sql-parser/dist/index.js'));
const nsp = new Parser();
const viaNsp = (database) => (st) => { try { nsp.astify(st, { database }); return null; } catch (e) { return e.message.slice(0, 160); } };
const viaDt = (p) => (st) => { const errs = p.validate(st); return errs.length ? errs.map((e) => `${e.startLine}:${e.startColumn} ${e.message}`).join('; ') : null; };
const parsers = {
    mysql: viaNsp('MySQL'), snowflake: viaNsp('Snowflake'), bigquery: viaNsp('BigQuery'),
    spark: viaDt(new dt.SparkSQL()), trino: viaDt(new dt.TrinoSQL()),
};
// dialect, kind, regular expression, why, replacement: kind `statement` leaves out the statements
// that match; `clause` removes what matches and `type` replaces it (a type the grammar lacks)
// before the statement is parsed.
const limits = fs.readFileSync(path.join(here, 'unparsed.tsv'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'))
    .map(([d, kind, re, why, by]) => ({ d, kind, re: new RegExp(re, kind === 'statement' ? '' : 'g'), why, by: by || '' }));

// Statements: split at `;` outside quotes and comments. A backslash escapes inside quotes in
// every one of these dialects but Trino.
function split(text, backslash) {
    const out = [];
    let s = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "'" || c === '"' || c === '`') {
            for (i++; i < text.length; i++) {
                if (backslash && text[i] === '\\') { i++; continue; }
                if (text[i] === c) { if (text[i + 1] === c) { i++; continue; } break; }
            }
        } else if (c === '-' && text[i + 1] === '-') { while (i < text.length && text[i] !== '\n') i++; }
        else if (c === ';') { out.push(text.slice(s, i)); s = i + 1; }
    }
    return out.map((x) => x.replace(/^(\s*--[^\n]*\n)*\s*/, '').trim()).filter(Boolean);
}

let passed = 0, failed = 0;
const used = new Map();
const dir = process.argv[2];
for (const [dialect, parse] of Object.entries(parsers)) {
    const d = path.join(dir, dialect);
    if (!fs.existsSync(d)) { failed++; console.log(`FAIL: ${d} missing`); continue; }
    for (const f of fs.readdirSync(d).sort()) {
        for (let st of split(fs.readFileSync(path.join(d, f), 'utf8'), dialect !== 'trino')) {
            const mine = limits.filter((x) => x.d === dialect);
            const whole = mine.find((x) => x.kind === 'statement' && x.re.test(st));
            if (whole) { used.set(`${dialect}: ${whole.why}`, (used.get(`${dialect}: ${whole.why}`) || 0) + 1); passed++; continue; }
            for (const x of mine.filter((y) => y.kind !== 'statement')) {
                const before = st;
                st = st.replace(x.re, x.by);
                if (st !== before) used.set(`${dialect}: ${x.why}`, (used.get(`${dialect}: ${x.why}`) || 0) + 1);
            }
            const err = parse(st);
            if (!err) { passed++; continue; }
            failed++;
            console.log(`FAIL: ${dialect} ${f}: ${err}\n    ${st.replace(/\n/g, "\n    ")}`);
        }
    }
}
for (const [k, n] of used) console.log(`not judged by the parser (${n} statements): ${k}`);
console.log(`parsers: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
