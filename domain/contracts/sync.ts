import { TEXT_CAPS } from './text-limits';
import { z } from 'zod';
import { ROLES } from '../access/roles';
import { PRODUCT_TABLE } from '../catalog/product';
import { SKU_MAPPING_TABLE } from '../catalog/sku-mapping';
import { SYNCED_TABLES } from '../catalog/synced-tables';
import { WAREHOUSE_TABLE } from '../catalog/warehouse';
import { STOCK_TABLE } from '../inventory/stock-table';
import { SUPPLIER_TABLE } from '../purchasing/supplier-table';
import { FX_TABLE } from '../reports/fx-table';
import { CHANNEL_FEE_TABLE } from '../reports/channel-fee-table';
import { CARRIER_TABLE } from '../logistics/carrier-table';
import { RATE_TABLE } from '../logistics/rate-table';
import { editableColumns, type ColumnKind, type TableSpec } from '../sheets/column-spec';
import { OverviewResponse } from './dispatch';
import { SETTING_FIELDS, SETTINGS_BLOCKS, type SettingsField, type SettingsSync } from '../settings/workspace-settings';
import { ClientId, FieldError, Lang, safeString, safeText } from './common';
import { contractText } from './contract-messages';

/** The sync protocol (docs/sync-model.md): push, pull, the one-request sync, who am I, the event log. */

const WireValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
// Checked loosely here and row by row by the table's spec, so one bad key refuses its row, not the push.
const RowKey = z.string().min(1).max(TEXT_CAPS.cell);

/** A pushed row of one table; the description lists that table's editable fields (from its spec). */
function pushRowFor(spec: TableSpec) {
  const deltas = spec.columns.filter((c) => c.delta);
  const fields = editableColumns(spec)
    .filter((c) => c.field !== spec.keyField)
    .map((c) => `${c.field} (${describeKind(c.kind)}${c.required ? ', required' : ''})`)
    .join('; ');
  return z
    .object({
      key: RowKey.meta({ description: `The row key: ${spec.keyField}` }),
      baseVersion: z
        .number()
        .int()
        .min(1)
        .nullable()
        .meta({ description: 'Server version the edit started from; null for a new row' }),
      // Each value is checked (and explained per field, in the sheet's language) by the table's spec.
      // An open object, checked by its field names only: a record's key schema copied every value of 10,000
      // rows (~25 ms a push) to check lengths the table's spec checks again anyway.
      values: z
        .looseObject({})
        .refine((values) => Object.keys(values).every((field) => field.length <= 64), {
          message: contractText('field_names'),
        })
        .meta({
          description: `Fields to set; a field left out keeps the stored value. ${fields}`,
          propertyNames: { type: 'string', maxLength: 64 },
        }),
      base: z
        .record(
          z.enum(deltas.length ? (deltas.map((c) => c.field) as [string, ...string[]]) : ['-']),
          z.number().int().nullable(),
        )
        .optional()
        .meta({
          description: deltas.length
            ? `For counts (${deltas.map((c) => c.field).join(', ')}): the value last synced; the change from it is applied to the server's current value`
            : 'Not used by this table',
        }),
    })
    .strict();
}

function describeKind(kind: ColumnKind): string {
  switch (kind.type) {
    case 'decimal':
      return `decimal string, up to ${kind.scale} decimals`;
    case 'integer':
      return `integer ${kind.min}..${kind.max}`;
    case 'enum-list':
      return `list of ${kind.values.join('|')}`;
    case 'country-list':
      return 'list of ISO country codes';
    case 'days-by-code':
      return `days per code, as text like "FR1 35, US1 25" (days 0..${kind.max})`;
    case 'currency':
      return 'ISO 4217 currency code';
    default:
      return kind.type;
  }
}

const Tables = z
  .object({
    products: z.array(pushRowFor(PRODUCT_TABLE)).max(50_000).optional(),
    warehouses: z.array(pushRowFor(WAREHOUSE_TABLE)).max(50_000).optional(),
    stock: z.array(pushRowFor(STOCK_TABLE)).max(50_000).optional(),
    suppliers: z.array(pushRowFor(SUPPLIER_TABLE)).max(50_000).optional(),
    sku_mappings: z.array(pushRowFor(SKU_MAPPING_TABLE)).max(50_000).optional(),
    carriers: z.array(pushRowFor(CARRIER_TABLE)).max(50_000).optional(),
    rates: z.array(pushRowFor(RATE_TABLE)).max(50_000).optional(),
    fx_rates: z.array(pushRowFor(FX_TABLE)).max(50_000).optional(),
    channel_fees: z.array(pushRowFor(CHANNEL_FEE_TABLE)).max(50_000).optional(),
  })
  .strict();
export type PushTables = z.infer<typeof Tables>;

export const PushBody = z
  .object({
    clientId: ClientId.meta({ description: 'One per installation (user x spreadsheet)' }),
    mutationId: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Increasing per client; a push is applied once per (client, mutation)' }),
    lang: Lang,
    tables: Tables,
  })
  .strict();
export type PushBody = z.infer<typeof PushBody>;

const Cursor = z.coerce.number().int().min(0);

export const PullQuery = z
  .object({
    since: Cursor.default(0),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
    lang: Lang.meta({ description: "The reader's language: text the server renders (review notes) comes in it" }),
    tables: z
      .string()
      .refine((text) => text.split(',').every((name) => SYNCED_TABLES.some((t) => t.entity === name)), {
        message: contractText('tables_among', { tables: SYNCED_TABLES.map((t) => t.entity).join(', ') }),
      })
      .optional()
      .meta({
        description: 'Comma-separated tables; all when absent. A cursor belongs to the table set it was pulled with.',
      }),
  })
  .strict();

