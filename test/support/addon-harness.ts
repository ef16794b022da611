import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as addon from '../../addon/main';
import {
  createAppsScriptGlobals,
  type AppsScriptEnvironment,
  type AppsScriptGlobalsOptions,
} from '../fakes/apps-script-globals';
import { UserPropertyStores } from '../fakes/properties-service';
import { freshDatabaseConfig, type DatabaseKind } from './databases';
import { databaseEnv, startServerProcess, type ServerProcess } from './server-process';
import { freshRequest } from './fresh-http';
import { createIdTokenMinter } from './id-token-minter';

/** The OAuth client id of the add-on's Apps Script project, as the team's server is told. */
export const GOOGLE_CLIENT_ID = '1234-crossdock-addon.apps.googleusercontent.com';

export const ADDON_DIST = path.resolve(__dirname, '..', '..', 'dist', 'addon');

/**
 * A real server process on a fresh database (`options.env`: more of its environment, e.g. the sandbox
 * carrier's address), and team members each working in a fake spreadsheet whose
 * UrlFetchApp reaches that server over real HTTP.
 */
export async function startTeam(kind: DatabaseKind, options: { env?: Record<string, string>; google?: boolean } = {}) {
  const fresh = await freshDatabaseConfig(kind);
  // Google sign-in: the server checks ID tokens against a local key, which each person's ScriptApp signs with.
  const minter = options.google ? createIdTokenMinter(GOOGLE_CLIENT_ID) : null;
  const googleEnv: Record<string, string> = minter
    ? { CROSSDOCK_GOOGLE_CLIENT_ID: GOOGLE_CLIENT_ID, CROSSDOCK_ID_TOKEN_CERTS_FILE: minter.certsFile }
    : {};
  const server: ServerProcess = await startServerProcess({
    ...databaseEnv(fresh.config),
    ...googleEnv,
    ...options.env,
  });
  const userStores = new UserPropertyStores();
  const adminKey = server.adminKey!;

  // A new connection per call (see fresh-http.ts): the add-on's fake UrlFetchApp blocks this process.
  async function api<T = any>(
    method: string,
    route: string,
    body?: unknown,
    key = adminKey,
  ): Promise<{ status: number; body: T }> {
    const answer = await freshRequest(server.url + route, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: JSON.parse(answer.text) as T };
  }

  return {
    url: server.url,
    adminKey,
    api,
    minter,
    /** A member by email, as an admin adds them (Google sign-in needs nothing more). */
    async addMember(email: string, roles: string[]): Promise<void> {
      const added = await api('POST', '/v1/admin/members', { email, roles });
      if (added.status >= 300) throw new Error(`could not add ${email}: ${JSON.stringify(added.body)}`);
    },
    /** A member with roles and their own key (as an admin would hand it out). */
    async memberKey(email: string, roles: string[]): Promise<string> {
      await api('POST', '/v1/admin/members', { email, roles });
      const created = await api<{ key: string }>('POST', '/v1/admin/keys', { name: email, memberEmail: email });
      return created.body.key;
    },
    /** A person with a new spreadsheet, set up, connected with their key, and synced once. */
    connected(email: string, key: string, locale = 'en_US'): AppsScriptEnvironment {
      const env = this.person(email, { locale });
      execute(env, () => addon.setupSheets());
      const answer = execute(env, () => addon.saveConnection({ url: server.url, key }));
      if (!answer.ok) throw new Error(`could not connect: ${JSON.stringify(answer)}`);
      execute(env, () => addon.syncNow());
      return env;
    },
    /** A person opening a spreadsheet (a new one, or `options.spreadsheet` shared with someone else). */
    person(email: string, options: AppsScriptGlobalsOptions = {}): AppsScriptEnvironment {
      return createAppsScriptGlobals({
        userEmail: email,
        userPropertiesStore: userStores,
        htmlDir: ADDON_DIST,
        // A fresh token per call, like ScriptApp.getIdentityToken (which renews before expiry).
        ...(minter ? { identityToken: () => minter.mint({ email }) } : {}),
        ...options,
      });
    },
    async close() {
      await server.stop();
      await fresh.dispose();
    },
  };
}

/** Runs `work` as one Apps Script execution of `env`: its globals installed, its locks released after. */
export function execute<T>(env: AppsScriptEnvironment, work: () => T): T {
  const target = globalThis as Record<string, unknown>;
  const saved = Object.keys(env.globals).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const);
  for (const [key, value] of Object.entries(env.globals)) {
    if (key !== 'console') Object.defineProperty(target, key, { value, configurable: true, writable: true });
  }
  try {
    return work();
  } finally {
    for (const [key, previous] of saved) {
      if (key === 'console') continue;
      if (previous) Object.defineProperty(target, key, previous);
      else delete target[key];
    }
    env.endExecution();
  }
}

/** The values of a sheet as a person sees them: header row + data rows, by header name. */
export function sheetRecords(env: AppsScriptEnvironment, sheetName: string): Record<string, unknown>[] {
  const sheet = env.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const [header = [], ...rows] = sheet.getDataRange().getValues();
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

/** Finds the 1-based row of a key in column 1. */
export function rowOf(env: AppsScriptEnvironment, sheetName: string, key: string): number {
  const values = env.spreadsheet.getSheetByName(sheetName)!.getDataRange().getValues();
  const index = values.findIndex((row) => String(row[0]) === key);
  if (index < 0) throw new Error(`no row ${key} in ${sheetName}`);
  return index + 1;
}

/** Column number (1-based) of a header. */
export function columnOf(env: AppsScriptEnvironment, sheetName: string, header: string): number {
  const headers = env.spreadsheet
    .getSheetByName(sheetName)!
    .getRange(1, 1, 1, env.spreadsheet.getSheetByName(sheetName)!.getLastColumn())
    .getValues()[0]!;
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${sheetName}`);
  return index + 1;
}

/**
 * Loads the built dist/addon/Code.js the way Apps Script does (one script, top-level functions, no modules)
 * into `env`'s context; `run(name, ...args)` is one execution of a top-level function.
 */
export function loadBundle(env: AppsScriptEnvironment) {
  const context = env.createContext();
  vm.runInContext(fs.readFileSync(path.join(ADDON_DIST, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  const run = <T = any>(name: string, ...args: unknown[]): T => {
    try {
      return vm.runInContext(`${name}.apply(null, __args)`, Object.assign(context, { __args: args })) as T;
    } finally {
      env.endExecution();
    }
  };
  return { run, context };
}
