import { FOUNDATION } from './schema/0001-foundation';
import { MUTATION_ACTOR } from './schema/0002-mutation-actor';
import { ORDERS } from './schema/0003-orders';
import { ORDER_ROWS } from './schema/0004-order-rows';
import { ORDER_ROWS_REVIEW_FLAGS } from './schema/0005-order-rows-review-flags';
import { INVENTORY } from './schema/0006-inventory';
import { PURCHASING } from './schema/0007-purchasing';
import { STOCK_OUTS_SETTINGS } from './schema/0008-stock-outs-settings';
import { LINE_FULFILMENT } from './schema/0009-line-fulfilment';
import { LOGISTICS } from './schema/0010-logistics';
import { REPLAY_ANSWERS_JSON } from './schema/0011-replay-answers-json';
import { TRACKING } from './schema/0012-tracking';
import { SCAN_AGE } from './schema/0013-scan-age';
import { TRANSFERS } from './schema/0014-transfers';
import { PO_CANCEL } from './schema/0015-po-cancel';
import { AFTER_SALE } from './schema/0016-after-sale';
import { REPORT_MONEY } from './schema/0017-report-money';
import { DISPATCH } from './schema/0018-dispatch';
import { DISPATCH_HEALTH } from './schema/0019-dispatch-health';
import { REPORT_LINE_JSON } from './schema/0020-report-line-json';
import { REPORT_ORDER_JSON } from './schema/0021-report-order-json';

/**
 * Ordered, append-only. A migration never changes once released; add a new one instead. Kept apart from
 * migrate() so a start can check the PGlite template before pg and the server's code are loaded.
 */
export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  { id: 1, name: 'foundation', sql: FOUNDATION },
  { id: 2, name: 'mutation-actor', sql: MUTATION_ACTOR },
  { id: 3, name: 'orders', sql: ORDERS },
  { id: 4, name: 'order-rows', sql: ORDER_ROWS },
  { id: 5, name: 'order-rows-review-flags', sql: ORDER_ROWS_REVIEW_FLAGS },
  { id: 6, name: 'inventory', sql: INVENTORY },
  { id: 7, name: 'purchasing', sql: PURCHASING },
  { id: 8, name: 'stock-outs-settings', sql: STOCK_OUTS_SETTINGS },
  { id: 9, name: 'line-fulfilment', sql: LINE_FULFILMENT },
  { id: 10, name: 'logistics', sql: LOGISTICS },
  { id: 11, name: 'replay-answers-json', sql: REPLAY_ANSWERS_JSON },
  { id: 12, name: 'tracking', sql: TRACKING },
  { id: 13, name: 'scan-age', sql: SCAN_AGE },
  { id: 14, name: 'transfers', sql: TRANSFERS },
  { id: 15, name: 'po-cancel', sql: PO_CANCEL },
  { id: 16, name: 'after-sale', sql: AFTER_SALE },
  { id: 17, name: 'report-money', sql: REPORT_MONEY },
  { id: 18, name: 'dispatch', sql: DISPATCH },
  { id: 19, name: 'dispatch-health', sql: DISPATCH_HEALTH },
  { id: 20, name: 'report-line-json', sql: REPORT_LINE_JSON },
  { id: 21, name: 'report-order-json', sql: REPORT_ORDER_JSON },
];
