import type { AllocationWarehouse } from '../../domain/inventory/allocation';
import { run, type Queryable } from '../db/database';
import { selectWarehouses } from './stock-sql';

/** The workspace's warehouses as routing sees them (allocation, import review, purchase suggestions). */
export async function loadWarehouses(client: Queryable, workspaceId: string): Promise<AllocationWarehouse[]> {
  const rows = (
    await run<{ code: string; rank: number; countries: string[] | null; active: boolean }>(
      client,
      selectWarehouses(workspaceId),
    )
  ).rows;
  return rows.map((w) => ({
    code: w.code,
    rank: Number(w.rank),
    countries: w.countries ?? [],
    active: w.active !== false,
  }));
}
