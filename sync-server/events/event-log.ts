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

export function insertEvents(workspaceId: string, at: Date, entries: EventEntry[]): SqlQuery {
  const rows = entries.map((e) => ({
    actor: e.actor,
    entity: e.entity,
    entity_key: e.entityKey,
    action: e.action,
    before: e.before ?? null,
    after: e.after ?? null,
    correlation_id: e.correlationId,
  }));
  return sql(
    `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
     SELECT $1, $2, r.actor, r.entity, r.entity_key, r.action, r.before, r.after, r.correlation_id
       FROM json_to_recordset($3::json) AS r(actor text, entity text, entity_key text, action text, before jsonb, after jsonb, correlation_id text)`,
    [workspaceId, at, JSON.stringify(rows)],
  );
}

export function selectEvents(workspaceId: string, entity: string, entityKey: string, limit: number): SqlQuery {
  return sql(
    `SELECT id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id
       FROM events WHERE workspace_id = $1 AND entity = $2 AND entity_key = $3 ORDER BY id DESC LIMIT $4`,
    [workspaceId, entity, entityKey, limit],
  );
}
