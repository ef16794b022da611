import type { ColumnSpec } from './column-spec';

/** A text column only the server writes (read-only sheets: POs, Transfers, After-sale). */
export function serverText(field: string, en: string, zh: string, width?: number, maxLength = 500): ColumnSpec {
  return { field, header: { en, zh }, kind: { type: 'text', maxLength }, computed: true, width };
}

/** A whole-number column only the server writes (quantities, counts). */
export function serverCount(field: string, en: string, zh: string): ColumnSpec {
  return { field, header: { en, zh }, kind: { type: 'integer', min: 0, max: 100_000_000 }, computed: true };
}
