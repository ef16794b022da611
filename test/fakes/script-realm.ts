/// <reference types="google-apps-script" />
// Errors thrown (and Dates returned) by the fakes are created in the realm of the code under
// test: inside a `vm` context, `e instanceof Error` must hold for the bundle, as in Apps Script.
import * as vm from 'node:vm';

export class ScriptRealm {
  private ErrorCtor: ErrorConstructor = Error;
  private DateCtor: DateConstructor = Date;

  /** Use the Error and Date constructors of a vm context (after `vm.createContext(globals)`). */
  bindContext(context: vm.Context): void {
    this.ErrorCtor = vm.runInContext('Error', context) as ErrorConstructor;
    this.DateCtor = vm.runInContext('Date', context) as DateConstructor;
  }

  /** Dates read from cells, so that `value instanceof Date` holds in the script's realm. */
  date(time: number): Date {
    return new this.DateCtor(time);
  }

  /** Apps Script service errors print as "Exception: message". */
  error(message: string): Error {
    const error = new this.ErrorCtor(message);
    error.name = 'Exception';
    return error;
  }
}

/** Realm-independent checks: values from a vm context fail `instanceof` against ours. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Apps Script enums are objects whose members print as their names. */
export function enumOf<const K extends string>(names: readonly K[]): Readonly<{ [P in K]: P }> {
  const result = {} as { [P in K]: P };
  for (const name of names) result[name] = name;
  return Object.freeze(result);
}

/** Our string-valued enum objects stand in for the ambient (type-only) enums of the typings. */
export function asEnum<T>(value: string | object | null): T {
  return value as unknown as T;
}

/** A Session/Protection user. */
export function userOf(email: string): GoogleAppsScript.Base.User {
  return { getEmail: () => email, getUserLoginId: () => email };
}
