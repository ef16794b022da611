import fs from 'node:fs';
import pg from 'pg';
import { startBenchServer } from './bench-server';
import { seedReportOrders, type Query } from './report-seed';

async function main() {
  const admin = 'postgres://postgres@127.0.0.1:55499/postgres';
  const c0 = new pg.Client({ connectionString: admin });
  await c0.connect();
  await c0.query('DROP DATABASE IF EXISTS crossdock_dev');
  await c0.query('CREATE DATABASE crossdock_dev');
  await c0.end();
  const url = 'postgres://postgres@127.0.0.1:55499/crossdock_dev';
  const server = await startBenchServer({ DATABASE_URL: url, CROSSDOCK_DATA_DIR: '/tmp/zz-pg/dd' });
  const me = (await (await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${server.key}` } })).json()) as any;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q: Query = (text, values) => client.query(text, values as unknown[]);
  await seedReportOrders(500_000, q, me.workspace.id);
  const t = Date.now();
  await fetch(`${server.url}/v1/reports/order-lines?limit=1`, { headers: { authorization: `Bearer ${server.key}` } });
  console.log('first compute ms', Date.now() - t);
  fs.writeFileSync('/tmp/zz-pg/info.json', JSON.stringify({ url, key: server.key, ws: me.workspace.id }));
  await client.end();
  await server.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
