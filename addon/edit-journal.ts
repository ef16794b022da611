import { SYNCED_TABLES } from '../domain/catalog/synced-tables';
import type { Lang } from '../domain/i18n/lang';
import type { TableSpec } from '../domain/sheets/column-spec';
import { keyOf, sheetFingerprint, tableOf, type Cell, type LoadedTable } from './loaded-table';
import { readLayout } from './sheet-layout';
import { formulasOf, typedFingerprint } from './formula-rows';
import { updateJournal, type Journal } from './journal-store';

export {
  loadJournal,
  pendingTables,
  saveJournal,
  updateJournal,
  type Journal,
  type JournalPart,
} from './journal-store';

/**
 * Who typed which row, kept in each person's own user properties (only they can read them).
 * - The simple `onEdit` trigger runs for every editor's edit, without authorization, under the identity
 *   of the person editing, so its user properties are the editor's: it records every edit there, whether
 *   or not Apps Script reveals the editor's email (it does not across consumer accounts).
 * - Each live-sync person's installable on-edit trigger runs as its creator for everyone's edits; it
 *   records an edit only when the event's user is that same person.
 * A sync then sends only rows whose recorded content is still what the row holds: a row someone else
 * changed since is theirs, not ours.
 *
 * Entries: per synced table, row key (or `#<row number>` for a row with no key yet) → fingerprint of the
 * row right after the edit. A paste of many rows is recorded as a row range (no fingerprint). Stored
 * by journal-store.ts; rows holding formulas are fingerprinted as typed (formula-rows.ts).
 */

/** Above this many rows an edit is kept as a range (row numbers: a sort before the sync loses them). */
const ROWS_PER_ENTRY_LIMIT = 1000;
/**
 * Set in the document by the first recorded edit (or when anyone turns live sync on): from then on
 * every push needs a known author. A spreadsheet where no edit was ever recorded sends as before.
 */
export const AUTHORSHIP_TRACKED = 'crossdock.authorship';

export function authorshipTracked(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(AUTHORSHIP_TRACKED) === 'on';
}

export function specOfSheet(sheetName: string): TableSpec | undefined {
  return SYNCED_TABLES.find((spec) => spec.sheetName.en === sheetName || spec.sheetName.zh === sheetName);
}

/**
 * The installable on-edit trigger's first job: when the edit is this trigger's owner's, note the rows
 * it touched. Returns whether it recorded anything.
 */
export function recordOwnEdit(e: GoogleAppsScript.Events.SheetsOnEdit, lang: Lang): boolean {
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  const editor = (e.user?.getEmail?.() ?? '').toLowerCase();
  if (!me || editor !== me) return false;
  return recordEdit(e, lang);
}

/**
 * Notes the rows an edit touched in the journal of the person running this execution (the simple
 * trigger: the editor). Uses only services a simple trigger may (the bound spreadsheet, properties,
 * locks). Reads only the header and the edited rows. Returns whether it recorded anything.
 */
export function recordEdit(e: GoogleAppsScript.Events.SheetsOnEdit, lang: Lang): boolean {
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
  const entries: Record<string, string> = {};
  const bulk = last - first + 1 > ROWS_PER_ENTRY_LIMIT;
  if (!bulk) {
    // By key, not row number, so a sort between the edit and the sync still finds the row.
    const range = sheet.getRange(first, 1, last - first + 1, width);
    const rows = range.getValues() as Cell[][];
    // A sheet of formulas (FX): the row as typed, so a recalculation later does not make it someone else's.
    const formulas = spec.formulasKept ? range.getFormulas() : null;
    const table = tableOf(spec, lang, sheet, layout, rows);
    const keyColumn = layout.fields.get(spec.keyField)!;
    rows.forEach((row, i) => {
      const key = keyOf(row[keyColumn]);
      entries[key || `#${first + i}`] = formulas
        ? typedFingerprint(table, row, formulas[i]!)
        : sheetFingerprint(table, row);
    });
  }
  updateJournal(spreadsheetId, (journal) => {
    const part = (journal[spec.entity] ??= { rows: {}, ranges: [] });
    if (bulk) part.ranges.push([first, last]);
    else Object.assign(part.rows, entries);
    return journal;
  });
  const docs = PropertiesService.getDocumentProperties();
  if (docs.getProperty(AUTHORSHIP_TRACKED) !== 'on') docs.setProperty(AUTHORSHIP_TRACKED, 'on');
  return true;
}

