import { PRODUCT_TABLE } from '../domain/catalog/product';
import { editableColumns } from '../domain/sheets/column-spec';
import { arrayLiteral, type ArrayItem } from '../sync-server/db/array-params';
import type { Database, Queryable } from '../sync-server/db/database';
import { sqlType } from '../sync-server/tables/table-sql';
import { floorTransaction, timed } from './floor-pairs';

/**
 * The floor of a push and a pull of products: the same database work as the product's, written the
 * cheapest plain way (one statement per step, unnest arrays in, plain rows out) with the inputs already in
 * arrays. The push claims its mutation, locks the counter, reads the current rows, writes the rows and one
 * event per row, moves the counter and stores the answer, in one transaction.
 */
export type FloorRow = Record<string, unknown> & { sku: string };

const COLUMNS = editableColumns(PRODUCT_TABLE);

/** One literal per column, as the product sends them (db/array-params.ts): the floor is the cheapest way. */
function arrays(rows: FloorRow[]): string[] {
  return COLUMNS.map((c) => arrayLiteral(rows.map((row) => (row[c.field] ?? null) as ArrayItem)));
}

function unnestFrom(offset: number): string {
  const args = COLUMNS.map((c, index) => {
    const type = sqlType(c.kind);
    return `$${offset + index}::${type === 'text[]' ? 'text' : type}[]`;
  });
  return `unnest(${args.join(', ')}) AS r(${COLUMNS.map((c) => c.field).join(', ')})`;
}

function value(field: string): string {
  const column = COLUMNS.find((c) => c.field === field)!;
  return sqlType(column.kind) === 'text[]' ? `r.${field}::text[]` : `r.${field}`;
}

type Mutation = { clientId: string; mutationId: number };

/**
 * A push's frame, as the product's: claim the mutation and lock the counter, `write` the rows and events
 * (given the counter), move the counter and store the answer, in one transaction; timed from BEGIN to COMMIT.
 */
function timedPush(
  db: Database,
  workspaceId: string,
  mutation: Mutation,
  rowCount: number,
  response: string,
  write: (client: Queryable, start: number) => Promise<void>,
): Promise<number> {
  return timed(() =>
    floorTransaction(db, async (client) => {
      await client.query(
        `INSERT INTO sync_mutations (workspace_id, client_id, mutation_id, request_hash, actor) VALUES ($1, $2, $3, 'h', 'bench')`,
        [workspaceId, mutation.clientId, mutation.mutationId],
      );
      const counter = await client.query<{ change_no: string }>(
        'SELECT change_no FROM workspaces WHERE id = $1 FOR NO KEY UPDATE',
        [workspaceId],
      );
      const start = Number(counter.rows[0]!.change_no);
      await write(client, start);
      await client.query('UPDATE workspaces SET change_no = $2 WHERE id = $1', [workspaceId, start + rowCount]);
      await client.query(
        `UPDATE sync_mutations SET response = $4 WHERE workspace_id = $1 AND client_id = $2 AND mutation_id = $3`,
        [workspaceId, mutation.clientId, mutation.mutationId, response],
      );
    }),
  );
}

function answer(rows: FloorRow[], version: number): string {
  return JSON.stringify({ results: { products: rows.map((r) => ({ key: r.sku, status: 'applied', version })) } });
}

