import { SYNCED_TABLES } from '../domain/catalog/synced-tables';
import { PO_ROWS_TABLE } from '../domain/purchasing/po-rows';
import type { Lang } from '../domain/i18n/lang';
import { translate } from '../domain/i18n/messages';
import type { WireRow } from '../domain/sheets/column-spec';
import type { PullResponse, PushResponse, RowResult, SyncedRow, SyncResponse } from '../domain/contracts/sync';
import { clientId, loadCursor, nextMutationId, saveCursor, type Connection } from './connection-store';
import {
  flushTable,
  recountDays,
  loadTable,
  noteOf,
  putNote,
  putServerRow,
  syncedUnderOtherLayout,
  type LoadedTable,
} from './loaded-table';
import {
  authorshipTracked,
  loadJournal,
  mergeJournal,
  sortOutAuthors,
  unsettled,
  updateJournal,
  withStanding,
  type Journal,
} from './edit-journal';
import { standingAfterSync } from './formula-rows';
import { highlightOverduePoLines } from './overdue-highlight';
import { callServer, ServerCallError } from './server-api';
import { setupSheets } from './sheet-setup';
import { planEntries, sendEntries } from './order-entries';
import { readSettingsRows, writeSettingsRows } from './settings-rows';
import { writeFlowSheet } from './flow-sheet';
import type { OverviewResponse } from '../domain/contracts/dispatch';
import { applyRefreshed, planReadOnly, sendTransitions } from './status-requests';
import { planPush, type PlannedPush } from './sync-plan';
import { text } from './ui-text';

export type SyncSummary = {
  pushed: number;
  applied: number;
  conflicts: number;
  rejected: number;
  pulled: number;
  restored: number;
  moved: number;
  entered: number;
  writes: number;
  /** Changed rows left for the person who typed them (see edit-journal.ts). */
  waiting: number;
  /** The run stopped at its time budget; the next run carries on from the saved cursor. */
  resumed: boolean;
};

export function emptySummary(): SyncSummary {
  return {
    pushed: 0,
    applied: 0,
    conflicts: 0,
    rejected: 0,
    pulled: 0,
    restored: 0,
    moved: 0,
    entered: 0,
    writes: 0,
    waiting: 0,
    resumed: false,
  };
}

export type SyncOptions = {
  /**
   * Authorship: when the spreadsheet tracks it, only the rows this person's journal holds are sent.
   * Null: every changed row is sent (a sheet nobody turned live sync on for).
   */
  journal?: Journal | null;
  /** Stop pulling (and save the cursor reached) once `now()` passes this, so a run fits in 6 minutes. */
  deadline?: number;
  now?: () => number;
  /**
   * A focused run (an edit's trigger): load and push only these tables, pull nothing (the cursor stays;
   * the timer brings others' changes). Pushed rows and asked-back statuses still come back written.
   */
  only?: string[];
  /** Changes per pull page (the server's default, 20,000, when unset). */
  pageSize?: number;
};

/** Rows per push request: keeps each request well under the server's body limit. */
const PUSH_CHUNK = 5000;

/**
 * One sync: read each synced sheet once, push rows whose fingerprint changed, pull what changed on the
 * server since the cursor, write both back by key in contiguous blocks, then save the cursor.
 * UrlFetch calls: one /v1/sync for up to PUSH_CHUNK rows and one page of changes; more only for very
 * large pushes or pulls, or to restore rows deleted from the sheet.
 */
