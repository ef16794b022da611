// Counts of Spreadsheet service calls, so tests can hold the add-on to its call budget
// (each call is a round trip in Apps Script).

export type AccessKind = 'read' | 'write' | 'format';

export interface AccessRecord {
  kind: AccessKind;
  method: string;
  sheet: string;
  a1: string;
  cells: number;
}

export interface FormulaWrite {
  sheet: string;
  a1: string;
  formula: string;
  method: string;
}

export class SpreadsheetStats {
  /** Reads (getValues, getDisplayValues, getNotes, getFormulas and single-cell forms) by sheet name. */
  readCalls: Record<string, number> = {};
  /** Content writes (setValues, setValue, setNotes, setFormulas, clearContent, appendRow...) by sheet name. */
  writeCalls: Record<string, number> = {};
  /** Format and validation calls (setBackground, setNumberFormat, setDataValidations...) by sheet name. */
  formatCalls: Record<string, number> = {};
  log: AccessRecord[] = [];

  record(kind: AccessKind, method: string, sheet: string, a1: string, cells: number): void {
    const counts = kind === 'read' ? this.readCalls : kind === 'write' ? this.writeCalls : this.formatCalls;
    counts[sheet] = (counts[sheet] ?? 0) + 1;
    this.log.push({ kind, method, sheet, a1, cells });
  }

  totalReads(): number {
    return sum(this.readCalls);
  }

  totalWrites(): number {
    return sum(this.writeCalls);
  }

  /** A1 ranges of the content writes to one sheet, in call order. */
  writesTo(sheet: string): string[] {
    return this.log.filter((r) => r.kind === 'write' && r.sheet === sheet).map((r) => r.a1);
  }

  reset(): void {
    this.readCalls = {};
    this.writeCalls = {};
    this.formatCalls = {};
    this.log = [];
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
