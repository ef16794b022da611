import type { FieldError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { rateLineFrom, refuseRateLines, type RateLine } from '../../domain/logistics/rate-bands';
import type { PushDecision, PushedRow } from '../../domain/sync/push-decision';
import { run, type Queryable } from '../db/database';
import { selectCarrierCodes, selectRateLines } from './carrier-sql';

/**
 * The rate card after a push must hold together (docs/logistics.md): the pushed rows that would leave a
 * gap, an overlap, a country in two zones or a rate for an unknown service are refused, each with its
 * reason; the stored version of a refused row stays in force.
 */
export async function refuseRateRows(
  client: Queryable,
  workspaceId: string,
  rows: readonly PushedRow[],
  decisions: readonly PushDecision[],
  lang: Lang,
): Promise<Map<string, FieldError>> {
  const stored = await loadRateLines(client, workspaceId);
  const pushed: RateLine[] = [];
  rows.forEach((row, i) => {
    const decision = decisions[i]!;
    if (decision.kind === 'create' || decision.kind === 'update')
      pushed.push(rateLineFrom(row.key.trim(), decision.values));
  });
  if (!pushed.length) return new Map();
  const pushedKeys = new Set(pushed.map((line) => line.key));
  const untouched = stored.filter((line) => !pushedKeys.has(line.key));
  const replaced = new Map(stored.filter((line) => pushedKeys.has(line.key)).map((line) => [line.key, line]));
  const services = new Set(
    (await run<{ code: string }>(client, selectCarrierCodes(workspaceId))).rows.map((r) => r.code),
  );
  return refuseRateLines(untouched, replaced, pushed, services, lang);
}

export async function loadRateLines(client: Queryable, workspaceId: string): Promise<RateLine[]> {
  const rows = (await run<Record<string, unknown>>(client, selectRateLines(workspaceId))).rows;
  return rows.map((r) =>
    rateLineFrom(String(r.rate_key), {
      service: r.service as string,
      zone: r.zone as string,
      countries: (r.countries as string[]) ?? [],
      from_g: Number(r.from_g),
      to_g: Number(r.to_g),
      first_g: Number(r.first_g),
      first_price: String(r.first_price),
      step_g: r.step_g === null ? null : Number(r.step_g),
      step_price: r.step_price === null ? null : String(r.step_price),
      currency: r.currency as string,
    }),
  );
}
