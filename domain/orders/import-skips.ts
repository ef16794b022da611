import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import { CHANNEL_CLOSINGS } from './order-draft';

/** Why an import left an order out without refusing it: known already, or closed by the shop (when skipped). */
export const IMPORT_SKIP_REASONS = ['already_imported', ...CHANNEL_CLOSINGS] as const;
export type ImportSkipReason = (typeof IMPORT_SKIP_REASONS)[number];

const skipLabel = messageCatalog<ImportSkipReason>({
  already_imported: { en: 'already imported', zh: '已导入过' },
  cancelled: { en: 'cancelled in the shop', zh: '店铺已取消' },
  refunded: { en: 'refunded in the shop', zh: '店铺已退款' },
  voided: { en: 'payment voided', zh: '付款已作废' },
  expired: { en: 'payment expired', zh: '付款已过期' },
  fulfilled: { en: 'fulfilled by the shop', zh: '店铺已发货' },
});

/** "skipped 7 (already imported 2, fulfilled by the shop 5)" — the counts behind a summary's skipped number. */
export function skipBreakdown(counts: Partial<Record<ImportSkipReason, number>>, lang: Lang): string {
  const parts = IMPORT_SKIP_REASONS.filter((r) => counts[r]).map((r) => `${skipLabel(lang, r)} ${counts[r]}`);
  return parts.join(lang === 'zh' ? '，' : ', ');
}
