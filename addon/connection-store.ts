/**
 * Where the add-on keeps its state. The server URL and the pull cursor belong to the spreadsheet
 * (document properties: everyone sees the same sheet content); the API key and the client/mutation ids
 * belong to the person (user properties, per spreadsheet), so roles follow the person, not the file.
 */
export type Connection = { url: string; key: string };

const SERVER_URL = 'crossdock.serverUrl';
const WORKSPACE = 'crossdock.workspace';
const CURSOR = 'crossdock.cursor';

function userKey(spreadsheetId: string, name: string): string {
  return `crossdock.${name}.${spreadsheetId}`;
}

export function loadConnection(spreadsheetId: string): Connection | null {
  const url = PropertiesService.getDocumentProperties().getProperty(SERVER_URL);
  const key = PropertiesService.getUserProperties().getProperty(userKey(spreadsheetId, 'key'));
  return url && key ? { url, key } : null;
}

export function serverUrl(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(SERVER_URL);
}

export function saveConnection(spreadsheetId: string, connection: Connection, workspaceName: string): void {
  PropertiesService.getDocumentProperties().setProperties({ [SERVER_URL]: connection.url, [WORKSPACE]: workspaceName });
  PropertiesService.getUserProperties().setProperty(userKey(spreadsheetId, 'key'), connection.key);
}

export function loadCursor(): number {
  return Number(PropertiesService.getDocumentProperties().getProperty(CURSOR) ?? 0) || 0;
}

export function saveCursor(cursor: number): void {
  PropertiesService.getDocumentProperties().setProperty(CURSOR, String(cursor));
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
