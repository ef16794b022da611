/// <reference types="google-apps-script" />
// SpreadsheetApp for one user session on one active spreadsheet. The document model lives in
// spreadsheet.ts, sheet.ts, range.ts and friends; this file re-exports them.
import { BooleanCriteria, FakeConditionalFormatRuleBuilder } from './conditional-format';
import { DataValidationCriteria, FakeDataValidationBuilder } from './data-validation';
import { FakeFilterCriteriaBuilder } from './filter-criteria';
import { DateTimeGroupingRuleType, Dimension, PivotTableSummarizeFunction } from './pivot-table';
import { enumOf, ScriptRealm } from './script-realm';
import type { FakeSpreadsheet } from './spreadsheet';
import type { FakeUi } from './ui';

type SS = typeof GoogleAppsScript.Spreadsheet;
type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type AppMethod =
  | 'BooleanCriteria'
  | 'BorderStyle'
  | 'DataValidationCriteria'
  | 'DateTimeGroupingRuleType'
  | 'Dimension'
  | 'PivotTableSummarizeFunction'
  | 'ProtectionType'
  | 'flush'
  | 'getActive'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getActiveSheet'
  | 'getActiveSpreadsheet'
  | 'getUi'
  | 'newConditionalFormatRule'
  | 'newDataValidation'
  | 'newFilterCriteria'
  | 'openById'
  | 'openByUrl'
  | 'setActiveRange'
  | 'setActiveSheet';

export const ProtectionType = enumOf(['RANGE', 'SHEET'] as const);
export const BorderStyle = enumOf(['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'] as const);

export class FakeSpreadsheetApp implements Pick<SpreadsheetApp, AppMethod> {
  readonly ProtectionType = ProtectionType as unknown as SS['ProtectionType'];
  readonly DataValidationCriteria = DataValidationCriteria as unknown as SS['DataValidationCriteria'];
  readonly BorderStyle = BorderStyle as unknown as SS['BorderStyle'];
  readonly BooleanCriteria = BooleanCriteria as unknown as SS['BooleanCriteria'];
  readonly PivotTableSummarizeFunction = PivotTableSummarizeFunction as unknown as SS['PivotTableSummarizeFunction'];
  readonly DateTimeGroupingRuleType = DateTimeGroupingRuleType as unknown as SS['DateTimeGroupingRuleType'];
  readonly Dimension = Dimension as unknown as SS['Dimension'];
  /** False in contexts without a UI (time-driven triggers): getUi() then throws. */
  uiAvailable = true;
  flushCount = 0;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    readonly ui: FakeUi,
    private readonly realm: ScriptRealm = spreadsheet.realm,
  ) {}

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.spreadsheet.asSpreadsheet();
  }
  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.spreadsheet.asSpreadsheet();
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.spreadsheet.getActiveSheet();
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.spreadsheet.getActiveRange() as GoogleAppsScript.Spreadsheet.Range;
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList {
    return this.spreadsheet.getActiveRangeList() as GoogleAppsScript.Spreadsheet.RangeList;
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    return this.spreadsheet.setActiveSheet(sheet);
  }
  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    return range.activate();
  }
  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (id !== this.spreadsheet.id) {
      throw this.realm.error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return this.spreadsheet.asSpreadsheet();
  }
  openByUrl(url: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const id = /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
    return this.openById(id);
  }
  getUi(): GoogleAppsScript.Base.Ui {
    if (!this.uiAvailable) throw this.realm.error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui as unknown as GoogleAppsScript.Base.Ui;
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new FakeDataValidationBuilder(this.realm).asBuilder();
  }
  newFilterCriteria(): GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this.realm).asBuilder();
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.realm).asBuilder();
  }
  flush(): void {
    this.flushCount += 1;
  }
}

export {
  FakeBooleanCondition,
  FakeConditionalFormatRule,
  FakeConditionalFormatRuleBuilder,
  BooleanCriteria,
} from './conditional-format';
export { FakeDataValidation, FakeDataValidationBuilder, DataValidationCriteria } from './data-validation';
export { FakeProtection } from './protection';
export { FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './embedded-chart';
export { FakeFilterCriteria, FakeFilterCriteriaBuilder } from './filter-criteria';
export { FakePivotFilter, FakePivotGroup, FakePivotTable, FakePivotValue } from './pivot-table';
export { FakeFilter } from './sheet-filter';
export { FakeRange } from './range';
export { FakeRangeList } from './range-list';
export { FakeSheet } from './sheet';
export { FakeSpreadsheet, type FakeSpreadsheetOptions, type Selection, type Toast } from './spreadsheet';
export { SpreadsheetStats, type AccessRecord, type FormulaWrite } from './spreadsheet-stats';
export { FakeUi, FakeMenu, Button, ButtonSet, type MenuEntry, type RecordedMenu, type ShownHtml } from './ui';
