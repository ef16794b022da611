import { isValid as isCountryCode } from 'i18n-iso-countries';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import type { Lang } from '../i18n/lang';
import { DuplicateIndex, duplicateReason, phoneDigits, type Contact } from './duplicate-match';
import type { OrderDraft } from './order-draft';
import { reviewMessage, type ReviewMessageKey } from './review-messages';
import type { ReviewSettings } from './review-settings';

export { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from './review-settings';

/** Another open order (not invalid, not cancelled) auto-review compares with. */
export type ReviewCandidate = Contact & { orderNo: string; orderedAtUtc: string | null };

export type ReviewFlag = { code: ReviewMessageKey; contact: boolean; params: Record<string, string>; message: string };
export type ReviewOutcome = { status: 'pending_review' | 'pending_contact' | 'approved'; flags: ReviewFlag[]; summary: string };

/**
 * Sorts a new order (DESIGN 3.1): flags to check by hand, and the ones that need a call send it to
 * pending_contact. Clean orders are approved only when the workspace turned that on.
 */
export function reviewOrder(
  /** `receivedAt`: when the order came in; an order without a date is compared as of then. */
  input: { draft: OrderDraft; knownSkus: ReadonlySet<string>; others: readonly ReviewCandidate[] | DuplicateIndex<ReviewCandidate>; receivedAt?: string },
  settings: ReviewSettings,
  lang: Lang,
): ReviewOutcome {
  const { draft } = input;
  const flags: ReviewFlag[] = [];
  const flag = (code: ReviewMessageKey, contact: boolean, params: Record<string, string> = {}) => flags.push({ code, contact, params, message: reviewMessage(lang, code, params) });
  const r = draft.recipient;
  const contact: Contact = { phone: draft.phone, email: draft.email, name: r.name, address1: r.address1, postalCode: r.postalCode, country: r.country };

  const others = input.others instanceof DuplicateIndex ? input.others.near(contact) : input.others;
  const duplicate = findDuplicate(contact, draft.orderedAt?.utc ?? input.receivedAt ?? null, others, settings.duplicateWindowDays);
  if (duplicate) flag('possible_duplicate', false, { other: duplicate.orderNo, by: reviewMessage(lang, `by_${duplicate.by}`) });

  const missing = (['name', 'address1', 'city', 'postal_code', 'country'] as const).filter((part) => !(part === 'postal_code' ? r.postalCode : r[part]));
  if (missing.length) flag('missing_address', false, { parts: missing.map((part) => reviewMessage(lang, `part_${part}`)).join(', ') });

  const country = r.country && isCountryCode(r.country) ? (r.country as CountryCode) : null;
  if (r.country && !country) flag('invalid_country', false, { country: r.country });
  if (!draft.phone) flag('missing_phone', false);
  else if (country && !isValidPhoneNumber(draft.phone, country)) flag('invalid_phone', false, { phone: draft.phone, country });
  if (country && r.postalCode && postcodeValidatorExistsForCountry(country) && !postcodeValidator(r.postalCode, country)) {
    flag('invalid_postal_code', false, { code: r.postalCode, country });
  }

  const unknown = [...new Set(draft.lines.map((l) => l.sku).filter((sku) => !input.knownSkus.has(sku)))];
  if (unknown.length) flag('unknown_sku', false, { skus: unknown.join(', ') });

  if (draft.paymentMethod === 'cod') flag('cod', true);
  const value = orderValue(draft);
  const limit = settings.highValueLimit;
  if (limit && value && draft.currency === limit.currency && compareDecimals(value, limit.amount) > 0) {
    flag('high_value', true, { value, currency: limit.currency, limit: limit.amount });
  }
  const blockedPhone = draft.phone && settings.blockedPhones.some((p) => phoneDigits(p).length > 6 && phoneDigits(p).slice(-9) === phoneDigits(draft.phone).slice(-9));
  const blockedEmail = draft.email && settings.blockedEmails.some((e) => e.trim().toLowerCase() === draft.email);
  if (blockedPhone) flag('blocklisted', true, { what: draft.phone! });
  if (blockedEmail) flag('blocklisted', true, { what: draft.email! });

  const status = flags.some((f) => f.contact) ? 'pending_contact' : flags.length === 0 && settings.autoApprove ? 'approved' : 'pending_review';
  return { status, flags, summary: renderReview(flags, lang) };
}

function findDuplicate(order: Contact, orderedAtUtc: string | null, others: readonly ReviewCandidate[], windowDays: number) {
  const at = orderedAtUtc ? Date.parse(orderedAtUtc) : null;
  for (const other of others) {
    if (at !== null && other.orderedAtUtc && Math.abs(at - Date.parse(other.orderedAtUtc)) > windowDays * 86_400_000) continue;
    const by = duplicateReason(order, other);
    if (by) return { orderNo: other.orderNo, by };
  }
  return null;
}

/** The order's total as given, else the sum of its lines; null when prices are unknown. */
export function orderValue(draft: OrderDraft): string | null {
  if (draft.totals.total) return draft.totals.total;
  if (draft.lines.some((l) => l.unitPrice === null)) return null;
  const cents = draft.lines.reduce((sum, l) => sum + scaled(l.unitPrice!) * BigInt(l.qty), ZERO);
  return unscaled(cents);
}

// BigInt() rather than 10n literals: domain/ also type-checks for the add-on's ES2019 target.
const SCALE = BigInt(10_000);
const ZERO = BigInt(0);

function scaled(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const value = BigInt(whole) * SCALE + BigInt((fraction + '0000').slice(0, 4));
  return negative ? -value : value;
}

function unscaled(value: bigint): string {
  const negative = value < ZERO;
  const abs = negative ? -value : value;
  const fraction = (abs % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / SCALE}${fraction ? `.${fraction}` : ''}`;
}

export function compareDecimals(a: string, b: string): number {
  const x = scaled(a);
  const y = scaled(b);
  return x === y ? 0 : x > y ? 1 : -1;
}

/** The review column's text for stored flags, in the sheet's language. */
export function renderReview(flags: readonly Pick<ReviewFlag, 'code' | 'params'>[], lang: Lang): string {
  return flags.map((f) => reviewMessage(lang, f.code, f.params)).join(lang === 'zh' ? '；' : '; ');
}

/**
 * After a SKU mapping or a new product: the unknown-SKU flag names only the SKUs still unknown, or goes.
 * Other flags stay as they were.
 */
export function recheckUnknownSkus(flags: readonly ReviewFlag[], lineSkus: readonly string[], knownSkus: ReadonlySet<string>, lang: Lang): ReviewFlag[] {
  const kept = flags.filter((f) => f.code !== 'unknown_sku');
  const unknown = [...new Set(lineSkus.filter((sku) => !knownSkus.has(sku)))];
  if (!unknown.length) return kept;
  const params = { skus: unknown.join(', ') };
  return [...kept, { code: 'unknown_sku', contact: false, params, message: reviewMessage(lang, 'unknown_sku', params) }];
}
