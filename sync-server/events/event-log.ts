import { arrayLiteral, jsonText } from '../db/array-params';
import { sql, type SqlQuery } from '../db/sql-query';

/** One entry of the append-only log (docs/architecture.md): who did what to which entity, before and after. */
export type EventEntry = {
  actor: string;
  entity: string;
  entityKey: string;
  action: string;
  before: unknown;
  after: unknown;
  correlationId: string;
};

/** All entries in one statement, a typed array per column (see db/array-params.ts). */
export function insertEvents(workspaceId: string, at: Date, entries: EventEntry[]): SqlQuery {
  const actor: string[] = [];
  const entity: string[] = [];
  const key: string[] = [];
  const action: string[] = [];
  const before: (string | null)[] = [];
  const after: (string | null)[] = [];
  const correlation: string[] = [];
  for (const e of entries) {
    actor.push(e.actor);
    entity.push(e.entity);
    key.push(e.entityKey);
    action.push(e.action);
    before.push(jsonText(e.before));
    after.push(jsonText(e.after));
    correlation.push(e.correlationId);
  }
  return sql(
    `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
     SELECT $1, $2, r.actor, r.entity, r.entity_key, r.action, r.before::jsonb, r.after::jsonb, r.correlation_id
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS r(actor, entity, entity_key, action, before, after, correlation_id)`,
    [workspaceId, at, ...[actor, entity, key, action, before, after, correlation].map(arrayLiteral)],
  );
}

export function selectEvents(workspaceId: string, entity: string, entityKey: string, limit: number): SqlQuery {
  return sql(
    `SELECT id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id
       FROM events WHERE workspace_id = $1 AND entity = $2 AND entity_key = $3 ORDER BY id DESC LIMIT $4`,
    [workspaceId, entity, entityKey, limit],
  );
}
