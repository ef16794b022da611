import type { FieldError } from '../domain-error';
import type { Lang } from '../i18n/lang';
import { translate } from '../i18n/messages';
import type { WireRow } from '../sheets/column-spec';
import { RATE_TABLE, rateCountries } from './rate-table';

/** One Rates row as carrier choice and the band checks read it. */
export type RateLine = {
  key: string;
  service: string;
  zone: string;
  /** The countries it prices (the zone's list, or the zone itself). */
  countries: string[];
  fromG: number;
  toG: number;
  firstG: number;
  firstPrice: string;
  stepG: number | null;
  stepPrice: string | null;
  currency: string;
};

export function rateLineFrom(key: string, values: WireRow): RateLine {
  return {
    key,
    service: String(values.service),
    zone: String(values.zone),
    countries: rateCountries(String(values.zone), (values.countries as string[] | null) ?? []),
    fromG: Number(values.from_g),
    toG: Number(values.to_g),
    firstG: Number(values.first_g),
    firstPrice: String(values.first_price),
    stepG: values.step_g === null || values.step_g === undefined ? null : Number(values.step_g),
    stepPrice: values.step_price === null || values.step_price === undefined ? null : String(values.step_price),
    currency: String(values.currency),
  };
}

/**
 * Rows of a push that would leave a service's rate card wrong, each with its reason: an unknown service, a
 * band overlapping another of the same service and zone, a gap between bands, a country priced in two zones
 * of one service. `stored` are the rows the push does not touch plus, for each pushed key, its stored
 * version (`replaced`): a refused change leaves the stored row in force, and the check continues with it.
 */
export function refuseRateLines(
  untouched: readonly RateLine[],
  replaced: ReadonlyMap<string, RateLine>,
  pushed: readonly RateLine[],
  services: ReadonlySet<string>,
  lang: Lang,
): Map<string, FieldError> {
  const refused = new Map<string, FieldError>();
  const accepted: RateLine[] = [...untouched];
  const refuse = (line: RateLine, field: string, code: Parameters<typeof translate>[1], params: object) => {
    const column = RATE_TABLE.columns.find((c) => c.field === field)!;
    refused.set(line.key, {
      field,
      code,
      message: translate(lang, code, { column: column.header[lang], ...(params as Record<string, string | number>) }),
    });
    const before = replaced.get(line.key);
    if (before) accepted.push(before);
  };
  const ordered = [...pushed].sort(
    (a, b) => a.service.localeCompare(b.service) || a.zone.localeCompare(b.zone) || a.fromG - b.fromG,
  );
  for (const line of ordered) {
    if (!services.has(line.service)) {
      refuse(line, 'service', 'rate_unknown_service', { service: line.service });
      continue;
    }
    const twice = accepted.find(
      (other) =>
        other.service === line.service &&
        other.zone !== line.zone &&
        other.countries.some((c) => line.countries.includes(c)),
    );
    if (twice) {
      const country = twice.countries.find((c) => line.countries.includes(c))!;
      refuse(line, 'countries', 'rate_country_twice', { country, zone: twice.zone, service: line.service });
      continue;
    }
    const overlap = accepted.find(
      (other) =>
        other.service === line.service && other.zone === line.zone && other.fromG < line.toG && line.fromG < other.toG,
    );
    if (overlap) {
      refuse(line, 'from_g', 'rate_overlap', {
        from: line.fromG,
        to: line.toG,
        otherFrom: overlap.fromG,
        otherTo: overlap.toG,
        service: line.service,
        zone: line.zone,
      });
      continue;
    }
    accepted.push(line);
  }
  // Gaps: each refusal may open another (its stored version comes back), so look again until none is blamed.
  const pushedKeys = new Set(pushed.map((line) => line.key));
  for (let round = 0; round <= pushed.length; round++) {
    const gap = firstGap(accepted, pushedKeys, refused);
    if (!gap) break;
    accepted.splice(accepted.indexOf(gap.blamed), 1);
    refuse(gap.blamed, 'from_g', 'rate_gap', {
      gapFrom: gap.from,
      gapTo: gap.to,
      service: gap.blamed.service,
      zone: gap.blamed.zone,
    });
  }
  return refused;
}

/** The first gap between consecutive bands of a group that a pushed (not yet refused) row can be blamed for. */
function firstGap(
  lines: readonly RateLine[],
  pushedKeys: ReadonlySet<string>,
  refused: ReadonlyMap<string, FieldError>,
): { blamed: RateLine; from: number; to: number } | null {
  const groups = new Map<string, RateLine[]>();
  for (const line of lines) {
    const id = `${line.service}\u0000${line.zone}`;
    groups.set(id, [...(groups.get(id) ?? []), line]);
  }
  const isPushed = (line: RateLine) => pushedKeys.has(line.key) && !refused.has(line.key);
  for (const group of groups.values()) {
    const sorted = group.sort((a, b) => a.fromG - b.fromG);
    for (let i = 1; i < sorted.length; i++) {
      const [low, high] = [sorted[i - 1]!, sorted[i]!];
      if (high.fromG <= low.toG) continue;
      const blamed = isPushed(high) ? high : isPushed(low) ? low : sorted.find(isPushed);
      if (blamed) return { blamed, from: low.toG, to: high.fromG };
    }
  }
  return null;
}
