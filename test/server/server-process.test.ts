import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cleanUpLater } from '../support/cleanup';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { databaseEnv, SERVER_BUNDLE, serverCommand, START_SCRIPT, startServerProcess } from '../support/server-process';

describe.each(DATABASE_KINDS)('the server process (npm start) on %s', (kind) => {
  test('first start prints the URL and a working admin key; health and readiness answer; SIGTERM stops cleanly', async () => {
    const fresh = await freshDatabaseConfig(kind);
    try {
      const server = await startServerProcess(databaseEnv(fresh.config));
      expect(server.adminKey).toMatch(/^cdk_/);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ ok: true, database: kind });
      const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${server.adminKey}` } });
      expect(me.status).toBe(200);
      expect(await server.stop('SIGTERM')).toBe(0);
      // The key is shown on the terminal once, never in the structured log lines.
      const logLines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(logLines.join('\n')).not.toContain(server.adminKey!);

      const again = await startServerProcess(databaseEnv(fresh.config));
      expect(again.adminKey).toBeNull();
      expect(
        (await fetch(`${again.url}/v1/me`, { headers: { authorization: `Bearer ${server.adminKey}` } })).status,
      ).toBe(200);
      expect(await again.stop('SIGINT')).toBe(0);
    } finally {
      await fresh.dispose();
    }
  });
});

describe('npm start (scripts/start.cjs) on a current build', () => {
  test('runs the server in its own process, without building: the folder lock names that process', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    try {
      const server = await startServerProcess(databaseEnv(fresh.config), START_SCRIPT);
      expect(server.output()).not.toMatch(/^build:/m);
      const lock = path.join((fresh.config as { dataDir: string }).dataDir, 'crossdock.lock');
      expect(fs.readFileSync(lock, 'utf8')).toContain(String(server.process.pid));
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      await fresh.dispose();
    }
  });
});

describe('the embedded database folder', () => {
  test('a second process on the same folder stops with a clear message; the lock is released on exit', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    try {
      const first = await startServerProcess(databaseEnv(fresh.config));
      const second = await startServerProcess(databaseEnv(fresh.config)).then(
        () => null,
        (error: Error & { exitCode?: number; output?: string }) => error,
      );
      expect(second?.exitCode).toBe(3);
      expect(second?.output).toContain('in use by another Crossdock process');
      expect(second?.output).toContain(String(first.process.pid));
      const firstExit = await first.stop();
      if (firstExit !== 0) console.log(first.output());
      expect(firstExit).toBe(0);
      expect(fs.existsSync(path.join((fresh.config as { dataDir: string }).dataDir, 'crossdock.lock'))).toBe(false);
      const third = await startServerProcess(databaseEnv(fresh.config));
      const thirdExit = await third.stop();
      if (thirdExit !== 0) console.log('THIRD', third.process.signalCode, third.output());
      expect(thirdExit).toBe(0);
    } finally {
      await fresh.dispose();
    }
  });

  test('a lock left by a killed process is taken over', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    try {
      const first = await startServerProcess(databaseEnv(fresh.config));
      await first.stop('SIGKILL');
      const next = await startServerProcess(databaseEnv(fresh.config));
      expect((await fetch(`${next.url}/readyz`)).status).toBe(200);
      expect(await next.stop()).toBe(0);
    } finally {
      await fresh.dispose();
    }
  });
});

describe('servers started by the tests', () => {
  test('go away with the test process, even one killed with SIGKILL', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    // A stand-in test process: starts a server the way the tests do, sharing its stdout with us.
    const starter = spawn(
      process.execPath,
      [
        '-e',
        `
      const command = ${JSON.stringify(serverCommand(databaseEnv(fresh.config)))};
      const options = { env: command.env, stdio: ['pipe', 'inherit', 'inherit'] };
      const server = require('node:child_process').spawn(process.execPath, command.args, options);
      process.stdout.write('server pid ' + server.pid + '\\n');`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    starter.stdout!.on('data', (chunk) => (out += chunk));
    // The pipe ends when its last writer, the server, has exited.
    const serverGone = new Promise((resolve) => starter.stdout!.once('end', resolve));
    cleanUpLater(() => {
      // Only needed if this test failed.
      for (const pid of [starter.pid, Number(/server pid (\d+)/.exec(out)?.[1])]) {
        try {
          if (pid) process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    });
    const listening = new Promise<void>((resolve) => {
      starter.stdout!.on('data', () => out.includes('listening on') && resolve());
    });
    await Promise.race([listening, serverGone]);
    expect(out).toContain('listening on');
    starter.kill('SIGKILL');
    await serverGone;
  });
});

describe('starting problems are named', () => {
  test('a port in use stops the start with a message naming PORT, before any workspace or key is made', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const failed = await startServerProcess({ ...databaseEnv(fresh.config), PORT: String(port) }).then(
        () => null,
        (error: Error & { output?: string }) => error,
      );
      expect(failed?.output).toContain(`Port ${port} is already in use`);
      blocker.close();
      const started = await startServerProcess(databaseEnv(fresh.config));
      expect(started.adminKey).toMatch(/^cdk_/); // the first start still happens, with its key shown
      await started.stop();
    } finally {
      blocker.close();
      await fresh.dispose();
    }
  });

  test('an unreachable DATABASE_URL is named', () => {
    const result = spawnSync(process.execPath, [SERVER_BUNDLE], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        CROSSDOCK_DATA_DIR: '/tmp/crossdock-unused',
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Could not use the database in DATABASE_URL (PostgreSQL at 127.0.0.1:1/none)');
  });
});

describe('configuration', () => {
  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CROSSDOCK_PUBLIC_URL: 'not a url' }, 'CROSSDOCK_PUBLIC_URL'],
    [{ CROSSDOCK_PGLITE_SHARED_BUFFERS: 'lots' }, 'CROSSDOCK_PGLITE_SHARED_BUFFERS'],
    [{ CROSSDOCK_PGLITE_SHARED_BUFFERS: '64kB' }, 'at least 128kB'],
  ])('a bad setting %o stops the start with a message naming %s', (env, name) => {
    const result = spawnSync(process.execPath, [SERVER_BUNDLE], {
      env: { PATH: process.env.PATH ?? '', CROSSDOCK_DATA_DIR: '/nonexistent/never-opened', ...env },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(name);
  });
});
