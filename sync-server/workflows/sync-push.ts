import { storableJson } from '../../domain/contracts/text-limits';
import crypto from 'node:crypto';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { translate } from '../../domain/i18n/messages';
import { editableColumns, type TableSpec, type WireRow } from '../../domain/sheets/column-spec';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import {
  canEdit,
  decideRowPush,
  roleRefusal,
  sameWireValue,
  type PushDecision,
  type PushedRow,
} from '../../domain/sync/push-decision';
import type { Principal } from '../access/principal';
import { inTransaction, run, type Database } from '../db/database';
import { StatementPipeline } from '../db/statement-pipeline';
import type { Queryable } from '../db/database';
import { sql } from '../db/sql-query';
import { insertEvents, type EventEntry } from '../events/event-log';
import { runInWorkspace } from './command-runner';
import type { PushResponse, RowResult, SyncedRow } from '../../domain/contracts/sync';
import { releaseHeldOrders } from '../orders/held-orders';
import { recheckNetworkFlags, writeReviews } from './network-review-flags';
import { pushStockCounts } from '../inventory/stock-count-service';
import { allocateWaiting } from '../inventory/allocation-service';
import { STOCK_TABLE } from '../../domain/inventory/stock-table';
import { toSyncedRow } from '../tables/row-mapping';
import { selectPlainWireRows, wireRowReader } from '../tables/plain-wire-rows';
import type { FieldError } from '../../domain/domain-error';
import { RATE_TABLE } from '../../domain/logistics/rate-table';
import { refuseRateRows } from '../logistics/rate-push';
import {
  rowShapeFor,
  rowsByKey,
  rowsOf,
  selectRowsByKey,
  updateRows,
  insertRows,
  type RowShape,
  type UpsertRow,
} from '../tables/table-sql';

export type PushRequest = {
  clientId: string;
  mutationId: number;
  lang: Lang;
  tables: Partial<Record<string, PushedRow[]>>;
  /** SHA-256 of the request's raw bytes, when it came alone to /v1/sync/push (http/push-body-hash.ts). */
  bodyHash?: string;
};

/**
 * Applies one push exactly once. The first answer is stored with a hash of the request: a retry with
 * the same body gets that answer again, the same id with another body is refused. Everything happens in
 * one transaction, so a crash leaves either the whole push applied and recorded, or nothing.
 */
export async function applyPush(
  db: Database,
  principal: Principal,
  request: PushRequest,
  now: () => Date,
): Promise<PushResponse> {
  const requestHash = hashRequest(request);
  return inTransaction(db, async (client) => {
    const claimed = await run(
      client,
      sql(
        `INSERT INTO sync_mutations (workspace_id, client_id, mutation_id, request_hash, actor) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING mutation_id`,
        [principal.workspaceId, request.clientId, request.mutationId, requestHash, principal.actor],
      ),
    );
    if (!claimed.rowCount) return { ...(await replay(client, principal, request, requestHash)), replayed: true };

    const correlationId = `push:${request.clientId}:${request.mutationId}`;
    const response = await runInWorkspace(
      client,
      principal,
      now(),
      correlationId,
      async (ctx): Promise<PushResponse> => {
        const results: Record<string, RowResult[]> = {};
        const written: Record<string, string[]> = {};
        for (const spec of SYNCED_TABLES) {
          const rows = request.tables[spec.entity];
          if (!rows?.length) continue;
          if (spec.entity === STOCK_TABLE.entity) {
            // Stock lines are counts, not values: their own rules (deltas, reservations, waiting orders).
            const counted = await pushStockCounts(
              client,
              principal,
              request.clientId,
              rows,
              request.lang,
              ctx.at,
              ctx.changeNo,
              correlationId,
            );
            results[spec.entity] = counted.results;
            ctx.changeNo = counted.changeNo;
            continue;
          }
          const applied = await pushTable(
            client,
            spec,
            principal,
            rows,
            request.lang,
            ctx.at,
            ctx.changeNo,
            correlationId,
            rowShapeFor(db.kind),
            db.kind === 'postgres' ? PUSH_CHUNK : Infinity,
          );
          results[spec.entity] = applied.results;
          written[spec.entity] = spec.entity === 'products' ? applied.createdKeys : applied.writtenKeys;
          ctx.changeNo = applied.changeNo;
        }
        // A warehouse that now ships somewhere, ranks differently or is back: waiting orders are allocated
        // again (oldest first, the approval's rules), in this transaction (docs/inventory.md).
        // The same change can make an order's "no warehouse serves" review flag stale (docs/orders.md):
        // decided first, written with the allocation's own update of each order, the rest after it.
        if (written.warehouses?.length) await recheckNetworkFlags(ctx);
        if (written.warehouses?.length) await allocateWaiting(ctx, null);
        await writeReviews(ctx);
        // New mappings and products can release orders held for an unknown SKU.
        const held = { channelSkus: written.sku_mappings ?? [], skus: written.products ?? [] };
        ctx.changeNo = await releaseHeldOrders(
          client,
          principal.workspaceId,
          held,
          ctx.at,
          principal.actor,
          ctx.changeNo,
        );
        return { mutationId: request.mutationId, results, cursor: ctx.changeNo };
      },
    );
    await run(
      client,
      sql(`UPDATE sync_mutations SET response = $4 WHERE workspace_id = $1 AND client_id = $2 AND mutation_id = $3`, [
        principal.workspaceId,
        request.clientId,
        request.mutationId,
        storableJson(response),
      ]),
    );
    return { ...response, replayed: false };
  });
}

