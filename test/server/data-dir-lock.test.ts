import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { cleanUpLater, tempDir } from '../support/cleanup';

/**
 * The lock as its own little program, so real processes race for it. Barriers, not time windows: it
 * prints `ready`, tries the lock when it reads `go`, prints `won` or `lost:<message>`, and a winner holds
 * the lock until its stdin ends (the test's release, or the test process gone).
 */
function buildContender(): string {
  const dir = tempDir('crossdock-lock-');
  const lockModule = JSON.stringify(path.resolve(__dirname, '../../sync-server/db/data-dir-lock'));
  const entry = path.join(dir, 'contender.ts');
  fs.writeFileSync(
    entry,
    `import { createInterface } from 'node:readline';
     import { lockDataDir, type DataDirLock } from ${lockModule};
     let lock: DataDirLock | null = null;
     const lines = createInterface({ input: process.stdin });
     lines.on('line', (line) => {
       if (line !== 'go') return;
       try {
         lock = lockDataDir(process.argv[2]!);
         process.stdout.write('won\\n');
       } catch (error) {
         process.stdout.write('lost:' + (error as Error).message + '\\n');
         lines.close();
       }
     });
     lines.on('close', () => {
       lock?.release();
       process.stdin.destroy();
     });
     process.stdout.write('ready\\n');`,
  );
  const outfile = path.join(dir, 'contender.cjs');
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
  return outfile;
}

type Contender = { child: ChildProcess; nextLine(): Promise<string>; exited: Promise<number | null> };

function startContender(contender: string, dataDir: string): Contender {
  const child = spawn(process.execPath, [contender, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let read = 0;
  let closed = false; // exited, and all of its output read
  let wake = () => {};
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    wake();
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      closed = true;
      resolve(code);
      wake();
    }),
  );
  cleanUpLater(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const nextLine = async (): Promise<string> => {
    for (;;) {
      const end = stdout.indexOf('\n', read);
      if (end >= 0) {
        const line = stdout.slice(read, end);
        read = end + 1;
        return line;
      }
      if (closed) {
        const how = child.exitCode ?? child.signalCode;
        throw new Error(`contender ${child.pid} ended (${how}) without a line:\n${stderr}`);
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return { child, nextLine, exited };
}

/** Starts `count` contenders, lets them all try at once, and reads every outcome while the winner holds. */
async function race(contender: string, dataDir: string, count: number) {
  const contenders = Array.from({ length: count }, () => startContender(contender, dataDir));
  expect(await Promise.all(contenders.map((c) => c.nextLine()))).toEqual(Array(count).fill('ready'));
  for (const c of contenders) c.child.stdin!.write('go\n');
  const outcomes = await Promise.all(contenders.map((c) => c.nextLine()));
  const winner = contenders[outcomes.indexOf('won')];
  // Only now the winner lets go: no contender can start after the release and win too.
  for (const c of contenders) c.child.stdin!.end();
  expect(await Promise.all(contenders.map((c) => c.exited))).toEqual(Array(count).fill(0));
  return { outcomes, winnerPid: winner?.child.pid };
}

/** A pid no live process has: Linux never hands out pid_max itself; elsewhere, a child that has exited. */
function deadPid(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  } catch {
    return spawnSync(process.execPath, ['-e', '']).pid!;
  }
}

describe('the data folder lock under real process races', () => {
  let contender: string;
  beforeAll(() => {
    contender = buildContender();
  });

  test.each([
    ['no lock file', () => null],
    ['a stale lock of a dead process', () => `${deadPid()}\n`],
    ['an unreadable lock file', () => 'garbage'],
  ])('with %s, exactly one of several processes starting at once wins, every time', async (_name, existing) => {
    for (let round = 0; round < 10; round++) {
      const dataDir = tempDir('crossdock-lockdir-');
      const content = existing();
      if (content !== null) fs.writeFileSync(path.join(dataDir, 'crossdock.lock'), content);
      const { outcomes, winnerPid } = await race(contender, dataDir, 5);
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      const lost = new RegExp(`^lost:.*in use by another Crossdock process \\(pid ${winnerPid}\\)`);
      for (const outcome of outcomes.filter((o) => o !== 'won')) expect(outcome).toMatch(lost);
      // The winner released on exit; no lock, takeover or temporary file is left behind.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    }
  });
});
