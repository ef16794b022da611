import type { Lang } from '../domain/i18n/lang';
import { CURRENCY_CODE, MONEY_AMOUNT } from '../domain/money/amount-shape';
import { rowFingerprint } from '../domain/sync/row-fingerprint';
import { asText, readBack } from './cell-values';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { sheetInEitherLanguage } from './named-sheet';
import { handOffTransfers, transferOfActionCell } from './transfer-handoff';
import { syncUnderLock } from './sync-run';
import { text, type TextKey } from './ui-text';

type Suggestion = {
  sku: string;
  warehouse: string | null;
  action: 'buy' | 'transfer';
  from: string | null;
  supplier: string | null;
  available: number;
  incoming: number;
  waiting: number;
  sold7: number;
  sold14: number;
  sold30: number;
  inStock30: number;
  velocity: number;
  leadTime: number;
  suggestedQty: number;
  orderBy: string | null;
};
type Cell = string | number | boolean | Date;

/** What the buyer types: a quantity, and what a unit costs (else the product's cost; docs/reports.md). */
type Typed = 'final' | 'unitCost' | 'costCurrency';
type Kept = Record<Typed | 'po', Cell>;

/** The Purchase sheet's columns; the server's, except the buyer's (Typed) and PO (what was created). */
const COLUMNS: { key: keyof Suggestion | Typed | 'po'; header: TextKey }[] = [
  { key: 'sku', header: 'plan_sku' },
  { key: 'warehouse', header: 'plan_warehouse' },
  { key: 'supplier', header: 'plan_supplier' },
  { key: 'available', header: 'plan_available' },
  { key: 'incoming', header: 'plan_incoming' },
  { key: 'waiting', header: 'plan_waiting' },
  { key: 'sold7', header: 'plan_sold7' },
  { key: 'sold14', header: 'plan_sold14' },
  { key: 'sold30', header: 'plan_sold30' },
  { key: 'inStock30', header: 'plan_in_stock30' },
  { key: 'velocity', header: 'plan_velocity' },
  { key: 'leadTime', header: 'plan_lead_time' },
  { key: 'action', header: 'plan_action' },
  { key: 'suggestedQty', header: 'plan_suggested' },
  { key: 'orderBy', header: 'plan_order_by' },
  { key: 'final', header: 'plan_final' },
  { key: 'po', header: 'plan_po' },
  { key: 'unitCost', header: 'plan_unit_cost' },
  { key: 'costCurrency', header: 'plan_cost_currency' },
];
const at = (key: (typeof COLUMNS)[number]['key']) => COLUMNS.findIndex((c) => c.key === key);
const rowKey = (sku: string, warehouse: string | null) => `${sku}@${warehouse ?? ''}`;
const PENDING_PRESS = 'crossdock.purchasePlan.pendingPress';

/** The Action cell: "Buy", or "Transfer 12 from UK1" (docs/purchasing.md). */
function actionText(s: Suggestion, lang: Lang): string {
  return s.action === 'transfer'
    ? text(lang, 'plan_transfer', { qty: s.suggestedQty, from: s.from ?? '' })
    : text(lang, 'plan_buy');
}

/** A row to buy: its Action says Buy in either language (a sheet from before the column has none). */
function isBuyCell(cell: Cell | undefined): boolean {
  const value = String(cell ?? '').trim();
  return value === '' || value === text('en', 'plan_buy') || value === text('zh', 'plan_buy');
}

export type PlanOutcome = { ok: boolean; message: string };

function purchaseSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  return sheetInEitherLanguage(spreadsheet, 'sheet_purchase', lang);
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
  const kept = keptByRow(sheet);
  const rowsOfSku = new Map<string, number>();
  for (const s of answer.suggestions) rowsOfSku.set(s.sku, (rowsOfSku.get(s.sku) ?? 0) + 1);
  // A SKU that had one row, and none of whose rows now matches it by warehouse, keeps what was typed on
  // its first row (first-ranked warehouse): a SKU stocked nowhere gets its first stock line from its PO;
  // a sheet from before warehouses were shown had its POs go to the first-ranked warehouse.
  // Transfer lines are plans for the Transfers sheet: nothing typed or ordered stays with them.
  const buys = answer.suggestions.filter((s) => s.action !== 'transfer');
  const matched = new Set(buys.filter((s) => kept.has(rowKey(s.sku, s.warehouse))).map((s) => s.sku));
  const carried = new Set<string>();
  const grid: Cell[][] = [COLUMNS.map((c) => text(lang, c.header))];
  for (const s of answer.suggestions) {
    const buy = s.action !== 'transfer';
    let typed = buy ? kept.get(rowKey(s.sku, s.warehouse)) : undefined;
    if (buy && !typed && !matched.has(s.sku) && !carried.has(s.sku)) {
      typed = kept.get(`${s.sku}@*`);
      carried.add(s.sku);
    }
    grid.push(
      COLUMNS.map((c) => {
        if (c.key === 'final' || c.key === 'po' || c.key === 'unitCost' || c.key === 'costCurrency')
          return typed?.[c.key] ?? '';
        if (c.key === 'action') return actionText(s, lang);
        const value = s[c.key];
        return typeof value === 'number' ? value : asText(value === null || value === undefined ? '' : String(value));
      }),
    );
  }
  const height = Math.max(sheet.getLastRow(), grid.length);
  if (sheet.getMaxColumns() < COLUMNS.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), COLUMNS.length - sheet.getMaxColumns());
  if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  const blank = () => new Array<Cell>(COLUMNS.length).fill('');
  sheet
    .getRange(1, 1, height, COLUMNS.length)
    .setValues([...grid, ...Array.from({ length: height - grid.length }, blank)]);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  return { ok: true, message: text(lang, 'plan_refreshed', { count: rowsOfSku.size, today: answer.today }) };
}

