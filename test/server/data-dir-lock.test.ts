import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

/** The lock as its own little program, so real processes race for it. */
function buildContender(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-lock-'));
  const entry = path.join(dir, 'contender.ts');
  fs.writeFileSync(
    entry,
    `import { lockDataDir } from ${JSON.stringify(path.resolve(__dirname, '../../sync-server/db/data-dir-lock'))};
     try {
       const lock = lockDataDir(process.argv[2]!);
       process.stdout.write('won');
       setTimeout(() => { lock.release(); }, 700);
     } catch (error) {
       process.stdout.write('lost:' + (error as Error).message);
     }`,
  );
  const outfile = path.join(dir, 'contender.cjs');
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
  return outfile;
}

function race(contender: string, dataDir: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, () => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [contender, dataDir]);
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('exit', () => resolve(out));
    })),
  );
}

describe('the data folder lock under real process races', () => {
  const contender = buildContender();

  test.each([
    ['no lock file', null],
    ['a stale lock of a dead process', '999999\n'],
    ['an unreadable lock file', 'garbage'],
  ])('with %s, exactly one of several processes starting at once wins, every time', async (_name, existing) => {
    for (let round = 0; round < 10; round++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-lockdir-'));
      if (existing !== null) fs.writeFileSync(path.join(dataDir, 'crossdock.lock'), existing);
      const outcomes = await race(contender, dataDir, 5);
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      for (const lost of outcomes.filter((o) => o !== 'won')) expect(lost).toMatch(/^lost:.*in use by another Crossdock process \(pid \d+\)/);
      expect(fs.existsSync(path.join(dataDir, 'crossdock.lock'))).toBe(false);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