/** A retry gets the first answer, but only from the same caller with the same body. */
async function replay(
  client: Queryable,
  principal: Principal,
  request: PushRequest,
  requestHash: string,
): Promise<PushResponse> {
  const stored = await run<{ request_hash: string; actor: string; response: PushResponse }>(
    client,
    sql(
      `SELECT request_hash, actor, response FROM sync_mutations WHERE workspace_id = $1 AND client_id = $2 AND mutation_id = $3`,
      [principal.workspaceId, request.clientId, request.mutationId],
    ),
  );
  const row = stored.rows[0]!;
  if (row.request_hash !== requestHash || row.actor !== principal.actor) {
    throw new DomainError('mutation_reused', { mutation: request.mutationId, client: request.clientId });
  }
  return row.response;
}

async function pushTable(
  client: Queryable,
  spec: TableSpec,
  principal: Principal,
  rows: PushedRow[],
  lang: Lang,
  at: Date,
  startChangeNo: number,
  correlationId: string,
  shape: RowShape,
  chunk: number,
): Promise<{ results: RowResult[]; changeNo: number; writtenKeys: string[]; createdKeys: string[] }> {
  // Read-only tables (orders) change through commands; a push can only ask for their rows back.
  const editor = canEdit(spec, principal.roles) && !spec.readOnly;
  const duplicates = duplicateKeys(rows);
  const keys = [...new Set(rows.map((row) => row.key.trim()))];
  const current = new Map(
    (await currentRows(client, spec, principal.workspaceId, keys, shape, lang)).map((row) => [row.key, row]),
  );

  let changeNo = startChangeNo;
  const results: RowResult[] = [];
  const writtenKeys: string[] = [];
  const createdKeys: string[] = [];
  // Written a chunk at a time on one pipelined connection: PostgreSQL stores a chunk while the next is decided.
  const pipeline = new StatementPipeline(client);
  let writes: UpsertRow[] = [];
  let events: EventEntry[] = [];
  const flush = () => {
    if (!writes.length) return;
    // Rows that exist are updated in place; new ones inserted (the workspace lock keeps the split exact).
    const updates = writes.filter((w) => w.version > 1);
    const creates = writes.filter((w) => w.version === 1);
    if (updates.length) pipeline.send(updateRows(spec, principal.workspaceId, updates, at, principal.actor));
    if (creates.length) pipeline.send(insertRows(spec, principal.workspaceId, creates, at, principal.actor));
    pipeline.send(insertEvents(principal.workspaceId, at, events));
    for (const w of writes) writtenKeys.push(String(w.values[spec.keyField]));
    for (const w of creates) createdKeys.push(String(w.values[spec.keyField]));
    writes = [];
    events = [];
  };
  // Decided row by row in the loop below (so the decisions of one chunk overlap the writing of the last), except
  // where rules span rows (a rate card's bands): then all first.
  const decisions: PushDecision[] = [];
  const decision = (index: number): PushDecision => {
    const row = rows[index]!;
    const stored = current.get(row.key.trim());
    return (decisions[index] ??= decideRowPush(
      spec,
      row,
      stored ? { version: stored.version, values: stored.values } : null,
      lang,
    ));
  };
  const refusedBySet =
    editor && spec.entity === RATE_TABLE.entity
      ? await refuseRateRows(
          client,
          principal.workspaceId,
          rows,
          rows.map((_, index) => decision(index)),
          lang,
        )
      : new Map<string, FieldError>();
  for (const [index, row] of rows.entries()) {
    if (index > 0 && index % PUSH_TURN === 0 && chunk < Infinity) {
      if (writes.length >= chunk) flush();
      await pipeline.turn(); // the driver sends what is queued while this loop works
    }
    const key = row.key.trim();
    if (duplicates.has(key)) {
      const column = spec.columns.find((c) => c.field === spec.keyField)!;
      results.push({
        key: row.key,
        status: 'rejected',
        errors: [
          {
            field: spec.keyField,
            code: 'duplicate_key_in_push',
            message: translate(lang, 'duplicate_key_in_sheet', { column: column.header[lang], value: key, rows: '-' }),
          },
        ],
      });
      continue;
    }
    const stored = current.get(key);
    const setRefusal = refusedBySet.get(key);
    const decided: PushDecision = setRefusal ? { kind: 'rejected', errors: [setRefusal] } : decision(index);
    if (!editor && decided.kind !== 'unchanged') {
      // Someone without the role typed over a row: refuse, and send the server's row so the sheet is put back.
      results.push({
        key: row.key,
        status: 'rejected',
        errors: [roleRefusal(spec, principal.roles, lang)],
        ...(stored ? { row: stored } : {}),
      });
      continue;
    }
    switch (decided.kind) {
      case 'rejected':
        results.push({ key: row.key, status: 'rejected', errors: decided.errors });
        break;
      case 'unchanged':
        results.push({ key: row.key, status: 'applied', version: stored!.version, row: stored! });
        break;
      case 'conflict':
        results.push({
          key: row.key,
          status: 'conflict',
          version: stored!.version,
          row: stored!,
          fields: decided.fields,
        });
        break;
      case 'create':
      case 'update': {
        const version = decided.kind === 'update' ? decided.before.version + 1 : 1;
        changeNo += 1;
        writes.push({ values: decided.values, version, change_no: changeNo });
        events.push({
          actor: principal.actor,
          entity: spec.entity,
          entityKey: key,
          action: decided.kind === 'create' ? 'created' : 'updated',
          ...(decided.kind === 'update'
            ? changedFields(spec, decided.before.values, decided.values)
            : { before: null, after: decided.values }),
          correlationId,
        });
        results.push({ key: row.key, status: 'applied', version });
        break;
      }
    }
  }
  flush();
  await pipeline.drained();
  return { results, changeNo, writtenKeys, createdKeys };
}

