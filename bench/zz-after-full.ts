import fs from 'node:fs';
import pg from 'pg';
import { startBenchServer } from './bench-server';
const info = JSON.parse(fs.readFileSync('/tmp/zz-pg/info.json', 'utf8'));
async function read(url: string) {
  const get = (after: string | null) => fetch(`${url}/v1/reports/order-lines?limit=10000${after ? `&after=${after}` : ''}`, { headers: { authorization: `Bearer ${info.key}` } });
  let bytes = 0; let response = await get(null);
  for (;;) {
    const m = /after=([^&>]+)/.exec(response.headers.get('link') ?? '');
    const next = m ? get(m[1]!) : null;
    for await (const c of response.body!) bytes += (c as Uint8Array).byteLength;
    if (!next) return bytes;
    response = await next;
  }
}
async function main() {
  const server = await startBenchServer({ DATABASE_URL: info.url, CROSSDOCK_DATA_DIR: '/tmp/zz-pg/dd' }, false);
  const c = new pg.Client({ connectionString: info.url }); await c.connect();
  const t = async (label: string) => { const s = process.hrtime.bigint(); await read(server.url); console.log(label, (Number(process.hrtime.bigint() - s) / 1e6).toFixed(0)); };
  await t('warm'); await t('warm');
  await c.query(`INSERT INTO report_dirty (workspace_id, order_no) VALUES ($1, NULL)`, [info.ws]);
  let s = Date.now(); await (await fetch(`${server.url}/v1/reports/order-lines?limit=1`, { headers: { authorization: `Bearer ${info.key}` } })).arrayBuffer(); console.log('full', Date.now() - s);
  await t('after full'); await t('after full'); await t('after full');
  s = Date.now(); await c.query('VACUUM report_lines'); console.log('vacuum', Date.now() - s);
  await t('after vacuum'); await t('after vacuum'); await t('after vacuum');
  await c.end(); await server.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
