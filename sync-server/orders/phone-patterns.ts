import path from 'node:path';

/**
 * libphonenumber-js checks a number against its metadata's patterns with `new RegExp('^(?:' + pattern + ')$')` on
 * every call (helpers/matchesEntirely.js), and V8 drops compiled patterns at each full GC: checking 10,000 numbers
 * took ~0.8 s, most of it compiling the same few patterns again. This keeps one compiled RegExp per pattern text.
 * The answers are the library's own (a RegExp without flags keeps no state between tests); only the compiling goes.
 *
 * The library's CommonJS build reads the helper through its exports object at each call, so replacing the export
 * reaches every caller. `installed()` tells whether it took (test/server/phone-patterns.test.ts checks it, so a
 * library update that moves the helper shows up as a failing test, not as a silent slowdown).
 */
type Helper = { default: (text: string, pattern: string) => boolean };

let helper: Helper | null = null;

function load(): Helper | null {
  try {
    const max = require.resolve('libphonenumber-js/max');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(path.dirname(max), '..', 'build', 'helpers', 'matchesEntirely.js')) as Helper;
  } catch {
    return null; // another layout: the library works as it is, only slower
  }
}

export function cachePhonePatterns(): void {
  if (helper) return;
  const found = load();
  if (!found || typeof found.default !== 'function') return;
  const compiled = new Map<string, RegExp>();
  found.default = (text, pattern) => {
    let re = compiled.get(pattern);
    if (!re) compiled.set(pattern, (re = new RegExp(`^(?:${pattern})$`)));
    return re.test(text || '');
  };
  helper = found;
}

/** Whether the library's helper is the cached one. */
export function phonePatternsCached(): boolean {
  return helper !== null && load() === helper;
}
