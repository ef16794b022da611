import type { Principal } from '../access/principal';
import { claimCommand, recordCommand } from '../commands/command-results';
import { inTransaction, run, type Database, type Queryable } from '../db/database';
import { inventoryContext, writeInventoryEvents, type InventoryContext } from '../inventory/allocation-service';
import { lockWorkspaceCounter, setWorkspaceCounter } from '../workspaces/workspace-sql';

/**
 * The one way a workflow changes a workspace, inside a transaction: take the workspace counter lock (so
 * writers of a workspace run one at a time, on one server or several), hand the work a context that
 * collects events and numbers every row it writes, then write those events and the new counter.
 */
export async function runInWorkspace<T>(
  client: Queryable,
  principal: Principal,
  at: Date,
  correlationId: string,
  work: (ctx: InventoryContext) => Promise<T>,
): Promise<T> {
  const changeNo = Number(
    (await run<{ change_no: string }>(client, lockWorkspaceCounter(principal.workspaceId))).rows[0]!.change_no,
  );
  const ctx = inventoryContext(client, principal.workspaceId, principal.actor, at, correlationId, changeNo);
  const result = await work(ctx);
  await writeInventoryEvents(ctx);
  await run(client, setWorkspaceCounter(principal.workspaceId, ctx.changeNo));
  return result;
}

/**
 * A person's command (a sidebar button, a receipt, a purchase order) as one transaction, applied once per
 * idempotency key: a replay gets the first answer, the work runs in the workspace as above.
 */
export async function runCommand<T>(
  db: Database,
  principal: Principal,
  idempotencyKey: string,
  body: unknown,
  now: () => Date,
  work: (ctx: InventoryContext) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (client) => {
    const claim = await claimCommand<T>(client, principal, idempotencyKey, body);
    if ('replay' in claim) return claim.replay;
    const result = await runInWorkspace(client, principal, now(), `command:${idempotencyKey}`, work);
    await recordCommand(client, principal, idempotencyKey, result);
    return result;
  });
}
