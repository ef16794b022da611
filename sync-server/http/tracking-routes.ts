import { JourneyParams, JourneyQuery, JourneyResponse } from '../../domain/contracts/tracking';
import { DomainError } from '../../domain/domain-error';
import type { Database } from '../db/database';
import { orderJourney } from '../workflows/order-journey';
import { route, type Route } from './route';

/** The tracking center's reads: an order's journey across the centers and its carriers. */
export function trackingRoutes(db: Database): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/orders/:orderNo/journey',
      summary: "One order's whole path: its events, its parcels' and the carriers' checkpoints, oldest first",
      access: 'member',
      params: JourneyParams,
      query: JourneyQuery,
      response: JourneyResponse,
      handler: async ({ principal, params, query }) => {
        const journey = await orderJourney(db, principal.workspaceId, params.orderNo, query.lang);
        if (!journey.found) throw new DomainError('journey_order_not_found', { order: params.orderNo });
        return { orderNo: journey.orderNo, steps: journey.steps };
      },
    }),
  ];
}