export function runSync(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  connection: Connection,
  lang: Lang,
  options: SyncOptions = {},
): SyncSummary {
  const now = options.now ?? (() => Date.now());
  const focused = options.only !== undefined;
  const tables = loadTables(spreadsheet, lang, options.only);
  const summary = emptySummary();
  const journal = options.journal ?? null;
  const authors = journal ? sortOutAuthors(tables, journal, text(lang, 'waiting_for_author'), putNote) : null;
  summary.waiting = tables.reduce((n, t) => n + t.othersRows.size, 0);
  const plans = new Map(tables.map((t) => [t.spec.entity, planPush(t, lang)] as const));
  const id = clientId(spreadsheet.getId());
  let cursor = loadCursor(connection.workspaceId, lang);
  // Rows synced before a column was added need the new column's values: pull everything once.
  if (tables.some((t) => t.rows.some((row) => syncedUnderOtherLayout(t, row)))) cursor = 0;

  // Read-only sheets: status picks become transition requests (sent first, so the pull shows their result).
  const readOnly = tables.filter((t) => t.spec.readOnly).map((t) => planReadOnly(t, lang));
  for (const plan of readOnly) {
    if (!plan.transitions.size) continue;
    const mutation = nextMutationId(spreadsheet.getId());
    summary.moved += sendTransitions(plan, connection, lang, (n) => `${id}-m${mutation}-${n}`);
  }
  // New order lines typed into the Orders sheet become orders (before the pull, which then writes them in place).
  for (const table of tables) {
    const entries = planEntries(table);
    if (entries) summary.entered += sendEntries(entries, connection, lang);
  }
  const refresh: Record<string, string[]> = Object.fromEntries(
    readOnly.filter((p) => p.refresh.length).map((p) => [p.table.spec.entity, p.refresh]),
  );
  // A focused run pulls nothing: the rows it sends are asked back (new version, the server's columns).
  if (focused) for (const [entity, plan] of plans) if (plan.rows.length) refresh[entity] = plan.rows.map((r) => r.key);

  const settingsRows = focused ? null : readSettingsRows(spreadsheet, lang, connection.workspaceId);
  const chunks = chunkPushes(plans);
  let pull: PullResponse | null = null;
  let refreshed: Record<string, SyncedRow[]> = {};
  let flow: OverviewResponse | null = null;
  for (let i = 0; i < Math.max(chunks.length, 1); i++) {
    const chunk = chunks[i];
    const mutationId = chunk ? nextMutationId(spreadsheet.getId()) : undefined;
    const tablesBody = chunk ? Object.fromEntries([...chunk].map(([entity, part]) => [entity, part.rows])) : undefined;
    if (i >= chunks.length - 1) {
      const send = (since: number) =>
        callServer<SyncResponse>(connection, lang, 'post', '/v1/sync', {
          clientId: id,
          mutationId,
          lang,
          tables: tablesBody,
          since,
          ...(focused ? { limit: 1 } : options.pageSize ? { limit: options.pageSize } : {}),
          ...(Object.keys(refresh).length ? { refresh } : {}),
          ...(settingsRows ? { settings: settingsRows } : {}),
          ...(focused ? {} : { flow: true }),
        });
      let response: SyncResponse;
      try {
        response = send(cursor);
      } catch (error) {
        // The server was reset or restored behind our cursor: nothing was applied, so start over from 0.
        if (!(error instanceof ServerCallError) || error.code !== 'cursor_ahead') throw error;
        cursor = 0;
        response = send(cursor);
      }
      if (response.push) applyPushResults(tables, chunk!, response.push, lang, summary);
      pull = focused ? null : response.pull;
      refreshed = response.refreshed ?? {};
      if (!focused) writeSettingsRows(spreadsheet, lang, connection.workspaceId, response.settings, settingsRows);
      flow = response.flow ?? null;
    } else {
      applyPushResults(
        tables,
        chunk!,
        callServer<PushResponse>(connection, lang, 'post', '/v1/sync/push', {
          clientId: id,
          mutationId,
          lang,
          tables: tablesBody,
        }),
        lang,
        summary,
      );
    }
  }
  let totals: Record<string, number> = {};
  let poLinesPulled = false;
  while (pull) {
    poLinesPulled ||= (pull.changes[PO_ROWS_TABLE.entity]?.length ?? 0) > 0;
    applyPull(tables, pull, lang, summary);
    totals = pull.totals ?? totals; // always sent with the last page, mostly not before
    cursor = pull.cursor;
    // Out of time: what was pulled is written and the cursor saved; the next run pulls the rest.
    if (pull.hasMore && options.deadline !== undefined && now() > options.deadline) {
      summary.resumed = true;
      break;
    }
    pull = pull.hasMore
      ? callServer<PullResponse>(
          connection,
          lang,
          'get',
          `/v1/sync/pull?since=${cursor}&lang=${lang}${options.pageSize ? `&limit=${options.pageSize}` : ''}`,
        )
      : null;
  }
  // After the pull, so a refusal note is what the row shows last.
  for (const plan of readOnly)
    applyRefreshed(plan, refreshed[plan.table.spec.entity] ?? [], (index) =>
      computedRestoredNote(plan.table, index, lang),
    );
  if (focused) writeAskedBack(tables, refreshed);
  if (!summary.resumed && !focused) restoreDeletedRows(tables, connection, lang, summary, totals);
  const today = new Date(now());
  for (const table of tables) {
    recountDays(table, today);
    summary.writes += flushTable(table);
  }
  // New PO lines may have grown the sheet past the overdue rule's range: it is extended then (a no-op otherwise).
  if (poLinesPulled) highlightOverduePoLines(spreadsheet);
  if (!focused) saveCursor(connection.workspaceId, lang, cursor);
  if (journal && authors) {
    const standing = standingAfterSync(tables, authors.mine);
    updateJournal(spreadsheet.getId(), (current) =>
      withStanding(
        mergeJournal(journal, unsettled(authors.kept, tables, journal), current),
        journal,
        authors,
        standing,
      ),
    );
  }
  // After the rows are written, so its links point at where they now are (a focused run loads only some sheets).
  if (flow && !focused) writeFlowSheet(spreadsheet, flow, lang, tables);
  return summary;
}

