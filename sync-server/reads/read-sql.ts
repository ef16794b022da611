import type { TableSpec } from '../../domain/sheets/column-spec';
import { ident, sql, type SqlQuery } from '../db/sql-query';
import { asJsonRows } from '../tables/table-sql';

/** One filter: a condition on the view's row with `?` where its value goes. */
export type Condition = { where: string; value: unknown };

/**
 * A page of a synced table's rows in key order (byte order, the same on PGlite and PostgreSQL), after a
 * key, one row more than asked so the caller knows whether another page follows.
 */
export function selectPage(
  spec: TableSpec,
  workspaceId: string,
  conditions: readonly Condition[],
  after: string | undefined,
  limit: number,
): SqlQuery {
  const params: unknown[] = [workspaceId];
  const key = `${ident(spec.keyField)} COLLATE "C"`;
  const parts = ['workspace_id = $1'];
  for (const c of conditions) {
    params.push(c.value);
    parts.push(c.where.replace('?', `$${params.length}`));
  }
  if (after !== undefined) {
    params.push(after);
    parts.push(`${key} > $${params.length}`);
  }
  params.push(limit + 1);
  const from = `FROM ${ident(spec.entity)} WHERE ${parts.join(' AND ')} ORDER BY ${key} LIMIT $${params.length}`;
  return sql(asJsonRows(spec, from), params);
}

/** Present filters only: `[column, value]` pairs become equality conditions. */
export function equalities(pairs: readonly [string, unknown][]): Condition[] {
  return pairs
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => ({ where: `${ident(column)} = ?`, value }));
}
