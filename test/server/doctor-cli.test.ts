import { cliOn, tamper } from '../support/cli-harness';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';

/** `npx crossdock doctor` (docs/dispatch.md) from the built CLI, on a database a bug has damaged. */
describe.each(DATABASE_KINDS)('npx crossdock doctor on %s', (kind) => {
  test('passes on a sound workspace and exits 1 naming a broken ledger', async () => {
    const fresh = await freshDatabaseConfig(kind);
    const cli = cliOn(fresh.config);
    const broken = (...statements: string[]) => tamper(fresh.config, ...statements);
    try {
      const workspaceId = /created workspace (ws_\w+)/.exec(cli('workspace', 'create', 'Shop').stdout)![1]!;
      await broken(
        `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, version, change_no, updated_at, updated_by) VALUES ('${workspaceId}', 'PC@W1', 'PC', 'W1', 5, 1, 1, now(), 'test')`,
        `INSERT INTO stock_adjustments (workspace_id, stock_key, kind, actor, at, on_hand_before, on_hand_after, correlation_id) VALUES ('${workspaceId}', 'PC@W1', 'created', 'test', now(), 0, 5, 'test')`,
      );
      const sound = cli('doctor');
      expect([sound.status, sound.stderr]).toEqual([0, '']);
      expect(sound.stdout).toContain('OK\tStock ledger: 1 stock lines and 0 reservations agree');
      expect(sound.stdout.trim().split('\n').at(-1)).toBe('OK: 4 checks, 0 stuck items');

      await broken(`UPDATE stock SET reserved = 2 WHERE stock_key = 'PC@W1'`);
      const failing = cli('doctor', '--lang', 'zh');
      expect(failing.status).toBe(1);
      expect(failing.stdout).toContain('FAIL\t库存台账: 1 处不一致：PC@W1：已锁定 2，但有效锁定记录合计 0');
      expect(failing.stdout).toContain('stuck\t锁定数与锁定记录不符: 1');
      expect(failing.stdout.trim().split('\n').at(-1)).toBe('失败: 4 checks, 1 stuck items');
      expect(cli('doctor', 'now').status).toBe(2);

      // A tracking provider nearly out of quota fails it too, naming the provider, what is left and until when.
      await broken(
        `UPDATE stock SET reserved = 0 WHERE stock_key = 'PC@W1'`,
        `INSERT INTO provider_quotas (provider, source, quota_limit, remaining, resets_at, seen_at) VALUES ('17track', 'account', 10000, 300, NULL, now()), ('dhl', 'window', 250, 12, '2999-01-01T00:00:00Z', now())`,
      );
      const quota = cli('doctor');
      expect(quota.status).toBe(1);
      expect(quota.stdout).toContain(
        'FAIL\tTracking provider quota: 17track account quota: only 300 of 10000 left (3%, below 5%), no reset date ' +
          '(bought quota: lasts until more is bought); dhl rate limit: only 12 of 250 left (4.8%, below 5%), until 2999-01-01T00:00:00.000Z\n',
      );
      expect(quota.stdout.trim().split('\n').at(-1)).toBe('Failed: 4 checks, 0 stuck items');
    } finally {
      await fresh.dispose();
    }
  });

  test("checks orders changed since its last clean run; --full reads every order's holdings", async () => {
    const fresh = await freshDatabaseConfig(kind);
    const cli = cliOn(fresh.config);
    const broken = (...statements: string[]) => tamper(fresh.config, ...statements);
    try {
      const ws = /created workspace (ws_\w+)/.exec(cli('workspace', 'create', 'Shop').stdout)![1]!;
      const order = (no: string, status: string, changeNo: number) =>
        `INSERT INTO orders (workspace_id, order_no, channel, external_id, status, payment_method, imported_at, version, change_no, updated_at, updated_by) VALUES ('${ws}', '${no}', 'shopify', '${no}', '${status}', 'prepaid', now(), 1, ${changeNo}, now(), 'test')`;
      const line = (no: string) =>
        `INSERT INTO order_lines (workspace_id, order_no, line_no, sku, channel_sku, qty, shipped_qty) VALUES ('${ws}', '${no}', 1, 'PC', 'PC', 1, 0)`;
      await broken(
        `INSERT INTO stock (workspace_id, stock_key, sku, warehouse, on_hand, version, change_no, updated_at, updated_by) VALUES ('${ws}', 'PC@W1', 'PC', 'W1', 5, 1, 1, now(), 'test')`,
        `INSERT INTO stock_adjustments (workspace_id, stock_key, kind, actor, at, on_hand_before, on_hand_after, correlation_id) VALUES ('${ws}', 'PC@W1', 'created', 'test', now(), 0, 5, 'test')`,
        order('D1', 'delivered', 2),
        line('D1'),
        order('S1', 'pending_shipment', 3),
        line('S1'),
        `INSERT INTO reservations (workspace_id, order_no, line_no, stock_key, sku, warehouse, qty, created_at) VALUES ('${ws}', 'S1', 1, 'PC@W1', 'PC', 'W1', 1, now())`,
        `UPDATE stock SET reserved = 1 WHERE stock_key = 'PC@W1'`,
      );
      expect(cli('doctor').stdout).toContain('OK\tStock ledger: 1 stock lines and 1 reservations agree\n');
      // Since that clean run: a delivered order given a reservation (a new one: read by its id).
      await broken(
        `INSERT INTO reservations (workspace_id, order_no, line_no, stock_key, sku, warehouse, qty, created_at) VALUES ('${ws}', 'D1', 1, 'PC@W1', 'PC', 'W1', 1, now())`,
        `UPDATE stock SET reserved = 2 WHERE stock_key = 'PC@W1'`,
      );
      const leaving = cli('doctor');
      expect(leaving.status).toBe(1);
      expect(leaving.stdout).toContain('FAIL\tStock ledger: 1 mismatches: D1 is delivered but still holds 1 of PC\n');
      await broken(
        `UPDATE reservations SET released_at = now() WHERE order_no = 'D1'`,
        `UPDATE stock SET reserved = 1 WHERE stock_key = 'PC@W1'`,
        `UPDATE orders SET change_no = 4 WHERE order_no = 'D1'`,
      );
      const clean = cli('doctor');
      expect(clean.status).toBe(0);
      expect(clean.stdout).toMatch(
        /OK\tStock ledger: 1 stock lines and 1 reservations agree; orders changed since the last clean check \(\S+\) hold what they should/,
      );
      // An order ready to ship whose line grew without its order changing: only the whole check reads it.
      await broken(`UPDATE order_lines SET qty = 2 WHERE order_no = 'S1'`);
      expect(cli('doctor').status).toBe(0);
      const full = cli('doctor', '--full', '--lang', 'zh');
      expect(full.status).toBe(1);
      expect(full.stdout).toContain('FAIL\t库存台账: 1 处不一致：S1 待发货，但第 1 行只锁定 1/2\n');
    } finally {
      await fresh.dispose();
    }
  });
});
