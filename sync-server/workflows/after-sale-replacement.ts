import { allocateOrders, type InventoryContext, type ServedOrder } from '../inventory/allocation-service';
import { run } from '../db/database';
import { insertReplacementLines, insertReplacementOrder, selectReplacementNos } from '../orders/after-sale-sql';

/**
 * An exchange's replacement order (docs/after-sale.md): `<order>-R<n>`, the original's customer and
 * address, the case's units at price 0, approved at once and allocated like any approved order (it is
 * pending shipment when stock holds it, else pending purchase and served by the next arrival).
 */
export async function createReplacementOrder(
  ctx: InventoryContext,
  original: string,
  caseNo: string,
  lines: { orderLineNo: number; qty: number }[],
): Promise<{ orderNo: string; served: ServedOrder[] }> {
  const taken = (await run<{ order_no: string }>(ctx.client, selectReplacementNos(ctx.workspaceId, original))).rows;
  const suffixes = taken.map((r) => Number(r.order_no.slice(original.length + 2))).filter(Number.isInteger);
  const orderNo = `${original}-R${Math.max(0, ...suffixes) + 1}`;
  ctx.changeNo += 1;
  const note = `${caseNo}: replacement for ${original} / ${original} 的换货补发`;
  await run(
    ctx.client,
    insertReplacementOrder(ctx.workspaceId, original, { orderNo, note, changeNo: ctx.changeNo }, ctx.at, ctx.actor),
  );
  const rows = lines.map((l, i) => ({ line_no: i + 1, order_line_no: l.orderLineNo, qty: l.qty }));
  await run(ctx.client, insertReplacementLines(ctx.workspaceId, original, orderNo, rows));
  ctx.events.push({
    actor: ctx.actor,
    entity: 'orders',
    entityKey: orderNo,
    action: 'created',
    before: null,
    after: {
      status: 'approved',
      replacementFor: original,
      case: caseNo,
      lines: rows.map((r) => [r.order_line_no, r.qty]),
    },
    correlationId: ctx.correlationId,
  });
  const allocated = await allocateOrders(ctx, [orderNo]);
  return { orderNo, served: allocated };
}
