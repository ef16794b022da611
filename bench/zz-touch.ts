import fs from 'node:fs';
import pg from 'pg';
import { startBenchServer } from './bench-server';
const info = JSON.parse(fs.readFileSync('/tmp/zz-pg/info.json', 'utf8'));
async function main() {
  const server = await startBenchServer({ DATABASE_URL: info.url, CROSSDOCK_DATA_DIR: '/tmp/zz-pg/dd' }, false);
  const c = new pg.Client({ connectionString: info.url }); await c.connect();
  for (let round = 1; round <= 5; round++) {
    await c.query(`UPDATE orders SET updated_at = now() WHERE workspace_id = $1 AND order_no IN (SELECT 'B' || lpad((g * 499 + $2::int)::text, 7, '0') FROM generate_series(1, 1000) g)`, [info.ws, round]);
    const t = process.hrtime.bigint();
    const r = await fetch(`${server.url}/v1/reports/order-lines?limit=1`, { headers: { authorization: `Bearer ${info.key}` } });
    await r.arrayBuffer();
    console.log('touch read', (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0), 'ms');
  }
  await c.end(); await server.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
