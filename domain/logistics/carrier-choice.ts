import { compareAmounts } from '../money/decimal-amount';
import type { Money } from '../money/money';
import type { LogisticsMessageKey } from './logistics-messages';
import type { RateLine } from './rate-bands';
import { chargeableGrams, freightFor, rateFor } from './freight';

/** One row of the Carriers sheet, as carrier choice reads it. */
export type CarrierService = {
  code: string;
  adapter: string;
  countries: readonly string[];
  attributes: readonly string[];
  maxWeightG: number | null;
  maxSideCm: number | null;
  dailyCapacity: number | null;
  priority: number;
  volumetricDivisor: number;
  fuelSurchargePct: string;
  active: boolean;
};

/** What carrier choice needs to know of a parcel. */
export type ParcelFacts = {
  country: string;
  attributes: readonly string[];
  actualG: number;
  volumeCm3: number;
  longestSideCm: number;
};

/** A reason kept as data, rendered in each reader's language. */
export type ChoiceNote = { key: LogisticsMessageKey; params: Record<string, string | number> };

export type ChosenService = { service: string; chargeableG: number; freight: Money };

/** The chosen service (or none) and why: the chosen one first, then every other service with its rule. */
export type CarrierChoice = { chosen: ChosenService | null; notes: ChoiceNote[] };

type Candidate = { service: CarrierService; chargeableG: number; freight: Money };

const shown = (money: Money) => `${money.amount} ${money.currency}`;

/**
 * DESIGN 3.4's rule, in its order: keep the services that are active, serve the country, accept every
 * attribute in the parcel, fit its chargeable weight and size, have a rate for it and capacity left today;
 * then the lowest priority number, then the cheapest. Prices in different currencies are not compared (no
 * exchange rate is assumed): such services are ordered by currency code, and the note says so.
 * `capacityLeft` holds the parcels each capped service can still take today (absent: no cap).
 */
export function chooseCarrier(
  parcel: ParcelFacts,
  services: readonly CarrierService[],
  rates: readonly RateLine[],
  capacityLeft: ReadonlyMap<string, number>,
): CarrierChoice {
  const excluded: ChoiceNote[] = [];
  const candidates: Candidate[] = [];
  for (const service of [...services].sort((a, b) => a.code.localeCompare(b.code))) {
    const note = exclusion(parcel, service, rates, capacityLeft);
    if ('key' in note) excluded.push(note);
    else candidates.push(note);
  }
  candidates.sort(
    (a, b) =>
      a.service.priority - b.service.priority ||
      a.freight.currency.localeCompare(b.freight.currency) ||
      compareAmounts(a.freight.amount, b.freight.amount) ||
      a.service.code.localeCompare(b.service.code),
  );
  const best = candidates[0];
  if (!best) return { chosen: null, notes: excluded };
  const chosen = {
    service: best.service.code,
    chargeableG: best.chargeableG,
    freight: best.freight,
  };
  const notes: ChoiceNote[] = [
    {
      key: 'chosen',
      params: {
        service: best.service.code,
        priority: best.service.priority,
        price: shown(best.freight),
        grams: best.chargeableG,
      },
    },
    ...candidates.slice(1).map((other) => rankedNote(other, best)),
    ...excluded,
  ];
  return { chosen, notes };
}

function exclusion(
  parcel: ParcelFacts,
  service: CarrierService,
  rates: readonly RateLine[],
  capacityLeft: ReadonlyMap<string, number>,
): ChoiceNote | Candidate {
  const code = service.code;
  if (!service.active) return { key: 'excluded_inactive', params: { service: code } };
  if (!service.countries.includes(parcel.country))
    return { key: 'excluded_country', params: { service: code, country: parcel.country } };
  const refused = parcel.attributes.filter((a) => !service.attributes.includes(a));
  if (refused.length) return { key: 'excluded_attribute', params: { service: code, attributes: refused.join(', ') } };
  const grams = chargeableGrams(parcel.actualG, parcel.volumeCm3, service.volumetricDivisor);
  if (service.maxWeightG !== null && grams > service.maxWeightG)
    return { key: 'excluded_weight', params: { service: code, grams, max: service.maxWeightG } };
  if (service.maxSideCm !== null && parcel.longestSideCm > service.maxSideCm)
    return { key: 'excluded_size', params: { service: code, side: parcel.longestSideCm, max: service.maxSideCm } };
  const rate = rateFor(rates, code, parcel.country, grams);
  if (!rate) return { key: 'excluded_no_rate', params: { service: code, country: parcel.country, grams } };
  const left = capacityLeft.get(code);
  if (left !== undefined && left <= 0)
    return { key: 'excluded_capacity', params: { service: code, capacity: service.dailyCapacity ?? 0 } };
  return { service, chargeableG: grams, freight: freightFor(rate, grams, service.fuelSurchargePct) };
}

function rankedNote(other: Candidate, best: Candidate): ChoiceNote {
  const service = other.service.code;
  const chosen = best.service.code;
  if (other.service.priority !== best.service.priority)
    return {
      key: 'ranked_priority',
      params: { service, priority: other.service.priority, chosen, chosenPriority: best.service.priority },
    };
  if (other.freight.currency !== best.freight.currency)
    return {
      key: 'ranked_currency',
      params: { service, currency: other.freight.currency, chosenCurrency: best.freight.currency },
    };
  if (compareAmounts(other.freight.amount, best.freight.amount) === 0)
    return { key: 'ranked_tie', params: { service, chosen } };
  return {
    key: 'ranked_price',
    params: { service, price: shown(other.freight), chosen, chosenPrice: shown(best.freight) },
  };
}
