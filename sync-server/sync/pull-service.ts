import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { selectWorkspace } from '../workspaces/workspace-sql';
import type { SyncedRow } from '../../domain/contracts/sync';
import { selectWireChangesSince, selectWireLinesSince, wireRowsInSql, wireRowsOf } from '../tables/wire-rows-sql';
import { copyNumberedJson } from '../db/copy-lines';
import { selectPlainWireRows, wireRowReader } from '../tables/plain-wire-rows';
import { toSyncedRow } from '../tables/row-mapping';
import {
  changesSince,
  countRows,
  rowShapeFor,
  rowsOf,
  selectChangedTables,
  selectChangesSince,
  selectRowsByKey,
} from '../tables/table-sql';
import { elementPieces, type JsonPiece } from '../tables/json-pieces';

/**
 * Changes after `since`, across tables, oldest first, at most `limit`, as the JSON text of a PullResponse.
 * Each table is read up to `limit`; merging and cutting at `limit` keeps the cursor exact: nothing at or
 * below it is left out. A table with no column rendered in the reader's language comes as JSON text the database
 * writes (tables/wire-rows-sql.ts), on PostgreSQL as COPY's bytes (db/copy-lines.ts), never a JavaScript object or
 * string per row; the rest on PostgreSQL as plain rows with values already in wire form
 * (tables/plain-wire-rows.ts), rendered in Node, each table's page in one JSON.stringify.
 */
export async function pullChanges(
  db: Database,
  principal: Principal,
  since: number,
  limit: number,
  entities?: string[],
  lang: Lang = 'en',
): Promise<PulledPage> {
  const tables = SYNCED_TABLES.filter((t) => !entities || entities.includes(t.entity));
  // Read the counter first: every change up to it has committed (it is bumped in the same transaction),
  // so reading only up to it can never skip a change that commits while this pull runs.
  const upTo = await workspaceCounter(db, principal.workspaceId);
  if (since > upTo) {
    // A cursor from another server or workspace, or from before a restore: pulling "nothing" would hide rows.
    throw new DomainError('cursor_ahead', { since, upTo });
  }
  const shape = rowShapeFor(db.kind);
  // One connection, one statement after another: fifteen small reads at once would open new PostgreSQL
  // connections (a process each) whenever the pool has fewer idle ones, costing more than the reads.
  const client = await db.pool.connect();
  const perTable: { entity: string; rows: PulledRow[] }[] = [];
  let page: { entity: string; row: PulledRow }[];
  let hasMore: boolean;
  let totals = '';
  // A window of no more change numbers than a page holds is (nearly always) the last page: its counts come with the
  // first statement. Otherwise only a page that turns out to be the last counts, in a statement of its own.
  const likelyLast = upTo - since <= limit;
  try {
    const first = (
      await run<Record<string, boolean | number>>(
        client,
        selectChangedTables(tables, principal.workspaceId, since, upTo, likelyLast),
      )
    ).rows[0]!;
    for (const spec of tables) {
      if (!first[spec.entity]) continue;
      if (wireRowsInSql(spec) && db.kind === 'postgres') {
        // COPY's bytes of the JSON the database wrote: no row object or string per row (db/copy-lines.ts).
        const q = selectWireLinesSince(spec, principal.workspaceId, since, upTo, limit + 1);
        const rows = await copyNumberedJson(client, q);
        perTable.push({ entity: spec.entity, rows: rows.map((row) => ({ changeNo: row.n, wire: row.json })) });
        continue;
      }
      if (db.kind === 'postgres') {
        const q = selectPlainWireRows(spec, changesSince(spec, principal.workspaceId, since, upTo, limit + 1));
        const result = await client.query({ text: q.text, values: q.values, rowMode: 'array' });
        perTable.push({ entity: spec.entity, rows: result.rows.map(wireRowReader(spec, lang)) });
        continue;
      }
      if (wireRowsInSql(spec)) {
        const q = selectWireChangesSince(spec, principal.workspaceId, since, upTo, limit + 1, shape);
        perTable.push({ entity: spec.entity, rows: wireRowsOf(await run(client, q), shape) });
        continue;
      }
      const result = await run(client, selectChangesSince(spec, principal.workspaceId, since, upTo, limit + 1, shape));
      perTable.push({ entity: spec.entity, rows: rowsOf(result, shape).map((row) => toSyncedRow(spec, row, lang)) });
    }
    ({ page, hasMore } = pageOf(perTable, limit));
    // The add-on compares the totals with its sheets once it has every change: the last page always counts.
    let counts: Record<string, unknown> | null = likelyLast ? first : null;
    if (!counts && !hasMore) counts = (await run(client, countRows(tables, principal.workspaceId))).rows[0]!;
    if (counts) {
      const rows = Object.fromEntries(tables.map((t) => [t.entity, Number(counts[`${t.entity}__rows`])]));
      totals = `,"totals":${JSON.stringify(rows)}`;
    }
  } finally {
    client.release();
  }
  const changes = new Map<string, PulledRow[]>(tables.map((t) => [t.entity, []]));
  for (const { entity, row } of page) changes.get(entity)!.push(row);
  const cursor = hasMore ? page[page.length - 1]!.row.changeNo : Math.max(since, upTo);
  const pieces: JsonPiece[] = ['{"changes":{'];
  [...changes].forEach(([entity, rows], i) => pieces.push(`${i ? ',' : ''}${JSON.stringify(entity)}:`, ...json(rows)));
  pieces.push(`},"cursor":${cursor},"hasMore":${hasMore}${totals}}`);
  return { pieces, rows: page.length };
}

