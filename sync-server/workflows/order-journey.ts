import type { Lang } from '../../domain/i18n/lang';
import { carrierStep, logStep, type JourneyStep } from '../../domain/tracking/order-journey';
import { run, type Database } from '../db/database';
import { sql } from '../db/sql-query';
import { selectEventsOfOrder } from '../tracking/tracking-sql';

const JOURNEY_KINDS: Record<string, 'order' | 'purchase' | 'after_sale'> = {
  orders: 'order',
  purchase_orders: 'purchase',
  after_sale: 'after_sale',
};

/**
 * An order's whole path across the centers (docs/tracking.md): its own events (import, review, moves,
 * reservations), the PO lines raised for it while it waited and their POs (same command), the PO receipts
 * that reserved its stock, its parcels' (planned, labelled, shipped, tracked) and the carriers' checkpoints, on one
 * timeline, oldest first.
 */
export async function orderJourney(
  db: Database,
  workspaceId: string,
  orderNo: string,
  lang: Lang,
): Promise<{ orderNo: string; found: boolean; steps: JourneyStep[] }> {
  const log = (
    await run<{ occurred_at: Date; entity: string; entity_key: string; action: string; after: unknown }>(
      db.pool,
      sql(
        // One indexed read per kind of step (an OR across them would read the whole log).
        `SELECT occurred_at, id, entity, entity_key, action, after FROM events
          WHERE workspace_id = $1 AND entity = 'orders' AND entity_key = $2
         UNION ALL
         SELECT occurred_at, id, entity, entity_key, action, after FROM events
          WHERE workspace_id = $1 AND entity = 'shipments' AND entity_key IN
                (SELECT shipment_no FROM shipment_lines WHERE workspace_id = $1 AND order_no = $2)
         UNION ALL
         SELECT occurred_at, id, entity, entity_key, action, after FROM events
          WHERE workspace_id = $1 AND entity = 'after_sale' AND entity_key IN
                (SELECT case_no FROM after_sale_cases WHERE workspace_id = $1 AND order_no = $2)
         UNION ALL
         -- A PO step that served the order: it shares its command (correlation id) with one of the order's events.
         SELECT occurred_at, id, entity, entity_key, action, after FROM events
          WHERE workspace_id = $1 AND entity = 'purchase_orders' AND correlation_id IN
                (SELECT correlation_id FROM events WHERE workspace_id = $1 AND entity = 'orders' AND entity_key = $2)
          ORDER BY occurred_at, id`,
        [workspaceId, orderNo],
      ),
    )
  ).rows;
  const carrier = (
    await run<{ shipment_no: string; at: Date; status: string; description: string; location: string | null }>(
      db.pool,
      selectEventsOfOrder(workspaceId, orderNo),
    )
  ).rows;
  const steps = [
    ...log.map((e) =>
      // The PO line raised for the order while it waited is the purchase's step, named by the PO.
      e.entity === 'orders' && e.action === 'purchase_raised'
        ? logStep(
            'purchase',
            String((e.after as { poNo?: string } | null)?.poNo ?? ''),
            new Date(e.occurred_at).toISOString(),
            'raised_for_order',
            e.after,
            lang,
          )
        : logStep(
            JOURNEY_KINDS[e.entity] ?? 'shipment',
            e.entity_key,
            new Date(e.occurred_at).toISOString(),
            e.action,
            e.after,
            lang,
          ),
    ),
    ...carrier.map((e) =>
      carrierStep(e.shipment_no, new Date(e.at).toISOString(), e.status, e.description, e.location, lang),
    ),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return { orderNo, found: log.length > 0, steps };
}
