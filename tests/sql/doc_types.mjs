// doc_types.mjs DIR - the type table of docs/sql.md says what dcc generates: for every dialect
// and scalar type, the column type in DIR/<dialect>/doc_types.sql (generated from
// tests/sql/types.dc) must be the table's cell, with p,s = 12,2 and n = 10, footnote marks and
// remarks in parentheses left out. Prints "doc types: N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const doc = fs.readFileSync('docs/sql.md', 'utf8').split('\n');
const head = doc.findIndex((l) => l.startsWith('| dcc | postgres |'));
const dialects = doc[head].split('|').slice(2, -1).map((s) => s.trim());
const rows = new Map();
for (let i = head + 2; doc[i] && doc[i].startsWith('|'); i++) {
    const cells = doc[i].split('|').slice(1, -1).map((s) => s.trim());
    rows.set(cells[0], cells.slice(1));
}
const field = { 'decimal(p,s)': 'decimal', 'string(n)': 'string_n' };
const clean = (cell) => cell.replace(/[¹²³⁴⁵⁶⁷]/g, '').replace(/\(NOCASE\)/, '').replace(/\bp,s\b/, '12,2').replace(/\(n\)/, '(10)')
    .replace(/\s+/g, ' ').trim();
let passed = 0, failed = 0;
for (const [k, d] of dialects.entries()) {
    const ddl = fs.readFileSync(path.join(dir, d, 'doc_types.sql'), 'utf8');
    for (const [type, cells] of rows) {
        const name = field[type] || type;
        if (!/^[a-z0-9_]+$/.test(name)) continue; // enum, list, map, struct: not scalar
        const m = ddl.match(new RegExp('^    ["`]' + name + '["`] (.*?)( NOT NULL| DEFAULT| COMMENT| OPTIONS| COLLATE| CHARACTER SET|,?$)', 'm'));
        const got = m ? m[1] : '(no column)';
        if (got === clean(cells[k])) passed++;
        else { failed++; console.log(`FAIL: docs/sql.md says ${d} ${type} is ${JSON.stringify(clean(cells[k]))}, dcc writes ${JSON.stringify(got)}`); }
    }
}
if (passed < 100) { failed++; console.log(`only ${passed} cells compared`); }
console.log(`doc types: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
