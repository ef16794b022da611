import { SYNCED_TABLES } from '../domain/catalog/synced-tables';
import type { Lang } from '../domain/i18n/lang';
import type { TableSpec } from '../domain/sheets/column-spec';
import { keyOf, sheetFingerprint, tableOf, type Cell, type LoadedTable } from './loaded-table';
import { readLayout } from './sheet-layout';

/**
 * Who typed which row. Each person's own installable on-edit trigger runs as that person (Apps Script
 * runs an installable trigger as the user who created it) and fires for everyone's edits; it records an
 * edit only when the event's user is that same person (`e.user` is blank or someone else otherwise), in
 * that person's user properties. A sync then sends only rows whose recorded content is still what the
 * row holds: a row someone else changed since is theirs, not ours.
 *
 * Entries: per synced table, row key (or `#<row number>` for a row with no key yet) → fingerprint of the
 * row right after the edit. A paste of many rows is recorded as a row range (no fingerprint).
 */
export type Journal = Record<string, { rows: Record<string, string>; ranges: [number, number][] }>;

/** Above this many rows an edit is kept as a range: a user property holds 9 KB. */
const ROWS_PER_ENTRY_LIMIT = 100;
const MAX_JOURNAL_BYTES = 8 * 1024;

/** Set in the document once anyone turns live sync on: from then on every push needs a known author. */
export const AUTHORSHIP_TRACKED = 'crossdock.authorship';

function journalKey(spreadsheetId: string): string {
  return `crossdock.edits.${spreadsheetId}`;
}

export function loadJournal(spreadsheetId: string): Journal {
  const raw = PropertiesService.getUserProperties().getProperty(journalKey(spreadsheetId));
  return raw ? (JSON.parse(raw) as Journal) : {};
}

export function saveJournal(spreadsheetId: string, journal: Journal): void {
  const props = PropertiesService.getUserProperties();
  for (const entity of Object.keys(journal)) {
    const part = journal[entity]!;
    if (!Object.keys(part.rows).length && !part.ranges.length) delete journal[entity];
  }
  let text = JSON.stringify(journal);
  // Too many single rows for one property: keep them as ranges (still this person's, without fingerprints).
  if (text.length > MAX_JOURNAL_BYTES) {
    for (const part of Object.values(journal)) {
      const numbers = Object.keys(part.rows)
        .filter((k) => k.startsWith('#'))
        .map((k) => Number(k.slice(1)));
      for (const n of numbers) part.ranges.push([n, n]);
      part.rows = Object.fromEntries(
        Object.entries(part.rows)
          .filter(([k]) => !k.startsWith('#'))
          .slice(0, 50),
      );
    }
    text = JSON.stringify(journal);
  }
  if (text === '{}') props.deleteProperty(journalKey(spreadsheetId));
  else props.setProperty(journalKey(spreadsheetId), text);
}

export function authorshipTracked(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(AUTHORSHIP_TRACKED) === 'on';
}

export function specOfSheet(sheetName: string): TableSpec | undefined {
  return SYNCED_TABLES.find((spec) => spec.sheetName.en === sheetName || spec.sheetName.zh === sheetName);
}

/**
 * The on-edit trigger's first job: when the edit is this trigger's owner's, note the rows it touched.
 * Reads only the header and the edited rows. Returns whether it recorded anything.
 */
