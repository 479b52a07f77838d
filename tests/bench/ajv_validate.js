// ajv_validate.js SCHEMA FILE - validates each JSON line with ajv (the JSON Schema validator
// most JavaScript pipelines use) and prints "records invalid seconds cpu_seconds" for the
// benchmark: the wall and the processor time (user + system) of the loop, after node has started
// and compiled the schema.
'use strict';
const fs = require('fs');
const readline = require('readline');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
// multipleOfPrecision: decimals arrive as binary doubles; dcc checks their digits exactly instead.
const ajv = new Ajv2020({allErrors: false, multipleOfPrecision: 9});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const start = process.hrtime.bigint(), cpu0 = process.cpuUsage();
let records = 0, invalid = 0;
const rl = readline.createInterface({input: fs.createReadStream(process.argv[3], {highWaterMark: 1 << 20}), crlfDelay: Infinity});
rl.on('line', (line) => {
  if (!line) return;
  records++;
  if (!validate(JSON.parse(line))) invalid++;
});
rl.on('close', () => {
  const secs = Number(process.hrtime.bigint() - start) / 1e9, cpu = process.cpuUsage(cpu0);
  console.log(`${records} ${invalid} ${secs} ${(cpu.user + cpu.system) / 1e6}`);
});
