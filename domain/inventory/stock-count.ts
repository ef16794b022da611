import { DomainError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { inventoryMessage } from './inventory-messages';

/**
 * A count typed in the Stock sheet is an adjustment (docs/inventory.md): the change against the value that
 * sheet last saw is applied to the server's current on-hand, so two people counting at once both count.
 * A count on a line the sheet never saw (no base) sets on-hand outright.
 */
export function countedOnHand(
  current: number,
  base: number | null,
  typed: number,
  where: { sku: string; warehouse: string },
  lang: Lang,
): number | DomainError {
  const after = base === null ? typed : current + (typed - base);
  if (after < 0) {
    return new DomainError(
      'count_below_zero',
      inventoryMessage(lang, 'count_below_zero', {
        sku: where.sku,
        warehouse: where.warehouse,
        current,
        base: base ?? 0,
        typed,
        after,
      }),
    );
  }
  return after;
}

/** A reservation as the release rule sees it: newest first means the highest sequence first. */
export type HeldReservation = { id: number; orderNo: string; lineNo: number; qty: number; seq: number };
export type Release = { id: number; orderNo: string; lineNo: number; release: number; keep: number };

/**
 * When on-hand drops below what is reserved, the newest reservations give way first (the oldest orders
 * keep their stock); the last one touched may keep part of its quantity.
 */
export function releasesForShortfall(reservations: readonly HeldReservation[], onHand: number): Release[] {
  let excess = reservations.reduce((sum, r) => sum + r.qty, 0) - onHand;
  const releases: Release[] = [];
  for (const r of [...reservations].sort((a, b) => b.seq - a.seq)) {
    if (excess <= 0) break;
    const release = Math.min(r.qty, excess);
    releases.push({ id: r.id, orderNo: r.orderNo, lineNo: r.lineNo, release, keep: r.qty - release });
    excess -= release;
  }
  return releases;
}
