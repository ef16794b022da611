import type { AllocationWarehouse } from '../../domain/inventory/allocation';
import { run, type Queryable } from '../db/database';
import { selectWarehouses } from './stock-sql';

export type WarehouseRow = { code: string; rank: number; countries: string[] | null; active: boolean };

/** The workspace's warehouses as routing sees them (allocation, import review, purchase suggestions). */
export async function loadWarehouses(client: Queryable, workspaceId: string): Promise<AllocationWarehouse[]> {
  return warehousesFrom((await run<WarehouseRow>(client, selectWarehouses(workspaceId))).rows);
}

/** The rows of selectWarehouses as routing sees them (a caller that queues the statement itself). */
export function warehousesFrom(rows: readonly WarehouseRow[]): AllocationWarehouse[] {
  return rows.map((w) => ({
    code: w.code,
    rank: Number(w.rank),
    countries: w.countries ?? [],
    active: w.active !== false,
  }));
}