/**
 * What the buyer typed (Final qty) and the PO each row was ordered on, by SKU and warehouse. Columns are
 * found by their headers (either language), so a sheet written by an older layout still carries over.
 */
function keptByRow(sheet: GoogleAppsScript.Spreadsheet.Sheet): Map<string, Kept> {
  const kept = new Map<string, Kept>();
  if (sheet.getLastRow() < 2) return kept;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues() as Cell[][];
  const column = (header: TextKey) =>
    grid[0]!.findIndex((cell) => cell === text('en', header) || cell === text('zh', header));
  const [sku, warehouse, final, po, action, unitCost, costCurrency] = [
    column('plan_sku'),
    column('plan_warehouse'),
    column('plan_final'),
    column('plan_po'),
    column('plan_action'),
    column('plan_unit_cost'),
    column('plan_cost_currency'),
  ];
  if (sku < 0 || final < 0 || po < 0) return kept;
  const rowsOfSku = new Map<string, number>();
  for (const row of grid.slice(1)) {
    if (action >= 0 && !isBuyCell(row[action])) continue;
    const skuText = String(readBack(row[sku]!));
    const typed: Kept = {
      final: row[final] ?? '',
      po: row[po] ?? '',
      unitCost: unitCost >= 0 ? (row[unitCost] ?? '') : '',
      costCurrency: costCurrency >= 0 ? (row[costCurrency] ?? '') : '',
    };
    if (warehouse >= 0) kept.set(rowKey(skuText, String(readBack(row[warehouse] ?? '')) || null), typed);
    rowsOfSku.set(skuText, (rowsOfSku.get(skuText) ?? 0) + 1);
    kept.set(`${skuText}@*`, typed);
  }
  // `SKU@*`: the SKU's row whatever its warehouse, when it had only one (see the caller).
  for (const [skuText, count] of rowsOfSku) if (count > 1) kept.delete(`${skuText}@*`);
  return kept;
}

/**
 * "Create purchase orders" for the selected buy rows (transfer lines are left out): each with a quantity
 * (Final qty, else the suggestion) and no PO yet. The request's key is made from what is sent, so pressing
 * twice creates nothing new; the rows then show their PO and lose their Final qty.
 */
