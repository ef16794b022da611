// The package's index: country codes only. Its main entry also loads every language's names (~50 ms at start).
import { isValid as isCountryCode } from 'i18n-iso-countries/index';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import type { Lang } from '../i18n/lang';
import { compareAmounts, multiplyAmount, sumAmounts } from '../money/decimal-amount';
import { addressRequirements } from './address-rules';
import { isUnpaid } from './channel-closing';
import { DuplicateIndex, duplicateReason, phoneDigits, type Contact } from './duplicate-match';
import type { AllocationWarehouse } from '../inventory/allocation';
import { noWarehouseFlag } from './network-review';
import type { PhoneCheck } from './phone-check';
import type { LineFulfilment, OrderDraft } from './order-draft';
import { reviewMessage, type ReviewMessageKey } from './review-messages';
import type { ReviewSettings } from './review-settings';

export { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from './review-settings';

/** How an order can be reached: what the duplicate check compares. */
export function contactOf(draft: OrderDraft): Contact {
  const r = draft.recipient;
  return {
    phone: draft.phone,
    email: draft.email,
    name: r.name,
    address1: r.address1,
    postalCode: r.postalCode,
    country: r.country,
  };
}

/** Another open order (not invalid, not cancelled) auto-review compares with. */
export type ReviewCandidate = Contact & { orderNo: string; orderedAtUtc: string | null };

const CHANNEL_NAMES: Record<OrderDraft['channel'], string> = {
  shopify: 'Shopify',
  amazon: 'Amazon',
  template: 'the file',
  manual: 'the sheet',
};

export type ReviewFlag = { code: ReviewMessageKey; contact: boolean; params: Record<string, string>; message: string };
export type ReviewOutcome = {
  status: 'pending_review' | 'pending_contact' | 'approved' | 'cancelled' | 'shipped';
  flags: ReviewFlag[];
  summary: string;
};

/**
 * Sorts a new order (docs/orders.md): flags to check by hand, and the ones that need a call send it to
 * pending_contact. Clean orders are approved only when the workspace turned that on.
 */
export function reviewOrder(
  /** `receivedAt`: when the order came in; an order without a date is compared as of then. */
  input: {
    draft: OrderDraft;
    knownSkus: ReadonlySet<string>;
    others: readonly ReviewCandidate[] | DuplicateIndex<ReviewCandidate>;
    receivedAt?: string;
    /** The SKUs as the file gave them, when `draft` already carries mapped SKUs (line by line). */
    channelSkus?: readonly string[];
    /** The workspace's warehouses at import: an order to a country none of the active ones serves is flagged. */
    warehouses?: readonly AllocationWarehouse[];
    /** How phones are checked: an import passes one cache for all its orders (cachedPhoneCheck). */
    phoneCheck?: PhoneCheck;
  },
  settings: ReviewSettings,
  lang: Lang,
): ReviewOutcome {
  const { draft } = input;
  const flags: ReviewFlag[] = [];
  const flag = (code: ReviewMessageKey, contact: boolean, params: Record<string, string> = {}) =>
    flags.push({ code, contact, params, message: reviewMessage(lang, code, params) });
  // An order the shop already closed is recorded as it is: nobody reviews, calls or ships it again.
  if (draft.closedBy) {
    flag(`closed_${draft.closedBy}`, false, { channel: CHANNEL_NAMES[draft.channel] });
    return {
      status: draft.closedBy === 'fulfilled' ? 'shipped' : 'cancelled',
      flags,
      summary: renderReview(flags, lang),
    };
  }
  const r = draft.recipient;
  const contact = contactOf(draft);

  const others = input.others instanceof DuplicateIndex ? input.others.near(contact) : input.others;
  const duplicate = findDuplicate(
    contact,
    draft.orderedAt?.utc ?? input.receivedAt ?? null,
    others,
    settings.duplicateWindowDays,
  );
  if (duplicate)
    flag('possible_duplicate', false, { other: duplicate.orderNo, by: reviewMessage(lang, `by_${duplicate.by}`) });

  // What an address needs depends on the country (Google's address data): Japan has no city line, Hong Kong
  // no postal code, Ireland's is optional. An order with nothing for us to ship (gift cards) needs none.
  const ships = draft.lines.some((l) => l.fulfilment === 'crossdock');
  const needs = addressRequirements(r.country);
  const parts = {
    name: true,
    address1: true,
    city: needs.city,
    province: needs.province,
    postal_code: needs.postalCode,
    country: true,
  };
  const given = {
    name: r.name,
    address1: r.address1,
    city: r.city,
    province: r.province,
    postal_code: r.postalCode,
    country: r.country,
  };
  const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((part) => parts[part] && !given[part]);
  if (ships && missing.length)
    flag('missing_address', false, { parts: missing.map((part) => reviewMessage(lang, `part_${part}`)).join(', ') });

  const country = r.country && isCountryCode(r.country) ? (r.country as CountryCode) : null;
  if (r.country && !country) flag('invalid_country', false, { country: r.country });
  if (!draft.phone) {
    if (ships) flag('missing_phone', false);
  } else if (country && !(input.phoneCheck ?? isValidPhoneNumber)(draft.phone, country))
    flag('invalid_phone', false, { phone: draft.phone, country });
  if (
    country &&
    r.postalCode &&
    postcodeValidatorExistsForCountry(country) &&
    !postcodeValidator(r.postalCode, country)
  ) {
    flag('invalid_postal_code', false, { code: r.postalCode, country });
  }

  for (const f of skuFlags(
    draft.lines.map((l, i) => ({
      sku: l.sku,
      channelSku: input.channelSkus?.[i] ?? l.sku,
      keyedByName: l.keyedByName,
      fulfilment: l.fulfilment,
    })),
    input.knownSkus,
    lang,
  )) {
    flags.push(f);
  }

  const unserved = noWarehouseFlag({ country: r.country, ships }, input.warehouses ?? [], lang);
  if (unserved) flags.push(unserved);

  if (draft.cancellationRequest)
    flag('cancellation_requested', false, { reason: draft.cancellationRequest.reason ?? '-' });
  if (draft.paymentMethod === 'cod') flag('cod', true);
  else if (isUnpaid(draft.financialStatus)) flag('unpaid', false, { state: draft.financialStatus! });
  const value = orderValue(draft);
  const limit = settings.highValueLimit;
  if (limit && value && draft.currency === limit.currency && compareAmounts(value, limit.amount) > 0) {
    flag('high_value', true, { value, currency: limit.currency, limit: limit.amount });
  }
  const blockedPhone =
    draft.phone &&
    settings.blockedPhones.some(
      (p) => phoneDigits(p).length > 6 && phoneDigits(p).slice(-9) === phoneDigits(draft.phone).slice(-9),
    );
  const blockedEmail = draft.email && settings.blockedEmails.some((e) => e.trim().toLowerCase() === draft.email);
  if (blockedPhone) flag('blocklisted', true, { what: draft.phone! });
  if (blockedEmail) flag('blocklisted', true, { what: draft.email! });

  const status = flags.some((f) => f.contact)
    ? 'pending_contact'
    : flags.length === 0 && settings.autoApprove
      ? 'approved'
      : 'pending_review';
  return { status, flags, summary: renderReview(flags, lang) };
}

function findDuplicate(
  order: Contact,
  orderedAtUtc: string | null,
  others: readonly ReviewCandidate[],
  windowDays: number,
) {
  const at = orderedAtUtc ? Date.parse(orderedAtUtc) : null;
  for (const other of others) {
    if (at !== null && other.orderedAtUtc && Math.abs(at - Date.parse(other.orderedAtUtc)) > windowDays * 86_400_000)
      continue;
    const by = duplicateReason(order, other);
    if (by) return { orderNo: other.orderNo, by };
  }
  return null;
}

/** The order's total as given, else the sum of its lines (each line's amount where the file gave it); null when prices are unknown. */
export function orderValue(draft: OrderDraft): string | null {
  if (draft.totals.total) return draft.totals.total;
  if (draft.lines.some((l) => l.unitPrice === null && l.lineTotal === null)) return null;
  return sumAmounts(draft.lines.map((l) => l.lineTotal ?? multiplyAmount(l.unitPrice!, l.qty)));
}

/** The review column's text for stored flags, in the sheet's language. */
export function renderReview(flags: readonly Pick<ReviewFlag, 'code' | 'params'>[], lang: Lang): string {
  return flags.map((f) => reviewMessage(lang, f.code, f.params)).join(lang === 'zh' ? '；' : '; ');
}

/** A line as the SKU checks see it: `channelSku` is what the file gave (the name, for a line keyed by name). */
export type SkuCheckLine = { sku: string; channelSku: string; keyedByName: boolean; fulfilment: LineFulfilment };

/**
 * Lines we ship need a known SKU. A line the shop sold without a SKU is named until a SKU mapping from its
 * name resolves it; a line mapped to a SKU that is not a product is an unknown SKU like any other.
 * Lines nobody ships (gift cards) or the channel shipped need none.
 */
function skuFlags(lines: readonly SkuCheckLine[], knownSkus: ReadonlySet<string>, lang: Lang): ReviewFlag[] {
  const ours = lines.filter((l) => l.fulfilment === 'crossdock' && !knownSkus.has(l.sku));
  const unnamed = [...new Set(ours.filter((l) => l.keyedByName && l.sku === l.channelSku).map((l) => l.sku))];
  const unknown = [...new Set(ours.filter((l) => !(l.keyedByName && l.sku === l.channelSku)).map((l) => l.sku))];
  const flags: ReviewFlag[] = [];
  const add = (code: 'unknown_sku' | 'no_sku', params: Record<string, string>) =>
    flags.push({ code, contact: false, params, message: reviewMessage(lang, code, params) });
  if (unknown.length) add('unknown_sku', { skus: unknown.join(', ') });
  if (unnamed.length) add('no_sku', { names: unnamed.map((n) => `"${n}"`).join(', ') });
  return flags;
}

/**
 * After a SKU mapping or a new product: the SKU flags name only what is still unknown, or go.
 * Other flags stay as they were.
 */
export function recheckUnknownSkus(
  flags: readonly ReviewFlag[],
  lines: readonly SkuCheckLine[],
  knownSkus: ReadonlySet<string>,
  lang: Lang,
): ReviewFlag[] {
  return [...flags.filter((f) => f.code !== 'unknown_sku' && f.code !== 'no_sku'), ...skuFlags(lines, knownSkus, lang)];
}
