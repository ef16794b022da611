import { openDatabase, type Database } from '../../sync-server/db/database';
import type { ServerConfig } from '../../sync-server/config';
import { startTrackingSandbox, type TrackingSandbox } from '../../sync-server/tracking/sandbox/tracking-sandbox';
import { cleanUpLater } from '../support/cleanup';
import { DATABASE_KINDS, freshDatabaseConfig } from '../support/databases';
import { databaseEnv, startServerProcess, type ServerProcess } from '../support/server-process';
import { POLL_QUEUE_17TRACK, seedTrackedParcels, trackingNoOf } from '../support/tracked-parcels';

/**
 * The poller in real server processes (docs/tracking.md): killed with SIGKILL in the middle of a poll cycle
 * and started again, it loses no parcel and stores nothing twice; two processes on one PostgreSQL database
 * share the parcels and never ask the provider about the same number at once. The 17TRACK sandbox runs here
 * with 17TRACK's limits; no waiting on the clock but the lease a killed process leaves behind.
 */

const DAY = 86_400_000;
const SCANNED = new Date(Date.now() - DAY).toISOString();
const DELIVERED = new Date(Date.now() - 3_600_000).toISOString();

/** Checks `done` until it holds; a hang is named by the test's own timeout. */
async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function sandboxWith(prefix: string, count: number): Promise<TrackingSandbox> {
  const sandbox = await startTrackingSandbox({ port: 0, limits: true });
  cleanUpLater(() => sandbox.close());
  const parcels = Array.from({ length: count }, (_, i) => ({
    trackingNo: trackingNoOf(prefix, i + 1),
    events: [
      { status: 'in_transit', description: 'Departed sorting center', time: SCANNED },
      ...((i + 1) % 3 === 0 ? [{ status: 'delivered', description: 'Delivered', time: DELIVERED }] : []),
    ],
  }));
  await admin(sandbox, 'POST', 'parcels', { parcels });
  return sandbox;
}

async function admin(sandbox: TrackingSandbox, method: string, path: string, body?: unknown): Promise<void> {
  const answer = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (answer.status >= 400) throw new Error(`sandbox ${path}: ${answer.status} ${await answer.text()}`);
}

/** A workspace made by the server's first start, with parcels seeded while no server runs. */
async function seeded(config: ServerConfig['database'], prefix: string, count: number, due?: Date) {
  const first = await startServerProcess(databaseEnv(config));
  const me = await fetch(`${first.url}/v1/me`, { headers: { authorization: `Bearer ${first.adminKey}` } });
  const workspaceId = ((await me.json()) as { workspace: { id: string } }).workspace.id;
  expect(await first.stop()).toBe(0);
  await withDatabase(config, (db) =>
    seedTrackedParcels((text, values) => db.pool.query(text, values), { workspaceId, count, prefix, due }),
  );
  return { adminKey: first.adminKey! };
}

