import { z } from 'zod';
import { ROLES } from '../../domain/access/roles';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { SYNCED_TABLES } from '../../domain/catalog/synced-tables';
import { IMPORT_SKIP_REASONS } from '../../domain/orders/import-skips';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import { STOCK_TABLE } from '../../domain/inventory/stock-table';
import { SUPPLIER_TABLE } from '../../domain/purchasing/supplier-table';
import { SKU_MAPPING_TABLE } from '../../domain/catalog/sku-mapping';
import { editableColumns, type ColumnKind, type TableSpec } from '../../domain/sheets/column-spec';
import { LANGS } from '../../domain/i18n/lang';
import { IMPORT_FORMATS } from '../../domain/orders/channel-formats';
import { FILE_ENCODINGS } from '../../domain/orders/file-encodings';
import { ENTRY_FIELDS } from '../../domain/orders/order-entry';
import { SETTING_FIELDS, SETTINGS_BLOCKS } from '../../domain/settings/workspace-settings';
import { addsUpToOne } from '../../domain/purchasing/purchasing-settings';
import { CALL_RESULTS, ORDER_ACTIONS, type OrderAction } from '../../domain/orders/order-moves';
import { ORDER_STATUSES } from '../../domain/orders/order-status';

/** Request and response shapes of API v1. The same schemas validate requests and generate /v1/openapi.json. */

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable code to match on' }),
    message: z.string().meta({ description: 'What happened and what to do, for a person' }),
    details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
  }),
});

const WireValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