/** The stored rows of `keys` as the wire carries them: on PostgreSQL read plain (tables/plain-wire-rows.ts). */
async function currentRows(
  client: Queryable,
  spec: TableSpec,
  workspaceId: string,
  keys: string[],
  shape: RowShape,
  lang: Lang,
): Promise<SyncedRow[]> {
  if (shape === 'rows') {
    const q = selectPlainWireRows(spec, rowsByKey(spec, workspaceId, keys));
    const result = await client.query({ text: q.text, values: q.values, rowMode: 'array' });
    return result.rows.map(wireRowReader(spec, lang));
  }
  const found = rowsOf(await run(client, selectRowsByKey(spec, workspaceId, keys, shape)), shape);
  return found.map((dbRow) => toSyncedRow(spec, dbRow, lang));
}

/**
 * Rows written per chunk of a pushed table (about), and rows decided between two turns of the driver. On
 * PostgreSQL only: PGlite runs in this thread, where chunks only add statements (its changed push measured
 * ~15% slower in chunks); there a table's rows are one chunk.
 */
const PUSH_CHUNK = 2_000;
const PUSH_TURN = 250;

function duplicateKeys(rows: PushedRow[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (seen.has(key)) dup.add(key);
    seen.add(key);
  }
  return dup;
}

/** An update's before/after holds just the fields that changed: the log stays small and says what moved. */
function changedFields(spec: TableSpec, before: WireRow, after: WireRow): { before: WireRow; after: WireRow } {
  const out = { before: {} as WireRow, after: {} as WireRow };
  for (const { field } of editableColumns(spec)) {
    if (!sameWireValue(before[field] ?? null, after[field] ?? null)) {
      out.before[field] = before[field] ?? null;
      out.after[field] = after[field] ?? null;
    }
  }
  return out;
}

/**
 * What a retry must repeat. A push sent alone is known by its bytes (hashed as they arrived: re-serializing
 * 3 MB only to hash it held the body twice); a push inside /v1/sync by its rows and language, since the rest
 * of that body (the pull's cursor) may change between attempts.
 */
function hashRequest(request: PushRequest): string {
  if (request.bodyHash) return `raw:${request.bodyHash}`;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([request.lang, request.tables]))
    .digest('hex');
}
