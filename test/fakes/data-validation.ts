/// <reference types="google-apps-script" />
// Data validation rules: immutable rules made by a builder, as in Apps Script. Criteria types
// are the names of SpreadsheetApp.DataValidationCriteria.
import { asEnum, enumOf, ScriptRealm } from './script-realm';

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

export const DataValidationCriteria = enumOf([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const);

export type CriteriaName = keyof typeof DataValidationCriteria;

interface RuleState {
  criteria: CriteriaName | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

type RuleMethod = 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText';

export class FakeDataValidation implements Pick<GoogleAppsScript.Spreadsheet.DataValidation, RuleMethod> {
  constructor(
    private readonly realm: ScriptRealm,
    private readonly state: Readonly<RuleState> & { criteria: CriteriaName },
  ) {}

  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new FakeDataValidationBuilder(this.realm, { ...this.state, values: [...this.state.values] }).asBuilder();
  }
  getAllowInvalid(): boolean {
    return this.state.allowInvalid;
  }
  getCriteriaType(): Criteria {
    return asEnum<Criteria>(DataValidationCriteria[this.state.criteria]);
  }
  /** Like Apps Script: a fresh array each time ([values, showDropdown] for a list). */
  getCriteriaValues(): unknown[] {
    return this.state.values.map((v) => (Array.isArray(v) ? [...v] : v));
  }
  getHelpText(): string {
    return this.state.helpText ?? '';
  }
  /** The criteria name, for tests. */
  get criteria(): CriteriaName {
    return this.state.criteria;
  }
}

type BuilderMethod =
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireCheckbox'
  | 'requireFormulaSatisfied'
  | 'requireNumberBetween'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireValueInList'
  | 'requireDate'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria';

export class FakeDataValidationBuilder implements Pick<
  GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  BuilderMethod
> {
  private state: RuleState;

  constructor(
    private readonly realm: ScriptRealm = new ScriptRealm(),
    state?: RuleState,
  ) {
    this.state = state ?? { criteria: null, values: [], allowInvalid: true, helpText: null };
  }

  asBuilder(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }

  private set(criteria: CriteriaName, values: unknown[]): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.state = { ...this.state, criteria, values };
    return this.asBuilder();
  }

  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    const { criteria } = this.state;
    if (criteria === null) throw this.realm.error('You must specify a criteria for data validation.');
    return new FakeDataValidation(this.realm, {
      ...this.state,
      criteria,
      values: [...this.state.values],
    }) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }
  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new FakeDataValidationBuilder(this.realm, { ...this.state, values: [...this.state.values] }).asBuilder();
  }
  getAllowInvalid(): boolean {
    return this.state.allowInvalid;
  }
  getCriteriaType(): Criteria {
    return asEnum<Criteria>(this.state.criteria);
  }
  getCriteriaValues(): unknown[] {
    return [...this.state.values];
  }
  getHelpText(): string | null {
    return this.state.helpText;
  }
  requireCheckbox(
    checkedValue?: unknown,
    uncheckedValue?: unknown,
  ): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    const values =
      checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    return this.set('CHECKBOX', values);
  }
  requireDate(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('DATE_IS_VALID_DATE', []);
  }
  requireFormulaSatisfied(formula: string): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThan(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('NUMBER_GREATER_THAN', [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  requireTextIsEmail(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: string[], showDropdown = true): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    if (!Array.isArray(values) || values.length === 0) throw this.realm.error('The list of values must not be empty.');
    return this.set('VALUE_IN_LIST', [[...values], showDropdown]);
  }
  setAllowInvalid(allowInvalidData: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.state = { ...this.state, allowInvalid: allowInvalidData };
    return this.asBuilder();
  }
  setHelpText(helpText: string): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.state = { ...this.state, helpText };
    return this.asBuilder();
  }
  withCriteria(criteria: Criteria, args: unknown[]): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    const name = String(criteria) as CriteriaName;
    if (!(name in DataValidationCriteria)) throw this.realm.error('Invalid argument: criteria');
    return this.set(name, [...args]);
  }
}
