import { SYNCED_TABLES } from '../domain/catalog/synced-tables';
import type { Lang } from '../domain/i18n/lang';
import { translate } from '../domain/i18n/messages';
import type { WireRow } from '../domain/sheets/column-spec';
import { readBack, toCell } from './cell-values';
import { clientId, loadCursor, nextMutationId, saveCursor, type Connection } from './connection-store';
import { flushTable, loadTable, putNote, putServerRow, type LoadedTable } from './loaded-table';
import { callServer } from './server-api';
import { setupSheets } from './sheet-setup';
import { planPush, type PlannedPush } from './sync-plan';
import type { PullResponse, PushResponse, RowResult, SyncedRow, SyncResponse } from '../domain/sync/sync-wire';

export type SyncSummary = { pushed: number; applied: number; conflicts: number; rejected: number; pulled: number; restored: number; writes: number };

/** Rows per push request: keeps each request well under the server's body limit. */
const PUSH_CHUNK = 5000;

/**
 * One sync: read each synced sheet once, push rows whose fingerprint changed, pull what changed on the
 * server since the cursor, write both back by key in contiguous blocks, then save the cursor.
 * UrlFetch calls: one /v1/sync for up to PUSH_CHUNK rows and one page of changes; more only for very
 * large pushes or pulls, or to restore rows deleted from the sheet.
 */
export function runSync(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, connection: Connection, lang: Lang): SyncSummary {
  let loaded = SYNCED_TABLES.map((spec) => loadTable(spreadsheet, spec));
  if (loaded.some((table) => table === null)) {
    // A sheet or a header is missing (new spreadsheet, or a column deleted): repair, then read again.
    setupSheets(spreadsheet);
    loaded = SYNCED_TABLES.map((spec) => loadTable(spreadsheet, spec));
  }
  const tables = loaded.filter((t): t is LoadedTable => t !== null);
  const summary: SyncSummary = { pushed: 0, applied: 0, conflicts: 0, rejected: 0, pulled: 0, restored: 0, writes: 0 };
  const plans = new Map(tables.map((t) => [t.spec.entity, planPush(t, lang)] as const));
  const id = clientId(spreadsheet.getId());
  let cursor = loadCursor();

  const chunks = chunkPushes(plans);
  let pull: PullResponse | null = null;
  let totals: Record<string, number> = {};
  for (let i = 0; i < Math.max(chunks.length, 1); i++) {
    const chunk = chunks[i];
    const last = i >= chunks.length - 1;
    const mutationId = chunk ? nextMutationId(spreadsheet.getId()) : undefined;
    const tablesBody = chunk ? Object.fromEntries([...chunk].map(([entity, part]) => [entity, part.rows])) : undefined;
    if (last) {
      const response = callServer<SyncResponse>(connection, lang, 'post', '/v1/sync', { clientId: id, mutationId, lang, tables: tablesBody, since: cursor });
      if (response.push) applyPushResults(tables, chunk!, response.push, lang, summary);
      pull = response.pull;
    } else {
      const response = callServer<PushResponse>(connection, lang, 'post', '/v1/sync/push', { clientId: id, mutationId, lang, tables: tablesBody });
      applyPushResults(tables, chunk!, response, lang, summary);
    }
  }
  while (pull) {
    applyPull(tables, pull, summary);
    totals = pull.totals;
    cursor = pull.cursor;
    pull = pull.hasMore ? callServer<PullResponse>(connection, lang, 'get', `/v1/sync/pull?since=${cursor}`) : null;
  }
  restoreDeletedRows(tables, connection, lang, summary, totals);
  for (const table of tables) summary.writes += flushTable(table);
  saveCursor(cursor);
  return summary;
}

