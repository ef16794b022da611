import fs from 'node:fs';
import { startBenchServer } from './bench-server';
const info = JSON.parse(fs.readFileSync('/tmp/zz-pg/info.json', 'utf8'));
async function main() {
  const server = await startBenchServer({ DATABASE_URL: info.url, CROSSDOCK_DATA_DIR: '/tmp/zz-pg/dd' }, false);
  for (const path of ['/v1/reports/order-lines?limit=1&after=B0300000', '/v1/me', '/health']) {
    for (let r = 0; r < 3; r++) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 100; i++) await (await fetch(server.url + path, { headers: { authorization: `Bearer ${info.key}` } })).arrayBuffer();
      console.log(path, (Number(process.hrtime.bigint() - t) / 1e8).toFixed(2), 'ms/request');
    }
  }
  await server.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
