import type { OverviewResponse } from '../domain/contracts/dispatch';
import { ageText } from '../domain/dispatch/stuck-rules';
import { HEALTH_STATUS_LABELS } from '../domain/dispatch/health-checks';
import type { Lang } from '../domain/i18n/lang';
import { ORDER_ROWS_TABLE } from '../domain/orders/order-rows';
import { SHIPMENT_TABLE } from '../domain/logistics/shipment-table';
import { PO_ROWS_TABLE } from '../domain/purchasing/po-rows';
import { asText } from './cell-values';
import type { LoadedTable } from './loaded-table';
import { sheetInEitherLanguage } from './named-sheet';
import { text, type TextKey } from './ui-text';

type Cell = string | number;
const WIDTH = 6;

/** Which synced sheet holds an entity's rows (the stuck list links to them). */
const SHEET_OF: Record<string, string> = {
  order: ORDER_ROWS_TABLE.entity,
  shipment: SHIPMENT_TABLE.entity,
  purchase_order: PO_ROWS_TABLE.entity,
};

/**
 * The row of `key` in the loaded sheet: a shipment's row is keyed by its number, an order's and a PO's
 * rows by "number/line" (the first line is linked).
 */
function rowOf(table: LoadedTable | undefined, key: string): number | null {
  if (!table) return null;
  const exact = table.byKey.get(key);
  if (exact !== undefined) return exact + 2;
  for (const [k, index] of table.byKey) if (k.startsWith(`${key}/`)) return index + 2;
  return null;
}

/**
 * A link to a row of our own sheet: the formula holds only numbers and our own words, never the key (text
 * from outside), which is written beside it as plain text.
 */
function link(table: LoadedTable | undefined, key: string, lang: Lang): Cell {
  const row = rowOf(table, key);
  if (!table || row === null) return '';
  const label = text(lang, 'flow_go', { row }).replace(/"/g, '""');
  return `=HYPERLINK("#gid=${table.sheet.getSheetId()}&range=A${row}","${label}")`;
}

/**
 * The Flow sheet (docs/dispatch.md), rewritten whole after each sync from the overview the sync's answer carries
 * (no UrlFetch of its own):
 * the pipeline per center and status, the stuck list with links to the rows, the health checks and the
 * failed job runs. Values from the server are written as text, so none becomes a formula.
 */
export function writeFlowSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  o: OverviewResponse,
  lang: Lang,
  tables: readonly LoadedTable[],
): void {
  const t = (k: TextKey) => text(lang, k);
  const byEntity = new Map(tables.map((x) => [x.spec.entity, x]));
  const grid: Cell[][] = [[asText(text(lang, 'flow_title', { at: o.at.slice(0, 16).replace('T', ' ') + ' UTC' }))]];
  const section = (title: TextKey, headers: TextKey[]) => grid.push([], [t(title)], headers.map(t));

  section('flow_pipeline', ['flow_center', 'flow_status', 'flow_count', 'flow_oldest']);
  for (const l of o.lines)
    grid.push([
      asText(l.centerLabel),
      asText(l.statusLabel),
      l.count,
      l.oldestAgeMs === null || !l.count ? '' : asText(ageText(l.oldestAgeMs, lang)),
    ]);

  section('flow_stuck', ['flow_age', 'flow_rule', 'flow_item', 'flow_role', 'flow_action', 'flow_link']);
  if (!o.stuck.length) grid.push([t('flow_stuck_none')]);
  for (const h of o.stuck)
    grid.push([
      asText(h.age),
      asText(h.ruleLabel),
      asText(h.key),
      asText(h.roleLabel),
      asText(h.action),
      link(byEntity.get(SHEET_OF[h.entity] ?? ''), h.key, lang),
    ]);
  if (o.truncated) grid.push([t('flow_stuck_more')]);

  section('flow_health', ['flow_check', 'flow_status', 'flow_detail']);
  for (const c of o.checks)
    grid.push([asText(c.label), asText(HEALTH_STATUS_LABELS[c.status][lang]), asText(c.detail)]);

  section('flow_jobs', ['flow_job', 'flow_started', 'flow_error']);
  if (!o.failedRuns.length) grid.push([t('flow_jobs_none')]);
  for (const r of o.failedRuns)
    grid.push([asText(r.kindLabel), asText(r.startedAt.slice(0, 19).replace('T', ' ')), asText(r.error ?? '')]);

  const sheet = sheetInEitherLanguage(spreadsheet, 'sheet_flow', lang);
  const rows = grid.map((r) => [...r, ...new Array<Cell>(WIDTH - r.length).fill('')]);
  // Rows of an earlier, longer sheet are blanked, not left behind.
  const height = Math.max(sheet.getLastRow(), rows.length);
  if (sheet.getMaxColumns() < WIDTH) sheet.insertColumnsAfter(sheet.getMaxColumns(), WIDTH - sheet.getMaxColumns());
  if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  const blank = () => new Array<Cell>(WIDTH).fill('');
  sheet.getRange(1, 1, height, WIDTH).setValues([...rows, ...Array.from({ length: height - rows.length }, blank)]);
}
