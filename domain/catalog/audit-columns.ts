import type { ColumnSpec } from '../sheets/column-spec';

/** Server-owned columns every synced table shows: who changed the row last, and when (UTC). */
export const AUDIT_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'updated_at',
    header: { en: 'Updated (UTC)', zh: '更新时间 (UTC)' },
    kind: { type: 'timestamp' },
    computed: true,
    width: 160,
  },
  {
    field: 'updated_by',
    header: { en: 'Updated by', zh: '更新人' },
    kind: { type: 'text', maxLength: 320 },
    computed: true,
    width: 180,
  },
];
