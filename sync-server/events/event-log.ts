import { arrayLiteral } from '../db/array-params';
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

/**
 * All entries in one statement. Keys go as a typed array (see db/array-params.ts); before and after as one JSON
 * array each, zipped with the keys by ROWS FROM: one JSON.stringify of 10,000 values instead of one per entry
 * quoted again inside an array literal. A column that holds one value in every entry (a push's actor, entity and
 * correlation) goes as that one value: 10,000 copies of it cost an array to build and the database one to read.
 * A null before or after is SQL NULL, as it always was (a JSON null element becomes NULL).
 *
 * The arrays go as `json` (checked, kept as text) and each element becomes `jsonb` on its own: read as one `jsonb`
 * value, the whole array was built and then copied apart again (PostgreSQL, 10,000 entries of a new push's rows:
 * 198 → 146 ms; BENCHMARKS.md, issue 18, fourteenth session).
 */
export function insertEvents(workspaceId: string, at: Date, entries: EventEntry[]): SqlQuery {
  const values: unknown[] = [
    workspaceId,
    at,
    arrayLiteral(entries.map((e) => e.entityKey)),
    JSON.stringify(entries.map((e) => e.before ?? null)),
    JSON.stringify(entries.map((e) => e.after ?? null)),
  ];
  const sources = ['unnest($3::text[])', 'json_array_elements($4::json)', 'json_array_elements($5::json)'];
  const names = ['entity_key', 'before', 'after'];
  const column = (name: string, pick: (e: EventEntry) => string): string => {
    const one = oneValue(entries, pick);
    if (one !== undefined) {
      values.push(one);
      return `$${values.length}::text`;
    }
    values.push(arrayLiteral(entries.map(pick)));
    sources.push(`unnest($${values.length}::text[])`);
    names.push(name);
    return `r.${name}`;
  };
  const actor = column('actor', (e) => e.actor);
  const entity = column('entity', (e) => e.entity);
  const action = column('action', (e) => e.action);
  const correlation = column('correlation_id', (e) => e.correlationId);
  return sql(
    `INSERT INTO events (workspace_id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id)
     SELECT $1, $2, ${actor}, ${entity}, r.entity_key, ${action}, ${jsonbOrNull('r.before')},
            ${jsonbOrNull('r.after')}, ${correlation}
       FROM ROWS FROM (${sources.join(', ')}) AS r(${names.join(', ')})`,
    values,
  );
}

/** A `json` element as `jsonb`, SQL NULL for JSON null (JSON.stringify writes it as exactly `null`). */
function jsonbOrNull(element: string): string {
  return `NULLIF(${element}::text, 'null')::jsonb`;
}

/** The value every entry has for `pick`, or undefined when they differ (or there are none). */
function oneValue(entries: EventEntry[], pick: (e: EventEntry) => string): string | undefined {
  if (!entries.length) return undefined;
  const first = pick(entries[0]!);
  for (const e of entries) if (pick(e) !== first) return undefined;
  return first;
}

export function selectEvents(workspaceId: string, entity: string, entityKey: string, limit: number): SqlQuery {
  return sql(
    `SELECT id, occurred_at, actor, entity, entity_key, action, before, after, correlation_id
       FROM events WHERE workspace_id = $1 AND entity = $2 AND entity_key = $3 ORDER BY id DESC LIMIT $4`,
    [workspaceId, entity, entityKey, limit],
  );
}
