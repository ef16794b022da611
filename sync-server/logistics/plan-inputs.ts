import type { PlanResponse } from '../../domain/contracts/logistics';
import type { Lang } from '../../domain/i18n/lang';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import type { PlanOrder, PlanUnit, ProductFacts } from '../../domain/logistics/parcel-plan';
import { isOrderStatus, statusLabel } from '../../domain/orders/order-status';
import { run, type Queryable } from '../db/database';
import { selectOrderStatuses, selectPlannableUnits, selectProductFacts, selectRecipients } from './shipment-sql';

export type ProductRow = {
  sku: string;
  name_en: string | null;
  weight_g: number | null;
  length_cm: number | null;
  width_cm: number | null;
  height_cm: number | null;
  attributes: string[] | null;
  declared_name_en: string | null;
  declared_name_zh: string | null;
  hs_code: string | null;
  declared_value: string | null;
  declared_currency: string | null;
};

export async function loadProducts(
  client: Queryable,
  workspaceId: string,
  skus: string[],
): Promise<Map<string, ProductRow>> {
  const rows = (await run<ProductRow>(client, selectProductFacts(workspaceId, skus))).rows;
  return new Map(rows.map((r) => [r.sku, r]));
}

export function productFacts(rows: ReadonlyMap<string, ProductRow>): Map<string, ProductFacts> {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return new Map(
    [...rows.values()].map((r) => [
      r.sku,
      {
        sku: r.sku,
        weightG: num(r.weight_g),
        lengthCm: num(r.length_cm),
        widthCm: num(r.width_cm),
        heightCm: num(r.height_cm),
        attributes: r.attributes?.length ? r.attributes : ['general'],
      },
    ]),
  );
}

export type OrderRecipientRow = {
  order_no: string;
  recipient_name: string | null;
  phone: string | null;
  email: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  country: string | null;
};

export async function loadRecipients(
  client: Queryable,
  workspaceId: string,
  orderNos: string[],
): Promise<Map<string, OrderRecipientRow>> {
  const rows = (await run<OrderRecipientRow>(client, selectRecipients(workspaceId, orderNos))).rows;
  return new Map(rows.map((r) => [r.order_no, r]));
}

export function planOrder(recipient: OrderRecipientRow, units: PlanUnit[]): PlanOrder {
  return {
    orderNo: recipient.order_no,
    recipient: {
      name: recipient.recipient_name,
      phone: recipient.phone,
      address1: recipient.address1,
      address2: recipient.address2,
      postalCode: recipient.postal_code,
      country: recipient.country ?? '',
    },
    units,
  };
}

/**
 * What planning works on: orders pending shipment with their reserved units not yet in an open parcel,
 * their products' data, and, for orders asked for by number, why any of them has nothing to plan.
 */
export async function loadPlanInputs(
  client: Queryable,
  workspaceId: string,
  orderNos: string[] | null,
  lock: boolean,
  lang: Lang,
): Promise<{ orders: PlanOrder[]; products: Map<string, ProductFacts>; skipped: PlanResponse['skipped'] }> {
  const unitRows = (
    await run<{ order_no: string; line_no: number; sku: string; warehouse: string; qty: number }>(
      client,
      selectPlannableUnits(workspaceId, orderNos, lock),
    )
  ).rows;
  const units = new Map<string, PlanUnit[]>();
  for (const r of unitRows) {
    const unit = {
      orderNo: r.order_no,
      lineNo: Number(r.line_no),
      sku: r.sku,
      warehouse: r.warehouse,
      qty: Number(r.qty),
    };
    units.set(r.order_no, [...(units.get(r.order_no) ?? []), unit]);
  }
  const recipients = await loadRecipients(client, workspaceId, [...units.keys()]);
  const orders = [...units.entries()].map(([orderNo, list]) => planOrder(recipients.get(orderNo)!, list));
  const products = productFacts(await loadProducts(client, workspaceId, [...new Set(unitRows.map((r) => r.sku))]));
  const skipped: PlanResponse['skipped'] = [];
  if (orderNos) {
    const statuses = new Map(
      (await run<{ order_no: string; status: string }>(client, selectOrderStatuses(workspaceId, orderNos))).rows.map(
        (r) => [r.order_no, r.status],
      ),
    );
    for (const orderNo of [...new Set(orderNos)]) {
      if (units.has(orderNo)) continue;
      const status = statuses.get(orderNo);
      if (status === undefined)
        skipped.push({
          orderNo,
          code: 'order_not_found',
          message: logisticsMessage(lang, 'no_such_order', { order: orderNo }),
        });
      else if (status !== 'pending_shipment')
        skipped.push({
          orderNo,
          code: 'not_pending_shipment',
          message: logisticsMessage(lang, 'not_pending_shipment', {
            order: orderNo,
            status: isOrderStatus(status) ? statusLabel(status, lang) : status,
          }),
        });
      else
        skipped.push({
          orderNo,
          code: 'nothing_to_plan',
          message: logisticsMessage(lang, 'nothing_to_plan', { order: orderNo }),
        });
    }
  }
  return { orders, products, skipped };
}
