import type { OutcomesResponse, ShipmentOutcome } from '../../domain/contracts/logistics';
import type { Lang } from '../../domain/i18n/lang';
import { chooseCarrier, type ChoiceNote } from '../../domain/logistics/carrier-choice';
import { declarationGaps } from '../../domain/logistics/declaration';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';
import { run } from '../db/database';
import type { InventoryContext } from '../inventory/allocation-service';
import { ensureCapacityRow, takeCapacity } from '../logistics/carrier-sql';
import { declaredProduct } from '../logistics/carrier-parcel';
import type { CarrierSetup } from '../logistics/carrier-setup';
import type { CarrierRegistry } from '../logistics/carriers/carrier-registry';
import type { ProductRow } from '../logistics/plan-inputs';
import { storedFacts } from '../logistics/shipment-facts';
import type { ShipmentRecord } from '../logistics/shipment-sql';

/**
 * What booking decides per draft before any carrier is called (docs/logistics.md): the carrier as of now,
 * the data a label needs, and one place of the service's day, taken by a conditional increment.
 */
export type Verdict =
  { service: CarrierSetup['services'][number]; notes: ChoiceNote[] } | { refusal: { code: string; message: string } };

/** The carrier as of now (today's capacity and rates), and one place of its day taken. */
export async function chooseAndTake(
  ctx: InventoryContext,
  s: ShipmentRecord,
  setup: CarrierSetup,
  products: ReadonlyMap<string, ProductRow>,
  lang: Lang,
  carriers: CarrierRegistry,
): Promise<Verdict> {
  const say = (notes: ChoiceNote[]) => notes.map((n) => logisticsMessage(lang, n.key, n.params)).join('; ');
  const facts = storedFacts(s);
  if (!facts) {
    const reasons = say(Array.isArray(s.missing) ? (s.missing as ChoiceNote[]) : []);
    return {
      refusal: { code: 'blocked', message: logisticsMessage(lang, 'blocked', { shipment: s.shipment_no, reasons }) },
    };
  }
  for (;;) {
    const choice = chooseCarrier(facts, setup.services, setup.rates, setup.capacityLeft);
    if (!choice.chosen) {
      const full = choice.notes.some((n) => n.key === 'excluded_capacity');
      const message = full
        ? logisticsMessage(lang, 'all_full', { shipment: s.shipment_no, reasons: say(choice.notes) })
        : logisticsMessage(lang, 'blocked', { shipment: s.shipment_no, reasons: say(choice.notes) });
      return { refusal: { code: full ? 'capacity_full' : 'blocked', message } };
    }
    const service = setup.services.find((x) => x.code === choice.chosen!.service)!;
    if (service.adapter === 'manual')
      return {
        refusal: {
          code: 'manual_needs_number',
          message: logisticsMessage(lang, 'manual_needs_number', { shipment: s.shipment_no, service: service.code }),
        },
      };
    const adapter = carriers.adapter(service.adapter);
    if ('missing' in adapter)
      return {
        refusal: {
          code: 'adapter_not_set_up',
          message: logisticsMessage(lang, 'adapter_not_set_up', {
            shipment: s.shipment_no,
            adapter: service.adapter,
            settings: adapter.missing,
          }),
        },
      };
    const gaps = declarationGaps(
      s.lines.map((l) => declaredProduct(products.get(l.sku)!)),
      lang,
    );
    if (gaps.length)
      return {
        refusal: {
          code: 'blocked',
          message: logisticsMessage(lang, 'blocked', { shipment: s.shipment_no, reasons: say(gaps) }),
        },
      };
    if (await takePlace(ctx, service.code, setup.day, service.dailyCapacity)) {
      if (setup.capacityLeft.has(service.code))
        setup.capacityLeft.set(service.code, setup.capacityLeft.get(service.code)! - 1);
      return { service, notes: choice.notes };
    }
    setup.capacityLeft.set(service.code, 0);
  }
}

export async function takePlace(
  ctx: InventoryContext,
  service: string,
  day: string,
  capacity: number | null,
): Promise<boolean> {
  await run(ctx.client, ensureCapacityRow(ctx.workspaceId, service, day));
  return Boolean((await run(ctx.client, takeCapacity(ctx.workspaceId, service, day, capacity))).rowCount);
}

/** Counts of an answer given shipment by shipment. */
export function tally(results: ShipmentOutcome[]): OutcomesResponse {
  const count = (o: ShipmentOutcome['outcome']) => results.filter((r) => r.outcome === o).length;
  return { done: count('done'), refused: count('refused'), failed: count('failed'), results };
}