/**
 * A sync after a command, so the sheet shows its result. One sync at a time per spreadsheet: when another
 * is running (someone pressed Sync now), this one is skipped; that sync brings the result anyway.
 */
export function syncUnderLock(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  connection: Connection,
  lang: Lang,
  options: SyncOptions & { waitMs?: number } = {},
): SyncSummary | null {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(options.waitMs ?? 30_000)) return null;
  try {
    const journal =
      options.journal !== undefined ? options.journal : authorshipTracked() ? loadJournal(spreadsheet.getId()) : null;
    return runSync(spreadsheet, connection, lang, { ...options, journal });
  } finally {
    lock.releaseLock();
  }
}

/**
 * Reads every synced sheet. A missing sheet or header is repaired first; a column that had to be
 * re-created is empty, so its field is left out of this run's push (the server's values come back).
 */
function loadTables(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, only?: string[]): LoadedTable[] {
  const specs = only ? SYNCED_TABLES.filter((spec) => only.includes(spec.entity)) : SYNCED_TABLES;
  let reads = specs.map((spec) => loadTable(spreadsheet, spec, lang));
  const repaired = new Map<string, string[]>();
  if (reads.some((read) => read === null || 'missing' in read)) {
    reads.forEach((read, i) => read && 'missing' in read && repaired.set(specs[i]!.entity, read.missing));
    setupSheets(spreadsheet);
    reads = specs.map((spec) => loadTable(spreadsheet, spec, lang));
  }
  const tables: LoadedTable[] = [];
  for (const read of reads) {
    if (!read || !('table' in read)) continue;
    for (const field of repaired.get(read.table.spec.entity) ?? []) read.table.repairedFields.add(field);
    tables.push(read.table);
  }
  return tables;
}

function chunkPushes(plans: Map<string, PlannedPush>): Map<string, PlannedPush>[] {
  const chunks: Map<string, PlannedPush>[] = [];
  for (const [entity, plan] of plans) {
    for (let start = 0; start < plan.rows.length; start += PUSH_CHUNK) {
      const part = {
        rows: plan.rows.slice(start, start + PUSH_CHUNK),
        rowIndexes: plan.rowIndexes.slice(start, start + PUSH_CHUNK),
      };
      const current = chunks[chunks.length - 1];
      const size = current ? [...current.values()].reduce((n, p) => n + p.rows.length, 0) : PUSH_CHUNK;
      if (current && size + part.rows.length <= PUSH_CHUNK) current.set(entity, part);
      else chunks.push(new Map([[entity, part]]));
    }
  }
  return chunks;
}

