import type { Lang } from '../domain/i18n/lang';
import { rowFingerprint } from '../domain/sync/row-fingerprint';
import { asText, readBack } from './cell-values';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { syncUnderLock } from './sync-run';
import { text, type TextKey } from './ui-text';

type Suggestion = {
  sku: string; supplier: string | null; available: number; incoming: number; waiting: number; sold7: number; sold14: number; sold30: number;
  velocity: number; leadTime: number; suggestedQty: number; orderBy: string | null;
};
type Cell = string | number | boolean | Date;

/** The Purchase sheet's columns; the server's, except Final qty (the buyer's) and PO (what was created). */
const COLUMNS: { key: keyof Suggestion | 'final' | 'po'; header: TextKey }[] = [
  { key: 'sku', header: 'plan_sku' }, { key: 'supplier', header: 'plan_supplier' }, { key: 'available', header: 'plan_available' },
  { key: 'incoming', header: 'plan_incoming' }, { key: 'waiting', header: 'plan_waiting' }, { key: 'sold7', header: 'plan_sold7' },
  { key: 'sold14', header: 'plan_sold14' }, { key: 'sold30', header: 'plan_sold30' }, { key: 'velocity', header: 'plan_velocity' },
  { key: 'leadTime', header: 'plan_lead_time' }, { key: 'suggestedQty', header: 'plan_suggested' }, { key: 'orderBy', header: 'plan_order_by' },
  { key: 'final', header: 'plan_final' }, { key: 'po', header: 'plan_po' },
];
const at = (key: (typeof COLUMNS)[number]['key']) => COLUMNS.findIndex((c) => c.key === key);

export type PlanOutcome = { ok: boolean; message: string };

function purchaseSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): GoogleAppsScript.Spreadsheet.Sheet {
  return spreadsheet.getSheetByName(text('en', 'sheet_purchase')) ?? spreadsheet.getSheetByName(text('zh', 'sheet_purchase')) ?? spreadsheet.insertSheet(text(lang, 'sheet_purchase'));
}

/**
 * Rewrites the Purchase sheet from the server's suggestions (one read, one write). What the buyer typed
 * in Final qty, and the PO a row was ordered on, stay with their SKU wherever it lands.
 */
export function refreshPurchasePlan(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): PlanOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  let answer: { today: string; suggestions: Suggestion[] };
  try {
    answer = callServer(state.connection, lang, 'get', '/v1/purchasing/suggestions');
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: error.message };
    throw error;
  }
  const sheet = purchaseSheet(spreadsheet, lang);
  const kept = new Map<string, { final: Cell; po: Cell }>();
  if (sheet.getLastRow() > 1) {
    for (const row of sheet.getRange(2, 1, sheet.getLastRow() - 1, COLUMNS.length).getValues() as Cell[][]) {
      kept.set(String(readBack(row[at('sku')]!)), { final: row[at('final')] ?? '', po: row[at('po')] ?? '' });
    }
  }
  const grid: Cell[][] = [COLUMNS.map((c) => text(lang, c.header))];
  for (const s of answer.suggestions) {
    const typed = kept.get(s.sku);
    grid.push(COLUMNS.map((c) => {
      if (c.key === 'final') return typed?.final ?? '';
      if (c.key === 'po') return typed?.po ?? '';
      const value = s[c.key];
      return typeof value === 'number' ? value : asText(value === null || value === undefined ? '' : String(value));
    }));
  }
  const height = Math.max(sheet.getLastRow(), grid.length);
  if (sheet.getMaxColumns() < COLUMNS.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), COLUMNS.length - sheet.getMaxColumns());
  if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  const blank = () => new Array<Cell>(COLUMNS.length).fill('');
  sheet.getRange(1, 1, height, COLUMNS.length).setValues([...grid, ...Array.from({ length: height - grid.length }, blank)]);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  return { ok: true, message: text(lang, 'plan_refreshed', { count: answer.suggestions.length, today: answer.today }) };
}

/**
 * "Create purchase orders" for the selected rows: each with a quantity (Final qty, else the suggestion)
 * and no PO yet. The request's key is made from what is sent, so pressing twice creates nothing new;
 * the rows then show their PO and lose their Final qty.
 */
export function createPurchaseOrdersFromSelection(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): PlanOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  const sheet = purchaseSheet(spreadsheet, lang);
  if (spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId()) return { ok: false, message: text(lang, 'plan_select_rows') };
  const picked: { row: number; sku: string; qty: number }[] = [];
  for (const range of spreadsheet.getActiveRangeList()?.getRanges() ?? []) {
    const first = Math.max(range.getRow(), 2);
    const last = Math.min(range.getLastRow(), sheet.getLastRow());
    if (last < first) continue;
    (sheet.getRange(first, 1, last - first + 1, COLUMNS.length).getValues() as Cell[][]).forEach((row, i) => {
      const sku = String(readBack(row[at('sku')] ?? '')).trim();
      const final = row[at('final')];
      const qty = final === '' || final === null || final === undefined ? Number(row[at('suggestedQty')]) : Number(final);
      if (sku && !String(row[at('po')] ?? '').trim() && Number.isInteger(qty) && qty > 0 && !picked.some((p) => p.row === first + i)) picked.push({ row: first + i, sku, qty });
    });
  }
  if (!picked.length) return { ok: false, message: text(lang, 'plan_nothing_to_order') };
  const lines = picked.map(({ sku, qty }) => ({ sku, qty }));
  const idempotencyKey = `po-${spreadsheet.getId().slice(0, 20)}-${rowFingerprint(lines.map((l) => `${l.sku}×${l.qty}`))}`;
  let answer: { orders: { poNo: string; lines: { sku: string }[] }[] };
  try {
    answer = callServer(state.connection, lang, 'post', '/v1/purchasing/orders', { idempotencyKey, lang, lines });
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: error.message };
    throw error;
  }
  const poOf = new Map(answer.orders.flatMap((po) => po.lines.map((l) => [l.sku, po.poNo] as const)));
  for (const p of picked) {
    sheet.getRange(p.row, at('final') + 1, 1, 2).setValues([['', `'${poOf.get(p.sku) ?? ''}`]]);
  }
  syncUnderLock(spreadsheet, state.connection, lang); // incoming and the POs sheet show the new orders
  return { ok: true, message: text(lang, 'plan_created', { orders: answer.orders.map((o) => o.poNo).join(', '), lines: lines.length }) };
}
