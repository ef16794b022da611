import fs from 'node:fs';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { selectOrderLinePage, selectOrderLineRowsJson } from '../sync-server/reports/order-line-page-sql';

const info = JSON.parse(fs.readFileSync('/tmp/zz-pg/info.json', 'utf8'));
async function main() {
  const a = new pg.Client({ connectionString: info.url });
  const b = new pg.Client({ connectionString: info.url });
  await a.connect(); await b.connect();
  const labels = Object.fromEntries(['pending_review','pending_contact','approved','invalid','pending_purchase','pending_shipment','shipped','delivered','cancelled'].map(s=>[s,s.toUpperCase()])) as Record<string, string>;
  const miss = { fx: 'no rate %1$s %2$s' } as Record<string, string>;
  const lit = (v: unknown) => (v === null ? 'NULL' : a.escapeLiteral(String(v)));
  for (const mode of ['query', 'copy', 'query', 'copy', 'query', 'copy']) {
    const t = Date.now();
    let after: string | null = null;
    let bytes = 0;
    let bt = 0;
    for (;;) {
      const bq = selectOrderLinePage(info.ws, after, 10000);
      const tb = Date.now();
      const bounds = (await a.query(bq.text, bq.values as unknown[])).rows[0];
      bt += Date.now() - tb;
      if (bounds.last === null) break;
      const half = async (c: pg.Client, from: string | null, to: string) => {
        const q = selectOrderLineRowsJson(info.ws, from, to, labels, miss);
        if (mode === 'query') {
          const r = await c.query(q.text, q.values as unknown[]);
          for (const row of r.rows) bytes += row.line.length;
          return;
        }
        let text = q.text;
        const vals = q.values as unknown[];
        for (let i = vals.length; i >= 1; i--) text = text.split(`$${i}`).join(lit(vals[i - 1]));
        const stream = c.query(copyTo(`COPY (${text}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`));
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        bytes += Buffer.concat(chunks).length;
      };
      await Promise.all([half(a, after, bounds.middle), half(b, bounds.middle, bounds.last)]);
      if (bounds.orders < 10000) break;
      after = bounds.last;
    }
    console.log(mode, 'bounds', bt, bytes, Date.now() - t, 'ms');
  }
  await a.end(); await b.end();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
