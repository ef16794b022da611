// Errors thrown by the fakes are created in the realm of the code under test: inside a `vm`
// context, `e instanceof Error` must hold for the bundle, as it does in Apps Script.
import * as vm from 'node:vm';

export class ScriptRealm {
  private ErrorCtor: ErrorConstructor = Error;

  /** Use the Error constructor of a vm context (after `vm.createContext(globals)`). */
  bindContext(context: vm.Context): void {
    this.ErrorCtor = vm.runInContext('Error', context) as ErrorConstructor;
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
