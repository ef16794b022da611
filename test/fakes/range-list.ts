/// <reference types="google-apps-script" />
// Several ranges at once (a multi-selection), applying each call to every range.

type Range = GoogleAppsScript.Spreadsheet.Range;
type RangeList = GoogleAppsScript.Spreadsheet.RangeList;
type RangeListMethod =
  | 'activate'
  | 'clearContent'
  | 'clearDataValidations'
  | 'getRanges'
  | 'setBackground'
  | 'setFontWeight'
  | 'setNote'
  | 'setNumberFormat'
  | 'setValue';

export class FakeRangeList implements Pick<RangeList, RangeListMethod> {
  constructor(private readonly ranges: Range[]) {}

  asRangeList(): RangeList {
    return this as unknown as RangeList;
  }
  private each(apply: (range: Range) => void): RangeList {
    this.ranges.forEach(apply);
    return this.asRangeList();
  }
  getRanges(): Range[] {
    return [...this.ranges];
  }
  activate(): RangeList {
    const last = this.ranges[this.ranges.length - 1];
    last?.activate();
    return this.asRangeList();
  }
  clearContent(): RangeList {
    return this.each((r) => r.clearContent());
  }
  clearDataValidations(): RangeList {
    return this.each((r) => r.clearDataValidations());
  }
  setBackground(color: string | null): RangeList {
    return this.each((r) => r.setBackground(color));
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): RangeList {
    return this.each((r) => r.setFontWeight(fontWeight));
  }
  setNote(note: string | null): RangeList {
    return this.each((r) => r.setNote(note));
  }
  setNumberFormat(numberFormat: string): RangeList {
    return this.each((r) => r.setNumberFormat(numberFormat));
  }
  setValue(value: unknown): RangeList {
    return this.each((r) => r.setValue(value));
  }
}
