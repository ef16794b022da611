/// <reference types="google-apps-script" />
// Protected ranges and sheets. As documented, a new protection mirrors the spreadsheet's
// permissions (so it blocks nobody) until its editors are changed; the owner can always edit.
import { contains, intersects, type GridRect } from './a1-notation';
import { userOf } from './script-realm';
import type { FakeSheet } from './sheet';

type ProtectionMethod =
  | 'addEditor'
  | 'addEditors'
  | 'canDomainEdit'
  | 'canEdit'
  | 'getDescription'
  | 'getEditors'
  | 'getProtectionType'
  | 'getRange'
  | 'getUnprotectedRanges'
  | 'isWarningOnly'
  | 'remove'
  | 'removeEditor'
  | 'removeEditors'
  | 'setDescription'
  | 'setDomainEdit'
  | 'setRange'
  | 'setUnprotectedRanges'
  | 'setWarningOnly';

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type User = GoogleAppsScript.Base.User;

function emailOf(user: string | User): string {
  return typeof user === 'string' ? user : user.getEmail();
}

export class FakeProtection implements Pick<Protection, ProtectionMethod> {
  description = '';
  warningOnly = false;
  domainEdit = false;
  removed = false;
  /** Null while the protection still mirrors the spreadsheet's editors. */
  editors: Set<string> | null = null;
  unprotected: GridRect[] = [];
  /** addEditor/removeEditors calls, for assertions. */
  readonly editorChanges: Array<{ op: 'add' | 'remove'; emails: string[] }> = [];

  constructor(
    readonly sheet: FakeSheet,
    readonly type: 'RANGE' | 'SHEET',
    public rect: GridRect,
  ) {}

  /** A sheet protection covers the whole grid, however it grows. */
  area(): GridRect {
    if (this.type === 'RANGE') return this.rect;
    return { row: 1, col: 1, numRows: this.sheet.maxRows, numCols: this.sheet.maxColumns };
  }

  private self(): Protection {
    return this as unknown as Protection;
  }

  private effectiveEditors(): Set<string> {
    const ss = this.sheet.spreadsheet;
    return this.editors ?? new Set([ss.owner, ss.actingUser, ...ss.editors]);
  }

  /** Whether this protection stops `user` from writing to some cell of `rect`. */
  blocks(user: string, rect: GridRect): boolean {
    if (this.removed || this.warningOnly || this.editors === null) return false;
    if (user === this.sheet.spreadsheet.owner || this.editors.has(user)) return false;
    const area = this.area();
    if (!intersects(area, rect)) return false;
    const lastRow = Math.min(rect.row + rect.numRows, area.row + area.numRows);
    const lastCol = Math.min(rect.col + rect.numCols, area.col + area.numCols);
    for (let row = Math.max(rect.row, area.row); row < lastRow; row++) {
      for (let col = Math.max(rect.col, area.col); col < lastCol; col++) {
        if (!this.unprotected.some((u) => contains(u, row, col))) return true;
      }
    }
    return false;
  }

  addEditor(user: string | User): Protection {
    return this.addEditors([emailOf(user)]);
  }
  addEditors(emailAddresses: string[]): Protection {
    const editors = this.effectiveEditors();
    for (const email of emailAddresses) editors.add(email);
    this.editors = editors;
    this.editorChanges.push({ op: 'add', emails: [...emailAddresses] });
    return this.self();
  }
  removeEditor(user: string | User): Protection {
    return this.removeEditors([emailOf(user)]);
  }
  removeEditors(users: Array<string | User>): Protection {
    const emails = users.map(emailOf);
    const editors = this.effectiveEditors();
    // The owner cannot be removed; Apps Script ignores the attempt.
    for (const email of emails) if (email !== this.sheet.spreadsheet.owner) editors.delete(email);
    this.editors = editors;
    this.editorChanges.push({ op: 'remove', emails });
    return this.self();
  }
  getEditors(): User[] {
    return [...this.effectiveEditors()].map(userOf);
  }
  canEdit(): boolean {
    const user = this.sheet.spreadsheet.actingUser;
    return user === this.sheet.spreadsheet.owner || this.effectiveEditors().has(user);
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  setDomainEdit(editable: boolean): Protection {
    this.domainEdit = editable;
    return this.self();
  }
  getDescription(): string {
    return this.description;
  }
  setDescription(description: string): Protection {
    this.description = description;
    return this.self();
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this.warningOnly = warningOnly;
    return this.self();
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.sheet.rangeAt(this.area());
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range): Protection {
    if (this.type === 'SHEET') throw this.sheet.spreadsheet.realm.error('Cannot set the range of a sheet protection.');
    this.rect = {
      row: range.getRow(),
      col: range.getColumn(),
      numRows: range.getNumRows(),
      numCols: range.getNumColumns(),
    };
    return this.self();
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.unprotected.map((rect) => this.sheet.rangeAt(rect));
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): Protection {
    if (this.type === 'RANGE')
      throw this.sheet.spreadsheet.realm.error('Unprotected ranges apply to sheet protections only.');
    this.unprotected = ranges.map((r) => ({
      row: r.getRow(),
      col: r.getColumn(),
      numRows: r.getNumRows(),
      numCols: r.getNumColumns(),
    }));
    return this.self();
  }
  remove(): void {
    this.removed = true;
    this.sheet.dropProtection(this);
  }
}
