/// <reference types="google-apps-script" />
// A person typing into a shared spreadsheet, as Apps Script delivers it to on-edit triggers: the
// script's simple onEdit runs once, as the editor, in AuthMode.LIMITED (simple-trigger.ts); then every
// installable on-edit trigger of the spreadsheet fires (each runs as the user who created it), with an
// event whose `user` is the editor only when security policies allow (the same person, or the same
// Google Workspace domain); otherwise a blank email. Script writes (setValues from code) fire nothing.
import type { AppsScriptEnvironment } from './apps-script-globals';
import { AuthMode, type FakeTrigger } from './session';
import { userOf } from './script-realm';
import { simpleEditEvent, simpleTriggerSession, visibleEditor } from './simple-trigger';

export { visibleEditor };

export type TriggerRunner = (env: AppsScriptEnvironment, handler: string, event: unknown) => unknown;

/**
 * `editor` types `values` at (row, column) of `sheetName`; then the simple `onEdit` runs as the editor,
 * and each person in `people` (sessions on the same spreadsheet) whose project holds an on-edit trigger
 * for it gets one run, through `run`. Returns what each run returned: installable ones by their owner,
 * the simple one as `onEdit:<editor>`.
 */
export function typeAs(...edit: Parameters<typeof typeOnly>): Map<string, unknown> {
  return typeOnly(...edit)();
}

/**
 * The edit now, its triggers when the returned function is called: two people typing at once, before
 * either one's trigger has run.
 */
export function typeOnly(
  editor: AppsScriptEnvironment,
  people: AppsScriptEnvironment[],
  sheetName: string,
  row: number,
  column: number,
  values: unknown[][],
  run: TriggerRunner,
): () => Map<string, unknown> {
  const sheet = editor.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const range = sheet.getRange(row, column, values.length, values[0]!.length);
  const single = values.length === 1 && values[0]!.length === 1;
  const oldValue = single ? range.getValue() : undefined;
  range.setValues(values as never[][]);
  return () => fireEditTriggers(editor, people, range, single ? values : null, oldValue, run);
}

function fireEditTriggers(
  editor: AppsScriptEnvironment,
  people: AppsScriptEnvironment[],
  range: GoogleAppsScript.Spreadsheet.Range,
  values: unknown[][] | null,
  oldValue: unknown,
  run: TriggerRunner,
): Map<string, unknown> {
  const single = values !== null;
  const results = new Map<string, unknown>();
  const simple = simpleEditEvent(editor, range, single ? { value: values![0]![0], oldValue } : null);
  results.set(`onEdit:${editor.userEmail}`, run(simpleTriggerSession(editor), 'onEdit', simple));
  for (const person of people) {
    if (person.spreadsheet !== editor.spreadsheet) continue;
    for (const trigger of person.scriptApp.triggers as FakeTrigger[]) {
      if (trigger.eventType !== 'ON_EDIT' || trigger.getTriggerSourceId() !== editor.spreadsheet.getId()) continue;
      const event: GoogleAppsScript.Events.SheetsOnEdit = {
        authMode: AuthMode.FULL as unknown as GoogleAppsScript.Script.AuthMode,
        triggerUid: trigger.getUniqueId(),
        user: userOf(visibleEditor(editor.userEmail, person.userEmail)),
        source: person.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
        range,
        // Apps Script gives value/oldValue for a single cell only (oldValue absent when it was empty).
        ...(single ? { value: String(values![0]![0] ?? '') } : {}),
        ...(single && oldValue !== '' && oldValue !== undefined ? { oldValue: String(oldValue) } : {}),
      } as GoogleAppsScript.Events.SheetsOnEdit;
      results.set(person.userEmail, run(person, trigger.handler, event));
    }
  }
  return results;
}

/** One run of each time-driven trigger `person` owns (what the clock does every few minutes). */
export function tickClock(person: AppsScriptEnvironment, run: TriggerRunner): unknown[] {
  return (person.scriptApp.triggers as FakeTrigger[])
    .filter((t) => t.eventType === 'CLOCK')
    .map((t) =>
      run(person, t.handler, {
        authMode: AuthMode.FULL,
        triggerUid: t.getUniqueId(),
        'day-of-month': 1,
        'day-of-week': 1,
        hour: 0,
        minute: 0,
        month: 1,
        second: 0,
        timezone: 'UTC',
        'week-of-year': 1,
        year: 2026,
      }),
    );
}
