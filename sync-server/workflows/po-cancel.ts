import type { CancelPoBody } from '../../domain/contracts/purchasing';
import { cancelPlan, validateCancel } from '../../domain/purchasing/po-cancel';
import type { PoStatus } from '../../domain/purchasing/purchase-order';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { cancelPoLines } from '../purchasing/purchase-order-sql';
import { runCommand } from './command-runner';
import { changeIncoming, lockedPo, poAnswer, setStatus, toLine, type PurchaseOrderView } from './po-state';

export type CancelPoCommand = CancelPoBody;

/**
 * Cancels a whole PO, or one line of it, while nothing of it arrived (domain/purchasing/po-cancel.ts):
 * what was still on order leaves incoming at the PO's warehouse, and the reason is kept on each line.
 * Every line cancelled makes the PO cancelled; otherwise its status follows the lines left.
 */
export async function cancelPurchaseOrder(
  db: Database,
  principal: Principal,
  cmd: CancelPoCommand,
  now: () => Date,
): Promise<{ order: PurchaseOrderView }> {
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const po = await lockedPo(ctx, cmd.poNo, cmd.lang);
    const lines = po.lines.map(toLine);
    const current = { poNo: po.po_no, status: po.status as PoStatus, lines };
    const refusal = validateCancel(current, cmd.lineNo, cmd.reason, cmd.lang);
    if (refusal) throw refusal;
    const plan = cancelPlan(current, cmd.lineNo);
    const reason = cmd.reason.trim();
    await run(
      ctx.client,
      cancelPoLines(
        ctx.workspaceId,
        po.po_no,
        plan.map((c) => ({ line_no: c.lineNo, qty: c.qty })),
        reason,
      ),
    );
    for (const c of plan) lines.find((l) => l.lineNo === c.lineNo)!.cancelled += c.qty;
    await changeIncoming(
      ctx,
      plan.map((c) => ({ sku: c.sku, warehouse: po.warehouse, delta: -c.qty })),
    );
    await setStatus(ctx, po, lines, 'cancelled', { reason, line: cmd.lineNo ?? null, cancelled: plan });
    return { order: await poAnswer(ctx, po.po_no) };
  });
}
