import fc from 'fast-check';
import type { Database } from '../../sync-server/db/database';
import type { Principal } from '../../sync-server/access/principal';
import { importOrderFile } from '../../sync-server/workflows/order-import';
import {
  closeImportWorker,
  importWorkerHolds,
  readFile,
  type FileToRead,
  type ImportReading,
  type ReadingMode,
} from '../../sync-server/workflows/import-reader';
import type { ReviewLookups } from '../../sync-server/workflows/import-reading';
import { ChunkCredit, receivedError, sentError } from '../../sync-server/workflows/import-thread-messages';
import { inTransaction } from '../../sync-server/db/database';
import { createWorkspace } from '../../sync-server/workflows/workspace-admin';
import { DomainError } from '../../domain/domain-error';
import { DATABASE_KINDS, openTestDatabase } from '../support/databases';

/**
 * The order file is read and reviewed in the import worker (dist/server/import-worker.cjs, built by the test command)
 * while the main thread writes; read in the main thread, it must come out the same, to the row.
 */

const at = new Date('2026-12-02T09:00:00Z');

/** Whether the test command built the worker's bundle (the tests run the sources; the worker runs dist/). */
const workerBuilt = (): boolean => {
  const reading = readFile({ format: 'shopify', text: '', lang: 'en', at }, 'worker');
  reading.stop();
  return reading.thread === 'worker';
};

type Order = { id: string; phone: string; status?: string; sku?: string; noId?: boolean };

/** A Shopify export: two lines an order, addresses quoted as a real export quotes them. */
function shopifyFile(orders: readonly Order[]): string {
  const rows = [
    'Name,Email,Financial Status,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,' +
      'Shipping Name,Shipping Address1,Shipping City,Shipping Zip,Shipping Country,Shipping Phone',
  ];
  orders.forEach((o, i) => {
    const id = o.noId ? '' : o.id;
    const created = `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 09:12:40 +0100`;
    rows.push(
      `${id},c${o.phone}@example.com,${o.status ?? 'paid'},GBP,${created},1,Phone Case,15.00,${o.sku ?? 'PC-1'},` +
        `Customer ${o.phone},"Flat 2, ${i} Abbey Road",London,NW8 9AY,GB,+44 20 7946 ${o.phone}`,
      `${id},,,,${created},2,USB-C Cable,7.50,CB-1,,,,,,`,
    );
  });
  return rows.join('\n');
}

/** `count` orders with every path of the review: repeated customers, closed orders, numbers taken twice, bad rows. */
function mixedOrders(count: number): Order[] {
  return Array.from({ length: count }, (_, i) => ({
    // "#7" and "7" take the same number: the second is refused by row.
    id: i % 97 === 7 ? String(i - 1) : `#${i}`,
    // Every fifth order's customer ordered before (a possible duplicate).
    phone: String(i % 5 === 0 ? i % 50 : i).padStart(4, '0'),
    status: i % 31 === 0 ? 'refunded' : 'paid',
    sku: i % 43 === 0 ? '' : undefined,
    noId: i % 211 === 5,
  }));
}

