import fs from 'node:fs';
import pg from 'pg';
import { copyJsonElements } from '../sync-server/db/copy-lines';
import { selectOrderLinePage, selectOrderLineRowsJson } from '../sync-server/reports/order-line-page-sql';

const info = JSON.parse(fs.readFileSync('/tmp/zz-pg/info.json', 'utf8'));
async function main() {
  const pool = new pg.Pool({ connectionString: info.url, max: 4 });
  const labels = Object.fromEntries(['pending_review','pending_contact','approved','invalid','pending_purchase','pending_shipment','shipped','delivered','cancelled'].map(s=>[s,s.toUpperCase()])) as Record<string, string>;
  const miss = { fx: 'no rate %1$s %2$s' } as Record<string, string>;
  for (let round = 0; round < 3; round++) {
    let t = Date.now();
    const pages: { after: string | null; middle: string; last: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const bq = selectOrderLinePage(info.ws, after, 10000);
      const b = (await pool.query(bq.text, bq.values as unknown[])).rows[0];
      if (b.last === null) break;
      pages.push({ after, middle: b.middle, last: b.last });
      if (b.orders < 10000) break;
      after = b.last;
    }
    const tb = Date.now() - t;
    t = Date.now();
    let bytes = 0;
    for (const p of pages) {
      const parts = await Promise.all([
        copyJsonElements(pool, selectOrderLineRowsJson(info.ws, p.after, p.middle, labels, miss)),
        copyJsonElements(pool, selectOrderLineRowsJson(info.ws, p.middle, p.last, labels, miss)),
      ]);
      for (const part of parts) for (const c of part) bytes += c.length;
    }
    const tc = Date.now() - t;
    t = Date.now();
    for (const p of pages) {
      await copyJsonElements(pool, selectOrderLineRowsJson(info.ws, p.after, p.last, labels, miss));
    }
    console.log('bounds', tb, 'copy halves', tc, 'copy whole', Date.now() - t, bytes);
  }
  await pool.end();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