/** What sortOutAuthors found: entries to keep until settled, this person's rows, standing entries gone stale. */
export type Authors = { kept: Journal; mine: Map<string, number[]>; stale: Map<string, string[]> };

/**
 * Marks the changed rows this person did not type as `othersRows` (with a note saying whose sync sends
 * them). Returns the journal entries this sync will settle, and which rows are this person's.
 */
export function sortOutAuthors(
  tables: LoadedTable[],
  journal: Journal,
  waitingNote: string,
  putNote: (table: LoadedTable, index: number, note: string) => void,
): Authors {
  const found: Authors = { kept: {}, mine: new Map(), stale: new Map() };
  for (const table of tables) {
    const part = journal[table.spec.entity] ?? { rows: {}, ranges: [] };
    const keyColumn = table.layout.fields.get(table.spec.keyField)!;
    // A row without a key yet is known by its content too: a sort may have moved it off its row number.
    const keyless = new Set(
      Object.entries(part.rows)
        .filter(([k]) => k.startsWith('#'))
        .map(([, fingerprint]) => fingerprint),
    );
    const mine: number[] = [];
    let formulas: string[][] | null | undefined;
    table.rows.forEach((row, index) => {
      const shown = sheetFingerprint(table, row);
      if (shown === String(row[table.layout.hash] ?? '')) return; // unchanged since the last sync
      if (index >= table.loadedCount) return;
      const key = keyOf(row[keyColumn]);
      const rowNumber = index + 2;
      const recorded = (key && part.rows[key]) || part.rows[`#${rowNumber}`];
      const inRange = part.ranges.some(([a, b]) => rowNumber >= a && rowNumber <= b);
      if (table.spec.formulasKept) formulas = formulas === undefined ? formulasOf(table) : formulas;
      const typed = formulas ? typedFingerprint(table, row, formulas[index] ?? []) : shown;
      if (
        recorded === typed ||
        recorded === shown ||
        (!key && (keyless.has(typed) || keyless.has(shown))) ||
        (!recorded && inRange)
      ) {
        // Kept until the row is settled: a refused row stays changed and stays this person's.
        const entries = (found.kept[table.spec.entity] ??= { rows: {}, ranges: [] });
        entries.rows[key || `#${rowNumber}`] = shown;
        mine.push(index);
        return;
      }
      const standing = key ? part.standing?.[key] : undefined;
      if (standing !== undefined) {
        // Nobody typed in the row since: only this person's formula moved its value.
        if (formulas && standing === typed) {
          mine.push(index);
          return;
        }
        (found.stale.get(table.spec.entity) ?? found.stale.set(table.spec.entity, []).get(table.spec.entity)!).push(
          key,
        );
      }
      table.othersRows.add(index);
      table.heldBack.add(index);
      putNote(table, index, waitingNote);
    });
    if (mine.length) found.mine.set(table.spec.entity, mine);
  }
  return found;
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

/** The journal to save: the start's standing entries (less those gone stale), then this sync's. */
export function withStanding(
  journal: Journal,
  start: Journal,
  found: Authors,
  fresh: Map<string, Record<string, string>>,
): Journal {
  for (const entity of new Set([...Object.keys(start), ...fresh.keys()])) {
    const standing = { ...start[entity]?.standing };
    for (const key of found.stale.get(entity) ?? []) delete standing[key];
    Object.assign(standing, fresh.get(entity));
    if (!Object.keys(standing).length) continue;
    (journal[entity] ??= { rows: {}, ranges: [] }).standing = standing;
  }
  return journal;
}
