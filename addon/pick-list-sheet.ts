import type { PickListResponse } from '../domain/contracts/logistics';
import type { Lang } from '../domain/i18n/lang';
import { asText } from './cell-values';
import { loadConnection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { sheetLang } from './sheet-language';
import { sheetInEitherLanguage } from './named-sheet';
import { text, type TextKey } from './ui-text';

type PickRow = PickListResponse['rows'][number];
type Cell = string | number;

/** The Pick list sheet's columns: the server's pick list (parcels with a label), line by line. */
const COLUMNS: { key: keyof PickRow; header: TextKey }[] = [
  { key: 'warehouse', header: 'pick_warehouse' },
  { key: 'shipmentNo', header: 'pick_shipment' },
  { key: 'service', header: 'pick_service' },
  { key: 'trackingNo', header: 'pick_tracking' },
  { key: 'sku', header: 'pick_sku' },
  { key: 'name', header: 'pick_name' },
  { key: 'qty', header: 'pick_qty' },
  { key: 'orderNo', header: 'pick_order' },
];

export type PickListOutcome = { ok: boolean; message: string };

function pickListSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): GoogleAppsScript.Spreadsheet.Sheet {
  return sheetInEitherLanguage(spreadsheet, 'sheet_pick_list', lang);
}

/**
 * "Pick list": rewrites the Pick list sheet from the server (one read, one write). Text cells are written
 * as text (a leading apostrophe), so a product name from outside never becomes a formula.
 */
export function writePickList(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): PickListOutcome {
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') return { ok: false, message: text(lang, 'not_connected') };
  let answer: PickListResponse;
  try {
    answer = callServer(state.connection, lang, 'get', `/v1/pick-list?format=json&lang=${lang}`);
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: error.message };
    throw error;
  }
  const sheet = pickListSheet(spreadsheet, lang);
  const grid: Cell[][] = [
    COLUMNS.map((c) => text(lang, c.header)),
    ...answer.rows.map((row) =>
      COLUMNS.map((c) => {
        const value = row[c.key];
        return typeof value === 'number' ? value : asText(value ?? '');
      }),
    ),
  ];
  // Rows of an earlier, longer list are blanked, not left behind.
  const height = Math.max(sheet.getLastRow(), grid.length);
  if (sheet.getMaxColumns() < COLUMNS.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), COLUMNS.length - sheet.getMaxColumns());
  if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  const blank = () => new Array<Cell>(COLUMNS.length).fill('');
  sheet
    .getRange(1, 1, height, COLUMNS.length)
    .setValues([...grid, ...Array.from({ length: height - grid.length }, blank)]);
  sheet.getRange(1, 1, 1, COLUMNS.length).setFontWeight('bold');
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  sheet.activate();
  const parcels = new Set(answer.rows.map((r) => r.shipmentNo)).size;
  return answer.rows.length
    ? { ok: true, message: text(lang, 'pick_written', { lines: answer.rows.length, parcels }) }
    : { ok: true, message: text(lang, 'pick_empty') };
}