/** A pushed row of one table; the description lists that table's editable fields (from its spec). */
function pushRowFor(spec: TableSpec) {
  const deltas = spec.columns.filter((c) => c.delta);
  const fields = editableColumns(spec)
    .filter((c) => c.field !== spec.keyField)
    .map((c) => `${c.field} (${describeKind(c.kind)}${c.required ? ', required' : ''})`)
    .join('; ');
  return z
    .object({
      key: z.string().min(1).max(200).meta({ description: `The row key: ${spec.keyField}` }),
      baseVersion: z.number().int().min(1).nullable().meta({ description: 'Server version the edit started from; null for a new row' }),
      // Each value is checked (and explained per field, in the sheet's language) by the table's spec.
      values: z.record(z.string(), z.unknown()).meta({ description: `Fields to set; a field left out keeps the stored value. ${fields}` }),
      base: z
        .record(z.enum(deltas.length ? (deltas.map((c) => c.field) as [string, ...string[]]) : ['-']), z.number().int().nullable())
        .optional()
        .meta({ description: deltas.length ? `For counts (${deltas.map((c) => c.field).join(', ')}): the value last synced; the change from it is applied to the server's current value` : 'Not used by this table' }),
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

const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, - or _');

const Tables = z
  .object({
    products: z.array(pushRowFor(PRODUCT_TABLE)).max(50_000).optional(),
    warehouses: z.array(pushRowFor(WAREHOUSE_TABLE)).max(50_000).optional(),
    stock: z.array(pushRowFor(STOCK_TABLE)).max(50_000).optional(),
    suppliers: z.array(pushRowFor(SUPPLIER_TABLE)).max(50_000).optional(),
    sku_mappings: z.array(pushRowFor(SKU_MAPPING_TABLE)).max(50_000).optional(),
  })
  .strict();

export const PushBody = z
  .object({
    clientId: ClientId.meta({ description: 'One per installation (user x spreadsheet)' }),
    mutationId: z.number().int().positive().meta({ description: 'Increasing per client; a push is applied once per (client, mutation)' }),
    lang: z.enum(LANGS).default('en'),
    tables: Tables,
  })
  .strict();

const Cursor = z.coerce.number().int().min(0);

export const PullQuery = z
  .object({
    since: Cursor.default(0),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
    lang: z.enum(LANGS).default('en').meta({ description: "The reader's language: text the server renders (review notes) comes in it" }),
    tables: z
      .string()
      .refine((text) => text.split(',').every((name) => SYNCED_TABLES.some((t) => t.entity === name)), {
        message: `must list tables among: ${SYNCED_TABLES.map((t) => t.entity).join(', ')}`,
      })
      .optional()
      .meta({ description: 'Comma-separated tables; all when absent. A cursor belongs to the table set it was pulled with.' }),
  })
  .strict();

export const SyncBody = z
  .object({
    clientId: ClientId,
    mutationId: z.number().int().positive().optional(),
    lang: z.enum(LANGS).default('en'),
    tables: Tables.optional(),
    since: Cursor.default(0),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
    refresh: z
      .object(Object.fromEntries(SYNCED_TABLES.map((t) => [t.entity, z.array(z.string().min(1).max(200)).max(50_000).optional()])))
      .strict()
      .optional()
      .meta({ description: 'Rows to send back as they are on the server (cells typed over in read-only sheets)' }),
    settings: z
      .object(Object.fromEntries(SETTINGS_BLOCKS.map((b) => [b.id, z.object(Object.fromEntries(b.fields.map((f) => [f, z.string().max(200_000).optional()]))).strict().optional()])))
      .strict()
      .optional()
      .meta({ description: "The Settings sheet's blocks (auto-review, purchasing) as typed, each sent only when a person changed it" }),
  })
  .strict()
  .refine((body) => !hasRows(body.tables) || body.mutationId !== undefined, { message: 'mutationId is required when rows are pushed', path: ['mutationId'] });

export function hasRows(tables: z.infer<typeof Tables> | undefined): boolean {
  return Object.values(tables ?? {}).some((rows) => (rows?.length ?? 0) > 0);
}

const SyncedRow = z.object({ key: z.string(), version: z.number().int(), changeNo: z.number().int(), values: z.record(z.string(), WireValue) });
const FieldError = z.object({ field: z.string(), code: z.string(), message: z.string() });
const RowResult = z.discriminatedUnion('status', [
  z.object({ key: z.string(), status: z.literal('applied'), version: z.number().int(), row: SyncedRow.optional() }),
  z.object({ key: z.string(), status: z.literal('conflict'), version: z.number().int(), row: SyncedRow }),
  z.object({ key: z.string(), status: z.literal('rejected'), errors: z.array(FieldError) }),
]);

export const PushResponse = z.object({
  mutationId: z.number().int(),
  results: z.record(z.string(), z.array(RowResult)),
  cursor: z.number().int(),
  replayed: z.boolean(),
});

export const PullResponse = z.object({
  changes: z.record(z.string(), z.array(SyncedRow)),
  cursor: z.number().int(),
  hasMore: z.boolean(),
  totals: z.record(z.string(), z.number().int()),
});

export const SyncResponse = z.object({
  push: PushResponse.nullable(),
  pull: PullResponse,
  refreshed: z.record(z.string(), z.array(SyncedRow)).optional(),
  settings: z.object({
    ...Object.fromEntries(SETTINGS_BLOCKS.map((b) => [b.id, z.object(Object.fromEntries(b.fields.map((f) => [f, z.string()])))])),
    errors: z.array(z.object({ field: z.enum(SETTING_FIELDS as [string, ...string[]]), message: z.string() })),
  }),
});

export const MeResponse = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  actor: z.string(),
  roles: z.array(z.enum(ROLES)),
});

export const EventsQuery = z.object({ entity: z.string().min(1), key: z.string().min(1), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
export const EventsResponse = z.object({
  events: z.array(
    z.object({ id: z.number().int(), occurredAt: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown(), correlationId: z.string() }),
  ),
});

const RoleList = z.array(z.enum(ROLES)).min(1);
export const MemberBody = z.object({ email: z.email(), roles: RoleList }).strict();
export const MemberParams = z.object({ email: z.string().min(3) }).strict();
export const MembersResponse = z.object({ members: z.array(z.object({ email: z.string(), roles: z.array(z.string()) })) });
export const KeyBody = z
  .object({ name: z.string().min(1).max(100), memberEmail: z.email().optional(), roles: RoleList.optional() })
  .strict()
  .refine((body) => body.memberEmail || body.roles, { message: 'give memberEmail or roles', path: ['roles'] });
export const KeyParams = z.object({ id: z.string().regex(/^key_[0-9a-f]+$/) }).strict();
export const KeyCreatedResponse = z.object({ id: z.string(), key: z.string().meta({ description: 'Shown once; only its hash is stored' }) });
export const KeysResponse = z.object({
  keys: z.array(z.object({ id: z.string(), name: z.string(), memberEmail: z.string().nullable(), roles: z.array(z.string()), revoked: z.boolean() })),
});
export const OkResponse = z.object({ ok: z.literal(true) });

export const ImportBody = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    text: z.string().max(50_000_000).optional().meta({ description: 'The file as text (CSV or TSV); or give data' }),
    // 50 MB of bytes is 66,666,668 base64 characters: the same cap as text.
    data: z.base64().max(66_666_668).optional().meta({ description: "Instead of text: the file's raw bytes, base64" }),
    encoding: z
      .enum([...FILE_ENCODINGS, 'auto'])
      .default('auto')
      .meta({ description: "data's encoding; auto detects UTF-8/UTF-16 (BOM), Shift_JIS (cp932) or Windows-1252" }),
    lang: z.enum(LANGS).default('en'),
  })
  .strict()
  .refine((body) => (body.text === undefined) !== (body.data === undefined), { message: 'give either text or data (the file as base64)', path: ['text'] });
const EntryText = z.string().max(2000);
export const EntryBody = z
  .object({
    lang: z.enum(LANGS).default('en'),
    entries: z
      .array(
        z.object({
          row: z.number().int().min(1).meta({ description: 'The sheet row number: refusals name it' }),
          values: z.object(Object.fromEntries(ENTRY_FIELDS.map((f) => [f, EntryText.optional()]))).strict(),
        }).strict(),
      )
      .min(1)
      .max(20_000),
  })
  .strict();

export const ImportResponse = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  rejectedRows: z.array(z.object({ row: z.number().int(), orderId: z.string().nullable(), field: z.string(), code: z.string(), message: z.string() })),
  orders: z.array(z.object({ orderNo: z.string(), externalId: z.string(), status: z.string(), review: z.string() })),
  skippedOrders: z.array(z.string()),
  skippedBecause: z
    .record(z.enum(IMPORT_SKIP_REASONS), z.number().int())
    .meta({ description: 'Orders skipped, counted by why: already imported, or closed by the shop (when the workspace skips those)' }),
});