export function floorPush(
  db: Database,
  workspaceId: string,
  mutation: Mutation,
  rows: FloorRow[],
  changed: (row: FloorRow) => { before: unknown; after: unknown },
): Promise<number> {
  const cols = arrays(rows);
  const keys = arrayLiteral(rows.map((r) => r.sku));
  const befores = arrayLiteral(rows.map((r) => JSON.stringify(changed(r).before)));
  const afters = arrayLiteral(rows.map((r) => JSON.stringify(changed(r).after)));
  const names = COLUMNS.map((c) => c.field);
  const sets = names.filter((n) => n !== 'sku').map((n) => `${n} = ${value(n)}`);
  return timedPush(db, workspaceId, mutation, rows.length, answer(rows, 2), async (client, start) => {
    await client.query(
      `SELECT ${names.join(', ')}, version, change_no FROM products WHERE workspace_id = $1 AND sku = ANY($2::text[])`,
      [workspaceId, keys],
    );
    const written = await client.query(
      `UPDATE products t SET ${sets.join(', ')}, version = t.version + 1, change_no = $2 + r.n,
              updated_at = now(), updated_by = 'bench'
         FROM (SELECT *, row_number() OVER () AS n FROM ${unnestFrom(3)}) r
        WHERE t.workspace_id = $1 AND t.sku = r.sku`,
      [workspaceId, start, ...cols],
    );
    if (written.rowCount !== rows.length) throw new Error(`floor updated ${written.rowCount} rows`);
    await client.query(
      `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
       SELECT $1, now(), 'bench', 'products', k, 'updated', b::jsonb, a::jsonb, $5
         FROM unnest($2::text[], $3::text[], $4::text[]) AS e(k, b, a)`,
      [workspaceId, keys, befores, afters, `push:${mutation.clientId}:${mutation.mutationId}`],
    );
  });
}

/** New rows: the same steps with an insert instead of an update. */
export function floorInsert(db: Database, workspaceId: string, mutation: Mutation, rows: FloorRow[]): Promise<number> {
  const cols = arrays(rows);
  const keys = arrayLiteral(rows.map((r) => r.sku));
  const afters = arrayLiteral(rows.map((r) => JSON.stringify(r)));
  const names = COLUMNS.map((c) => c.field);
  return timedPush(db, workspaceId, mutation, rows.length, answer(rows, 1), async (client, start) => {
    await client.query(`SELECT sku FROM products WHERE workspace_id = $1 AND sku = ANY($2::text[])`, [
      workspaceId,
      keys,
    ]);
    await client.query(
      `INSERT INTO products (workspace_id, ${names.join(', ')}, version, change_no, updated_at, updated_by)
       SELECT $1, ${names.map(value).join(', ')}, 1, $2 + r.n, now(), 'bench'
         FROM (SELECT *, row_number() OVER () AS n FROM ${unnestFrom(3)}) r`,
      [workspaceId, start, ...cols],
    );
    await client.query(
      `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
       SELECT $1, now(), 'bench', 'products', k, 'created', null, a::jsonb, $4
         FROM unnest($2::text[], $3::text[]) AS e(k, a)`,
      [workspaceId, keys, afters, `push:${mutation.clientId}:${mutation.mutationId}`],
    );
  });
}

/** A pull's floor: the counter, then the changed rows as plain rows, oldest change first. */
export async function floorPullRows(
  db: Database,
  workspaceId: string,
  since: number,
  limit: number,
): Promise<{ rows: Record<string, unknown>[]; cursor: number }> {
  const names = COLUMNS.map((c) => (sqlType(c.kind) === 'numeric' ? `${c.field}::text` : c.field));
  const counter = await db.pool.query<{ change_no: string }>('SELECT change_no FROM workspaces WHERE id = $1', [
    workspaceId,
  ]);
  const cursor = Number(counter.rows[0]!.change_no);
  const rows = await db.pool.query(
    `SELECT ${names.join(', ')}, version, change_no FROM products
      WHERE workspace_id = $1 AND change_no > $2 AND change_no <= $3 ORDER BY change_no LIMIT $4`,
    [workspaceId, since, cursor, limit],
  );
  if (rows.rowCount !== limit) throw new Error(`floor pulled ${rows.rowCount} rows`);
  return { rows: rows.rows, cursor };
}

/** The same read in this process, timed: the database's part alone (no HTTP, no JSON). */
export function floorPull(db: Database, workspaceId: string, since: number, limit: number): Promise<number> {
  return timed(() => floorPullRows(db, workspaceId, since, limit));
}
