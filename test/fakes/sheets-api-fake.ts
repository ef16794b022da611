import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  BatchUpdateSpreadsheetRequest,
  BatchUpdateValuesRequest,
  type PivotTable,
  type SheetsRequest,
} from './sheets-api-schemas';

/**
 * A local Google: the OAuth token endpoint a service account signs in at (RS256 JWT bearer grant, checked
 * against the test's public key) and the Sheets API v4 calls the publisher makes (`spreadsheets.get`,
 * `spreadsheets.batchUpdate`, `spreadsheets.values.batchUpdate`), over real HTTP. Bodies are checked with
 * the schemas of sheets-api-schemas.ts; the grid rules Google enforces (a write inside the grid, unique
 * titles and ids, pivot offsets inside their source) answer 400 the way Google does.
 */
export type FakeSheet = {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  values: (string | number | boolean)[][];
  numberFormats: Map<number, { type: string; pattern?: string }>;
  /** Pivot tables by anchor cell "row,column". */
  pivots: Map<string, PivotTable>;
};

export type SheetsCall = { method: string; path: string; body: unknown };

export type SheetsApiFake = {
  rootUrl: string;
  tokenUri: string;
  /** Service-account key file contents for a locally generated RSA key, token_uri pointing here. */
  keyFile: Record<string, string>;
  sheets: FakeSheet[];
  /** Sheets API calls (token requests not included). */
  calls: SheetsCall[];
  tokenRequests: number;
  addSheet(title: string, sheetId: number): FakeSheet;
  /** The next Sheets call is answered with this status and headers instead. */
  failNext(status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
};

export const SPREADSHEET_ID = '1BossReportsFakeSpreadsheetId';
const CLIENT_EMAIL = 'crossdock-reports@crossdock-test.iam.gserviceaccount.com';

export async function startSheetsApiFake(): Promise<SheetsApiFake> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokens = new Set<string>();
  const faults: { status: number; headers: Record<string, string> }[] = [];
  const fake = {
    sheets: [] as FakeSheet[],
    calls: [] as SheetsCall[],
    tokenRequests: 0,
    addSheet: (title: string, sheetId: number) => addSheet(fake.sheets, { sheetId, title }),
    failNext: (status: number, headers: Record<string, string> = {}) => faults.push({ status, headers }),
  };
  fake.addSheet('Sheet1', 0);

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
        res.end(JSON.stringify(json));
      };
      const url = new URL(req.url!, 'http://fake');
      try {
        if (req.method === 'POST' && url.pathname === '/token') {
          fake.tokenRequests++;
          const token = grantToken(body, publicKey);
          tokens.add(token);
          return reply(200, { access_token: token, expires_in: 3600, token_type: 'Bearer' });
        }
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!bearer || !tokens.has(bearer))
          return reply(401, googleError(401, 'Request had invalid authentication credentials.'));
        const parsedBody = body ? JSON.parse(body) : undefined;
        fake.calls.push({ method: req.method!, path: url.pathname, body: parsedBody });
        const fault = faults.shift();
        if (fault) return reply(fault.status, googleError(fault.status, 'Quota exceeded'), fault.headers);
        const base = `/v4/spreadsheets/${SPREADSHEET_ID}`;
        if (req.method === 'GET' && url.pathname === base) return reply(200, spreadsheetReply(fake.sheets));
        if (req.method === 'POST' && url.pathname === `${base}:batchUpdate`) {
          const request = BatchUpdateSpreadsheetRequest.parse(parsedBody);
          applyBatch(fake.sheets, request.requests);
          return reply(200, { spreadsheetId: SPREADSHEET_ID, replies: request.requests.map(() => ({})) });
        }
        if (req.method === 'POST' && url.pathname === `${base}/values:batchUpdate`) {
          const request = BatchUpdateValuesRequest.parse(parsedBody);
          for (const range of request.data) writeValues(fake.sheets, range.range, range.values);
          return reply(200, { spreadsheetId: SPREADSHEET_ID, totalUpdatedRows: 0 });
        }
        return reply(404, googleError(404, `Requested entity was not found: ${req.method} ${url.pathname}`));
      } catch (error) {
        const message =
          error instanceof z.ZodError ? `Invalid JSON payload received. ${error.message}` : (error as Error).message;
        return reply(400, googleError(400, message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    rootUrl: `${origin}/`,
    tokenUri: `${origin}/token`,
    keyFile: {
      type: 'service_account',
      project_id: 'crossdock-test',
      private_key_id: 'test-key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      client_email: CLIENT_EMAIL,
      token_uri: `${origin}/token`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

function googleError(code: number, message: string) {
  const status = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED' };
  return { error: { code, message, status: status[code as keyof typeof status] ?? 'UNAVAILABLE' } };
}

/** The JWT bearer grant: an RS256 assertion by the service account for the spreadsheets scope. */
function grantToken(body: string, publicKey: crypto.KeyObject): string {
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') throw new Error('unsupported grant');
  const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
  const signed = crypto.verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature ?? '', 'base64url'),
  );
  if (!signed) throw new Error('assertion signature does not verify');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  if (claims.iss !== CLIENT_EMAIL || !String(claims.scope).includes('https://www.googleapis.com/auth/spreadsheets'))
    throw new Error('assertion claims are wrong');
  return `ya29.fake-${crypto.randomBytes(8).toString('hex')}`;
}

function spreadsheetReply(sheets: FakeSheet[]) {
  return {
    spreadsheetId: SPREADSHEET_ID,
    sheets: sheets.map((s, index) => ({
      properties: {
        sheetId: s.sheetId,
        title: s.title,
        index,
        sheetType: 'GRID',
        gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount, frozenRowCount: s.frozenRowCount },
      },
    })),
  };
}

function addSheet(sheets: FakeSheet[], p: { sheetId?: number; title?: string }): FakeSheet {
  if (!p.title || sheets.some((s) => s.title === p.title))
    throw new Error(`A sheet with the name "${p.title}" already exists.`);
  if (p.sheetId === undefined || sheets.some((s) => s.sheetId === p.sheetId))
    throw new Error(`sheetId ${p.sheetId} is taken`);
  const sheet: FakeSheet = {
    sheetId: p.sheetId,
    title: p.title,
    rowCount: 1000,
    columnCount: 26,
    frozenRowCount: 0,
    values: [],
    numberFormats: new Map(),
    pivots: new Map(),
  };
  sheets.push(sheet);
  return sheet;
}

function sheetById(sheets: FakeSheet[], sheetId: number): FakeSheet {
  const sheet = sheets.find((s) => s.sheetId === sheetId);
  if (!sheet) throw new Error(`No grid with id: ${sheetId}`);
  return sheet;
}

/** Applies in order; any refusal throws before the caller answers, and the state is restored (atomic). */
function applyBatch(sheets: FakeSheet[], requests: SheetsRequest[]): void {
  const before = sheets.map((s) => ({
    ...s,
    values: s.values.map((r) => [...r]),
    numberFormats: new Map(s.numberFormats),
    pivots: new Map(s.pivots),
  }));
  try {
    for (const request of requests) applyOne(sheets, request);
  } catch (error) {
    sheets.splice(0, sheets.length, ...before);
    throw error;
  }
}

function applyOne(sheets: FakeSheet[], request: SheetsRequest): void {
  if ('addSheet' in request) {
    addSheet(sheets, request.addSheet.properties);
  } else if ('updateSheetProperties' in request) {
    const { properties } = request.updateSheetProperties;
    const sheet = sheetById(sheets, properties.sheetId!);
    const grid = properties.gridProperties ?? {};
    sheet.rowCount = grid.rowCount ?? sheet.rowCount;
    sheet.columnCount = grid.columnCount ?? sheet.columnCount;
    sheet.frozenRowCount = grid.frozenRowCount ?? sheet.frozenRowCount;
    if (sheet.frozenRowCount >= sheet.rowCount) throw new Error("You can't freeze all visible rows on the sheet.");
    // Rows and columns past the new size are deleted with their contents.
    sheet.values = sheet.values.slice(0, sheet.rowCount).map((row) => row.slice(0, sheet.columnCount));
  } else if ('repeatCell' in request) {
    const { range, cell } = request.repeatCell;
    const sheet = sheetById(sheets, range.sheetId);
    if ((range.endColumnIndex ?? sheet.columnCount) > sheet.columnCount) throw new Error('Range exceeds grid limits.');
    const format = cell.userEnteredFormat.numberFormat;
    if (format && (range.startRowIndex ?? 0) >= 1)
      for (let c = range.startColumnIndex ?? 0; c < (range.endColumnIndex ?? sheet.columnCount); c++)
        sheet.numberFormats.set(c, format);
  } else {
    const { start, rows } = request.updateCells;
    const sheet = sheetById(sheets, start.sheetId);
    const pivot = rows[0]?.values[0]?.pivotTable;
    const anchor = `${start.rowIndex},${start.columnIndex}`;
    if (!pivot) {
      sheet.pivots.delete(anchor);
      return;
    }
    const source = sheetById(sheets, pivot.source.sheetId);
    const width = (pivot.source.endColumnIndex ?? source.columnCount) - (pivot.source.startColumnIndex ?? 0);
    const offsets = [...(pivot.rows ?? []), ...(pivot.columns ?? [])].map((g) => g.sourceColumnOffset);
    for (const v of pivot.values) if ('sourceColumnOffset' in v) offsets.push(v.sourceColumnOffset);
    for (const f of pivot.filterSpecs ?? []) offsets.push(f.columnOffsetIndex);
    if (offsets.some((o) => o >= width))
      throw new Error('Invalid pivot table: a source column offset is outside the source range.');
    for (const g of [...(pivot.rows ?? []), ...(pivot.columns ?? [])])
      if (g.valueBucket?.valuesIndex !== undefined && g.valueBucket.valuesIndex >= pivot.values.length)
        throw new Error('Invalid pivot table: valueBucket.valuesIndex is out of range.');
    sheet.pivots.set(anchor, pivot);
  }
}

/** `'Title'!A1` (the only form the publisher writes): the rows must fit inside the sheet's grid. */
function writeValues(sheets: FakeSheet[], range: string, values: (string | number | boolean)[][]): void {
  const match = /^'((?:[^']|'')+)'!A1$/.exec(range);
  if (!match) throw new Error(`Unable to parse range: ${range}`);
  const title = match[1]!.replace(/''/g, "'");
  const sheet = sheets.find((s) => s.title === title);
  if (!sheet) throw new Error(`Unable to parse range: ${range}`);
  const width = Math.max(0, ...values.map((row) => row.length));
  if (values.length > sheet.rowCount || width > sheet.columnCount)
    throw new Error(
      `Range (${title}!A1:${values.length}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
    );
  values.forEach((row, r) => {
    sheet.values[r] = row.map((cell) => cell);
  });
}
