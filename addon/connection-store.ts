/**
 * Where the add-on keeps its state. The server URL and the pull cursor belong to the spreadsheet
 * (document properties: everyone sees the same sheet content); the API key, the URL it was given for,
 * and the client/mutation ids belong to the person (user properties, per spreadsheet), so roles follow
 * the person, not the file.
 */
/**
 * `key`: an API key, or '' for Google sign-in (each call then carries ScriptApp.getIdentityToken()).
 * `roles`: as the server said at connect time; the sidebar offers by them, the server decides.
 * `actor`: who the server said this person is (their email), which the edit journal is kept for.
 */
export type Connection = { url: string; key: string; workspaceId: string; roles?: string[]; actor?: string };

export type ConnectionState =
  | { kind: 'connected'; connection: Connection }
  | { kind: 'not_connected' }
  /** Someone pointed the spreadsheet at another server: this person's key is not sent there unasked. */
  | { kind: 'server_changed'; url: string };

const SERVER_URL = 'crossdock.serverUrl';
const WORKSPACE = 'crossdock.workspace';

function userKey(spreadsheetId: string, name: string): string {
  return `crossdock.${name}.${spreadsheetId}`;
}

export function loadConnection(spreadsheetId: string): ConnectionState {
  const url = PropertiesService.getDocumentProperties().getProperty(SERVER_URL);
  const saved = PropertiesService.getUserProperties().getProperty(userKey(spreadsheetId, 'connection'));
  if (!url || !saved) return { kind: 'not_connected' };
  const connection = JSON.parse(saved) as Connection;
  return connection.url === url ? { kind: 'connected', connection } : { kind: 'server_changed', url };
}

export function serverUrl(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(SERVER_URL);
}

export function saveConnection(spreadsheetId: string, connection: Connection, workspaceName: string): void {
  PropertiesService.getDocumentProperties().setProperties({ [SERVER_URL]: connection.url, [WORKSPACE]: workspaceName });
  PropertiesService.getUserProperties().setProperty(userKey(spreadsheetId, 'connection'), JSON.stringify(connection));
}

/**
 * The cursor is per workspace and sheet language: reconnecting elsewhere starts from the beginning there,
 * and so does a change of the spreadsheet's language (every row's labels and review notes are rewritten).
 */
export function loadCursor(workspaceId: string, lang: string): number {
  const stored = PropertiesService.getDocumentProperties().getProperty(`crossdock.cursor.${workspaceId}`) ?? '0';
  const [cursor, storedLang] = stored.split(':');
  return storedLang === undefined || storedLang === lang ? Number(cursor) || 0 : 0;
}

export function saveCursor(workspaceId: string, lang: string, cursor: number): void {
  PropertiesService.getDocumentProperties().setProperty(`crossdock.cursor.${workspaceId}`, `${cursor}:${lang}`);
}

/** One client id per person and spreadsheet ("installation"), made on first use. */
export function clientId(spreadsheetId: string): string {
  const props = PropertiesService.getUserProperties();
  const name = userKey(spreadsheetId, 'client');
  let id = props.getProperty(name);
  if (!id) {
    id = Utilities.getUuid().replace(/-/g, '');
    props.setProperty(name, id);
  }
  return id;
}

/**
 * The next mutation id, stored before the push is sent: a push that may have reached the server is
 * retried with the same id (and body) in the same run, and the next run never reuses it.
 */
export function nextMutationId(spreadsheetId: string): number {
  const props = PropertiesService.getUserProperties();
  const name = userKey(spreadsheetId, 'mutation');
  const next = (Number(props.getProperty(name) ?? 0) || 0) + 1;
  props.setProperty(name, String(next));
  return next;
}
