import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { databaseEnv, startServerProcess } from '../support/server-process';
import { openDatabase } from '../../sync-server/db/database';
import { migrate } from '../../sync-server/db/migrations';
import { cliOn, tamper as tamperWith } from '../support/cli-harness';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'crossdock.cjs');

describe.each(DATABASE_KINDS)('npx crossdock (admin CLI) on %s', (kind) => {
  test('workspaces, members and keys: a created key works, a revoked one stops working', async () => {
    const fresh = await freshDatabaseConfig(kind);
    const env = databaseEnv(fresh.config);
    const cli = (...args: string[]) => {
      const result = spawnSync(process.execPath, [BIN, ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
      return { code: result.status, out: result.stdout, err: result.stderr };
    };
    try {
      const created = cli('workspace', 'create', 'Acme Export');
      expect(created.code).toBe(0);
      const workspaceId = /created workspace (ws_\w+)/.exec(created.out)![1]!;
      expect(cli('workspace', 'list').out).toContain(`${workspaceId}\tAcme Export`);

      const badRoles = cli('member', 'add', 'amy@acme.test', '--roles', 'cs,pilot', '--workspace', workspaceId);
      expect(badRoles.code).toBe(2);
      expect(badRoles.err).toContain('pilot');
      expect(badRoles.err).toContain('Roles are: cs, purchasing');
      const badEmail = cli('member', 'add', 'not-an-email', '--roles', 'cs', '--workspace', workspaceId);
      expect(badEmail.code).toBe(2);
      expect(badEmail.err).toContain('not an email');

      expect(cli('member', 'add', 'Amy@Acme.test', '--roles', 'cs,sales', '--workspace', workspaceId).out).toContain(
        'amy@acme.test',
      );
      expect(cli('member', 'list', '--workspace', workspaceId).out).toContain('amy@acme.test\tcs,sales');
      const quietRoleChange = cli(
        'key',
        'create',
        '--member',
        'amy@acme.test',
        '--roles',
        'admin',
        '--workspace',
        workspaceId,
      );
      expect(quietRoleChange.code).toBe(2);
      expect(quietRoleChange.err).toContain('already a member (cs, sales)');
      expect(cli('member', 'list', '--workspace', workspaceId).out).toContain('amy@acme.test\tcs,sales');
      const key = cli('key', 'create', '--member', 'amy@acme.test', '--workspace', workspaceId);
      expect(key.code).toBe(0);
      const secret = /^(cdk_\S+)$/m.exec(key.out)![1]!;
      const keyId = /created (key_\w+)/.exec(key.out)![1]!;
      // With one workspace, --workspace may be left out; with two, the CLI asks which.
      expect(cli('key', 'list').out).toContain(keyId);
      expect(cli('workspace', 'create', 'Second').code).toBe(0);
      const ambiguous = cli('key', 'list');
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.err).toContain(`${workspaceId}  Acme Export`);
      expect(cli('key', 'list', '--workspace', 'ws_nope').err).toContain('There is no workspace ws_nope');

      const server = await startServerProcess(env);
      try {
        const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
        expect(await me.json()).toMatchObject({
          actor: 'amy@acme.test',
          roles: ['cs', 'sales'],
          workspace: { id: workspaceId },
        });
        if (kind === 'pglite') {
          const locked = cli('key', 'list', '--workspace', workspaceId);
          expect(locked.code).toBe(2);
          expect(locked.err).toContain('in use by another Crossdock process');
        }
      } finally {
        await server.stop();
      }
      expect(cli('key', 'revoke', keyId, '--workspace', workspaceId).out).toContain('revoked');
      expect(cli('key', 'list', '--workspace', workspaceId).out).toMatch(new RegExp(`${keyId}\\t.*\\trevoked`));
      const again = await startServerProcess(env);
      try {
        const refused = await fetch(`${again.url}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
        expect(refused.status).toBe(401);
      } finally {
        await again.stop();
      }
      expect(cli('nonsense', 'command').code).toBe(2);
      expect(cli('help').code).toBe(0);
      const typo = cli('key', 'create', '--role', 'cs');
      expect(typo.code).toBe(2);
      expect(typo.err).toContain('npx crossdock key create');
    } finally {
      await fresh.dispose();
    }
  });

  test('import FORMAT FILE ends with the counts, and importing twice changes nothing', async () => {
    const fresh = await freshDatabaseConfig(kind);
    const env = databaseEnv(fresh.config);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
    const fixture = path.resolve(__dirname, '..', 'fixtures', 'orders', 'shopify-orders-export.csv');
    try {
      expect(cli('workspace', 'create', 'Shop').status).toBe(0);
      const first = cli('import', 'shopify', fixture);
      expect(first.status).toBe(0);
      expect(first.stdout.trim().split('\n').at(-1)).toBe('imported 5, skipped 0, rejected 0');
      expect(first.stdout).toContain('SH-1003\tpending_contact');
      const second = cli('import', 'shopify', fixture);
      expect(second.stdout.trim().split('\n').at(-1)).toBe('imported 0, skipped 5 (already imported 5), rejected 0');
      const json = JSON.parse(cli('import', 'shopify', fixture, '--json').stdout);
      expect(json).toMatchObject({ imported: 0, skipped: 5, skippedBecause: { already_imported: 5 } });
      const missing = cli('import', 'shopify', '/no/such/file.csv');
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('Cannot read /no/such/file.csv');
      expect(cli('import', 'ebay', fixture).stderr).toContain('use one of shopify, amazon, template');
    } finally {
      await fresh.dispose();
    }
  });

  test('a piped import prints its summary last, however long the listing; by default only orders that need a person', async () => {
    const fresh = await freshDatabaseConfig(kind);
    const env = databaseEnv(fresh.config);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossdock-cli-'));
    try {
      const file = path.join(dir, 'orders.csv');
      // 3,000 one-line orders: far more output than a pipe buffers, so an early exit would lose the end.
      const rows = Array.from(
        { length: 3000 },
        (_, i) => `P-${i},SKU-${i % 7},1,GB,Person ${i},${i} High St,London,SW1A 1AA`,
      );
      fs.writeFileSync(
        file,
        ['Order no.,SKU,Qty,Country,Recipient,Address line 1,City,Postal code', ...rows].join('\n'),
      );
      const run = (...args: string[]) =>
        spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} | tail -n 1`], {
          env: { PATH: process.env.PATH ?? '', ...env },
          encoding: 'utf8',
        });
      expect(
        spawnSync(process.execPath, [BIN, 'workspace', 'create', 'Shop'], {
          env: { PATH: process.env.PATH ?? '', ...env },
        }).status,
      ).toBe(0);
      expect(run('import', 'template', file, '--verbose').stdout.trim()).toBe('imported 3000, skipped 0, rejected 0');
      const quiet = spawnSync(process.execPath, [BIN, 'import', 'template', file], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
      expect(quiet.stdout.trim()).toBe('imported 0, skipped 3000 (already imported 3000), rejected 0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await fresh.dispose();
    }
  });

  test('stock check names every mismatch of the ledger and exits 1 while there is one', async () => {
    const fresh = await freshDatabaseConfig(kind);
    const cli = cliOn(fresh.config);
    // Writes straight to the database, as a bug (or a hand edit) would: the check must see through it.
    const tamper = (...statements: string[]) => tamperWith(fresh.config, ...statements);
    try {
      const workspaceId = /created workspace (ws_\w+)/.exec(cli('workspace', 'create', 'Shop').stdout)![1]!;
      await tamper(
        `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, version, change_no, updated_at, updated_by) VALUES ('${workspaceId}', 'PC@W1', 'PC', 'W1', 5, 1, 1, now(), 'test')`,
        `INSERT INTO stock_adjustments (workspace_id, stock_key, kind, actor, at, on_hand_before, on_hand_after, correlation_id) VALUES ('${workspaceId}', 'PC@W1', 'created', 'test', now(), 0, 5, 'test')`,
      );
      const clean = cli('stock', 'check');
      expect([clean.status, clean.stdout.trim()]).toEqual([
        0,
        'checked 1 stock lines and 0 reservations: 0 mismatches',
      ]);
      await tamper(
        `UPDATE stock SET reserved = 2, on_hand = 6 WHERE stock_key = 'PC@W1'`,
        // A stock-out left open while stock is available (the history "leave out stock-out days" reads).
        `INSERT INTO stock_outs (workspace_id, stock_key, started_at) VALUES ('${workspaceId}', 'PC@W1', now())`,
      );
      const broken = cli('stock', 'check', '--lang', 'zh');
      expect(broken.status).toBe(1);
      expect(broken.stdout.trim().split('\n')).toEqual([
        'mismatch reserved_mismatch: PC@W1：已锁定 2，但有效锁定记录合计 0',
        'mismatch on_hand_mismatch: PC@W1：在库 6，但调整记录合计 5',
        'mismatch stock_out_mismatch: PC@W1：可用 4，但断货记录中有 1 段未结束',
        'checked 1 stock lines and 0 reservations: 3 mismatches',
      ]);
    } finally {
      await fresh.dispose();
    }
  });
});