export function recordOwnEdit(e: GoogleAppsScript.Events.SheetsOnEdit, lang: Lang): boolean {
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  const editor = (e.user?.getEmail?.() ?? '').toLowerCase();
  if (!me || editor !== me) return false;
  const sheet = e.range.getSheet();
  const spec = specOfSheet(sheet.getName());
  if (!spec) return false;
  const first = Math.max(e.range.getRow(), 2);
  const last = e.range.getLastRow();
  if (last < first) return false;
  const width = sheet.getLastColumn();
  const layout = readLayout(spec, sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  if (layout.missing.length) return false;
  const spreadsheetId = e.source.getId();
  const journal = loadJournal(spreadsheetId);
  const part = (journal[spec.entity] ??= { rows: {}, ranges: [] });
  if (last - first + 1 > ROWS_PER_ENTRY_LIMIT) {
    part.ranges.push([first, last]);
  } else {
    const rows = sheet.getRange(first, 1, last - first + 1, width).getValues() as Cell[][];
    const table = tableOf(spec, lang, sheet, layout, rows);
    const keyColumn = layout.fields.get(spec.keyField)!;
    rows.forEach((row, i) => {
      const key = keyOf(row[keyColumn]);
      part.rows[key || `#${first + i}`] = sheetFingerprint(table, row);
    });
  }
  saveJournal(spreadsheetId, journal);
  return true;
}

/**
 * Marks the changed rows this person did not type as `othersRows` (with a note saying whose sync sends
 * them) and returns the journal with what this sync will settle removed; the caller saves it after.
 */
export function sortOutAuthors(
  tables: LoadedTable[],
  journal: Journal,
  waitingNote: string,
  putNote: (table: LoadedTable, index: number, note: string) => void,
): Journal {
  const kept: Journal = {};
  for (const table of tables) {
    const part = journal[table.spec.entity] ?? { rows: {}, ranges: [] };
    const keyColumn = table.layout.fields.get(table.spec.keyField)!;
    table.rows.forEach((row, index) => {
      const shown = sheetFingerprint(table, row);
      if (shown === String(row[table.layout.hash] ?? '')) return; // unchanged since the last sync
      if (index >= table.loadedCount) return;
      const key = keyOf(row[keyColumn]);
      const rowNumber = index + 2;
      const recorded = (key && part.rows[key]) || part.rows[`#${rowNumber}`];
      const inRange = part.ranges.some(([a, b]) => rowNumber >= a && rowNumber <= b);
      if (recorded === shown || (!recorded && inRange)) {
        // Kept until the row is settled: a refused row stays changed and stays this person's.
        const entries = (kept[table.spec.entity] ??= { rows: {}, ranges: [] });
        entries.rows[key || `#${rowNumber}`] = shown;
        return;
      }
      table.othersRows.add(index);
      table.heldBack.add(index);
      putNote(table, index, waitingNote);
    });
  }
  return kept;
}

/**
 * What to save after a sync: the entries it kept, plus whatever this person's on-edit trigger recorded
 * while it ran (another execution: entries that differ from the journal the sync started with).
 */
export function mergeJournal(start: Journal, kept: Journal, current: Journal): Journal {
  const merged: Journal = JSON.parse(JSON.stringify(kept)) as Journal;
  for (const [entity, part] of Object.entries(current)) {
    const before = start[entity] ?? { rows: {}, ranges: [] };
    const into = (merged[entity] ??= { rows: {}, ranges: [] });
    for (const [key, fp] of Object.entries(part.rows)) if (before.rows[key] !== fp) into.rows[key] = fp;
    for (const range of part.ranges) {
      if (!before.ranges.some(([a, b]) => a === range[0] && b === range[1])) into.ranges.push(range);
    }
  }
  return merged;
}

/**
 * After a sync: only rows it left unsettled (refused and kept as typed, duplicate keys) stay in the
 * journal, and every entry of a table this (focused) sync did not load.
 */
export function unsettled(kept: Journal, tables: LoadedTable[], start: Journal): Journal {
  const out: Journal = {};
  for (const [entity, part] of Object.entries(start)) {
    if (!tables.some((t) => t.spec.entity === entity)) out[entity] = part;
  }
  for (const table of tables) {
    const part = kept[table.spec.entity];
    if (!part) continue;
    for (const [key, fp] of Object.entries(part.rows)) {
      const index = key.startsWith('#') ? Number(key.slice(1)) - 2 : table.byKey.get(key);
      if (index !== undefined && table.heldBack.has(index))
        (out[table.spec.entity] ??= { rows: {}, ranges: [] }).rows[key] = fp;
    }
  }
  return out;
}
