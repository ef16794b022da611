import { roleLabel, type Role } from '../access/roles';
import type { Lang } from '../i18n/lang';
import type { Localized } from '../sheets/column-spec';
import type { DispatchSettings } from './dispatch-settings';

/** The stuck rules of DESIGN 3.7 (docs/dispatch.md), in the order the Flow sheet lists them. */
export const STUCK_RULES = [
  'pending_review',
  'pending_contact',
  'pending_purchase',
  'pending_shipment',
  'no_first_scan',
  'tracking_quiet',
  'exception_open',
  'po_late',
  'ledger_mismatch',
] as const;
export type StuckRule = (typeof STUCK_RULES)[number];
export type StuckEntity = 'order' | 'shipment' | 'purchase_order' | 'stock';

/**
 * What the server knows of one candidate: since when it has been in the state the rule watches (ISO),
 * and what some rules need besides (call attempts, the order's supplier lead time in days).
 */
export type StuckFact = {
  rule: StuckRule;
  key: string;
  since: string | null;
  attempts?: number;
  leadDays?: number | null;
  detail?: string;
};

/** A stuck item: which rule, how long, who should act and what to do (in the reader's language). */
export type StuckHit = {
  rule: StuckRule;
  entity: StuckEntity;
  key: string;
  since: string | null;
  ageMs: number;
  age: string;
  role: Role;
  roleLabel: string;
  ruleLabel: string;
  action: string;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type RuleSpec = {
  entity: StuckEntity;
  role: Role;
  label: Localized;
  action: Localized;
  /** How long the fact may stay before it is stuck; null: never by age. */
  limitMs(settings: DispatchSettings, fact: StuckFact): number | null;
};

export const RULE_SPECS: Record<StuckRule, RuleSpec> = {
  pending_review: {
    entity: 'order',
    role: 'cs',
    label: { en: 'Pending review too long', zh: '待审核超时' },
    action: { en: 'Review the order: approve, contact or mark invalid', zh: '审核订单：通过、联系客户或标记无效' },
    limitMs: (s) => s.reviewHours * HOUR,
  },
  pending_contact: {
    entity: 'order',
    role: 'cs',
    label: { en: 'Pending contact too long or too many attempts', zh: '待联系超时或尝试次数过多' },
    action: { en: 'Reach the customer or cancel the order', zh: '联系客户确认，或取消订单' },
    limitMs: (s) => s.contactHours * HOUR,
  },
  pending_purchase: {
    entity: 'order',
    role: 'purchasing',
    label: { en: 'Pending purchase past its lead time', zh: '待采购超过采购周期' },
    action: { en: 'Chase the supplier or the purchase order of its SKU', zh: '跟进该 SKU 的供应商或采购单' },
    limitMs: (s, f) => (f.leadDays ?? s.purchaseFallbackDays) * DAY,
  },
  pending_shipment: {
    entity: 'order',
    role: 'warehouse',
    label: { en: 'Pending shipment too long', zh: '待发货超时' },
    action: { en: 'Plan, label and ship its parcel', zh: '安排包裹、打印面单并发货' },
    limitMs: (s) => s.shipmentHours * HOUR,
  },
  no_first_scan: {
    entity: 'shipment',
    role: 'logistics',
    label: { en: 'Shipped but no carrier scan', zh: '已发货但无揽收扫描' },
    action: { en: 'Ask the carrier whether it picked the parcel up', zh: '向承运商确认是否已揽收' },
    limitMs: (s) => s.firstScanDays * DAY,
  },
  tracking_quiet: {
    entity: 'shipment',
    role: 'logistics',
    label: { en: 'No tracking update', zh: '物流长时间无更新' },
    action: { en: 'Ask the carrier where the parcel is', zh: '向承运商查询包裹位置' },
    limitMs: (s) => s.trackingQuietDays * DAY,
  },
  exception_open: {
    entity: 'shipment',
    role: 'logistics',
    label: { en: 'Parcel exception still open', zh: '包裹异常未处理' },
    action: { en: 'Resolve the exception with the carrier and the customer', zh: '与承运商和客户处理异常' },
    limitMs: (s) => s.exceptionDays * DAY,
  },
  po_late: {
    entity: 'purchase_order',
    role: 'purchasing',
    label: { en: 'Purchase order past its expected date', zh: '采购单已过预计到货日' },
    action: { en: 'Chase the supplier for a new date, or close it short', zh: '催促供应商确认新日期，或短收关闭' },
    // `since` is the first moment past the expected day; the grace days run from there.
    limitMs: (s) => s.poLateDays * DAY,
  },
  ledger_mismatch: {
    entity: 'stock',
    role: 'warehouse',
    label: { en: 'Reserved counter differs from the ledger', zh: '锁定数与锁定记录不符' },
    action: {
      en: 'Run "npx crossdock stock check" and tell the admin',
      zh: '运行 “npx crossdock stock check” 并通知管理员',
    },
    limitMs: () => 0,
  },
};

/** Whether the fact is stuck at `now`: at or past its limit (just under is not), or the contact attempts spent. */
export function isStuck(fact: StuckFact, settings: DispatchSettings, now: Date): boolean {
  if (fact.rule === 'pending_contact' && (fact.attempts ?? 0) >= settings.contactAttempts) return true;
  if (fact.rule === 'ledger_mismatch') return true;
  const limit = RULE_SPECS[fact.rule].limitMs(settings, fact);
  if (limit === null || fact.since === null) return false;
  return now.getTime() - Date.parse(fact.since) >= limit;
}

/** The latest `since` a fact of `rule` may have and still be stuck at `now` (what the server's query reads up to). */
export function stuckCutoff(
  rule: Exclude<StuckRule, 'pending_purchase' | 'ledger_mismatch'>,
  s: DispatchSettings,
  now: Date,
): Date {
  return new Date(now.getTime() - RULE_SPECS[rule].limitMs(s, { rule, key: '', since: null })!);
}

/** "3 d 4 h", "5 h 20 min", "12 min": an age a person reads at a glance. */
export function ageText(ms: number, lang: Lang): string {
  const [d, h, m] = lang === 'zh' ? ['天', '小时', '分钟'] : [' d', ' h', ' min'];
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / 60_000);
  if (days) return `${days}${d}${hours ? ` ${hours}${h}` : ''}`;
  if (hours) return `${hours}${h}${minutes ? ` ${minutes}${m}` : ''}`;
  return `${Math.max(minutes, 0)}${m}`;
}

/** The facts that are stuck at `now`, as hits in `lang`, oldest first (then by rule and key, so the order is stable). */
export function stuckHits(facts: readonly StuckFact[], settings: DispatchSettings, now: Date, lang: Lang): StuckHit[] {
  return facts
    .filter((f) => isStuck(f, settings, now))
    .map((f) => {
      const spec = RULE_SPECS[f.rule];
      const ageMs = f.since === null ? 0 : Math.max(0, now.getTime() - Date.parse(f.since));
      return {
        rule: f.rule,
        entity: spec.entity,
        key: f.key,
        since: f.since,
        ageMs,
        age: ageText(ageMs, lang),
        role: spec.role,
        roleLabel: roleLabel(spec.role, lang),
        ruleLabel: spec.label[lang],
        action: f.detail ? `${spec.action[lang]} (${f.detail})` : spec.action[lang],
      };
    })
    .sort(
      (a, b) =>
        b.ageMs - a.ageMs ||
        STUCK_RULES.indexOf(a.rule) - STUCK_RULES.indexOf(b.rule) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}
