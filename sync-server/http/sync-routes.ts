import { DomainError } from '../../domain/domain-error';
import { run, type Database } from '../db/database';
import { selectEvents } from '../events/event-log';
import { applyPush } from '../workflows/sync-push';
import { pushBodyHash } from './push-body-hash';
import { syncSettings } from '../settings/settings-service';
import { pullChanges, refreshRows, type PulledPage } from '../sync/pull-service';
import { JsonText } from './csv-reply';
import { selectWorkspace } from '../workspaces/workspace-sql';
import { route, type Route } from './route';
import { recordedJob } from '../dispatch/job-runs';
import { dispatchOverview } from '../workflows/dispatch-center';
import type { Principal } from '../access/principal';
import {
  EventsQuery,
  EventsResponse,
  hasRows,
  MeResponse,
  PullQuery,
  PullResponse,
  PushBody,
  PushResponse,
  SyncBody,
  SyncResponse,
} from '../../domain/contracts/sync';

export function syncRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/me',
      summary: "Who am I: workspace, actor and roles (the add-on's connection test)",
      access: 'member',
      response: MeResponse,
      handler: async ({ principal }) => {
        const ws = (await run<{ id: string; name: string }>(db.pool, selectWorkspace(principal.workspaceId))).rows[0];
        if (!ws) throw new DomainError('workspace_not_found', { workspace: principal.workspaceId });
        return { workspace: { id: ws.id, name: ws.name }, actor: principal.actor, roles: principal.roles };
      },
    }),
    route({
      method: 'post',
      path: '/v1/sync/push',
      summary: 'Push changed rows; applied once per (clientId, mutationId); per-row results',
      access: 'member',
      body: PushBody,
      response: PushResponse,
      handler: ({ principal, body, req }) =>
        pushRun(db, principal, now, () => applyPush(db, principal, { ...body, bodyHash: pushBodyHash(req) }, now)),
    }),
    route({
      method: 'get',
      path: '/v1/sync/pull',
      summary: 'Changes since a cursor, oldest first',
      access: 'member',
      query: PullQuery,
      response: PullResponse,
      handler: async ({ principal, query }) =>
        new JsonText(
          (
            await pullRun(db, principal, now, () =>
              pullChanges(db, principal, query.since, query.limit, query.tables?.split(','), query.lang),
            )
          ).pieces,
        ),
    }),
    route({
      method: 'post',
      path: '/v1/sync',
      summary: 'Push (when rows are given) then pull since the cursor: one round trip for the add-on',
      access: 'member',
      body: SyncBody,
      response: SyncResponse,
      handler: async ({ principal, body }) => {
        const push = hasRows(body.tables)
          ? await pushRun(db, principal, now, () =>
              applyPush(
                db,
                principal,
                { clientId: body.clientId, mutationId: body.mutationId!, lang: body.lang, tables: body.tables! },
                now,
              ),
            )
          : null;
        const pull = await pullRun(db, principal, now, () =>
          pullChanges(db, principal, body.since, body.limit, undefined, body.lang),
        );
        const refreshed = body.refresh
          ? await refreshRows(db, principal, body.refresh as Record<string, string[]>, body.lang)
          : undefined;
        const settings = await syncSettings(db, principal, body.settings, body.lang, now());
        // After the settings: thresholds changed in this sync already apply to the Flow sheet it answers.
        const flow = body.flow ? await dispatchOverview(db.pool, principal.workspaceId, now(), body.lang) : undefined;
        // The pulled page is already JSON text: the answer is assembled around it, not serialized again.
        const rest = JSON.stringify({ ...(refreshed ? { refreshed } : {}), settings, ...(flow ? { flow } : {}) });
        return new JsonText([
          `{"push":${JSON.stringify(push)},"pull":`,
          ...pull.pieces,
          rest === '{}' ? '}' : `,${rest.slice(1)}`,
        ]);
      },
    }),
    route({
      method: 'get',
      path: '/v1/events',
      summary: 'The event log of one entity (newest first)',
      access: 'member',
      query: EventsQuery,
      response: EventsResponse,
      handler: async ({ principal, query }) => {
        const rows = (
          await run<Record<string, unknown>>(
            db.pool,
            selectEvents(principal.workspaceId, query.entity, query.key, query.limit),
          )
        ).rows;
        return {
          events: rows.map((e) => ({
            id: Number(e.id),
            occurredAt: (e.occurred_at as Date).toISOString(),
            actor: String(e.actor),
            action: String(e.action),
            before: e.before,
            after: e.after,
            correlationId: String(e.correlation_id),
          })),
        };
      },
    }),
  ];
}

/** A push as a job run (docs/dispatch.md): rows applied, in conflict and refused. */
function pushRun(db: Database, principal: Principal, now: () => Date, work: () => Promise<PushResponse>) {
  return recordedJob(
    db.pool,
    { workspaceId: principal.workspaceId, kind: 'sync_push', actor: principal.actor, now },
    work,
    (r) => {
      const counts: Record<string, number> = { applied: 0, conflict: 0, rejected: 0 };
      for (const rows of Object.values(r.results))
        for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
      return { counts, errors: counts.rejected };
    },
  );
}

/** A pull as a job run: how many rows it brought. */
function pullRun(db: Database, principal: Principal, now: () => Date, work: () => Promise<PulledPage>) {
  return recordedJob(
    db.pool,
    { workspaceId: principal.workspaceId, kind: 'sync_pull', actor: principal.actor, now },
    work,
    (r) => ({ counts: { rows: r.rows } }),
  );
}
