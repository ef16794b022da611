/// <reference types="google-apps-script" />
// Conditional format rules: immutable rules made by a builder, as in Apps Script, kept per sheet
// (Sheet.get/setConditionalFormatRules). The fake never applies them (there is no formula engine):
// tests read criteria, format and ranges back. Ranges move with inserted and deleted lines like
// protected ranges. A Range is a rectangle when it is made: an open end ("A2:R") is taken as reaching
// the grid's last row then, and rows appended later are not in it (whether Sheets would keep it open is
// not documented, so the fake assumes the stricter case); formulas are not rewritten when columns move
// (Sheets would).
import { shiftSpan, type GridRect } from './a1-notation';
import { CriteriaMethods, type CriteriaMethodName } from './criteria-methods';
import { FakeRange } from './range';
import { asEnum, enumOf, ScriptRealm } from './script-realm';
import type { Axis } from './sheet-axis';
import type { FakeSheet } from './sheet';

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type Builder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type Range = GoogleAppsScript.Spreadsheet.Range;

export const BooleanCriteria = enumOf([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
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
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const);

export type BooleanCriteriaName = keyof typeof BooleanCriteria;

interface Format {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

/** Where a rule applies: a rectangle of one sheet, as the Range given was when the rule was built. */
interface RuleRange {
  sheet: FakeSheet;
  rect: GridRect;
}

interface RuleState {
  criteria: BooleanCriteriaName | null;
  values: unknown[];
  format: Format;
  ranges: RuleRange[];
}

const NO_FORMAT: Format = {
  background: null,
  fontColor: null,
  bold: null,
  italic: null,
  strikethrough: null,
  underline: null,
};

function cloneState(state: RuleState): RuleState {
  return {
    ...state,
    values: [...state.values],
    format: { ...state.format },
    ranges: state.ranges.map((r) => ({ ...r, rect: { ...r.rect } })),
  };
}

type ConditionMethod =
  | 'getBackground'
  | 'getBold'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getFontColor'
  | 'getItalic'
  | 'getStrikethrough'
  | 'getUnderline';

export class FakeBooleanCondition implements Pick<GoogleAppsScript.Spreadsheet.BooleanCondition, ConditionMethod> {
  constructor(private readonly state: Readonly<RuleState> & { criteria: BooleanCriteriaName }) {}

  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return asEnum(BooleanCriteria[this.state.criteria]);
  }
  /** A fresh array each time; for CUSTOM_FORMULA, [formula]. */
  getCriteriaValues(): unknown[] {
    return [...this.state.values];
  }
  getBackground(): string | null {
    return this.state.format.background;
  }
  getFontColor(): string | null {
    return this.state.format.fontColor;
  }
  getBold(): boolean | null {
    return this.state.format.bold;
  }
  getItalic(): boolean | null {
    return this.state.format.italic;
  }
  getStrikethrough(): boolean | null {
    return this.state.format.strikethrough;
  }
  getUnderline(): boolean | null {
    return this.state.format.underline;
  }
}

type RuleMethod = 'copy' | 'getBooleanCondition' | 'getGradientCondition' | 'getRanges';

export class FakeConditionalFormatRule implements Pick<Rule, RuleMethod> {
  constructor(
    private readonly realm: ScriptRealm,
    private readonly state: Readonly<RuleState>,
  ) {}

  asRule(): Rule {
    return this as unknown as Rule;
  }
  copy(): Builder {
    return new FakeConditionalFormatRuleBuilder(this.realm, cloneState(this.state)).asBuilder();
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    const { criteria } = this.state;
    return criteria === null
      ? null
      : (new FakeBooleanCondition({
          ...cloneState(this.state),
          criteria,
        }) as unknown as GoogleAppsScript.Spreadsheet.BooleanCondition);
  }
  /** Gradients are not faked: always null. */
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }
  getRanges(): Range[] {
    return this.state.ranges.map((r) => r.sheet.rangeAt(r.rect));
  }

  /** Sheets refuses a rule without a condition or ranges, or with ranges on another sheet. */
  checkFor(sheet: FakeSheet): void {
    if (this.state.criteria === null) throw this.realm.error('The conditional format rule must have a condition.');
    if (!this.state.ranges.length) throw this.realm.error('The conditional format rule must have at least one range.');
    if (this.state.ranges.some((r) => r.sheet !== sheet))
      throw this.realm.error("The conditional format rule's ranges must be on the sheet it is set on.");
  }
  /** This rule after `count` lines were inserted at `at` (deleted when negative); null when no range is left. */
  shifted(axis: Axis, at: number, count: number): FakeConditionalFormatRule | null {
    const ranges = this.state.ranges.flatMap((range): RuleRange[] => {
      const rect = range.rect;
      const span =
        axis === 'row' ? shiftSpan(rect.row, rect.numRows, at, count) : shiftSpan(rect.col, rect.numCols, at, count);
      if (!span) return [];
      return [
        {
          ...range,
          rect:
            axis === 'row' ? { ...rect, row: span[0], numRows: span[1] } : { ...rect, col: span[0], numCols: span[1] },
        },
      ];
    });
    return ranges.length ? new FakeConditionalFormatRule(this.realm, { ...cloneState(this.state), ranges }) : null;
  }
  /** For tests: the formula of a CUSTOM_FORMULA rule, else null. */
  get formula(): string | null {
    return this.state.criteria === 'CUSTOM_FORMULA' ? String(this.state.values[0]) : null;
  }
}

