import { storableJson } from '../../domain/contracts/text-limits';
import crypto from 'node:crypto';
import { DomainError } from '../../domain/domain-error';
import type { Principal } from '../access/principal';
import { run, type Queryable } from '../db/database';
import { sql } from '../db/sql-query';

/**
 * Idempotent commands (docs/sync-model.md): the first answer to a key is kept; replaying the key returns it,
 * reusing it with another body (or by another caller) is refused. Call inside the command's transaction.
 */
export async function claimCommand<T>(
  client: Queryable,
  principal: Principal,
  key: string,
  body: unknown,
): Promise<{ replay: T } | { claimed: true; hash: string }> {
  const hash = crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const claimed = await run(
    client,
    sql(
      `INSERT INTO command_results (workspace_id, idempotency_key, actor, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [principal.workspaceId, key, principal.actor, hash],
    ),
  );
  if (claimed.rowCount) return { claimed: true, hash };
  const stored = (
    await run<{ actor: string; request_hash: string; response: T }>(
      client,
      sql(
        `SELECT actor, request_hash, response FROM command_results WHERE workspace_id = $1 AND idempotency_key = $2`,
        [principal.workspaceId, key],
      ),
    )
  ).rows[0]!;
  if (stored.request_hash !== hash || stored.actor !== principal.actor) {
    throw new DomainError('idempotency_key_reused', { key });
  }
  // The answer of an old command was let go (replay retention); its key is kept so it is never run twice.
  if (stored.response === null) {
    throw new DomainError('command_expired', { key });
  }
  return { replay: stored.response };
}

export async function recordCommand(
  client: Queryable,
  principal: Principal,
  key: string,
  response: unknown,
): Promise<void> {
  await run(
    client,
    sql(`UPDATE command_results SET response = $3 WHERE workspace_id = $1 AND idempotency_key = $2`, [
      principal.workspaceId,
      key,
      storableJson(response),
    ]),
  );
}