export const MoveBody = z
  .object({
    idempotencyKey: z.string().min(8).max(100).meta({ description: 'One per button press; a replay gets the first answer' }),
    lang: z.enum(LANGS).default('en'),
    action: z.enum(Object.keys(ORDER_ACTIONS) as [OrderAction, ...OrderAction[]]).optional(),
    toStatus: z.enum(ORDER_STATUSES).optional().meta({ description: 'Instead of action: the status picked in the sheet; the matching move is used' }),
    orderNos: z.array(z.string().min(1).max(100)).min(1).max(5000),
    reason: z.string().max(500).optional(),
    call: z.object({ result: z.enum(CALL_RESULTS), note: z.string().max(1000).optional() }).strict().optional(),
  })
  .strict()
  .refine((body) => (body.action === undefined) !== (body.toStatus === undefined), { message: 'give either action or toStatus', path: ['action'] });
export const MoveResponse = z.object({
  moved: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.discriminatedUnion('outcome', [
      z.object({
        orderNo: z.string(), outcome: z.literal('moved'), from: z.string(), to: z.string(), callAttempts: z.number().int(),
        waiting: z.array(z.object({ sku: z.string(), missing: z.number().int() })).optional().meta({ description: 'What an approved order could not reserve (it waits in pending_purchase)' }),
      }),
      z.object({ orderNo: z.string(), outcome: z.literal('refused'), code: z.string(), message: z.string() }),
    ]),
  ),
});

const Decimal = z.string().regex(/^\d+(\.\d{1,4})?$/, 'must be an amount like 500 or 199.99');
export const ReviewSettingsBody = z
  .object({
    duplicateWindowDays: z.number().int().min(0).max(365),
    highValueLimit: z.object({ amount: Decimal, currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code') }).strict().nullable(),
    blockedPhones: z.array(z.string().min(3).max(40)).max(5000),
    blockedEmails: z.array(z.email()).max(5000),
    autoApprove: z.boolean(),
    importClosedOrders: z.boolean().default(true).meta({ description: 'Import orders the shop already closed (else skip them)' }),
  })
  .strict();

export const PurchasingSettingsBody = z
  .object({
    weights: z
      .object({ r7: z.number().min(0).max(1), r14: z.number().min(0).max(1), r30: z.number().min(0).max(1) })
      .strict()
      .refine(addsUpToOne, { message: 'the three weights must add up to 1' }),
    leaveOutStockOutDays: z.boolean(),
  })
  .strict();
