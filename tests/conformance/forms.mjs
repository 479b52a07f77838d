// forms.mjs DIR OUT - the three forms of every JSONTestSuite file of DIR (see run.sh), written
// as OUT/rec.jsonl, OUT/val.jsonl and OUT/val.csv, with OUT/index.{record,field,cell}: record
// number, file name, kind (y, n, i) and, for records, whether the text is an object. In one
// process: a shell loop over 318 files spent minutes starting programs on a loaded machine.
import fs from "node:fs";
import path from "node:path";

const [dir, out] = process.argv.slice(2);
const files = fs.readdirSync(dir).filter(f => /^[yni]_.*\.json$/.test(f)).sort();
const rec = [], val = [], cell = [Buffer.from("v\n")];
const ix = {record: [], field: [], cell: []};
let linesOnly = 0;
const NL = 0x0a, ws = b => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;
for (const name of files) {
    const kind = name[0];
    const text = fs.readFileSync(path.join(dir, name));
    let nl = 0;
    for (const b of text) if (b === NL) nl++;
    const inner = text.length && text[text.length - 1] === NL ? nl - 1 : nl;
    if (inner === 0 || kind === "y") {
        const line = Buffer.from(text.map(b => (b === NL ? 0x20 : b)));
        const first = line.find(b => !ws(b));
        if (first !== undefined) { // a blank line is no record: nothing to reject
            rec.push(line, Buffer.from("\n"));
            ix.record.push(`${ix.record.length + 1}\t${name}\t${kind}\t${first === 0x7b ? "object" : "other"}`);
        }
        val.push(Buffer.from('{"v":'), line, Buffer.from("}\n"));
        ix.field.push(`${ix.field.length + 1}\t${name}\t${kind}`);
    } else {
        linesOnly++;
    }
    // the cell: quotes doubled; the line break after it is JSON whitespace inside the quotes
    const q = [];
    for (const b of text) { q.push(b); if (b === 0x22) q.push(b); }
    cell.push(Buffer.from('"'), Buffer.from(q), Buffer.from('\n"\n'));
    ix.cell.push(`${ix.cell.length + 1}\t${name}\t${kind}`);
}
fs.writeFileSync(path.join(out, "rec.jsonl"), Buffer.concat(rec));
fs.writeFileSync(path.join(out, "val.jsonl"), Buffer.concat(val));
fs.writeFileSync(path.join(out, "val.csv"), Buffer.concat(cell));
for (const [k, v] of Object.entries(ix)) fs.writeFileSync(path.join(out, `index.${k}`), v.join("\n") + "\n");
console.log(`JSONTestSuite: ${files.length} files; ${ix.record.length} as records, ${ix.field.length} as json fields, ` +
            `${ix.cell.length} as CSV cells (${linesOnly} n_/i_ files with a line break inside as CSV cells only)`);