function chunkPushes(plans: Map<string, PlannedPush>): Map<string, PlannedPush>[] {
  const chunks: Map<string, PlannedPush>[] = [];
  for (const [entity, plan] of plans) {
    for (let start = 0; start < plan.rows.length; start += PUSH_CHUNK) {
      const part = { rows: plan.rows.slice(start, start + PUSH_CHUNK), rowIndexes: plan.rowIndexes.slice(start, start + PUSH_CHUNK) };
      const current = chunks[chunks.length - 1];
      const size = current ? [...current.values()].reduce((n, p) => n + p.rows.length, 0) : PUSH_CHUNK;
      if (current && size + part.rows.length <= PUSH_CHUNK) current.set(entity, part);
      else chunks.push(new Map([[entity, part]]));
    }
  }
  return chunks;
}

function applyPushResults(tables: LoadedTable[], chunk: Map<string, PlannedPush>, response: PushResponse, lang: Lang, summary: SyncSummary): void {
  for (const [entity, part] of chunk) {
    const table = tables.find((t) => t.spec.entity === entity)!;
    const results = response.results[entity] ?? [];
    part.rows.forEach((pushed, i) => {
      const result: RowResult | undefined = results[i];
      const index = part.rowIndexes[i]!;
      summary.pushed += 1;
      if (!result) return;
      if (result.status === 'rejected') {
        summary.rejected += 1;
        putNote(table, index, result.errors.map((e) => e.message).join('; '));
      } else if (result.status === 'conflict') {
        summary.conflicts += 1;
        const yours = Object.entries(pushed.values)
          .filter(([field, value]) => JSON.stringify(value ?? null) !== JSON.stringify(result.row.values[field] ?? null))
          .map(([field, value]) => `${field}=${Array.isArray(value) ? value.join(',') : String(value ?? '')}`)
          .join(', ');
        putServerRow(table, result.key, result.row.version, result.row.values, translate(lang, 'conflict', { version: result.row.version, yours }), index);
      } else {
        summary.applied += 1;
        if (result.row) {
          putServerRow(table, result.key, result.row.version, result.row.values, computedRestoredNote(table, index, result.row.values, lang), index);
        } else putNote(table, index, '');
      }
    });
  }
}

/** Names the server-owned columns a person typed over, before they are put back. */
function computedRestoredNote(table: LoadedTable, index: number, values: WireRow, lang: Lang): string {
  const row = table.rows[index]!;
  const changed = table.spec.columns
    .filter((c) => c.computed)
    .filter((c) => String(row[table.layout.fields.get(c.field)!] ?? '') !== String(readBack(toCell(c, values[c.field] ?? null))))
    .map((c) => c.header[lang]);
  return changed.length ? translate(lang, 'computed_restored', { columns: changed.join(', ') }) : '';
}

function applyPull(tables: LoadedTable[], pull: PullResponse, summary: SyncSummary): void {
  for (const table of tables) {
    for (const row of pull.changes[table.spec.entity] ?? []) {
      const index = table.byKey.get(row.key);
      const keepNote = index !== undefined && table.dirty.has(index) ? String(readBack(table.rows[index]![table.layout.note] ?? '')) : '';
      putServerRow(table, row.key, row.version, row.values, keepNote);
      summary.pulled += 1;
    }
  }
}

/** Deleting a row in the sheet deletes nothing: when the sheet holds fewer rows than the server, put them back. */
function restoreDeletedRows(tables: LoadedTable[], connection: Connection, lang: Lang, summary: SyncSummary, totals: Record<string, number>): void {
  for (const table of tables) {
    const synced = [...table.byKey.values()].filter((index) => Number(table.rows[index]![table.layout.version]) > 0).length;
    if (synced >= (totals[table.spec.entity] ?? 0)) continue;
    let since = 0;
    for (;;) {
      const page = callServer<PullResponse>(connection, lang, 'get', `/v1/sync/pull?since=${since}&tables=${table.spec.entity}`);
      for (const row of page.changes[table.spec.entity] ?? ([] as SyncedRow[])) {
        if (table.byKey.has(row.key)) continue;
        putServerRow(table, row.key, row.version, row.values, translate(lang, 'row_restored'));
        summary.restored += 1;
      }
      if (!page.hasMore) break;
      since = page.cursor;
    }
  }
}
