// duckdb_csv.mjs FILE - DuckDB's typed CSV read, for `make bench`: read_csv on one thread with the
// dialect and the ten column types of tests/bench/orders_typed.dc given (UUID, DECIMAL(9,2),
// TIMESTAMPTZ, INTEGER, VARCHAR), aggregating every column so that every cell is split and
// converted (a bad value fails the query). Run with NODE_PATH naming the folder that holds
// @duckdb/node-api. Prints "records seconds", the query's processor time (user + system of the
// process: creating the instance is not counted).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.NODE_PATH || '.', 'x.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const file = process.argv[2];
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await instance.connect();
const sql = `SELECT count(*), count(DISTINCT order_id), count(customer_id), sum(length(email)), sum(amount),
    count(DISTINCT currency), count(DISTINCT status), max(created_at), sum(quantity), count(DISTINCT channel),
    sum(length(note))
  FROM read_csv(${q(file)}, header = true, delim = ',', quote = '"', escape = '"', new_line = '\\r\\n',
    auto_detect = false, columns = {
      'order_id': 'UUID', 'customer_id': 'UUID', 'email': 'VARCHAR', 'amount': 'DECIMAL(9,2)',
      'currency': 'VARCHAR', 'status': 'VARCHAR', 'created_at': 'TIMESTAMPTZ', 'quantity': 'INTEGER',
      'channel': 'VARCHAR', 'note': 'VARCHAR'})`;
const t0 = process.cpuUsage();
const reader = await con.runAndReadAll(sql);
const t = process.cpuUsage(t0);
const row = reader.getRows()[0];
console.log(`${row[0]} ${(t.user + t.system) / 1e6}`);