function applyPushResults(
  tables: LoadedTable[],
  chunk: Map<string, PlannedPush>,
  response: PushResponse,
  lang: Lang,
  summary: SyncSummary,
): void {
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
        const errors = result.errors.map((e) => e.message).join('; ');
        if (result.row) {
          // Not theirs to change: put the server's row back, keep what they typed in the note.
          const yours = describeValues(table, pushed.values, Object.keys(pushed.values), result.row.values, lang);
          putServerRow(
            table,
            result.key,
            result.row.version,
            result.row.values,
            [errors, yours].filter(Boolean).join(' — '),
            index,
          );
        } else {
          table.heldBack.add(index);
          putNote(table, index, errors);
        }
      } else if (result.status === 'conflict') {
        summary.conflicts += 1;
        const yours = Object.fromEntries(result.fields.map((field) => [field, pushed.values[field] ?? null]));
        const note = translate(lang, 'conflict', {
          version: result.row.version,
          yours: describeValues(table, yours, result.fields, null, lang, false),
        });
        putServerRow(table, result.key, result.row.version, result.row.values, note, index);
      } else {
        summary.applied += 1;
        if (result.row)
          putServerRow(
            table,
            result.key,
            result.row.version,
            result.row.values,
            computedRestoredNote(table, index, lang),
            index,
          );
        else putNote(table, index, computedRestoredNote(table, index, lang));
      }
    });
  }
}

/** "Name (English)=Lamp, Weight (g)=heavy": typed values named by their column in the sheet's language. */
function describeValues(
  table: LoadedTable,
  values: Record<string, unknown>,
  fields: string[],
  server: WireRow | null,
  lang: Lang,
  wrap = true,
): string {
  const shown = fields
    .filter((field) => !server || String(values[field] ?? '') !== String(server[field] ?? ''))
    .map(
      (field) =>
        `${table.spec.columns.find((c) => c.field === field)?.header[lang] ?? field}=${Array.isArray(values[field]) ? (values[field] as unknown[]).join(',') : String(values[field] ?? '')}`,
    )
    .join(', ');
  return shown && wrap ? text(lang, 'yours_were', { values: shown }) : shown;
}

/** Names the server-owned columns a person typed over; the server's values replace them. */
function computedRestoredNote(table: LoadedTable, index: number, lang: Lang): string {
  const columns = table.typedOverComputed.get(index);
  return columns?.length ? translate(lang, 'computed_restored', { columns: columns.join(', ') }) : '';
}

function applyPull(tables: LoadedTable[], pull: PullResponse, lang: Lang, summary: SyncSummary): void {
  for (const table of tables) {
    for (const row of pull.changes[table.spec.entity] ?? []) {
      const index = table.byKey.get(row.key);
      summary.pulled += 1;
      if (index !== undefined && table.heldBack.has(index)) {
        // Keep what the person typed (the push was refused); the next push will meet this version as a conflict.
        putNote(
          table,
          index,
          [noteOf(table, index), text(lang, 'changed_meanwhile', { version: row.version })].filter(Boolean).join(' — '),
        );
        continue;
      }
      const note = index !== undefined && table.dirty.has(index) ? noteOf(table, index) : '';
      putServerRow(table, row.key, row.version, row.values, note, index);
    }
  }
}

/** A focused run's sent rows, as the server now has them (their notes, set by the push's answers, kept). */
function writeAskedBack(tables: LoadedTable[], refreshed: Record<string, SyncedRow[]>): void {
  for (const table of tables) {
    if (table.spec.readOnly) continue;
    for (const row of refreshed[table.spec.entity] ?? []) {
      const index = table.byKey.get(row.key);
      if (index === undefined || table.heldBack.has(index)) continue;
      putServerRow(table, row.key, row.version, row.values, noteOf(table, index), index);
    }
  }
}

/** Deleting a row in the sheet deletes nothing: when the sheet holds fewer rows than the server, put them back. */
function restoreDeletedRows(
  tables: LoadedTable[],
  connection: Connection,
  lang: Lang,
  summary: SyncSummary,
  totals: Record<string, number>,
): void {
  for (const table of tables) {
    const synced = [...table.byKey.values()].filter(
      (index) => Number(table.rows[index]![table.layout.version]) > 0,
    ).length;
    if (synced >= (totals[table.spec.entity] ?? 0)) continue;
    let since = 0;
    for (;;) {
      const page = callServer<PullResponse>(
        connection,
        lang,
        'get',
        `/v1/sync/pull?since=${since}&tables=${table.spec.entity}&lang=${lang}`,
      );
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