describe.each(DATABASE_KINDS)('an order file read in the import worker, on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await dispose();
  });
  beforeEach(() => {
    // Else 'worker' falls back to the main thread and every comparison below holds trivially.
    expect(workerBuilt()).toBe(true);
  });

  const principalIn = async (name: string): Promise<Principal> => ({
    workspaceId: (await createWorkspace(db, name)).id,
    actor: 'cs@shop.test',
    roles: ['cs'],
    via: 'api_key',
  });

  /** What a workspace holds of its orders, without its own id. */
  async function stored(workspaceId: string) {
    const q = async (text: string) => (await db.pool.query(text, [workspaceId])).rows;
    return {
      orders: await q(`SELECT * FROM orders WHERE workspace_id = $1 ORDER BY order_no`),
      lines: await q(`SELECT * FROM order_lines WHERE workspace_id = $1 ORDER BY order_no, line_no`),
      events: await q(
        `SELECT occurred_at, actor, entity, entity_key, action, before, after, correlation_id
           FROM events WHERE workspace_id = $1 ORDER BY id`,
      ),
      counter: await q(`SELECT change_no FROM workspaces WHERE id = $1`),
    };
  }
  const withoutWorkspace = (rows: Record<string, unknown>[]) => rows.map(({ workspace_id: _, ...rest }) => rest);

  test('two imports of 1,400 orders (chunks of 250 and 1,000) write the same rows from either thread', async () => {
    const orders = mixedOrders(1_400);
    const results: Record<ReadingMode, unknown[]> = { main: [], worker: [] };
    const rows: Partial<Record<ReadingMode, Awaited<ReturnType<typeof stored>>>> = {};
    for (const mode of ['main', 'worker'] as const) {
      const principal = await principalIn(`Read in ${mode}`);
      // Part of the file first: the second import skips those, in its first chunk and its second.
      for (const part of [orders.slice(200, 600), orders])
        results[mode].push(await importOrderFile(db, principal, 'shopify', shopifyFile(part), 'en', () => at, mode));
      rows[mode] = await stored(principal.workspaceId);
    }
    expect(results.worker).toStrictEqual(results.main);
    const [first, second] = results.main as Awaited<ReturnType<typeof importOrderFile>>[];
    expect(first!.imported).toBeGreaterThan(300);
    expect(second).toMatchObject({ skipped: first!.imported, skippedBecause: { already_imported: first!.imported } });
    expect(second!.imported).toBeGreaterThan(900);
    expect(second!.rejectedRows.map((e) => e.code)).toEqual(
      expect.arrayContaining(['order_no_taken', 'missing_order_id']),
    );
    expect(second!.orders.some((o) => o.review.includes('possible duplicate'))).toBe(true);
    const { main, worker } = rows as Record<ReadingMode, Awaited<ReturnType<typeof stored>>>;
    expect(main.orders.length).toBe(first!.imported + second!.imported);
    expect(withoutWorkspace(worker.orders)).toStrictEqual(withoutWorkspace(main.orders));
    expect(withoutWorkspace(worker.lines)).toStrictEqual(withoutWorkspace(main.lines));
    expect(worker.events).toStrictEqual(main.events);
    expect(worker.counter).toStrictEqual(main.counter);
  });

  test('a file that cannot be read is refused in its language, from either thread', async () => {
    const principal = await principalIn('Unreadable');
    for (const mode of ['main', 'worker'] as const) {
      const refused = importOrderFile(db, principal, 'shopify', 'Order,Total\n1,2', 'zh', () => at, mode);
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      await expect(refused).rejects.toMatchObject({ code: 'unreadable_file', message: expect.stringMatching(/缺少/) });
    }
  });

  test('a statement that fails mid-file leaves nothing of the file, and the worker reads the next file', async () => {
    const principal = await principalIn('Failing insert');
    // A line the database refuses, in the file's third chunk.
    await db.pool.query(`CREATE FUNCTION refuse_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.sku = 'REFUSED' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await db.pool.query(
      `CREATE TRIGGER refuse_line BEFORE INSERT ON order_lines FOR EACH ROW EXECUTE FUNCTION refuse_line()`,
    );
    try {
      const orders = mixedOrders(1_400).map((o, i) => (i === 1_300 ? { ...o, sku: 'REFUSED' } : o));
      const failed = importOrderFile(db, principal, 'shopify', shopifyFile(orders), 'en', () => at, 'worker');
      await expect(failed).rejects.toThrow(/refused by the test/);
      expect((await stored(principal.workspaceId)).orders).toEqual([]);
      const next = await importOrderFile(db, principal, 'shopify', shopifyFile(orders.slice(0, 300)), 'en', () => at);
      expect(next.imported).toBeGreaterThan(250);
    } finally {
      await db.pool.query(`DROP TRIGGER refuse_line ON order_lines; DROP FUNCTION refuse_line()`);
    }
  });

  test('the worker stops while an import waits for the database: nothing is written, the next import works', async () => {
    const principal = await principalIn('Worker stopped');
    const orders = mixedOrders(600);
    // The workspace's lock, held by another transaction: the import has its file's outline and waits.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = inTransaction(db, async (client) => {
      await client.query('SELECT change_no FROM workspaces WHERE id = $1 FOR NO KEY UPDATE', [principal.workspaceId]);
      locked();
      await held;
    });
    await lockTaken;
    const importing = importOrderFile(db, principal, 'shopify', shopifyFile(orders), 'en', () => at, 'worker');
    while ((await importWorkerHolds()) === 0) await new Promise((resolve) => setImmediate(resolve));
    await closeImportWorker();
    release();
    await holder;
    await expect(importing).rejects.toThrow(/import worker stopped/);
    expect((await stored(principal.workspaceId)).orders).toEqual([]);
    const next = await importOrderFile(db, principal, 'shopify', shopifyFile(orders), 'en', () => at, 'worker');
    expect(next.imported).toBeGreaterThan(500);
  });

  test('two imports at once, in two workspaces, share the worker', async () => {
    const [a, b] = [await principalIn('At once A'), await principalIn('At once B')];
    const [first, second] = await Promise.all(
      [a, b].map((p, i) =>
        importOrderFile(db, p, 'shopify', shopifyFile(mixedOrders(1_300 + i * 100)), 'en', () => at, 'worker'),
      ),
    );
    const alone = await importOrderFile(
      db,
      await principalIn('Alone'),
      'shopify',
      shopifyFile(mixedOrders(1_400)),
      'en',
      () => at,
      'main',
    );
    expect(second).toStrictEqual(alone);
    expect(first!.imported).toBeLessThan(second!.imported);
  });
});

describe('the import worker', () => {
  const file = (orders: readonly Order[]): FileToRead => ({
    format: 'shopify',
    text: shopifyFile(orders),
    lang: 'en',
    at,
  });
  const lookups = (existing: string[], taken: string[]): ReviewLookups => ({
    workspaceId: 'ws',
    actor: 'cs@shop.test',
    settings: {
      duplicateWindowDays: 14,
      highValueLimit: null,
      blockedPhones: [],
      blockedEmails: [],
      autoApprove: true,
      importClosedOrders: false,
    },
    knownSkus: ['PC-1'],
    mappings: [['CB-1', 'CABLE-1']],
    warehouses: [],
    candidates: [],
    first: { existing, taken },
    changeNo: 41,
  });

  /** Everything a reading hands over, given the same answers of the database. */
  async function readAll(reading: ImportReading, existing: string[], taken: string[]) {
    try {
      const outline = await reading.outline;
      reading.review(lookups(existing, taken));
      if (outline.firstEnd < outline.ids.length) reading.learnRest(Promise.resolve({ existing, taken }));
      const items = [];
      for (let item = await reading.next(); ; item = await reading.next()) {
        items.push(item);
        if ('summary' in item) break;
        reading.written(); // else the worker waits after two chunks
      }
      return { outline, items };
    } finally {
      // A reading left open keeps the worker referenced, and the test process with it.
      reading.stop();
    }
  }

  test('is used when built, and hands over what the main thread would (random files and answers)', async () => {
    const built = readFile(file([]), 'worker');
    built.stop();
    expect(built.thread).toBe('worker');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_300 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        async (count, seed) => {
          const orders = mixedOrders(count).map((o, i) => ((i * 7 + seed) % 11 === 0 ? { ...o, phone: '0001' } : o));
          const existing = orders.filter((_, i) => (i + seed) % 13 === 0).map((o) => o.id);
          const taken = orders.filter((_, i) => (i + seed) % 17 === 0).map((o) => `SH-${o.id.replace('#', '')}`);
          const [main, worker] = await Promise.all(
            (['main', 'worker'] as const).map((mode) => readAll(readFile(file(orders), mode), existing, taken)),
          );
          expect(worker).toStrictEqual(main);
        },
      ),
      { numRuns: 12 },
    );
  });

  test('a reading stopped after its first chunk lets the worker go', async () => {
    const reading = readFile(file(mixedOrders(5_000)), 'worker');
    const outline = await reading.outline;
    reading.review(lookups([], []));
    reading.learnRest(Promise.resolve({ existing: [], taken: [] }));
    expect(outline.ids.length).toBeGreaterThan(4_000);
    expect(await reading.next()).toHaveProperty('chunk');
    reading.stop();
    // Ended at its next turn: its chunks are never written, so without the stop it would wait for ever.
    while ((await importWorkerHolds()) > 0) await new Promise((resolve) => setImmediate(resolve));
  });

  test('a reading hands over at most two chunks that are not yet written', async () => {
    const credit = new ChunkCredit(2);
    expect(credit.handedOver()).toBeUndefined();
    let goOn = false;
    const waits = credit.handedOver()!.then(() => (goOn = true));
    await Promise.resolve();
    expect(goOn).toBe(false);
    credit.written();
    await waits;
    expect(goOn).toBe(true);
    // Stopped: nothing waits any more.
    const stopped = new ChunkCredit(1);
    const wait = stopped.handedOver();
    stopped.stop();
    await wait;
    expect(stopped.handedOver()).toBeUndefined();
  });

  test('an error crosses between threads with its kind, code and details', () => {
    const domain = receivedError(
      structuredClone(
        sentError(
          new DomainError('unreadable_file', 'Missing columns', [{ field: 'Name', code: 'missing', message: 'x' }]),
        ),
      ),
    );
    expect(domain).toBeInstanceOf(DomainError);
    expect(domain).toMatchObject({ code: 'unreadable_file', message: 'Missing columns', details: [{ field: 'Name' }] });
    const type = receivedError(structuredClone(sentError(new TypeError('x is not a function'))));
    expect(type).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
    expect(type.stack).toContain('import-reading.test.ts');
    expect(receivedError(structuredClone(sentError('thrown text')))).toMatchObject({ message: 'thrown text' });
  });

  test('stopping it fails the readings it holds; the next reading starts another', async () => {
    const orders = mixedOrders(600);
    const reading = readFile(file(orders), 'worker');
    try {
      await reading.outline;
      await closeImportWorker();
      await expect(reading.next()).rejects.toThrow(/import worker stopped/);
    } finally {
      reading.stop();
    }
    const next = await readAll(readFile(file(orders), 'worker'), [], []);
    expect(next.items.filter((i) => 'chunk' in i)).toHaveLength(2);
  });
});