/**
 * The tables' rows merged oldest change first and cut at `limit`. Rows of one change (an order's lines) share a
 * change number: they are never split across pages, or the cursor would skip the rest.
 */
function pageOf(
  perTable: readonly { entity: string; rows: PulledRow[] }[],
  limit: number,
): { page: { entity: string; row: PulledRow }[]; hasMore: boolean } {
  const merged = perTable
    .flatMap(({ entity, rows }) => rows.map((row) => ({ entity, row })))
    .sort((a, b) => a.row.changeNo - b.row.changeNo);
  const hasMore = merged.length > limit;
  let page = merged.slice(0, limit);
  if (hasMore) {
    const cut = merged[limit]!.row.changeNo;
    const kept = page.filter((p) => p.row.changeNo !== cut);
    if (kept.length) page = kept;
  }
  return { page, hasMore };
}

/** One row of a page: the row itself, or its change number (to merge tables in order) and its wire JSON text. */
type PulledRow = SyncedRow | { changeNo: number; wire: JsonPiece };

/** A table's rows as a JSON array: rows as objects in one JSON.stringify, rows as text joined. */
function json(rows: PulledRow[]): JsonPiece[] {
  if (rows.every((row) => !('wire' in row))) return [JSON.stringify(rows)];
  return ['[', ...elementPieces(rows.map((row) => ('wire' in row ? row.wire : JSON.stringify(row)))), ']'];
}

/** A pulled page as the JSON text of a PullResponse in pieces (tables/json-pieces.ts), and how many rows it holds. */
export type PulledPage = { pieces: JsonPiece[]; rows: number };

async function workspaceCounter(db: Database, workspaceId: string): Promise<number> {
  const row = (await run<{ change_no: string }>(db.pool, selectWorkspace(workspaceId))).rows[0];
  return row ? Number(row.change_no) : 0;
}

/** The server's copy of the given rows (by key), for the client to put back what was typed over. */
export async function refreshRows(
  db: Database,
  principal: Principal,
  keys: Partial<Record<string, string[]>>,
  lang: Lang = 'en',
): Promise<Record<string, SyncedRow[]>> {
  const out: Record<string, SyncedRow[]> = {};
  for (const spec of SYNCED_TABLES) {
    const wanted = keys[spec.entity];
    if (!wanted?.length) continue;
    const shape = rowShapeFor(db.kind);
    const rows = rowsOf(await run(db.pool, selectRowsByKey(spec, principal.workspaceId, wanted, shape)), shape);
    out[spec.entity] = rows.map((row) => toSyncedRow(spec, row, lang));
  }
  return out;
}
