import { contactOf, reviewOrder, type ReviewCandidate, type ReviewSettings } from '../../domain/orders/auto-review';
import type { ImportRowError, OrderChannel, OrderDraft } from '../../domain/orders/order-draft';
import type { DuplicateIndex } from '../../domain/orders/duplicate-match';
import type { cachedPhoneCheck } from '../../domain/orders/phone-check';
import { mapSku, orderNoFor } from '../../domain/orders/order-number';
import { importMessage } from '../../domain/orders/import-messages';
import type { Lang } from '../../domain/i18n/lang';
import type { NewOrder } from '../orders/order-sql';
import type { AllocationWarehouse } from '../../domain/inventory/allocation';

/** What reviewing a file's orders needs, read once for the file. */
export type ReviewContext = {
  channel: OrderChannel;
  at: Date;
  /** `at` as ISO text, made once for the file rather than once per order. */
  receivedAt: string;
  lang: Lang;
  settings: ReviewSettings;
  knownSkus: ReadonlySet<string>;
  mappings: ReadonlyMap<string, string>;
  warehouses: readonly AllocationWarehouse[];
  candidates: DuplicateIndex<ReviewCandidate>;
  phoneCheck: ReturnType<typeof cachedPhoneCheck>;
};

/** One order reviewed (its change number set by the caller); an open order becomes a candidate for later ones. */
export function reviewDraft(draft: OrderDraft, c: ReviewContext): NewOrder {
  const orderNo = orderNoFor(c.channel, draft.externalId);
  // Most workspaces map no SKU: the draft is then used as read, not copied.
  const mapped: OrderDraft = draft.lines.some((l) => c.mappings.has(l.sku))
    ? { ...draft, lines: draft.lines.map((l) => ({ ...l, sku: mapSku(c.mappings, l.sku) })) }
    : draft;
  const review = reviewOrder(
    {
      draft: mapped,
      knownSkus: c.knownSkus,
      others: c.candidates,
      receivedAt: c.receivedAt,
      channelSkus: draft.lines.map((l) => l.sku),
      warehouses: c.warehouses,
      phoneCheck: c.phoneCheck,
    },
    c.settings,
    c.lang,
  );
  // Later orders in the same file are compared with this one too, while it is open: a paid order is never the
  // duplicate of its own cancelled checkout.
  if (!draft.closedBy) c.candidates.add(candidateOf(orderNo, mapped, c.receivedAt));
  return {
    orderNo,
    draft: mapped,
    status: review.status,
    reviewNotes: review.summary,
    reviewFlags: review.flags.map(({ code, contact, params }) => ({ code, contact, params })),
    lang: c.lang,
    changeNo: 0,
    lines: mapped.lines.map((l, i) => ({
      sku: l.sku,
      name: l.name,
      qty: l.qty,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      fulfilment: l.fulfilment,
      keyedByName: l.keyedByName,
      customization: l.customization,
      channelSku: draft.lines[i]!.sku,
    })),
  };
}

/** An open order of the workspace as selectReviewCandidates reads it. */
export type CandidateRow = {
  order_no: string;
  ordered_at: string | Date | null;
  phone: string | null;
  email: string | null;
  recipient_name: string | null;
  address1: string | null;
  postal_code: string | null;
  country: string | null;
};

export function candidateFromRow(r: CandidateRow): ReviewCandidate {
  return {
    orderNo: String(r.order_no),
    orderedAtUtc: r.ordered_at ? new Date(r.ordered_at).toISOString() : null,
    phone: r.phone ?? null,
    email: r.email ?? null,
    name: r.recipient_name ?? null,
    address1: r.address1 ?? null,
    postalCode: r.postal_code ?? null,
    country: r.country ?? null,
  };
}

function candidateOf(orderNo: string, draft: OrderDraft, receivedAt: string): ReviewCandidate {
  return { orderNo, orderedAtUtc: draft.orderedAt?.utc ?? receivedAt, ...contactOf(draft) };
}

/** The "imported" event of an order: what the event log keeps of it. */
export const importedEvent =
  (channel: OrderChannel) =>
  (o: NewOrder): { orderNo: string; after: unknown } => ({
    orderNo: o.orderNo,
    after: {
      status: o.status,
      review: o.reviewNotes,
      channel,
      externalId: o.draft.externalId,
      lines: o.lines.length,
      closedBy: o.draft.closedBy,
    },
  });

/** An order refused because its number is taken: one error per row it came from. */
export function numberTaken(draft: OrderDraft, orderNo: string, lang: Lang): ImportRowError[] {
  return draft.lines.map((line) => ({
    row: line.sourceRow,
    orderId: draft.externalId,
    field: 'order_no',
    code: 'order_no_taken',
    message: importMessage(lang, 'order_no_taken', { row: line.sourceRow, order: orderNo }),
  }));
}
