import type { Lang } from '../i18n/lang';
import { isTrackingStatus, trackingStatusLabel } from './tracking-status';

const FLAG_TEXT: Record<string, Record<Lang, string>> = {
  went_back: { en: 'carrier reported {to} after {from}', zh: '承运商在{from}之后又报告{to}' },
  delivery_failed: { en: 'delivery failed', zh: '投递失败' },
  exception: { en: 'exception', zh: '异常' },
  returning: { en: 'being returned', zh: '退回中' },
  expired: { en: 'tracking expired', zh: '轨迹已过期' },
  no_scan: { en: 'no scan for {days} days', zh: '{days} 天无轨迹更新' },
};

type Flag = { code: string; from?: string; to?: string; days?: number };

/** The Shipments sheet's "Tracking" cell: the status, then what a person should look at ("⚠ delivery failed"). */
export function renderTracking(source: unknown, lang: Lang): string {
  const { status, flags } = (source ?? {}) as { status?: string | null; flags?: Flag[] };
  if (!status || !isTrackingStatus(status)) return '';
  const label = (s: string | undefined) => (s && isTrackingStatus(s) ? trackingStatusLabel(s, lang) : (s ?? ''));
  const warnings = [...new Set((flags ?? []).map((f) => f.code))].map((code) => {
    const last = [...(flags ?? [])].reverse().find((f) => f.code === code)!;
    const text = FLAG_TEXT[code]?.[lang] ?? code;
    return text
      .replace('{from}', label(last.from))
      .replace('{to}', label(last.to))
      .replace('{days}', String(last.days ?? ''));
  });
  return [trackingStatusLabel(status, lang), ...warnings.map((w) => `⚠ ${w}`)].join(' · ');
}
