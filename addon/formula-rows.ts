import { readBack } from './cell-values';
import { keyOf, sheetFingerprint, type Cell, type LoadedTable } from './loaded-table';

/**
 * Rows holding a person's formula (the FX sheet's `=GOOGLEFINANCE(…)`): the value changes by itself,
 * and a recalculation fires no onEdit, so no journal entry says whose it is. The person whose sync last
 * sent such a row keeps a *standing* entry for it, by key: the fingerprint of the row as typed, each
 * formula as its text rather than its value. While that still matches (nobody typed in the row since),
 * a changed value is their formula's recalculation and their sync sends it. Anyone's edit of the row
 * changes the typed fingerprint: the row is then the editor's (their journal), and the entry is dropped.
 */
export function typedFingerprint(table: LoadedTable, row: readonly Cell[], formulas: readonly string[]): string {
  return sheetFingerprint(
    table,
    row.map((cell, c) => formulas[c] || cell),
  );
}

/** Formulas of the table's loaded rows (one read), or null when the sheet does not keep formulas. */
export function formulasOf(table: LoadedTable): string[][] | null {
  const width = table.rows[0]?.length ?? 0;
  if (!table.spec.formulasKept || !table.loadedCount || !width) return null;
  return table.sheet.getRange(2, 1, table.loadedCount, width).getFormulas();
}

/**
 * After a sync has written its rows: standing entries for this person's rows that hold a formula, read
 * from the sheet as it now is (a formula stays only where it shows the server's value).
 */
export function standingAfterSync(
  tables: LoadedTable[],
  mineByTable: Map<string, number[]>,
): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const table of tables) {
    const mine = mineByTable.get(table.spec.entity);
    if (!table.spec.formulasKept || !mine?.length) continue;
    const keyColumn = table.layout.fields.get(table.spec.keyField)!;
    // In memory a written key is in its write form ('text): compare what the sheet will read back.
    const keys = new Set(mine.map((index) => keyOf(readBack(table.rows[index]?.[keyColumn] ?? ''))).filter(Boolean));
    const last = table.sheet.getLastRow();
    const width = table.rows[0]?.length ?? 0;
    if (!keys.size || last < 2 || !width) continue;
    const range = table.sheet.getRange(2, 1, last - 1, width);
    const values = range.getValues() as Cell[][];
    const formulas = range.getFormulas();
    const entries: Record<string, string> = {};
    values.forEach((row, i) => {
      const key = keyOf(row[keyColumn]);
      if (keys.has(key) && formulas[i]!.some(Boolean)) entries[key] = typedFingerprint(table, row, formulas[i]!);
    });
    out.set(table.spec.entity, entries);
  }
  return out;
}
