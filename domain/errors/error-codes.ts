import { accessErrors } from '../access/access-errors';
import { afterSaleErrors } from '../after-sale/after-sale-errors';
import { cliErrors } from '../cli/cli-errors';
import { commandErrors } from '../commands/command-errors';
import { requestErrors } from '../contracts/request-errors';
import type { Lang } from '../i18n/lang';
import { fillPlaceholders, type MessageParams } from '../i18n/message-catalog';
import { inventoryErrors } from '../inventory/inventory-errors';
import { logisticsErrors } from '../logistics/logistics-errors';
import { trackingErrors } from '../tracking/tracking-errors';
import { orderErrors } from '../orders/order-errors';
import { purchasingErrors } from '../purchasing/purchasing-errors';
import { reportErrors } from '../reports/report-errors';
import { syncErrors } from '../sync/sync-errors';
import type { ErrorEntry, Placeholders } from './error-catalog';

// Apart from error-catalog.ts: the area files import the helper from there, and this file imports them.

/** Every area's catalog by area. A code belongs to one area only (test/domain/error-catalogs.test.ts). */
export const ERROR_CATALOGS = {
  access: accessErrors,
  request: requestErrors,
  sync: syncErrors,
  commands: commandErrors,
  orders: orderErrors,
  inventory: inventoryErrors,
  purchasing: purchasingErrors,
  logistics: logisticsErrors,
  tracking: trackingErrors,
  afterSale: afterSaleErrors,
  reports: reportErrors,
  cli: cliErrors,
} as const;

type AllErrors = typeof accessErrors &
  typeof requestErrors &
  typeof syncErrors &
  typeof commandErrors &
  typeof orderErrors &
  typeof inventoryErrors &
  typeof purchasingErrors &
  typeof logisticsErrors &
  typeof trackingErrors &
  typeof afterSaleErrors &
  typeof reportErrors &
  typeof cliErrors;

/** Every code a DomainError or an error answer may carry. */
export type ErrorCode = keyof AllErrors & string;

/** The values a code's text needs, one per `{placeholder}` of its English text (the test checks zh has the same). */
export type ErrorParams<C extends ErrorCode> = { [P in Placeholders<AllErrors[C]['en']>]: string | number };

const ENTRIES: Record<string, ErrorEntry> = Object.assign({}, ...Object.values(ERROR_CATALOGS));

/** 400 for a code missing from every catalog (only untyped callers can make one), as before the catalogs. */
export function errorStatus(code: ErrorCode): number {
  return ENTRIES[code]?.status ?? 400;
}

export function errorText(lang: Lang, code: ErrorCode, params: MessageParams = {}): string {
  return fillPlaceholders(ENTRIES[code]![lang], params);
}
