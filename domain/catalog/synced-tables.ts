import type { TableSpec } from '../sheets/column-spec';
import { PRODUCT_TABLE } from './product';
import { WAREHOUSE_TABLE } from './warehouse';
import { ORDER_ROWS_TABLE } from '../orders/order-rows';
import { SKU_MAPPING_TABLE } from './sku-mapping';
import { STOCK_TABLE } from '../inventory/stock-table';
import { SUPPLIER_TABLE } from '../purchasing/supplier-table';
import { PO_ROWS_TABLE } from '../purchasing/po-rows';
import { TRANSFER_ROWS_TABLE } from '../inventory/transfer-rows';
import { CARRIER_TABLE } from '../logistics/carrier-table';
import { RATE_TABLE } from '../logistics/rate-table';
import { SHIPMENT_TABLE } from '../logistics/shipment-table';
import { AFTER_SALE_ROWS_TABLE } from '../after-sale/after-sale-rows';
import { FX_TABLE } from '../reports/fx-table';
import { CHANNEL_FEE_TABLE } from '../reports/channel-fee-table';

/** Every table the sheet and the server sync, in the order a sync handles them. */
export const SYNCED_TABLES: readonly TableSpec[] = [
  PRODUCT_TABLE,
  WAREHOUSE_TABLE,
  STOCK_TABLE,
  SUPPLIER_TABLE,
  SKU_MAPPING_TABLE,
  ORDER_ROWS_TABLE,
  PO_ROWS_TABLE,
  TRANSFER_ROWS_TABLE,
  CARRIER_TABLE,
  RATE_TABLE,
  SHIPMENT_TABLE,
  AFTER_SALE_ROWS_TABLE,
  FX_TABLE,
  CHANNEL_FEE_TABLE,
];

export type SyncedEntity =
  | 'products'
  | 'warehouses'
  | 'stock'
  | 'suppliers'
  | 'sku_mappings'
  | 'order_rows'
  | 'po_rows'
  | 'transfer_rows'
  | 'carriers'
  | 'rates'
  | 'shipment_rows'
  | 'after_sale_rows'
  | 'fx_rates'
  | 'channel_fees';

export function tableFor(entity: string): TableSpec | undefined {
  return SYNCED_TABLES.find((table) => table.entity === entity);
}
