import { z } from 'zod';
import {
  DispatchQuery,
  FlowResponse,
  HealthQuery,
  HealthResponse,
  JobsQuery,
  JobsResponse,
  OverviewResponse,
  StuckQuery,
  StuckResponse,
} from '../../domain/contracts/dispatch';
import type { Database } from '../db/database';
import { METRICS_CONTENT_TYPE } from '../dispatch/metrics-text';
import {
  dispatchFlow,
  dispatchHealth,
  dispatchMetrics,
  dispatchOverview,
  dispatchStuck,
  recentJobRuns,
} from '../workflows/dispatch-center';
import { TextReply } from './csv-reply';
import { route, type Route } from './route';

/** The dispatch center (docs/dispatch.md): any member reads it; it changes nothing. */
export function dispatchRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/dispatch/flow',
      summary: "Every center's count per status with the oldest item's age (the pipeline at a glance)",
      access: 'member',
      query: DispatchQuery,
      response: FlowResponse,
      handler: async ({ principal, query }) => {
        const at = now();
        return { at: at.toISOString(), lines: await dispatchFlow(db.pool, principal.workspaceId, at, query.lang) };
      },
    }),
    route({
      method: 'get',
      path: '/v1/dispatch/stuck',
      summary: 'Stuck items by the rules and thresholds of the Settings sheet, oldest first: who should act and how',
      access: 'member',
      query: StuckQuery,
      response: StuckResponse,
      handler: async ({ principal, query }) => {
        const at = now();
        const stuck = await dispatchStuck(db.pool, principal.workspaceId, at, query.lang, query.limit);
        return { at: at.toISOString(), ...stuck };
      },
    }),
    route({
      method: 'get',
      path: '/v1/dispatch/jobs',
      summary:
        'The latest job runs (syncs, imports, tracking polls, publishes), newest first; failed=true for failures',
      access: 'member',
      query: JobsQuery,
      response: JobsResponse,
      handler: async ({ principal, query }) => ({
        runs: await recentJobRuns(db.pool, principal.workspaceId, query.limit, query.failed === 'true', query.lang),
      }),
    }),
    route({
      method: 'get',
      path: '/v1/dispatch/health',
      summary: 'Health checks: stock ledger, carrier capacity used today, tracking provider quota, job runs',
      access: 'member',
      query: HealthQuery,
      response: HealthResponse,
      handler: async ({ principal, query }) => {
        const at = now();
        const depth = query.full === 'true' ? 'full' : 'changed';
        return {
          at: at.toISOString(),
          ...(await dispatchHealth(db.pool, principal.workspaceId, at, query.lang, depth)),
        };
      },
    }),
    route({
      method: 'get',
      path: '/v1/dispatch/overview',
      summary:
        'Flow, stuck items (at most 500 per rule), health and the last failed job runs: the Flow sheet in one call',
      access: 'member',
      query: DispatchQuery,
      response: OverviewResponse,
      handler: ({ principal, query }) => dispatchOverview(db.pool, principal.workspaceId, now(), query.lang),
    }),
    route({
      method: 'get',
      path: '/v1/dispatch/metrics',
      summary: "The same counts in Prometheus' text format (also at /metrics; send the key as a bearer token)",
      access: 'member',
      response: z.string().meta({ description: 'text/plain; version=0.0.4' }),
      handler: async ({ principal }) =>
        new TextReply(METRICS_CONTENT_TYPE, await dispatchMetrics(db.pool, principal.workspaceId, now())),
    }),
  ];
}
