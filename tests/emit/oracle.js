// oracle.js DIR N - Node as the oracle of compiler/jsonw.c: for each DIR/I.json that cases.c
// wrote, JSON.parse must read it, the value must be the one DIR/I.spec says was written (strings
// decoded from their raw bytes by WHATWG's TextDecoder, which replaces invalid UTF-8 the way the
// writer must; the text itself must be valid UTF-8), and, when every number is in JavaScript's own spelling, JSON.stringify with the
// same indent must give back the very same text (so the layout is the usual one).
// Prints mismatches and "N passed, N failed".
'use strict';
const fs = require('fs');
const [dir, count] = [process.argv[2], Number(process.argv[3])];
const decoder = new TextDecoder('utf-8', { fatal: false });
const strict = new TextDecoder('utf-8', { fatal: true });

function fromHex(hex) {
    return decoder.decode(Buffer.from(hex, 'hex'));
}

// Builds the expected value from the spec lines; state.canonical says whether JSON.stringify
// would spell it as written (numbers in JavaScript's spelling, keys kept in order).
function build(lines, state) {
    const line = lines[state.i++];
    const tag = line[0];
    const arg = line.slice(2);
    switch (tag) {
    case 'O': {
        // assignment in order: a repeated key keeps its first place and takes the last value,
        // as JSON.parse does
        const o = Object.create(null);
        for (let k = 0; k < Number(arg); k++) {
            const key = fromHex(lines[state.i++].slice(2));
            // JavaScript moves array-index keys to the front and keeps one of repeated keys:
            // the text then cannot be compared with JSON.stringify's, only the value can
            if (/^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295) state.canonical = false;
            if (Object.prototype.hasOwnProperty.call(o, key)) state.canonical = false;
            o[key] = build(lines, state);
        }
        return o;
    }
    case 'A': {
        const a = [];
        for (let k = 0; k < Number(arg); k++) a.push(build(lines, state));
        return a;
    }
    case 'S': return fromHex(arg);
    case 'N':
        if (String(Number(arg)) !== arg) state.canonical = false;
        return Number(arg);
    case 'T': return true;
    case 'F': return false;
    case 'Z': return null;
    }
    throw new Error('bad spec line: ' + line);
}

let pass = 0, fail = 0;
for (let i = 0; i < count; i++) {
    let text;
    try {
        text = strict.decode(fs.readFileSync(`${dir}/${i}.json`)); // JSON is UTF-8, every byte of it
    } catch (e) {
        console.log(`bad ${i}: not UTF-8`);
        fail++;
        continue;
    }
    const lines = fs.readFileSync(`${dir}/${i}.spec`, 'utf8').split('\n');
    const indent = Number(lines[0].split(' ')[1]);
    const state = { i: 1, canonical: true };
    const expected = build(lines, state);
    let got;
    try {
        got = JSON.parse(text);
    } catch (e) {
        console.log(`bad ${i}: not JSON: ${e.message}`);
        fail++;
        continue;
    }
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
        console.log(`bad ${i}: value\n  got      ${JSON.stringify(got)}\n  expected ${JSON.stringify(expected)}`);
        fail++;
        continue;
    }
    if (state.canonical && JSON.stringify(got, null, indent || undefined) + '\n' !== text) {
        console.log(`bad ${i}: layout differs from JSON.stringify(v, null, ${indent})`);
        fail++;
        continue;
    }
    pass++;
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
