import type { Lang } from '../domain/i18n/lang';
import { TRANSFER_REQUEST_COLUMNS, transferRequestsSheet } from './transfer-requests-sheet';
import { text } from './ui-text';

type Cell = string | number | boolean | Date;

/** Reads back an Action cell the plan wrote ("Transfer 12 from UK1" / "从 UK1 调拨 12"); null for a buy. */
export function transferOfActionCell(cell: Cell | undefined): { qty: number; from: string } | null {
  const value = String(cell ?? '').trim();
  for (const lang of ['en', 'zh'] as const) {
    const pattern = text(lang, 'plan_transfer', { qty: '\u0001', from: '\u0002' })
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('\u0001', '(?<qty>\\d+)')
      .replace('\u0002', '(?<from>\\S+)');
    const match = new RegExp(`^${pattern}$`).exec(value);
    if (match?.groups) return { qty: Number(match.groups.qty), from: match.groups.from! };
  }
  return null;
}

/**
 * A transfer the plan suggests is logistics' to make (purchasing cannot move stock): the selected transfer
 * lines are copied to the New transfers sheet as rows to create, not dispatched, for them to check and send.
 */
export function handOffTransfers(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  lines: { from: string; to: string; sku: string; qty: number }[],
): void {
  if (!lines.length) return;
  const sheet = transferRequestsSheet(spreadsheet, lang);
  const keys = TRANSFER_REQUEST_COLUMNS.map((c) => c.key);
  const no = text(lang, 'trq_no');
  const rows = lines.map((l) =>
    keys.map((key) =>
      key === 'from'
        ? l.from
        : key === 'to'
          ? l.to
          : key === 'sku'
            ? l.sku
            : key === 'qty'
              ? l.qty
              : key === 'dispatch'
                ? no
                : '',
    ),
  );
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, keys.length).setValues(rows);
}
