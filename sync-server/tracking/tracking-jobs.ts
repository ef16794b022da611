import { run, type Queryable } from '../db/database';
import { upsertJobs } from '../jobs/job-sql';
import { sql } from '../db/sql-query';

/** One poll queue per provider, one job per parcel: the names the poller and startTracking share. */
export const pollQueue = (provider: string) => `tracking:${provider}`;
export const pollKey = (workspaceId: string, shipmentNo: string) => `${workspaceId}/${shipmentNo}`;

/** A parcel that left the warehouse with a carrier tracked at a provider. */
export type ParcelToTrack = {
  workspaceId: string;
  shipmentNo: string;
  trackingNo: string;
  provider: string;
  carrierCode: string | null;
  postalCode: string | null;
};

/**
 * Starts tracking parcels (docs/tracking.md): one poll job each, due at once, in the caller's transaction
 * (a parcel marked shipped is always tracked, or not shipped at all).
 */
export async function startTracking(client: Queryable, parcels: ParcelToTrack[], at: Date): Promise<void> {
  if (!parcels.length) return;
  await run(
    client,
    upsertJobs(
      parcels.map((p) => ({
        queue: pollQueue(p.provider),
        key: pollKey(p.workspaceId, p.shipmentNo),
        payload: {
          workspaceId: p.workspaceId,
          shipmentNo: p.shipmentNo,
          trackingNo: p.trackingNo,
          carrierCode: p.carrierCode,
          param: p.postalCode,
          reference: p.shipmentNo,
        },
        runAt: at,
      })),
      at,
    ),
  );
  await run(
    client,
    sql(
      `UPDATE shipments s SET tracking_provider = r.provider, tracking_status = coalesce(s.tracking_status, 'pending')
         FROM unnest($1::text[], $2::text[], $3::text[]) AS r(workspace_id, shipment_no, provider)
        WHERE s.workspace_id = r.workspace_id AND s.shipment_no = r.shipment_no`,
      [parcels.map((p) => p.workspaceId), parcels.map((p) => p.shipmentNo), parcels.map((p) => p.provider)],
    ),
  );
}
