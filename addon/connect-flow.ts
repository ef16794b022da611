import type { MeResponse } from '../domain/contracts/sync';
import { saveConnection, serverUrl, type Connection } from './connection-store';
import { callServer, ServerCallError } from './server-api';
import { writeSettings } from './settings-sheet';
import { sheetLang } from './sheet-language';
import { dialogTexts, text } from './ui-text';

export type ConnectForm = { url: string; key: string };
export type ConnectResult = { ok: boolean; message: string };

export function connectionDialogState(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {
  const lang = sheetLang(spreadsheet);
  return { lang, url: serverUrl() ?? '', texts: dialogTexts(lang) };
}

/**
 * Tests the URL (and the key, or Google sign-in when none is given) against /v1/me; saves them (URL for the
 * sheet, credential for this person) only on success.
 */
export function testAndSaveConnection(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  form: ConnectForm,
): ConnectResult {
  const lang = sheetLang(spreadsheet);
  const url = String(form?.url ?? '')
    .trim()
    .replace(/\/+$/, '');
  const key = String(form?.key ?? '').trim();
  if (!/^https:\/\/[^\s/]+/i.test(url) && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i.test(url)) {
    return { ok: false, message: text(lang, 'connect_bad_url') };
  }
  // No key: Google sign-in (the identity token proves who this is; the server maps the email to a member).
  if (key && !/^cdk_\S{20,}$/.test(key)) return { ok: false, message: text(lang, 'connect_missing_key') };
  try {
    const me = callServer<MeResponse>({ url, key }, lang, 'get', '/v1/me');
    const connection: Connection = { url, key, workspaceId: me.workspace.id, roles: me.roles, actor: me.actor };
    saveConnection(spreadsheet.getId(), connection, me.workspace.name);
    writeSettings(spreadsheet, lang, {
      settings_server: url,
      settings_workspace: `${me.workspace.name} (${me.workspace.id})`,
    });
    return {
      ok: true,
      message: text(lang, 'connect_ok', {
        workspace: me.workspace.name,
        actor: me.actor,
        roles: me.roles.join(', ') || '-',
      }),
    };
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: error.message };
    throw error;
  }
}
