import type { Lang } from '../domain/i18n/lang';
import type { TableSpec } from '../domain/sheets/column-spec';
import { text } from './ui-text';

/** Hidden columns the sync keeps per row: the server version and a fingerprint of the row as last synced. */
export const VERSION_HEADER = '_version';
export const HASH_HEADER = '_hash';

export type TableLayout = {
  /** field → 0-based column index, for every spec column found in the header row */
  fields: Map<string, number>;
  /** Fields (and 'sync_note', '_version', '_hash') whose column is not in the header row. */
  note: number;
  version: number;
  hash: number;
  width: number;
  missing: string[];
};

/** The header row "Set up sheets" writes, in the sheet's language. */
export function headerRow(spec: TableSpec, lang: Lang): string[] {
  return [...spec.columns.map((c) => c.header[lang]), text(lang, 'sync_note'), VERSION_HEADER, HASH_HEADER];
}

/**
 * Finds columns by their header text in either language, wherever a person moved them.
 * Matching by header (never by position) is what makes reordering columns safe.
 */
export function readLayout(spec: TableSpec, headers: readonly unknown[]): TableLayout {
  const names = headers.map((h) => String(h).trim());
  const find = (...candidates: string[]) => names.findIndex((name) => candidates.includes(name));
  const fields = new Map<string, number>();
  const missing: string[] = [];
  for (const column of spec.columns) {
    const index = find(column.header.en, column.header.zh);
    if (index >= 0) fields.set(column.field, index);
    else missing.push(column.field);
  }
  const note = find(text('en', 'sync_note'), text('zh', 'sync_note'));
  const version = find(VERSION_HEADER);
  const hash = find(HASH_HEADER);
  if (note < 0) missing.push('sync_note');
  if (version < 0) missing.push(VERSION_HEADER);
  if (hash < 0) missing.push(HASH_HEADER);
  return { fields, note, version, hash, width: names.length, missing };
}

export function findTableSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: TableSpec,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  return spreadsheet.getSheetByName(spec.sheetName.en) ?? spreadsheet.getSheetByName(spec.sheetName.zh);
}
