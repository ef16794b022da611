import type { TableSpec } from '../sheets/column-spec';
import { PRODUCT_TABLE } from './product';
import { WAREHOUSE_TABLE } from './warehouse';

/** Every table the sheet and the server sync, in the order a sync handles them. */
export const SYNCED_TABLES: readonly TableSpec[] = [PRODUCT_TABLE, WAREHOUSE_TABLE];

export type SyncedEntity = 'products' | 'warehouses';

export function tableFor(entity: string): TableSpec | undefined {
  return SYNCED_TABLES.find((table) => table.entity === entity);
}
