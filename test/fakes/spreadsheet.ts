/// <reference types="google-apps-script" />
// A spreadsheet document: its sheets, selection, toasts, document properties and lock, and the
// records tests assert on (stats, formulaWrites, toasts).
import { parseA1, splitSheetPrefix, type GridRect } from './a1-notation';
import { LockState } from './lock-service';
import { PropertyStore } from './properties-service';
import { FakeRangeList } from './range-list';
import { ScriptRealm } from './script-realm';
import { FakeSheet } from './sheet';
import { SpreadsheetStats, type FormulaWrite } from './spreadsheet-stats';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type SpreadsheetMethod =
  | 'deleteSheet'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getActiveSheet'
  | 'getId'
  | 'getName'
  | 'getNumSheets'
  | 'getProtections'
  | 'getRange'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'insertSheet'
  | 'rename'
  | 'setActiveRange'
  | 'setActiveSheet'
  | 'setSpreadsheetLocale'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export interface FakeSpreadsheetOptions {
  id?: string;
  name?: string;
  /** 'en_US' (default) or e.g. 'zh_CN'; sets the first sheet's name and value parsing. */
  locale?: string;
  timeZone?: string;
  /** The owner, who can always edit protected ranges; also the first acting user. */
  owner?: string;
  /** Other people the spreadsheet is shared with (for Protection.getEditors). */
  editors?: string[];
  realm?: ScriptRealm;
}

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number | null;
}

/** A selection given by a test: A1 text, a Range, or 1-based coordinates. */
export type Selection = string | Range | { row: number; column: number; numRows?: number; numColumns?: number };

const MAX_CELLS = 10_000_000;
const SHEET_WORD: Record<string, string> = { en_US: 'Sheet', zh_CN: '工作表' };
let spreadsheetCount = 0;

export class FakeSpreadsheet implements Pick<Spreadsheet, SpreadsheetMethod> {
  readonly id: string;
  name: string;
  locale: string;
  timeZone: string;
  readonly owner: string;
  /** Whose edits protections check; tests sharing one document between users switch it. */
  actingUser: string;
  editors: string[];
  realm: ScriptRealm;
  sheetList: FakeSheet[] = [];
  activeSheet: FakeSheet;
  readonly stats = new SpreadsheetStats();
  readonly formulaWrites: FormulaWrite[] = [];
  readonly toasts: Toast[] = [];
  readonly documentProperties = new PropertyStore('document');
  readonly documentLock = new LockState();
  private nextSheetId = 0;

  constructor(options: FakeSpreadsheetOptions = {}) {
    spreadsheetCount += 1;
    this.id = options.id ?? `1FakeSheet${String(spreadsheetCount).padStart(4, '0')}${'x'.repeat(30)}`;
    this.name = options.name ?? 'Untitled spreadsheet';
    this.locale = options.locale ?? 'en_US';
    this.timeZone = options.timeZone ?? 'UTC';
    this.owner = options.owner ?? 'owner@example.com';
    this.actingUser = this.owner;
    this.editors = options.editors ?? [];
    this.realm = options.realm ?? new ScriptRealm();
    this.activeSheet = this.addSheet(this.defaultSheetName(), this.sheetList.length);
  }

  asSpreadsheet(): Spreadsheet {
    return this as unknown as Spreadsheet;
  }

  // ---- test helpers ----
  /** The sheet with this name, typed as the fake (throws if missing). */
  sheet(name: string): FakeSheet {
    const sheet = this.sheetNamed(name);
    if (!sheet) throw new Error(`No sheet named ${name}`);
    return sheet;
  }
  /** Selects ranges on a sheet as the user would (the last one is the active range). */
  select(sheet: Sheet | FakeSheet | string, ...ranges: Selection[]): void {
    const target = typeof sheet === 'string' ? this.sheet(sheet) : this.fakeSheetOf(sheet);
    target.selection = ranges.map((r): GridRect => {
      if (typeof r === 'string') {
        const rect = parseA1(r, target.maxRows, target.maxColumns);
        if (!rect) throw new Error(`Bad A1 notation: ${r}`);
        return rect;
      }
      if ('getRow' in r)
        return { row: r.getRow(), col: r.getColumn(), numRows: r.getNumRows(), numCols: r.getNumColumns() };
      return { row: r.row, col: r.column, numRows: r.numRows ?? 1, numCols: r.numColumns ?? 1 };
    });
    this.activeSheet = target;
  }
  resetStats(): void {
    this.stats.reset();
  }
  fakeSheetOf(sheet: Sheet | FakeSheet): FakeSheet {
    if (!(sheet instanceof FakeSheet) || !this.sheetList.includes(sheet)) {
      throw this.realm.error('Invalid argument: sheet');
    }
    return sheet;
  }

