/// <reference types="google-apps-script" />
// One Apps Script "user session" on one spreadsheet: the global services the add-on sees,
// plus the fakes behind them for assertions. Use `globals` with Object.assign(globalThis, ...)
// (or installAppsScriptGlobals) for jest, or with createContext() for the built bundle.
import * as vm from 'node:vm';
import { FakeHtmlService } from './html-service';
import { FakeLockService, LockState } from './lock-service';
import { FakeLogger } from './logger';
import { FakePropertiesService, PropertyStore, UserPropertyStores } from './properties-service';
import { ScriptRealm } from './script-realm';
import { FakeScriptApp, FakeSession } from './session';
import { FakeSpreadsheetApp } from './spreadsheet-app';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeUi } from './ui';
import { FakeUrlFetchApp } from './url-fetch-app';
import { FakeUtilities } from './utilities';

export interface AppsScriptGlobalsOptions {
  /** Spreadsheet locale: 'en_US' (default) or 'zh_CN' (Chinese sheet names and UI language). */
  locale?: string;
  timeZone?: string;
  /** The user running the script (default 'user@example.com'); owns a new spreadsheet. */
  userEmail?: string;
  /** Session.getActiveUser().getEmail(), when it should differ (e.g. '' across domains). */
  activeUserEmail?: string;
  /** Session.getActiveUserLocale(); defaults from `locale` ('en' for en_US, else the locale, e.g. 'zh_CN'). */
  userLocale?: string;
  /** Folder whose NAME.html files HtmlService.createHtmlOutputFromFile(NAME) reads. */
  htmlDir?: string;
  /** Share one UserPropertyStores between sessions (keyed by userEmail), or give this user's store. */
  userPropertiesStore?: UserPropertyStores | PropertyStore;
  /** Defaults to the spreadsheet's own store. */
  documentPropertiesStore?: PropertyStore;
  /** Share between sessions of the same script (default: a new store). */
  scriptPropertiesStore?: PropertyStore;
  scriptLock?: LockState;
  userLock?: LockState;
  /** Open an existing spreadsheet (another user of the same document) instead of a new one. */
  spreadsheet?: FakeSpreadsheet;
  spreadsheetName?: string;
  spreadsheetId?: string;
  identityToken?: string | (() => string);
  oAuthToken?: string | (() => string);
  addonName?: string;
  /** Echo Logger.log lines to the console. */
  logToConsole?: boolean;
}

export interface AppsScriptGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: Console;
}

export interface AppsScriptEnvironment {
  globals: AppsScriptGlobals;
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  urlFetch: FakeUrlFetchApp;
  properties: FakePropertiesService;
  html: FakeHtmlService;
  lock: FakeLockService;
  spreadsheetApp: FakeSpreadsheetApp;
  session: FakeSession;
  scriptApp: FakeScriptApp;
  utilities: FakeUtilities;
  logger: FakeLogger;
  realm: ScriptRealm;
  userEmail: string;
  /** vm.createContext(globals), with errors and templates bound to that context. */
  createContext(): vm.Context;
  /** What the end of an Apps Script execution does: release the locks it holds. */
  endExecution(): void;
}

export function createAppsScriptGlobals(options: AppsScriptGlobalsOptions = {}): AppsScriptEnvironment {
  const userEmail = options.userEmail ?? 'user@example.com';
  const locale = options.locale ?? options.spreadsheet?.locale ?? 'en_US';
  const timeZone = options.timeZone ?? options.spreadsheet?.timeZone ?? 'UTC';
  const realm = new ScriptRealm();
  const spreadsheet =
    options.spreadsheet ??
    new FakeSpreadsheet({
      id: options.spreadsheetId,
      name: options.spreadsheetName,
      locale,
      timeZone,
      owner: userEmail,
      realm,
    });
  const userStore =
    options.userPropertiesStore instanceof PropertyStore
      ? options.userPropertiesStore
      : (options.userPropertiesStore ?? new UserPropertyStores()).forUser(userEmail);
  const properties = new FakePropertiesService(
    {
      document: options.documentPropertiesStore ?? spreadsheet.documentProperties,
      user: userStore,
      script: options.scriptPropertiesStore ?? new PropertyStore('script'),
    },
    realm,
  );
  const ui = new FakeUi(options.addonName, realm);
  const spreadsheetApp = new FakeSpreadsheetApp(spreadsheet, ui, realm);
  const urlFetch = new FakeUrlFetchApp(realm);
  const html = new FakeHtmlService(options.htmlDir ?? null, realm);
  const lock = new FakeLockService(
    {
      document: spreadsheet.documentLock,
      script: options.scriptLock ?? new LockState(),
      user: options.userLock ?? new LockState(),
    },
    realm,
  );
  const session = new FakeSession({
    userEmail,
    activeUserEmail: options.activeUserEmail,
    userLocale: options.userLocale ?? (locale === 'en_US' ? 'en' : locale),
    timeZone,
  });
  const scriptApp = new FakeScriptApp(
    options.identityToken ?? `fake-identity-token:${userEmail}`,
    options.oAuthToken ?? `fake-oauth-token:${userEmail}`,
    undefined,
    realm,
  );
  const utilities = new FakeUtilities(realm);
  const logger = new FakeLogger(options.logToConsole ?? false);
  const cast = <T>(fake: object): T => fake as unknown as T;
  const globals: AppsScriptGlobals = {
    SpreadsheetApp: cast(spreadsheetApp),
    PropertiesService: properties,
    UrlFetchApp: cast(urlFetch),
    HtmlService: cast(html),
    LockService: lock,
    Session: cast(session),
    ScriptApp: cast(scriptApp),
    Utilities: cast(utilities),
    Logger: logger,
    console,
  };
  html.scriptGlobals = globals;
  return {
    globals,
    spreadsheet,
    ui,
    urlFetch,
    properties,
    html,
    lock,
    spreadsheetApp,
    session,
    scriptApp,
    utilities,
    logger,
    realm,
    userEmail,
    createContext() {
      const context = vm.createContext(globals);
      realm.bindContext(context);
      return context;
    },
    endExecution() {
      lock.releaseAll();
    },
  };
}

const installed: Array<() => void> = [];

/** Puts the globals on globalThis (for jest tests importing the add-on's modules). */
export function installAppsScriptGlobals(
  options: AppsScriptGlobalsOptions = {},
): AppsScriptEnvironment & { uninstall(): void } {
  const env = createAppsScriptGlobals(options);
  const target = globalThis as Record<string, unknown>;
  const saved = Object.entries(env.globals)
    .filter(([key]) => key !== 'console')
    .map(([key, value]) => {
      const previous = Object.getOwnPropertyDescriptor(target, key);
      Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: false });
      return { key, previous };
    });
  let done = false;
  const uninstall = () => {
    if (done) return;
    done = true;
    for (const { key, previous } of saved.reverse()) {
      if (previous) Object.defineProperty(target, key, previous);
      else delete target[key];
    }
    const index = installed.indexOf(uninstall);
    if (index >= 0) installed.splice(index, 1);
  };
  installed.push(uninstall);
  return { ...env, uninstall };
}

/** Undoes the most recent installAppsScriptGlobals (e.g. in afterEach). */
export function uninstallAppsScriptGlobals(): void {
  installed[installed.length - 1]?.();
}