export const SyncBody = z
  .object({
    clientId: ClientId,
    mutationId: z.number().int().positive().optional(),
    lang: Lang,
    tables: Tables.optional(),
    since: Cursor.default(0),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
    refresh: z
      .object(Object.fromEntries(SYNCED_TABLES.map((t) => [t.entity, z.array(RowKey).max(50_000).optional()])))
      .strict()
      .optional()
      .meta({ description: 'Rows to send back as they are on the server (cells typed over in read-only sheets)' }),
    flow: z.boolean().optional().meta({ description: "Also answer the dispatch center's overview (the Flow sheet)" }),
    settings: z
      .object(
        Object.fromEntries(
          SETTINGS_BLOCKS.map((b) => [
            b.id,
            z
              .object(Object.fromEntries(b.fields.map((f) => [f, safeString(200_000).optional()])))
              .strict()
              .optional(),
          ]),
        ),
      )
      .strict()
      .optional()
      .meta({
        description:
          "The Settings sheet's blocks (auto-review, purchasing) as typed, each sent only when a person changed it",
      }),
  })
  .strict()
  .refine((body) => !hasRows(body.tables) || body.mutationId !== undefined, {
    message: contractText('mutation_needed'),
    path: ['mutationId'],
  });

export function hasRows(tables: PushTables | undefined): boolean {
  return Object.values(tables ?? {}).some((rows) => (rows?.length ?? 0) > 0);
}

/** A row as the server returns it: key, version, change number, and every column (computed ones too). */
export const SyncedRow = z.object({
  key: z.string(),
  version: z.number().int(),
  changeNo: z.number().int(),
  values: z.record(z.string(), WireValue),
});
export type SyncedRow = z.infer<typeof SyncedRow>;

export const RowResult = z.discriminatedUnion('status', [
  /** `row` is sent when nothing changed, so a computed cell typed over can be put back. */
  z.object({ key: z.string(), status: z.literal('applied'), version: z.number().int(), row: SyncedRow.optional() }),
  z.object({
    key: z.string(),
    status: z.literal('conflict'),
    version: z.number().int(),
    row: SyncedRow,
    fields: z
      .array(z.string())
      .meta({ description: 'The editable fields whose values differ between the push and the server row' }),
  }),
  z.object({
    key: z.string(),
    status: z.literal('rejected'),
    errors: z.array(FieldError),
    row: SyncedRow.optional().meta({
      description: 'Sent when the row exists and the caller may not change it, so the sheet can be put back',
    }),
  }),
]);
export type RowResult = z.infer<typeof RowResult>;

export const PushResponse = z.object({
  mutationId: z.number().int(),
  results: z.record(z.string(), z.array(RowResult)),
  cursor: z.number().int(),
  replayed: z.boolean().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullResponse = z.object({
  changes: z.record(z.string(), z.array(SyncedRow)),
  cursor: z
    .number()
    .int()
    .meta({ description: 'Every change up to here is included; pass it back as `since` next time' }),
  hasMore: z.boolean(),
  totals: z
    .record(z.string(), z.number().int())
    .optional()
    .meta({
      description:
        'Rows the server holds per table, always on the last page (hasMore false), left out of most pages before it: ' +
        'a sheet holding fewer lost some',
    }),
});
export type PullResponse = z.infer<typeof PullResponse>;

// Built from the blocks, typed as the blocks' own forms (Object.fromEntries would lose the field names).
const SettingsAnswer = z.object({
  ...Object.fromEntries(
    SETTINGS_BLOCKS.map((b) => [b.id, z.object(Object.fromEntries(b.fields.map((f) => [f, z.string()])))]),
  ),
  errors: z.array(
    z.object({ field: z.enum(SETTING_FIELDS as [SettingsField, ...SettingsField[]]), message: z.string() }),
  ),
}) as unknown as z.ZodType<SettingsSync>;

export const SyncResponse = z.object({
  push: PushResponse.nullable(),
  pull: PullResponse,
  refreshed: z
    .record(z.string(), z.array(SyncedRow))
    .optional()
    .meta({ description: "The server's copy of rows the client asked back" }),
  settings: SettingsAnswer,
  flow: OverviewResponse.optional().meta({ description: 'The Flow sheet (dispatch center), when `flow` was asked' }),
});
export type SyncResponse = z.infer<typeof SyncResponse>;

export const MeResponse = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  actor: z.string(),
  roles: z.array(z.enum(ROLES)),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** Entities the event log knows; asking for another is refused (an unknown name would answer nothing). */
export const EVENT_ENTITIES = [
  'products',
  'warehouses',
  'stock',
  'suppliers',
  'sku_mappings',
  'orders',
  'purchase_orders',
  'transfers',
  'settings',
  'carriers',
  'rates',
  'shipments',
  'after_sale',
  'fx_rates',
  'channel_fees',
] as const;

export const EventsQuery = z
  .object({
    entity: z.enum(EVENT_ENTITIES),
    key: safeText('channelSku', 1),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const EventsResponse = z.object({
  events: z.array(
    z.object({
      id: z.number().int(),
      occurredAt: z.string(),
      actor: z.string(),
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      correlationId: z.string(),
    }),
  ),
});
