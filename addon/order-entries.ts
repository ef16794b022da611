import type { Lang } from '../domain/i18n/lang';
import { entryRowsByOrder, ENTRY_COLUMNS, orderEntryOf, type OrderEntry } from '../domain/orders/order-entry';
import { orderNoFor } from '../domain/orders/order-number';
import { readBack } from './cell-values';
import type { Connection } from './connection-store';
import { claimRow, keyOf, putNote, sheetFingerprint, type LoadedTable } from './loaded-table';
import { callServer, ServerCallError } from './server-api';
import { text } from './ui-text';

type EntryAnswer = {
  imported: number;
  rejectedRows: { row: number; message: string }[];
  orders: { orderNo: string; externalId: string }[];
  skippedOrders: string[];
};

export type EntryPlan = { table: LoadedTable; entries: OrderEntry[]; indexOf: Map<number, number> };

/**
 * New order lines typed or pasted into the Orders sheet: rows with no order-line key, something in the
 * entry columns, and changed since the sync last looked at them (a refused row is sent again once edited).
 */
export function planEntries(table: LoadedTable): EntryPlan | null {
  const { spec, layout } = table;
  if (!spec.readOnly || !spec.columns.some((c) => c.entry)) return null;
  const keyColumn = layout.fields.get(spec.keyField)!;
  const plan: EntryPlan = { table, entries: [], indexOf: new Map() };
  table.rows.forEach((row, index) => {
    if (keyOf(row[keyColumn]) || Number(row[layout.version]) > 0 || table.othersRows.has(index)) return;
    if (sheetFingerprint(table, row) === String(row[layout.hash] ?? '')) return;
    const cells: Record<string, string> = {};
    for (const field of ENTRY_COLUMNS) cells[field] = cellText(row[layout.fields.get(field)!]);
    const entry = orderEntryOf(cells, index + 2);
    if (!entry) return;
    plan.entries.push(entry);
    plan.indexOf.set(entry.row, index);
  });
  return plan.entries.length ? plan : null;
}

/**
 * Sends the entries as one import. Imported orders take over the rows they were typed in (the pull writes
 * each line into its row); refused and already-known ones keep what was typed, with the reason.
 */
export function sendEntries(plan: EntryPlan, connection: Connection, lang: Lang): number {
  const { table } = plan;
  let answer: EntryAnswer;
  try {
    answer = callServer<EntryAnswer>(connection, lang, 'post', '/v1/orders/entries', { lang, entries: plan.entries });
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    // Not the rows' fault (no role, server down): say why, and send them again next time.
    for (const index of plan.indexOf.values()) putNote(table, index, error.message);
    return 0;
  }
  const reasons = new Map<number, string[]>();
  for (const refusal of answer.rejectedRows)
    reasons.set(refusal.row, [...(reasons.get(refusal.row) ?? []), refusal.message]);
  for (const [row, messages] of reasons) markSeen(table, plan.indexOf.get(row)!, messages.join('; '));

  const rowsByOrder = entryRowsByOrder(plan.entries);
  const skipped = new Set(answer.skippedOrders);
  for (const [externalId, rows] of rowsByOrder) {
    const orderNo = orderNoFor('manual', externalId);
    if (skipped.has(orderNo))
      for (const row of rows) markSeen(table, plan.indexOf.get(row)!, text(lang, 'entry_exists', { order: orderNo }));
  }
  for (const order of answer.orders) {
    (rowsByOrder.get(order.externalId) ?? []).forEach((row, i) => {
      const index = plan.indexOf.get(row)!;
      claimRow(table, index, `${order.orderNo}/${i + 1}`);
    });
  }
  return answer.imported;
}

/** Keeps the typed row as it is, with a note, and remembers it so it is sent again only once edited. */
function markSeen(table: LoadedTable, index: number, note: string): void {
  const row = table.rows[index]!;
  row[table.layout.hash] = sheetFingerprint(table, row);
  putNote(table, index, note);
  table.dirty.set(index, 'entry');
}

function cellText(cell: unknown): string {
  if (cell instanceof Date) return cell.toISOString();
  return cell === null || cell === undefined ? '' : String(readBack(cell as string)).trim();
}
