import type { Lang } from '../domain/i18n/lang';
import { REVIEW_SETTING_FIELDS, REVIEW_SETTING_LABELS, type ReviewSettingsForm } from '../domain/orders/review-settings-form';
import type { SyncResponse } from '../domain/sync/sync-wire';
import { asText, readBack } from './cell-values';
import { settingsSheet } from './settings-sheet';
import { text } from './ui-text';

/** Where the auto-review block starts on the Settings sheet (below the connection rows). */
const FIRST_ROW = 7;

const stateKey = (workspaceId: string) => `crossdock.reviewSettings.${workspaceId}`;

/**
 * The auto-review rows as typed, and whether a person changed them since the sync last wrote them.
 * Nothing is sent before this workspace's settings were written once: a sheet reconnected to another
 * workspace must not push the old workspace's settings over the new one's.
 */
export function readReviewRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, workspaceId: string): ReviewSettingsForm | null {
  const last = PropertiesService.getDocumentProperties().getProperty(stateKey(workspaceId));
  if (!last) return null;
  const sheet = settingsSheet(spreadsheet, lang);
  if (sheet.getLastRow() < FIRST_ROW) return null;
  const cells = sheet.getRange(FIRST_ROW, 1, sheet.getLastRow() - FIRST_ROW + 1, 2).getValues();
  const form = {} as ReviewSettingsForm;
  for (const field of REVIEW_SETTING_FIELDS) {
    const row = cells.find((r) => r[0] === REVIEW_SETTING_LABELS[field].en || r[0] === REVIEW_SETTING_LABELS[field].zh);
    if (!row) return null; // the block was damaged: the server's copy is written back below
    form[field] = cellText(row[1]);
  }
  return JSON.stringify(form) === last ? null : form;
}

/** Writes the server's settings (or, after a refused change, keeps what was typed and notes each error). */
export function writeReviewRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, workspaceId: string, answer: SyncResponse['settings'], sent: ReviewSettingsForm | null): void {
  const sheet = settingsSheet(spreadsheet, lang);
  const refused = answer.errors.length > 0 && sent !== null;
  const shown = refused ? sent : answer.review;
  const notes = new Map<string, string[]>();
  for (const error of answer.errors) notes.set(error.field, [...(notes.get(error.field) ?? []), error.message]);
  const grid = [
    [text(lang, 'settings_review'), '', ''],
    // Values go into plain-text cells (below): "+33 6 …" or "=…" typed there stays text, never a formula.
    ...REVIEW_SETTING_FIELDS.map((field) => [REVIEW_SETTING_LABELS[field][lang], shown[field], asText((notes.get(field) ?? []).join('; '))]),
  ];
  const height = Math.max(sheet.getLastRow() - FIRST_ROW + 1, 0);
  const current = height ? sheet.getRange(FIRST_ROW, 1, Math.min(height, grid.length), 3).getValues() : [];
  const same = grid.every((row, i) => current[i] && row.every((cell, j) => String(readBack(current[i]![j] ?? '')) === String(readBack(cell))));
  if (!same) {
    sheet.getRange(FIRST_ROW + 1, 2, REVIEW_SETTING_FIELDS.length, 1).setNumberFormat('@');
    sheet.getRange(FIRST_ROW, 1, grid.length, 3).setValues(grid);
  }
  if (!refused) PropertiesService.getDocumentProperties().setProperty(stateKey(workspaceId), JSON.stringify(answer.review));
}

function cellText(cell: unknown): string {
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(readBack((cell ?? '') as string)).trim();
}