export function createPurchaseOrdersFromSelection(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): PlanOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  const sheet = purchaseSheet(spreadsheet, lang);
  if (spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId())
    return { ok: false, message: text(lang, 'plan_select_rows') };
  // Rows are read by position: a sheet laid out by another version must be refreshed first.
  const header = sheet.getRange(1, 1, 1, COLUMNS.length).getValues()[0]!;
  if (!COLUMNS.every((c, i) => header[i] === text('en', c.header) || header[i] === text('zh', c.header)))
    return { ok: false, message: text(lang, 'plan_refresh_first') };
  const picked: { row: number; sku: string; warehouse: string; qty: number; cost: CostTyped }[] = [];
  const handed: { row: number; from: string; to: string; sku: string; qty: number }[] = [];
  for (const range of spreadsheet.getActiveRangeList()?.getRanges() ?? []) {
    const first = Math.max(range.getRow(), 2);
    const last = Math.min(range.getLastRow(), sheet.getLastRow());
    if (last < first) continue;
    (sheet.getRange(first, 1, last - first + 1, COLUMNS.length).getValues() as Cell[][]).forEach((row, i) => {
      const sku = String(readBack(row[at('sku')] ?? '')).trim();
      const warehouse = String(readBack(row[at('warehouse')] ?? '')).trim();
      const final = row[at('final')];
      const qty =
        final === '' || final === null || final === undefined ? Number(row[at('suggestedQty')]) : Number(final);
      // Transfer lines are never ordered from a supplier: they go to logistics' New transfers sheet.
      const transfer = transferOfActionCell(row[at('action')]);
      if (
        sku &&
        transfer &&
        warehouse &&
        !String(row[at('po')] ?? '').trim() &&
        Number.isInteger(qty) &&
        qty > 0 &&
        !handed.some((h) => h.row === first + i)
      )
        handed.push({ row: first + i, from: transfer.from, to: warehouse, sku, qty });
      if (
        sku &&
        isBuyCell(row[at('action')]) &&
        !String(row[at('po')] ?? '').trim() &&
        Number.isInteger(qty) &&
        qty > 0 &&
        !picked.some((p) => p.row === first + i)
      )
        picked.push({
          row: first + i,
          sku,
          warehouse,
          qty,
          cost: costOf(row[at('unitCost')], row[at('costCurrency')]),
        });
    });
  }
  handOffTransfers(spreadsheet, lang, handed);
  for (const h of handed)
    sheet.getRange(h.row, at('final') + 1, 1, 2).setValues([['', text(lang, 'plan_to_transfers')]]);
  const handedText = handed.length ? text(lang, 'plan_handed_off', { lines: handed.length }) : '';
  if (!picked.length)
    return handed.length
      ? { ok: true, message: handedText }
      : { ok: false, message: text(lang, 'plan_nothing_to_order') };
  const badCost = picked.filter((p) => p.cost === 'bad').map((p) => p.row);
  if (badCost.length) return { ok: false, message: text(lang, 'plan_bad_cost', { rows: badCost.join(', ') }) };
  // A SKU stocked nowhere yet has no warehouse: the server sends it to the first-ranked one.
  const lines = picked.map(({ sku, warehouse, qty, cost }) => ({
    sku,
    qty,
    ...(warehouse ? { warehouse } : {}),
    ...(cost && cost !== 'bad' ? cost : {}),
  }));
  // One key per press, kept until its answer is written: pressing again after a lost answer (same rows)
  // is the same request, so nothing is ordered twice; a later order of the same quantities is a new one.
  const properties = PropertiesService.getDocumentProperties();
  const fingerprint = rowFingerprint(lines.map((l) => `${rowKey(l.sku, l.warehouse ?? null)}×${l.qty}`));
  const pending = JSON.parse(properties.getProperty(PENDING_PRESS) ?? 'null') as {
    fingerprint: string;
    key: string;
  } | null;
  const idempotencyKey = pending?.fingerprint === fingerprint ? pending.key : `po-${Utilities.getUuid()}`;
  properties.setProperty(PENDING_PRESS, JSON.stringify({ fingerprint, key: idempotencyKey }));
  let answer: { orders: { poNo: string; warehouse: string; lines: { sku: string }[] }[] };
  try {
    answer = callServer(state.connection, lang, 'post', '/v1/purchasing/orders', { idempotencyKey, lang, lines });
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: [error.message, handedText].join(' ').trim() };
    throw error;
  }
  const poOf = new Map(
    answer.orders.flatMap((po) => po.lines.map((l) => [rowKey(l.sku, po.warehouse), po.poNo] as const)),
  );
  const onlyPoOf = new Map(answer.orders.flatMap((po) => po.lines.map((l) => [l.sku, po.poNo] as const)));
  for (const p of picked) {
    const po = (p.warehouse ? poOf.get(rowKey(p.sku, p.warehouse)) : onlyPoOf.get(p.sku)) ?? '';
    sheet.getRange(p.row, at('final') + 1, 1, 2).setValues([['', `'${po}`]]);
  }
  properties.deleteProperty(PENDING_PRESS);
  syncUnderLock(spreadsheet, state.connection, lang); // incoming and the POs sheet show the new orders
  return {
    ok: true,
    message: [
      text(lang, 'plan_created', { orders: answer.orders.map((o) => o.poNo).join(', '), lines: lines.length }),
      handedText,
    ]
      .join(' ')
      .trim(),
  };
}

type CostTyped = { unitCost: string; currency: string } | null | 'bad';

/** A typed unit cost and its currency: both or neither (then the product's cost); anything else is refused. */
function costOf(costCell: Cell | undefined, currencyCell: Cell | undefined): CostTyped {
  const cost =
    typeof costCell === 'number' ? String(Math.round(costCell * 10_000) / 10_000) : String(costCell ?? '').trim();
  const currency = String(readBack(currencyCell ?? ''))
    .trim()
    .toUpperCase();
  if (!cost && !currency) return null;
  if (!MONEY_AMOUNT.test(cost) || !CURRENCY_CODE.test(currency)) return 'bad';
  return { unitCost: cost, currency };
}
