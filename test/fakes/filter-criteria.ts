/// <reference types="google-apps-script" />
// Filter criteria (SpreadsheetApp.newFilterCriteria()): immutable criteria made by a builder, read by
// basic filters (Filter.setColumnFilterCriteria) and pivot filters (PivotTable.addFilter).
import { BooleanCriteria, type BooleanCriteriaName } from './conditional-format';
import { asEnum, ScriptRealm } from './script-realm';

type Builder = GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.FilterCriteria;
type BuilderMethod =
  | 'build'
  | 'copy'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHiddenValues'
  | 'getVisibleValues'
  | 'setHiddenValues'
  | 'setVisibleValues'
  | 'whenCellEmpty'
  | 'whenCellNotEmpty'
  | 'whenNumberBetween'
  | 'whenNumberEqualTo'
  | 'whenNumberGreaterThan'
  | 'whenNumberGreaterThanOrEqualTo'
  | 'whenNumberLessThan'
  | 'whenNumberLessThanOrEqualTo'
  | 'whenNumberNotEqualTo'
  | 'whenTextContains'
  | 'whenTextEqualTo';

interface CriteriaState {
  criteria: BooleanCriteriaName | null;
  values: unknown[];
  hidden: string[];
  visible: string[];
}

export class FakeFilterCriteria implements Pick<
  Criteria,
  'copy' | 'getCriteriaType' | 'getCriteriaValues' | 'getHiddenValues' | 'getVisibleValues'
> {
  constructor(
    private readonly realm: ScriptRealm,
    readonly state: Readonly<CriteriaState>,
  ) {}
  copy(): Builder {
    return new FakeFilterCriteriaBuilder(this.realm, { ...this.state }).asBuilder();
  }
  /** Null for criteria that only hide or show values (as Apps Script returns). */
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return asEnum(this.state.criteria === null ? null : BooleanCriteria[this.state.criteria]);
  }
  getCriteriaValues(): unknown[] {
    return [...this.state.values];
  }
  getHiddenValues(): string[] {
    return [...this.state.hidden];
  }
  getVisibleValues(): string[] {
    return [...this.state.visible];
  }
}

export class FakeFilterCriteriaBuilder implements Pick<Builder, BuilderMethod> {
  private state: CriteriaState;

  constructor(
    private readonly realm: ScriptRealm = new ScriptRealm(),
    state?: CriteriaState,
  ) {
    this.state = state ?? { criteria: null, values: [], hidden: [], visible: [] };
  }
  asBuilder(): Builder {
    return this as unknown as Builder;
  }
  private when(criteria: BooleanCriteriaName, values: unknown[]): Builder {
    for (const value of values)
      if (typeof value === 'number' && !Number.isFinite(value)) throw this.realm.error('Invalid argument: number');
    this.state = { ...this.state, criteria, values };
    return this.asBuilder();
  }
  build(): Criteria {
    return new FakeFilterCriteria(this.realm, { ...this.state, values: [...this.state.values] }) as unknown as Criteria;
  }
  copy(): Builder {
    return new FakeFilterCriteriaBuilder(this.realm, { ...this.state }).asBuilder();
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return asEnum(this.state.criteria === null ? null : BooleanCriteria[this.state.criteria]);
  }
  getCriteriaValues(): unknown[] {
    return [...this.state.values];
  }
  getHiddenValues(): string[] {
    return [...this.state.hidden];
  }
  getVisibleValues(): string[] {
    return [...this.state.visible];
  }
  setHiddenValues(values: string[]): Builder {
    this.state = { ...this.state, hidden: values.map(String) };
    return this.asBuilder();
  }
  setVisibleValues(values: string[]): Builder {
    this.state = { ...this.state, visible: values.map(String) };
    return this.asBuilder();
  }
  whenCellEmpty(): Builder {
    return this.when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): Builder {
    return this.when('CELL_NOT_EMPTY', []);
  }
  whenNumberBetween(start: number, end: number): Builder {
    return this.when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(number: number): Builder {
    return this.when('NUMBER_EQUAL_TO', [number]);
  }
  whenNumberNotEqualTo(number: number): Builder {
    return this.when('NUMBER_NOT_EQUAL_TO', [number]);
  }
  whenNumberGreaterThan(number: number): Builder {
    return this.when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): Builder {
    return this.when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberLessThan(number: number): Builder {
    return this.when('NUMBER_LESS_THAN', [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): Builder {
    return this.when('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  whenTextContains(text: string): Builder {
    return this.when('TEXT_CONTAINS', [String(text)]);
  }
  whenTextEqualTo(text: string): Builder {
    return this.when('TEXT_EQUAL_TO', [String(text)]);
  }
}
