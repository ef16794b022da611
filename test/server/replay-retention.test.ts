import { pruneReplayRecords, scheduleReplayRetention } from '../../sync-server/db/replay-retention';
import { createLogger } from '../../sync-server/logger';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { DATABASE_KINDS } from '../support/databases';

/** First answers of pushes and commands are kept for their retries, then deleted after the retention. */
describe.each(DATABASE_KINDS)('replay records retention, on %s', (kind) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  test('records older than the retention go; newer ones still answer a retry', async () => {
    const ws = await api.workspace();
    const push = (mutationId: number) =>
      api.call('POST', '/v1/sync/push', {
        key: ws.adminKey,
        body: {
          clientId: 'retention-client',
          mutationId,
          tables: { products: [{ key: `R${mutationId}`, baseVersion: null, values: { name_en: 'x' } }] },
        },
      });
    const move = (key: string) =>
      api.call('POST', '/v1/orders/moves', {
        key: ws.adminKey,
        body: { idempotencyKey: key, action: 'approve', orderNos: ['NOPE'] },
      });
    expect((await push(1)).status).toBe(200);
    expect((await push(2)).status).toBe(200);
    expect((await move('retention-old')).status).toBe(200);
    expect((await move('retention-new')).status).toBe(200);
    // Age the first push and the first command by 40 days, as if they had been made then.
    await api.db.pool.query(
      `UPDATE sync_mutations SET created_at = created_at - interval '40 days' WHERE workspace_id = $1 AND mutation_id = 1`,
      [ws.id],
    );
    await api.db.pool.query(
      `UPDATE command_results SET created_at = created_at - interval '40 days' WHERE workspace_id = $1 AND idempotency_key = 'retention-old'`,
      [ws.id],
    );

    // The first push's job run (docs/dispatch.md) too.
    await api.db.pool.query(
      `UPDATE job_runs SET started_at = started_at - interval '40 days'
        WHERE id = (SELECT min(id) FROM job_runs WHERE workspace_id = $1 AND kind = 'sync_push')`,
      [ws.id],
    );

    expect(await pruneReplayRecords(api.db, new Date(Date.now() - 30 * 86_400_000))).toEqual({
      pushes: 1,
      commands: 1,
      jobRuns: 1,
    });
    const left = await api.db.pool.query<{ mutation_id: string }>(
      `SELECT mutation_id FROM sync_mutations WHERE workspace_id = $1`,
      [ws.id],
    );
    expect(left.rows.map((r) => Number(r.mutation_id))).toEqual([2]);
    const commands = await api.db.pool.query<{ idempotency_key: string; answered: boolean }>(
      `SELECT idempotency_key, response IS NOT NULL AS answered FROM command_results WHERE workspace_id = $1 ORDER BY idempotency_key`,
      [ws.id],
    );
    expect(commands.rows).toEqual([
      { idempotency_key: 'retention-new', answered: true },
      { idempotency_key: 'retention-old', answered: false },
    ]);
    // A retry of the kept push is still answered from its record (replayed, nothing applied twice).
    expect((await push(2)).body).toMatchObject({ replayed: true });
    // The old command's key is kept: sent again, it is refused as expired, never run a second time.
    const old = await move('retention-old');
    expect([old.status, old.body.error.code]).toEqual([409, 'command_expired']);
    expect((await move('retention-new')).status).toBe(200);
  });

  test('the schedule prunes at once and stops cleanly (waiting for a prune under way)', async () => {
    const ws = await api.workspace();
    await api.call('POST', '/v1/orders/moves', {
      key: ws.adminKey,
      body: { idempotencyKey: 'retention-sched', action: 'approve', orderNos: ['NOPE'] },
    });
    const later = () => new Date(Date.now() + 31 * 86_400_000); // a clock a month ahead: everything is old
    const schedule = scheduleReplayRetention(api.db, 30, createLogger('silent'), later);
    await schedule.stop();
    const commands = await api.db.pool.query(
      `SELECT 1 FROM command_results WHERE workspace_id = $1 AND response IS NOT NULL`,
      [ws.id],
    );
    expect(commands.rows).toEqual([]);
  });
});