async function withDatabase<T>(config: ServerConfig['database'], work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const trackingEnv = (sandbox: TrackingSandbox, leaseMs: number) => ({
  CROSSDOCK_17TRACK_URL: sandbox.url,
  CROSSDOCK_17TRACK_TOKEN: 'test-token',
  CROSSDOCK_TRACKING_IDLE_MS: '100',
  CROSSDOCK_TRACKING_LEASE_MS: String(leaseMs),
});

async function shipmentStatuses(server: ServerProcess, key: string): Promise<string[]> {
  const answer = await fetch(`${server.url}/v1/shipments`, { headers: { authorization: `Bearer ${key}` } });
  return ((await answer.json()) as { shipments: { status: string }[] }).shipments.map((s) => s.status);
}

/** What the database holds once every parcel was polled: events per number and source, and the poll jobs. */
async function stored(db: Database) {
  const events = await db.pool.query(
    `SELECT count(*)::int AS events, count(DISTINCT (tracking_no, at, status))::int AS distinct_events FROM tracking_events`,
  );
  const jobs = await db.pool.query(
    `SELECT count(*)::int AS jobs, count(*) FILTER (WHERE run_at <= now())::int AS due,
            count(*) FILTER (WHERE locked_by IS NOT NULL)::int AS locked
       FROM jobs WHERE queue = $1`,
    [POLL_QUEUE_17TRACK],
  );
  const delivered = await db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'delivered'`);
  return { ...events.rows[0], ...jobs.rows[0], deliveredOrders: delivered.rows[0].n };
}

describe.each(DATABASE_KINDS)('tracking in server processes, on %s', (kind) => {
  test('kill -9 in the middle of a poll cycle: after a restart nothing is lost or stored twice', async () => {
    const fresh = await freshDatabaseConfig(kind);
    cleanUpLater(() => fresh.dispose());
    const count = 120; // three batches of 40
    const { adminKey } = await seeded(fresh.config, 'KL', count);
    const sandbox = await sandboxWith('KL', count);
    // The second fetch hangs: a batch is stored, the next is registered and being fetched (a 429 at the
    // start may let another batch pass first).
    await admin(sandbox, 'POST', 'faults', { provider: '17track', kind: 'hang', endpoint: 'gettrackinfo', skip: 1 });
    const env = { ...databaseEnv(fresh.config), ...trackingEnv(sandbox, 2000) };
    const first = await startServerProcess(env);
    await until(() => sandbox.stats().held === 1);
    expect(first.process.kill('SIGKILL')).toBe(true);
    await first.stop();
    await admin(sandbox, 'DELETE', 'faults'); // the held answer goes nowhere
    // The held fetch's batch is registered (a register always comes first), its answer lost with the process.
    expect(Object.keys(sandbox.stats().registrations['17track']).length).toBeGreaterThanOrEqual(80);

    const second = await startServerProcess(env);
    await until(async () => (await shipmentStatuses(second, adminKey)).every((s) => s !== 'shipped'));
    expect(await second.stop()).toBe(0);

    const registrations = sandbox.stats().registrations['17track'];
    expect(Object.keys(registrations)).toHaveLength(count);
    // Registration costs quota: a number registered before the kill is not registered again.
    expect(Object.values(registrations).every((n) => n === 1)).toBe(true);
    await withDatabase(fresh.config, async (db) => {
      expect(await stored(db)).toEqual({
        events: count + count / 3, // one scan each, and a delivery for every third
        distinct_events: count + count / 3,
        jobs: count, // every parcel still tracked: the delivered ones for their last look a day later
        due: 0,
        locked: 0,
        deliveredOrders: count / 3,
      });
    });
  });
});

describe('two server processes on one PostgreSQL database', () => {
  test('share the parcels and never poll the same number at the same time', async () => {
    const fresh = await freshDatabaseConfig('postgres');
    cleanUpLater(() => fresh.dispose());
    const count = 200;
    await seeded(fresh.config, 'TW', count, new Date(Date.now() + DAY));
    const sandbox = await sandboxWith('TW', count);
    // Slow answers keep one process's request open while the other's slot comes.
    await admin(sandbox, 'POST', 'faults', { provider: '17track', kind: 'slow', delayMs: 700, times: 1000 });
    const env = { ...databaseEnv(fresh.config), ...trackingEnv(sandbox, 600_000) };
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    await withDatabase(fresh.config, async (db) => {
      // Both poll loops are idle and looking: make every parcel due at once.
      await db.pool.query(`UPDATE jobs SET run_at = now() WHERE queue = $1`, [POLL_QUEUE_17TRACK]);
      await until(async () => {
        const left = await db.pool.query(
          `SELECT count(*)::int AS n FROM jobs WHERE queue = $1 AND run_at < now() + interval '1 hour'`,
          [POLL_QUEUE_17TRACK],
        );
        return left.rows[0].n === 0;
      });
      const stats = sandbox.stats();
      expect(stats.maxInFlight['17track']).toBeGreaterThanOrEqual(2); // both processes were at work together
      expect(stats.overlaps['17track']).toBe(0);
      expect(Object.keys(stats.registrations['17track'])).toHaveLength(count);
      expect(Object.values(stats.registrations['17track']).every((n) => n === 1)).toBe(true);
      expect(await stored(db)).toMatchObject({ events: count + Math.floor(count / 3), due: 0, locked: 0 });
    });
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });
});
