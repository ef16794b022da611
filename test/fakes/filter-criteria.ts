/// <reference types="google-apps-script" />
// Filter criteria (SpreadsheetApp.newFilterCriteria()): immutable criteria made by a builder, read by
// basic filters (Filter.setColumnFilterCriteria) and pivot filters (PivotTable.addFilter).
import { BooleanCriteria, type BooleanCriteriaName } from './conditional-format';
import { CriteriaMethods, type CriteriaMethodName } from './criteria-methods';
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
  | CriteriaMethodName;

interface CriteriaState {
  criteria: BooleanCriteriaName | null;
  values: unknown[];
  hidden: string[];
  visible: string[];
}

/** What criteria and their builder both read back. Null type for criteria that only hide or show values. */
function readBack(state: CriteriaState) {
  return {
    getCriteriaType: (): GoogleAppsScript.Spreadsheet.BooleanCriteria =>
      asEnum(state.criteria === null ? null : BooleanCriteria[state.criteria]),
    getCriteriaValues: (): unknown[] => [...state.values],
    getHiddenValues: (): string[] => [...state.hidden],
    getVisibleValues: (): string[] => [...state.visible],
  };
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
  getCriteriaType() {
    return readBack(this.state).getCriteriaType();
  }
  getCriteriaValues() {
    return readBack(this.state).getCriteriaValues();
  }
  getHiddenValues() {
    return readBack(this.state).getHiddenValues();
  }
  getVisibleValues() {
    return readBack(this.state).getVisibleValues();
  }
}

export class FakeFilterCriteriaBuilder extends CriteriaMethods<Builder> implements Pick<Builder, BuilderMethod> {
  private state: CriteriaState;

  constructor(
    private readonly realm: ScriptRealm = new ScriptRealm(),
    state?: CriteriaState,
  ) {
    super();
    this.state = state ?? { criteria: null, values: [], hidden: [], visible: [] };
  }
  asBuilder(): Builder {
    return this as unknown as Builder;
  }
  protected when(criteria: BooleanCriteriaName, values: unknown[]): Builder {
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
  getCriteriaType() {
    return readBack(this.state).getCriteriaType();
  }
  getCriteriaValues() {
    return readBack(this.state).getCriteriaValues();
  }
  getHiddenValues() {
    return readBack(this.state).getHiddenValues();
  }
  getVisibleValues() {
    return readBack(this.state).getVisibleValues();
  }
  setHiddenValues(values: string[]): Builder {
    this.state = { ...this.state, hidden: values.map(String) };
    return this.asBuilder();
  }
  setVisibleValues(values: string[]): Builder {
    this.state = { ...this.state, visible: values.map(String) };
    return this.asBuilder();
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria, args: unknown[]): Builder {
    const name = String(criteria) as BooleanCriteriaName;
    if (!(name in BooleanCriteria)) throw this.realm.error('Invalid argument: criteria');
    return this.when(name, [...args]);
  }
}
