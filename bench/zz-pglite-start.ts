import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// Child: node zz-pglite-start.cjs child FOLDER SB  -> prints create ms, query ms
async function child(folder: string, sb: string) {
  const t0 = process.hrtime.bigint();
  const { PGlite } = await import('@electric-sql/pglite');
  const t1 = process.hrtime.bigint();
  const opts = sb === 'default' ? {} : { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sb}`] };
  const lite = await PGlite.create(folder, opts);
  const t2 = process.hrtime.bigint();
  const r = await lite.query<{ s: string }>('SHOW shared_buffers');
  await lite.close();
  const t3 = process.hrtime.bigint();
  console.log(JSON.stringify({ sb: r.rows[0]!.s, load: Number(t1 - t0) / 1e6, create: Number(t2 - t1) / 1e6, total: Number(t3 - t0) / 1e6 }));
}

async function main() {
  if (process.argv[2] === 'child') return child(process.argv[3]!, process.argv[4]!);
  const template = path.resolve('dist/pglite-template/pgdata');
  const sizes = (process.env.ZZ_SB ?? 'default,64MB,32MB,16MB').split(',');
  const res: Record<string, number[]> = {};
  for (let round = 0; round < Number(process.env.ZZ_ROUNDS ?? 3); round++) {
    for (const sb of sizes) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-pgl-'));
      try {
        fs.cpSync(template, path.join(dir, 'pgdata'), { recursive: true });
        const t = process.hrtime.bigint();
        const out = spawnSync(process.execPath, [__filename, 'child', path.join(dir, 'pgdata'), sb], { encoding: 'utf8' });
        const wall = Number(process.hrtime.bigint() - t) / 1e6;
        const j = JSON.parse(out.stdout.trim().split('\n').pop()!);
        (res[sb] ??= []).push(wall);
        console.log(sb, j.sb, 'create', j.create.toFixed(0), 'process', wall.toFixed(0));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  for (const [sb, v] of Object.entries(res)) console.log(sb, 'median process ms', [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(0));
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
