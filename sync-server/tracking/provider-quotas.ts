import type { QuotaReading, QuotaSource } from '../../domain/dispatch/provider-quota';
import { run, type Queryable } from '../db/database';
import { sql, type SqlQuery } from '../db/sql-query';
import type { TrackingProvider } from './providers/tracking-provider';

/**
 * What the server learns of a tracking provider's quota, kept for the health check (docs/dispatch.md):
 * one row per provider and source, replaced by each new reading. Recording never fails a poll.
 */
export function upsertQuota(r: Omit<QuotaReading, 'seenAt'>, at: Date): SqlQuery {
  return sql(
    `INSERT INTO provider_quotas (provider, source, quota_limit, remaining, resets_at, seen_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (provider, source) DO UPDATE SET quota_limit = excluded.quota_limit, remaining = excluded.remaining,
            resets_at = excluded.resets_at, seen_at = excluded.seen_at
      WHERE provider_quotas.seen_at <= excluded.seen_at`,
    [r.provider, r.source, r.limit, r.remaining, r.resetsAt, at],
  );
}

export async function selectQuotas(client: Queryable): Promise<QuotaReading[]> {
  const rows = (
    await run<{
      provider: string;
      source: QuotaSource;
      quota_limit: string | number;
      remaining: string | number;
      resets_at: Date | null;
      seen_at: Date;
    }>(
      client,
      sql(
        `SELECT provider, source, quota_limit, remaining, resets_at, seen_at FROM provider_quotas ORDER BY provider, source`,
        [],
      ),
    )
  ).rows;
  return rows.map((r) => ({
    provider: r.provider,
    source: r.source,
    limit: Number(r.quota_limit),
    remaining: Number(r.remaining),
    resetsAt: r.resets_at ? new Date(r.resets_at).toISOString() : null,
    seenAt: new Date(r.seen_at).toISOString(),
  }));
}

const nextUtcMidnight = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1)).toISOString();

/**
 * After one provider call: the rate window its answer stated, and our count of today's calls against the
 * allowance configured for the provider (CROSSDOCK_<PROVIDER>_DAILY_CALLS), when there is one.
 */
export async function recordCall(
  client: Queryable,
  provider: TrackingProvider,
  callsToday: number,
  dailyCalls: number | undefined,
  at: Date,
): Promise<void> {
  const window = provider.takeRateWindow?.();
  if (window) await run(client, upsertQuota({ provider: provider.name, source: 'window', ...window }, at));
  if (dailyCalls !== undefined) {
    const reading = {
      provider: provider.name,
      source: 'daily_calls' as const,
      limit: dailyCalls,
      remaining: Math.max(0, dailyCalls - callsToday),
      resetsAt: nextUtcMidnight(at),
    };
    await run(client, upsertQuota(reading, at));
  }
}

/** When the account quota was last asked (null: never). */
export async function accountQuotaSeenAt(client: Queryable, provider: string): Promise<Date | null> {
  const row = (
    await run<{ seen_at: Date }>(
      client,
      sql(`SELECT seen_at FROM provider_quotas WHERE provider = $1 AND source = 'account'`, [provider]),
    )
  ).rows[0];
  return row ? new Date(row.seen_at) : null;
}

/** 17TRACK's getquota (its bought balance, which does not reset), asked through the caller's request slot. */
export async function recordAccountQuota(
  client: Queryable,
  provider: TrackingProvider,
  ask: <T>(work: () => Promise<T>) => Promise<T>,
  at: () => Date,
): Promise<void> {
  if (!provider.quota) return;
  const q = await ask(() => provider.quota!());
  const reading = { provider: provider.name, source: 'account' as const, limit: q.total, remaining: q.remain };
  await run(client, upsertQuota({ ...reading, resetsAt: null }, at()));
}
