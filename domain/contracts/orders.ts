import { z } from 'zod';
import { TEXT_CAPS } from './text-limits';
import { FILE_ENCODINGS } from '../orders/file-encodings';
import { IMPORT_FORMATS } from '../orders/import-formats';
import { IMPORT_SKIP_REASONS } from '../orders/import-skips';
import { ENTRY_FIELDS } from '../orders/order-entry';
import { CALL_RESULTS, ORDER_ACTIONS, type OrderAction } from '../orders/order-moves';
import { ORDER_STATUSES } from '../orders/order-status';
import { IdempotencyKey, Lang, safeText } from './common';
import { contractText } from './contract-messages';

/** The order center: imports, typed rows, moves (docs/orders.md). */

export const ImportBody = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    // Control characters in a file are refused per row and field by the parser, not for the whole file.
    text: z.string().max(50_000_000).optional().meta({ description: 'The file as text (CSV or TSV); or give data' }),
    // 50 MB of bytes is 66,666,668 base64 characters: the same cap as text.
    data: z.base64().max(66_666_668).optional().meta({ description: "Instead of text: the file's raw bytes, base64" }),
    encoding: z
      .enum([...FILE_ENCODINGS, 'auto'])
      .default('auto')
      .meta({ description: "data's encoding; auto detects UTF-8/UTF-16 (BOM), Shift_JIS (cp932) or Windows-1252" }),
    lang: Lang,
  })
  .strict()
  .refine((body) => (body.text === undefined) !== (body.data === undefined), {
    message: contractText('text_or_data'),
    path: ['text'],
  });

// A cell's cap at the edge; each field's own cap and control characters are refused per row by the parser.
const EntryText = z.string().max(TEXT_CAPS.cell);
export const EntryBody = z
  .object({
    lang: Lang,
    entries: z
      .array(
        z
          .object({
            row: z.number().int().min(1).meta({ description: 'The sheet row number: refusals name it' }),
            values: z.object(Object.fromEntries(ENTRY_FIELDS.map((f) => [f, EntryText.optional()]))).strict(),
          })
          .strict(),
      )
      .min(1)
      .max(20_000),
  })
  .strict();

export const ImportResponse = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  rejectedRows: z.array(
    z.object({
      row: z.number().int(),
      orderId: z.string().nullable(),
      field: z.string(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  orders: z.array(z.object({ orderNo: z.string(), externalId: z.string(), status: z.string(), review: z.string() })),
  skippedOrders: z.array(z.string()),
  skippedBecause: z.partialRecord(z.enum(IMPORT_SKIP_REASONS), z.number().int()).meta({
    description:
      'Orders skipped, counted by why: already imported, or closed by the shop (when the workspace skips those)',
  }),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

export const MoveBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    lang: Lang,
    action: z.enum(Object.keys(ORDER_ACTIONS) as [OrderAction, ...OrderAction[]]).optional(),
    toStatus: z
      .enum(ORDER_STATUSES)
      .optional()
      .meta({ description: 'Instead of action: the status picked in the sheet; the matching move is used' }),
    orderNos: z.array(safeText('orderNo', 1)).min(1).max(5000),
    reason: safeText('note').optional(),
    override: z.boolean().optional().meta({
      description:
        'Approve flagged orders anyway (COD without a reached call, possible duplicate, phone or postal code, high value, blocklist): needs a reason',
    }),
    call: z
      .object({ result: z.enum(CALL_RESULTS), note: safeText('note').optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((body) => (body.action === undefined) !== (body.toStatus === undefined), {
    message: contractText('action_or_status'),
    path: ['action'],
  })
  .refine((body) => !body.override || Boolean(body.reason?.trim()), {
    message: contractText('override_reason'),
    path: ['reason'],
  });
export type MoveBody = z.infer<typeof MoveBody>;

export const MoveResponse = z.object({
  moved: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.discriminatedUnion('outcome', [
      z.object({
        orderNo: z.string(),
        outcome: z.literal('moved'),
        from: z.string(),
        to: z.string(),
        callAttempts: z.number().int(),
        overridden: z
          .array(z.string())
          .optional()
          .meta({ description: 'The review flags this approval overrode (codes), with the reason given' }),
        waiting: z
          .array(
            z.object({
              sku: z.string(),
              missing: z.number().int(),
              noWarehouse: z.string().optional().meta({
                description: 'No active warehouse ships to this country: the order stays approved, out of purchasing',
              }),
            }),
          )
          .optional()
          .meta({ description: 'What an approved order could not reserve (it waits in pending_purchase)' }),
      }),
      z.object({ orderNo: z.string(), outcome: z.literal('refused'), code: z.string(), message: z.string() }),
    ]),
  ),
});
export type MoveResponse = z.infer<typeof MoveResponse>;
