import type { Lang } from '../domain/i18n/lang';
import { translate } from '../domain/i18n/messages';
import { editableColumns } from '../domain/sheets/column-spec';
import type { PushedRow } from '../domain/sync/push-decision';
import { fromCell, readBack } from './cell-values';
import {
  claimRow,
  contentOf,
  keyOf,
  putNote,
  sheetFingerprint,
  syncedCount,
  typedOverComputed,
  untypedSinceSync,
  type LoadedTable,
} from './loaded-table';
import { text } from './ui-text';

export type PlannedPush = { rows: PushedRow[]; rowIndexes: number[] };

/**
 * Picks the rows to push: those whose fingerprint differs from the one stored at the last sync
 * (edited, new, or with a computed cell typed over). Rows that cannot be sent get their note here.
 */
export function planPush(table: LoadedTable, lang: Lang): PlannedPush {
  const { spec, layout } = table;
  const keyColumn = layout.fields.get(spec.keyField)!;
  const keyHeader = spec.columns.find((c) => c.field === spec.keyField)!.header[lang];
  const rowsByKey = new Map<string, number[]>();
  const planned: PlannedPush = { rows: [], rowIndexes: [] };
  if (spec.readOnly) return planned; // changed through commands (see status-requests), never pushed
  table.rows.forEach((row, index) => {
    composeKey(table, row, index);
    const key = keyOf(row[keyColumn]);
    if (key) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), index]);
  });
  table.rows.forEach((row, index) => {
    if (table.othersRows.has(index)) return; // someone else's typing: their own sync sends it
    const key = keyOf(row[keyColumn]);
    const changed = sheetFingerprint(table, row) !== String(row[layout.hash] ?? '');
    if (!key) {
      const hasContent = editableColumns(spec).some((c) => keyOf(row[layout.fields.get(c.field)!]) !== '');
      if (hasContent && changed) putNote(table, index, text(lang, 'missing_key', { column: keyHeader }));
      return;
    }
    const sameKey = rowsByKey.get(key)!;
    if (sameKey.length > 1) {
      table.heldBack.add(index);
      putNote(
        table,
        index,
        translate(lang, 'duplicate_key_in_sheet', {
          column: keyHeader,
          value: key,
          rows: sameKey.map((i) => i + 2).join(', '),
        }),
      );
      return;
    }
    if (!changed) return;
    const typedOver = typedOverComputed(table, row, lang);
    if (typedOver.length) table.typedOverComputed.set(index, typedOver);
    const values: Record<string, unknown> = {};
    for (const column of editableColumns(spec)) {
      // A left-out field keeps the server's value: that is how a just re-created (empty) column is skipped.
      if (column.field === spec.keyField || table.repairedFields.has(column.field)) continue;
      if (column.sentWhenTyped && untypedSinceSync(table, row, column.field)) continue;
      values[column.field] = fromCell(column, row[layout.fields.get(column.field)!]);
    }
    const version = Number(row[layout.version]);
    const counts = spec.columns.filter((c) => c.delta && c.field in values);
    const base = counts.length
      ? { base: Object.fromEntries(counts.map((c) => [c.field, syncedCount(table, row, c.field)])) }
      : {};
    planned.rows.push({ key, baseVersion: Number.isInteger(version) && version > 0 ? version : null, values, ...base });
    planned.rowIndexes.push(index);
  });
  return planned;
}

/**
 * A new row of a table whose key is made from other cells (Stock: "SKU@WAREHOUSE") gets its key from
 * them, so a person only types the SKU, the warehouse and the count.
 */
function composeKey(table: LoadedTable, row: unknown[], index: number): void {
  const { spec, layout } = table;
  const keyColumn = layout.fields.get(spec.keyField)!;
  if (!spec.keyFrom || keyOf(row[keyColumn])) return;
  const parts = spec.keyFrom.map((field) => keyOf(readBack(row[layout.fields.get(field)!] as string)));
  if (!parts.every(Boolean)) return;
  const key = parts.join('@');
  // Its answer (or note) goes to this row, which has no key in the sheet yet.
  if (!table.byKey.has(key)) claimRow(table, index, key);
  else table.claimed.set(index, contentOf(table, row));
  row[keyColumn] = key;
}
