import fs from 'node:fs';
import { startBenchServer } from './bench-server';

const info = JSON.parse(fs.readFileSync('/tmp/zz-pg/info.json', 'utf8'));
const limit = Number(process.env.ZZ_LIMIT ?? 10000);

async function readAll(url: string, mode: string): Promise<number> {
  let after: string | null = null;
  let lines = 0;
  let bytes = 0;
  let pending: Promise<Response> | null = null;
  const get = (a: string | null) =>
    fetch(`${url}/v1/reports/order-lines?limit=${limit}${a ? `&after=${a}` : ''}`, {
      headers: { authorization: `Bearer ${info.key}` },
    });
  do {
    const response: Response = await (pending ?? get(after));
    pending = null;
    if (mode === 'stream') {
      const hdr = /after=([^&>]+)/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
      if (hdr) pending = get(hdr);
      for await (const c of response.body!) bytes += (c as Uint8Array).byteLength;
      after = hdr;
    } else if (mode === 'bytes') {
      const b = await response.arrayBuffer();
      bytes += b.byteLength;
      const tail = Buffer.from(b.slice(b.byteLength - 40)).toString();
      const m = /"next":("[^"]*"|null)\}$/.exec(tail);
      after = JSON.parse(m![1]!);
    } else {
      const hdr = /after=([^&>]+)/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
      if (mode === 'pipe' && hdr) pending = get(hdr);
      const body = (await response.json()) as { rows: unknown[]; next: string | null };
      lines += body.rows.length;
      after = body.next;
    }
  } while (after !== null);
  return lines || bytes;
}

async function main() {
  const server = await startBenchServer(
    { DATABASE_URL: info.url, CROSSDOCK_DATA_DIR: '/tmp/zz-pg/dd' },
    false,
  );
  try {
    for (const mode of (process.env.ZZ_MODES ?? 'bytes,json').split(',')) {
      for (let i = 0; i < Number(process.env.ZZ_RUNS ?? 3); i++) {
        const t = process.hrtime.bigint();
        const n = await readAll(server.url, mode);
        console.log(mode, n, (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0), 'ms');
      }
    }
  } finally {
    await server.stop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