type BuilderMethod =
  | RuleMethod
  | 'build'
  | 'setBackground'
  | 'setBold'
  | 'setFontColor'
  | 'setItalic'
  | 'setRanges'
  | 'setStrikethrough'
  | 'setUnderline'
  | CriteriaMethodName;

export class FakeConditionalFormatRuleBuilder extends CriteriaMethods<Builder> implements Pick<Builder, BuilderMethod> {
  private state: RuleState;

  constructor(
    private readonly realm: ScriptRealm = new ScriptRealm(),
    state?: RuleState,
  ) {
    super();
    this.state = state ?? { criteria: null, values: [], format: { ...NO_FORMAT }, ranges: [] };
  }

  asBuilder(): Builder {
    return this as unknown as Builder;
  }
  protected when(criteria: BooleanCriteriaName, values: unknown[]): Builder {
    this.state = { ...this.state, criteria, values };
    return this.asBuilder();
  }
  private format(change: Partial<Format>): Builder {
    this.state = { ...this.state, format: { ...this.state.format, ...change } };
    return this.asBuilder();
  }
  /** The builder's settings so far, frozen into a rule (later builder calls do not change it). */
  private snapshot(): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(this.realm, cloneState(this.state));
  }

  build(): Rule {
    return this.snapshot().asRule();
  }
  copy(): Builder {
    return new FakeConditionalFormatRuleBuilder(this.realm, cloneState(this.state)).asBuilder();
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return this.snapshot().getBooleanCondition();
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }
  getRanges(): Range[] {
    return this.snapshot().getRanges();
  }
  setRanges(ranges: Range[]): Builder {
    if (!Array.isArray(ranges) || ranges.some((r) => !(r instanceof FakeRange)))
      throw this.realm.error('Invalid argument: ranges');
    this.state = {
      ...this.state,
      ranges: (ranges as unknown as FakeRange[]).map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
    };
    return this.asBuilder();
  }
  setBackground(color: string | null): Builder {
    return this.format({ background: color });
  }
  setFontColor(color: string | null): Builder {
    return this.format({ fontColor: color });
  }
  setBold(bold: boolean | null): Builder {
    return this.format({ bold });
  }
  setItalic(italic: boolean | null): Builder {
    return this.format({ italic });
  }
  setStrikethrough(strikethrough: boolean | null): Builder {
    return this.format({ strikethrough });
  }
  setUnderline(underline: boolean | null): Builder {
    return this.format({ underline });
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria, args: unknown[]): Builder {
    const name = String(criteria) as BooleanCriteriaName;
    if (!(name in BooleanCriteria)) throw this.realm.error('Invalid argument: criteria');
    return this.when(name, [...args]);
  }
}
