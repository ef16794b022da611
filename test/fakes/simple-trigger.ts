/// <reference types="google-apps-script" />
// The same person's session as a simple trigger (onEdit) sees it. Apps Script runs a simple trigger
// without asking for authorization, under the identity of the person editing, in AuthMode.LIMITED:
// "They cannot access services that require authorization" (https://developers.google.com/apps-script/guides/triggers),
// e.g. UrlFetchApp or ScriptApp's triggers and tokens; it may change the file it is bound to, and use
// PropertiesService and LockService (the AuthMode reference reads properties in LIMITED). The user's
// email "is not available in any context that allows a script to run without that user's authorization,
// like a simple onOpen(e) or onEdit(e) trigger" unless the developer runs it or shares a Workspace domain
// (https://developers.google.com/apps-script/reference/base/session#getActiveUser()).
import * as vm from 'node:vm';
import type { AppsScriptEnvironment, AppsScriptGlobals } from './apps-script-globals';
import { AuthMode } from './session';
import { userOf } from './script-realm';

/** Consumer domains: no one there shares a Workspace domain with anyone. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** What `e.user.getEmail()` holds in `owner`'s trigger for `editor`'s edit. */
export function visibleEditor(editor: string, owner: string): string {
  if (editor.toLowerCase() === owner.toLowerCase()) return editor;
  const domain = (email: string) => email.split('@')[1]?.toLowerCase() ?? '';
  return domain(editor) === domain(owner) && !CONSUMER_DOMAINS.has(domain(editor)) ? editor : '';
}

const limited = new WeakMap<AppsScriptEnvironment, AppsScriptEnvironment>();

/** Any call on a service that needs authorization fails, as in Apps Script. */
function denied(env: AppsScriptEnvironment, service: string, allowed: Record<string, unknown> = {}): object {
  return new Proxy(allowed, {
    get(target, name) {
      if (typeof name !== 'string' || name in target) return target[name as string];
      return () => {
        throw env.realm.error(`You do not have permission to call ${service}.${name}`);
      };
    },
  });
}

/** The email a simple trigger's Session and event show for this person (blank unless the script's owner's domain). */
export function simpleTriggerEmail(env: AppsScriptEnvironment): string {
  return visibleEditor(env.userEmail, env.spreadsheet.owner);
}

/** `env` as its simple triggers run: same spreadsheet, properties and locks, no authorized services. */
export function simpleTriggerSession(env: AppsScriptEnvironment): AppsScriptEnvironment {
  const known = limited.get(env);
  if (known) return known;
  const email = simpleTriggerEmail(env);
  const session: Partial<GoogleAppsScript.Base.Session> = {
    getActiveUser: () => userOf(email),
    getEffectiveUser: () => userOf(email),
    getActiveUserLocale: () => env.session.getActiveUserLocale(),
    getScriptTimeZone: () => env.session.getScriptTimeZone(),
    getTemporaryActiveUserKey: () => env.session.getTemporaryActiveUserKey(),
  };
  const globals: AppsScriptGlobals = {
    ...env.globals,
    UrlFetchApp: denied(env, 'UrlFetchApp') as GoogleAppsScript.URL_Fetch.UrlFetchApp,
    ScriptApp: denied(env, 'ScriptApp', {
      AuthMode: env.scriptApp.AuthMode,
      EventType: env.scriptApp.EventType,
      TriggerSource: env.scriptApp.TriggerSource,
    }) as GoogleAppsScript.Script.ScriptApp,
    Session: session as GoogleAppsScript.Base.Session,
  };
  const copy: AppsScriptEnvironment = {
    ...env,
    globals,
    createContext() {
      const context = vm.createContext(globals);
      env.realm.bindContext(context);
      return context;
    },
  };
  limited.set(env, copy);
  return copy;
}

/** The event a simple onEdit(e) receives (no triggerUid: that is for installable triggers only). */
export function simpleEditEvent(
  editor: AppsScriptEnvironment,
  range: GoogleAppsScript.Spreadsheet.Range,
  single: { value: unknown; oldValue: unknown } | null,
): GoogleAppsScript.Events.SheetsOnEdit {
  return {
    authMode: AuthMode.LIMITED as unknown as GoogleAppsScript.Script.AuthMode,
    user: userOf(simpleTriggerEmail(editor)),
    source: editor.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
    range,
    ...(single ? { value: String(single.value ?? '') } : {}),
    ...(single && single.oldValue !== '' && single.oldValue !== undefined ? { oldValue: String(single.oldValue) } : {}),
  } as GoogleAppsScript.Events.SheetsOnEdit;
}
