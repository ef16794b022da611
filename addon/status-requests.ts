import type { Lang } from '../domain/i18n/lang';
import { statusFromLabel, type OrderStatus } from '../domain/orders/order-status';
import type { SyncedRow } from '../domain/contracts/sync';
import { readBack } from './cell-values';
import type { Connection } from './connection-store';
import {
  keyOf,
  putServerRow,
  sheetFingerprint,
  syncedUnderOtherLayout,
  typedOverComputed,
  type LoadedTable,
} from './loaded-table';
import { callServer } from './server-api';

type MoveAnswer = {
  results: ({ orderNo: string; outcome: 'moved' } | { orderNo: string; outcome: 'refused'; message: string })[];
};

/**
 * A read-only sheet (Orders) is never pushed. A status picked in its dropdown is a transition request;
 * any other cell typed over is put back from the server's copy, with a note.
 */
export type ReadOnlyPlan = {
  table: LoadedTable;
  /** Row keys to ask back from the server. */
  refresh: string[];
  /** toStatus → order number → the sheet rows (its lines) that asked for it. */
  transitions: Map<OrderStatus, Map<string, number[]>>;
  /** Notes to show on rows once their server copy is written. */
  notes: Map<number, string>;
};

export function planReadOnly(table: LoadedTable, lang: Lang): ReadOnlyPlan {
  const plan: ReadOnlyPlan = { table, refresh: [], transitions: new Map(), notes: new Map() };
  const { spec, layout } = table;
  const keyColumn = layout.fields.get(spec.keyField)!;
  const statusColumn = spec.statusField ? layout.fields.get(spec.statusField) : undefined;
  const orderColumn = layout.fields.get('order_no');
  const statusHeader = spec.columns.find((c) => c.field === spec.statusField)?.header[lang];
  table.rows.forEach((row, index) => {
    const key = keyOf(row[keyColumn]);
    if (!key || index >= table.loadedCount || Number(row[layout.version]) <= 0) return;
    if (table.othersRows.has(index)) return; // a status someone else picked: asked for by their own sync
    if (sheetFingerprint(table, row) === String(row[layout.hash] ?? '')) return;
    if (syncedUnderOtherLayout(table, row)) return; // rewritten by the full pull this sync makes
    plan.refresh.push(key);
    const typedOver = typedOverComputed(table, row, lang);
    // Cells other than the status are put back with a note naming them.
    const others = typedOver.filter((header) => header !== statusHeader);
    if (others.length) table.typedOverComputed.set(index, others);
    if (statusColumn === undefined || orderColumn === undefined || !statusHeader || !typedOver.includes(statusHeader))
      return;
    const target = statusFromLabel(String(readBack(row[statusColumn] ?? '')));
    const orderNo = keyOf(readBack(row[orderColumn] ?? ''));
    if (!target || !orderNo) return;
    const orders = plan.transitions.get(target) ?? new Map<string, number[]>();
    orders.set(orderNo, [...(orders.get(orderNo) ?? []), index]);
    plan.transitions.set(target, orders);
  });
  return plan;
}

/** Sends the transition requests (one command per target status) and keeps each refusal as a note. */
export function sendTransitions(
  plan: ReadOnlyPlan,
  connection: Connection,
  lang: Lang,
  idempotencyKey: (n: number) => string,
): number {
  let moved = 0;
  let n = 0;
  for (const [toStatus, orders] of plan.transitions) {
    const answer = callServer<MoveAnswer>(connection, lang, 'post', '/v1/orders/moves', {
      idempotencyKey: idempotencyKey(n++),
      lang,
      toStatus,
      orderNos: [...orders.keys()],
    });
    for (const result of answer.results) {
      if (result.outcome === 'moved') moved += 1;
      else for (const index of orders.get(result.orderNo) ?? []) plan.notes.set(index, result.message);
    }
  }
  return moved;
}

/** Writes the server's copy of the asked-back rows, with the refusal notes or a "put back" note. */
export function applyRefreshed(plan: ReadOnlyPlan, rows: SyncedRow[], restoredNote: (index: number) => string): void {
  for (const row of rows) {
    const index = plan.table.byKey.get(row.key);
    if (index === undefined) continue;
    putServerRow(plan.table, row.key, row.version, row.values, plan.notes.get(index) ?? restoredNote(index), index);
  }
}
