import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { HealthStatus } from './health-checks';

/**
 * What the server knows of a tracking provider's quota (docs/dispatch.md), one reading per source:
 * - `account`: 17TRACK's getquota (quota_total, quota_remain): a bought balance that does not reset;
 * - `window`: X-RateLimit-Limit / -Remaining / -Reset of the provider's last answer (AfterShip documents a
 *   1-second window; DHL's app limit is per day), valid until its reset;
 * - `daily_calls`: our own count of calls today against the allowance set for the server, until midnight UTC.
 */
export type QuotaSource = 'account' | 'window' | 'daily_calls';
export type QuotaReading = {
  provider: string;
  source: QuotaSource;
  limit: number;
  remaining: number;
  /** When the provider gives the quota back (null: never by itself, e.g. 17TRACK's bought quota). */
  resetsAt: string | null;
  seenAt: string;
};

/** A reading as it stands at `now`: a window whose reset passed is full again. */
export type QuotaState = QuotaReading & { percentLeft: number; current: boolean; low: boolean };

const text = messageCatalog({
  none: { en: 'No tracking provider has been called yet', zh: '尚未调用物流查询服务' },
  available: { en: '{provider}: available (no quota known yet)', zh: '{provider}：可用（尚无额度数据）' },
  paused: {
    en: '{provider}: quota or rate spent, paused until {until}',
    zh: '{provider}：额度或频率已用完，暂停至 {until}',
  },
  left: {
    en: '{provider} {source}: {remaining} of {limit} left ({percent}%), {until}',
    zh: '{provider} {source}：剩余 {remaining}/{limit}（{percent}%），{until}',
  },
  low: {
    en: '{provider} {source}: only {remaining} of {limit} left ({percent}%, below {threshold}%), {until}',
    zh: '{provider} {source}：仅剩 {remaining}/{limit}（{percent}%，低于 {threshold}%），{until}',
  },
  reset_passed: {
    en: '{provider} {source}: full again since {at} (last seen {remaining} of {limit})',
    zh: '{provider} {source}：已于 {at} 重置（上次剩余 {remaining}/{limit}）',
  },
  until_reset: { en: 'until {at}', zh: '至 {at} 重置' },
  until_never: {
    en: 'no reset date (bought quota: lasts until more is bought)',
    zh: '不会自动重置（购买的额度，需续购）',
  },
  source_account: { en: 'account quota', zh: '账户额度' },
  source_window: { en: 'rate limit', zh: '频率限制' },
  source_daily_calls: { en: 'calls today', zh: '今日调用' },
});

/** A reading at `now`: percent left (1 decimal), whether it still holds, whether it is below the threshold. */
export function quotaState(r: QuotaReading, now: Date, thresholdPercent: number): QuotaState {
  const current = r.resetsAt === null || Date.parse(r.resetsAt) > now.getTime();
  const remaining = Math.max(0, r.remaining);
  const percentLeft = r.limit > 0 ? Math.floor((remaining / r.limit) * 1000) / 10 : 0;
  return { ...r, remaining, percentLeft, current, low: current && percentLeft < thresholdPercent };
}

/**
 * The providers check: fails when a quota still in force has less than `thresholdPercent` left (it names
 * the provider, what is left and until when); warns while a provider is paused; ok otherwise.
 */
export function providerQuotaCheck(
  input: {
    providers: readonly string[];
    pausedUntil: Readonly<Record<string, string | null>>;
    readings: readonly QuotaReading[];
  },
  thresholdPercent: number,
  now: Date,
  lang: Lang,
): { status: HealthStatus; detail: string; states: QuotaState[] } {
  const states = input.readings.map((r) => quotaState(r, now, thresholdPercent));
  const names = [...new Set([...input.providers, ...states.map((s) => s.provider)])].sort();
  if (!names.length) return { status: 'ok', detail: text(lang, 'none'), states };
  const parts: string[] = [];
  const lows: string[] = []; // the reasons it fails come first
  let status: HealthStatus = 'ok';
  for (const provider of names) {
    const until = input.pausedUntil[provider];
    const paused = until && Date.parse(until) > now.getTime();
    if (paused) {
      parts.push(text(lang, 'paused', { provider, until }));
      if (status === 'ok') status = 'warn';
    }
    const mine = states.filter((s) => s.provider === provider);
    if (!mine.length && !paused) parts.push(text(lang, 'available', { provider }));
    for (const s of mine) {
      const p = {
        provider,
        source: text(lang, `source_${s.source}`),
        remaining: s.remaining,
        limit: s.limit,
        percent: s.percentLeft,
        threshold: thresholdPercent,
        at: s.resetsAt ?? '',
        until: s.resetsAt ? text(lang, 'until_reset', { at: s.resetsAt }) : text(lang, 'until_never'),
      };
      if (!s.current) parts.push(text(lang, 'reset_passed', p));
      else if (s.low) {
        lows.push(text(lang, 'low', p));
        status = 'fail';
      } else parts.push(text(lang, 'left', p));
    }
  }
  return { status, detail: [...lows, ...parts].join(lang === 'zh' ? '；' : '; '), states };
}
