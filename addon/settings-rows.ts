import type { Lang } from '../domain/i18n/lang';
import type { SettingsBlock } from '../domain/settings/settings-block';
import { SETTINGS_BLOCKS, type SettingsBlockId, type SettingsSync } from '../domain/settings/workspace-settings';
import { asText, readBack } from './cell-values';
import { settingsSheet } from './settings-sheet';

/** Where the settings blocks start on the Settings sheet (below the connection rows); a blank row between blocks. */
const FIRST_ROW = 7;

type AnyBlock = SettingsBlock<string, unknown>;
type TypedBlocks = Partial<Record<SettingsBlockId, Record<string, string>>>;

const BLOCKS = SETTINGS_BLOCKS as readonly AnyBlock[];
const stateKey = (block: AnyBlock, workspaceId: string) => `crossdock.${block.id}Settings.${workspaceId}`;

function firstRowOf(block: AnyBlock): number {
  let row = FIRST_ROW;
  for (const other of BLOCKS) {
    if (other.id === block.id) return row;
    row += other.fields.length + 2;
  }
  throw new Error(`unknown settings block ${block.id}`);
}

/**
 * The blocks a person changed since the sync last wrote them, as typed. Nothing is sent for a block
 * before this workspace's copy was written once: a sheet reconnected to another workspace must not push
 * the old workspace's settings over the new one's.
 */
export function readSettingsRows(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  workspaceId: string,
): TypedBlocks | null {
  const properties = PropertiesService.getDocumentProperties();
  const sheet = settingsSheet(spreadsheet, lang);
  if (sheet.getLastRow() < FIRST_ROW) return null;
  const cells = sheet.getRange(FIRST_ROW, 1, sheet.getLastRow() - FIRST_ROW + 1, 2).getValues();
  const changed: TypedBlocks = {};
  for (const block of BLOCKS) {
    const last = properties.getProperty(stateKey(block, workspaceId));
    if (!last) continue;
    const form: Record<string, string> = {};
    let whole = true;
    for (const field of block.fields) {
      const row = cells.find((r) => r[0] === block.labels[field]!.en || r[0] === block.labels[field]!.zh);
      if (!row)
        whole = false; // the block was damaged: the server's copy is written back
      else form[field] = cellText(row[1]);
    }
    if (whole && JSON.stringify(form) !== last) changed[block.id] = form;
  }
  return Object.keys(changed).length ? changed : null;
}

/** Writes every block as the server has it (or, for a refused change, keeps what was typed and notes each error). */
export function writeSettingsRows(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  workspaceId: string,
  answer: SettingsSync,
  sent: TypedBlocks | null,
): void {
  const sheet = settingsSheet(spreadsheet, lang);
  const notes = new Map<string, string[]>();
  for (const error of answer.errors) notes.set(error.field, [...(notes.get(error.field) ?? []), error.message]);
  // One read of the whole settings area (each sync comes here); each block then writes only if it differs.
  const last = BLOCKS[BLOCKS.length - 1]!;
  const height = Math.min(
    Math.max(sheet.getLastRow() - FIRST_ROW + 1, 0),
    firstRowOf(last) + last.fields.length + 1 - FIRST_ROW,
  );
  const area = height ? sheet.getRange(FIRST_ROW, 1, height, 3).getValues() : [];
  for (const block of BLOCKS) {
    const typed = sent?.[block.id];
    const server = (answer as unknown as Record<string, Record<string, string>>)[block.id]!;
    const refused = typed !== undefined && block.fields.some((field) => notes.has(field));
    const shown = refused ? typed : server;
    const grid = [
      [block.title[lang], '', ''],
      // Values go into plain-text cells (below): "+33 6 …" or "=…" typed there stays text, never a formula.
      ...block.fields.map((field) => [
        block.labels[field]![lang],
        shown[field] ?? '',
        asText((notes.get(field) ?? []).join('; ')),
      ]),
    ];
    const first = firstRowOf(block);
    const current = area.slice(first - FIRST_ROW, first - FIRST_ROW + grid.length);
    const same = grid.every(
      (row, i) =>
        current[i] && row.every((cell, j) => String(readBack(current[i]![j] ?? '')) === String(readBack(cell))),
    );
    if (!same) {
      sheet.getRange(first + 1, 2, block.fields.length, 1).setNumberFormat('@');
      sheet.getRange(first, 1, grid.length, 3).setValues(grid);
    }
    if (!refused)
      PropertiesService.getDocumentProperties().setProperty(stateKey(block, workspaceId), JSON.stringify(server));
  }
}

function cellText(cell: unknown): string {
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(readBack((cell ?? '') as string)).trim();
}
