import type { FieldError } from '../domain-error';
import type { WireRow } from '../sheets/column-spec';
import type { SettingsSync } from '../settings/workspace-settings';

/** The sync protocol's answers, shared by the server (which sends them) and the add-on (which reads them). */

/** A row as the server returns it: key, version, change number, and every column (computed ones too). */
export type SyncedRow = { key: string; version: number; changeNo: number; values: WireRow };

export type RowResult =
  /** `row` is sent when nothing changed, so a computed cell typed over can be put back. */
  | { key: string; status: 'applied'; version: number; row?: SyncedRow }
  /** `fields`: the editable fields whose values differ between the push and the server's row. */
  | { key: string; status: 'conflict'; version: number; row: SyncedRow; fields: string[] }
  /** `row` is sent when the row exists and the caller may not change it, so the sheet can be put back. */
  | { key: string; status: 'rejected'; errors: FieldError[]; row?: SyncedRow };

export type PushResponse = { mutationId: number; results: Record<string, RowResult[]>; cursor: number; replayed?: boolean };

export type PullResponse = {
  changes: Record<string, SyncedRow[]>;
  /** Every change up to here is included; pass it back as `since` next time. */
  cursor: number;
  hasMore: boolean;
  /** Rows the server holds per table: a sheet holding fewer lost some and asks for a full pull. */
  totals: Record<string, number>;
};

/** `refreshed`: the server's copy of rows the client asked back (cells of a read-only table typed over). */
export type SyncResponse = {
  push: PushResponse | null;
  pull: PullResponse;
  refreshed?: Record<string, SyncedRow[]>;
  /** The workspace's settings blocks as Settings-sheet text, and the errors of a refused change. */
  settings: SettingsSync;
};
