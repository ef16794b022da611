import type { Principal } from '../access/principal';
import { claimCommand, recordCommand } from '../commands/command-results';
import { inTransaction, run, type Database } from '../db/database';
import { lockWorkspaceCounter, setWorkspaceCounter } from '../workspaces/workspace-sql';
import { inventoryContext, writeInventoryEvents, type InventoryContext } from './allocation-service';

/**
 * A command that may move stock (a sidebar button, a receipt, a purchase order), as one transaction:
 * applied once per idempotency key (a replay gets the first answer), under the workspace counter lock,
 * with the events it collected and the new counter written at its end.
 */
export async function runInventoryCommand<T>(
  db: Database, principal: Principal, idempotencyKey: string, body: unknown, now: () => Date, work: (ctx: InventoryContext) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (client) => {
    const claim = await claimCommand<T>(client, principal, idempotencyKey, body);
    if ('replay' in claim) return claim.replay;
    const changeNo = Number((await run<{ change_no: string }>(client, lockWorkspaceCounter(principal.workspaceId))).rows[0]!.change_no);
    const ctx = inventoryContext(client, principal.workspaceId, principal.actor, now(), `command:${idempotencyKey}`, changeNo);
    const result = await work(ctx);
    await writeInventoryEvents(ctx);
    await run(client, setWorkspaceCounter(principal.workspaceId, ctx.changeNo));
    await recordCommand(client, principal, idempotencyKey, result);
    return result;
  });
}
