/// <reference types="google-apps-script" />
// The when...() methods that conditional-format rule builders and filter criteria builders share in
// Apps Script: each sets one BooleanCriteria and its arguments (the builder decides how to keep them).
import type { BooleanCriteriaName } from './conditional-format';

/** The names of the shared methods, for the builders' `Pick<...>` of the Apps Script interface. */
export type CriteriaMethodName = Exclude<keyof CriteriaMethods<unknown>, 'when'> | 'withCriteria';

export abstract class CriteriaMethods<B> {
  protected abstract when(criteria: BooleanCriteriaName, values: unknown[]): B;

  whenFormulaSatisfied(formula: string): B {
    return this.when('CUSTOM_FORMULA', [formula]);
  }
  whenCellEmpty(): B {
    return this.when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): B {
    return this.when('CELL_NOT_EMPTY', []);
  }
  whenNumberBetween(start: number, end: number): B {
    return this.when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): B {
    return this.when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(number: number): B {
    return this.when('NUMBER_EQUAL_TO', [number]);
  }
  whenNumberNotEqualTo(number: number): B {
    return this.when('NUMBER_NOT_EQUAL_TO', [number]);
  }
  whenNumberGreaterThan(number: number): B {
    return this.when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): B {
    return this.when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberLessThan(number: number): B {
    return this.when('NUMBER_LESS_THAN', [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): B {
    return this.when('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  whenTextContains(text: string): B {
    return this.when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): B {
    return this.when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEqualTo(text: string): B {
    return this.when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): B {
    return this.when('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): B {
    return this.when('TEXT_ENDS_WITH', [text]);
  }
}