  // ---- internals used by sheets ----
  /** Sheet names are unique regardless of case, and looked up regardless of case. */
  sheetNamed(name: string): FakeSheet | undefined {
    return this.sheetList.find((s) => s.getName().toLowerCase() === name.toLowerCase());
  }
  assertNewSheetName(name: string, renaming?: FakeSheet): void {
    const existing = this.sheetNamed(name);
    if (existing && existing !== renaming) {
      throw this.realm.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (name.trim() === '' || name.length > 100) throw this.realm.error('Invalid argument: sheetName');
  }
  assertCellBudget(extraCells: number): void {
    const cells = this.sheetList.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
    if (cells + extraCells > MAX_CELLS) {
      throw this.realm.error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  }
  private defaultSheetName(): string {
    const word = SHEET_WORD[this.locale] ?? 'Sheet';
    let n = this.sheetList.length + 1;
    while (this.sheetNamed(`${word}${n}`)) n++;
    return `${word}${n}`;
  }
  private addSheet(name: string, index: number): FakeSheet {
    this.assertNewSheetName(name);
    this.assertCellBudget(1000 * 26);
    const sheet = new FakeSheet(this, name, this.nextSheetId);
    this.nextSheetId = this.nextSheetId === 0 ? 1_234_567_891 : (this.nextSheetId * 48271) % 2147483647;
    this.sheetList.splice(index, 0, sheet);
    return sheet;
  }

  // ---- Spreadsheet API ----
  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  rename(newName: string): void {
    this.name = newName;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.locale = locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.timeZone = timezone;
  }
  getSheets(): Sheet[] {
    return this.sheetList.map((s) => s.asSheet());
  }
  getNumSheets(): number {
    return this.sheetList.length;
  }
  getSheetByName(name: string): Sheet | null {
    return this.sheetNamed(name)?.asSheet() ?? null;
  }
  getSheetById(id: number): Sheet | null {
    return this.sheetList.find((s) => s.sheetId === id)?.asSheet() ?? null;
  }
  /** insertSheet(name?, index?, options?) or insertSheet(index?, options?); the new sheet becomes active. */
  insertSheet(
    nameOrIndex?: string | number | { template?: Sheet },
    indexOrOptions?: number | { template?: Sheet },
  ): Sheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.defaultSheetName();
    const index =
      typeof nameOrIndex === 'number'
        ? nameOrIndex
        : typeof indexOrOptions === 'number'
          ? indexOrOptions
          : this.sheetList.length;
    const sheet = this.addSheet(name, Math.max(0, Math.min(index, this.sheetList.length)));
    this.activeSheet = sheet;
    return sheet.asSheet();
  }
  deleteSheet(sheet: Sheet): void {
    const target = this.fakeSheetOf(sheet);
    if (this.sheetList.length === 1) throw this.realm.error("You can't remove all the sheets in a document.");
    this.sheetList = this.sheetList.filter((s) => s !== target);
    if (this.activeSheet === target) this.activeSheet = this.sheetList[0]!;
  }
  getActiveSheet(): Sheet {
    return this.activeSheet.asSheet();
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.activeSheet = this.fakeSheetOf(sheet);
    return sheet;
  }
  getActiveRange(): Range | null {
    const rect = this.activeSheet.selection[this.activeSheet.selection.length - 1];
    return rect ? this.activeSheet.rangeAt(rect) : null;
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    const sheet = this.activeSheet;
    if (sheet.selection.length === 0) return null;
    return new FakeRangeList(sheet.selection.map((rect) => sheet.rangeAt(rect))).asRangeList();
  }
  setActiveRange(range: Range): Range {
    return range.activate();
  }
  /** "Sheet1!A1:B2" or, without a sheet name, a range of the active sheet. */
  getRange(a1Notation: string): Range {
    const { sheetName } = splitSheetPrefix(a1Notation);
    const sheet = sheetName === null ? this.activeSheet : this.sheetNamed(sheetName);
    if (!sheet) throw this.realm.error('Range not found');
    return sheet.getRange(a1Notation);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    return this.sheetList.flatMap((s) => s.getProtections(type));
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? null,
    });
  }
}
