/**
 * A short, stable fingerprint of a row's cells as last synced, kept in a hidden column so the next sync
 * pushes only rows whose fingerprint changed. Not a security hash: cyrb53 is fast in Apps Script
 * (no Utilities call per row) and 53 bits make accidental equality negligible for a sheet.
 */
export function rowFingerprint(cells: readonly unknown[]): string {
  return cyrb53(cells.map(cellText).join('\u001f')).toString(36);
}

/** The same as rowFingerprint([cell]), without building an array (called per cell of 50,000-row sheets). */
export function cellFingerprint(cell: unknown): string {
  return cyrb53(cellText(cell)).toString(36);
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return `d:${cell.toISOString()}`;
  if (Array.isArray(cell)) return `a:${cell.map(String).join('\u001e')}`;
  return `${typeof cell}:${String(cell)}`;
}

function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
