// A1 notation as Sheets reads it: "B2", "A1:C3", "A:C", "2:5", "A2:C", "$A$1", "'My sheet'!A1".

export interface GridRect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnToLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

export function toA1(rect: GridRect): string {
  const start = columnToLetters(rect.col) + rect.row;
  if (rect.numRows === 1 && rect.numCols === 1) return start;
  return `${start}:${columnToLetters(rect.col + rect.numCols - 1)}${rect.row + rect.numRows - 1}`;
}

/** Splits an optional sheet prefix off: "'It''s'!A1" → { sheetName: "It's", ref: "A1" }. */
export function splitSheetPrefix(a1: string): { sheetName: string | null; ref: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(a1);
  if (quoted) return { sheetName: quoted[1]!.replace(/''/g, "'"), ref: quoted[2]! };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheetName: a1.slice(0, bang), ref: a1.slice(bang + 1) };
  return { sheetName: null, ref: a1 };
}

type Corner = { col: number | null; row: number | null };

function parseCorner(text: string): Corner | null {
  const match = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(text.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const row = match[2] === '' ? null : Number(match[2]);
  if (row === 0) return null;
  return { col: match[1] === '' ? null : lettersToColumn(match[1]!), row };
}

/** Parses a reference without sheet prefix; open ends run to the grid's edge. Null if malformed. */
export function parseA1(ref: string, maxRows: number, maxCols: number): GridRect | null {
  const parts = ref.split(':');
  if (parts.length > 2) return null;
  const a = parseCorner(parts[0]!);
  const b = parts.length === 2 ? parseCorner(parts[1]!) : a;
  if (!a || !b) return null;
  // A single cell needs both a column and a row; "A" or "3" alone is not a reference.
  if (parts.length === 1 && (a.col === null || a.row === null)) return null;
  const col1 = a.col ?? 1;
  const col2 = b.col ?? (a.col === null ? maxCols : col1);
  const row1 = a.row ?? 1;
  const row2 = b.row ?? maxRows;
  const col = Math.min(col1, col2);
  const row = Math.min(row1, row2);
  return {
    row,
    col,
    numRows: Math.max(row1, row2) - row + 1,
    numCols: Math.max(col1, col2) - col + 1,
  };
}

export function contains(outer: GridRect, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.numRows && col >= outer.col && col < outer.col + outer.numCols;
}

export function intersects(a: GridRect, b: GridRect): boolean {
  return (
    a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols
  );
}

/** Moves a span [start, start+length) when `count` lines are inserted at `at` (1-based), or
 * deleted at `at` when count < 0, the way Sheets moves protected ranges. Null if all deleted. */
export function shiftSpan(start: number, length: number, at: number, count: number): [number, number] | null {
  const end = start + length - 1;
  if (count >= 0) {
    if (start >= at) return [start + count, length];
    return end >= at ? [start, length + count] : [start, length];
  }
  const delEnd = at - count - 1;
  const removedBefore = Math.max(0, Math.min(delEnd, start - 1) - at + 1);
  const removedInside = Math.max(0, Math.min(delEnd, end) - Math.max(at, start) + 1);
  if (removedInside === length) return null;
  return [start - removedBefore, length - removedInside];
}
