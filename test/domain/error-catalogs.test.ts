import { DomainError } from '../../domain/domain-error';
import type { ErrorEntry } from '../../domain/errors/error-catalog';
import { ERROR_CATALOGS, errorStatus, errorText } from '../../domain/errors/error-codes';
import { LANGS } from '../../domain/i18n/lang';

const entries = Object.entries(ERROR_CATALOGS).flatMap(([area, catalog]) =>
  Object.entries(catalog).map(([code, entry]) => ({ area, code, entry: entry as ErrorEntry })),
);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('error catalogs', () => {
  test.each(entries)('$area/$code has both languages, the same placeholders and an error status', ({ entry }) => {
    for (const lang of LANGS) expect(entry[lang].trim()).not.toBe('');
    // A Chinese text that is English copied over would pass "non-empty": it must hold Chinese characters.
    expect(entry.zh).toMatch(/\p{Script=Han}/u);
    expect(placeholders(entry.zh)).toEqual(placeholders(entry.en));
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThanOrEqual(599);
  });

  test('a code belongs to one area only', () => {
    const areasOf = new Map<string, string[]>();
    for (const { area, code } of entries) areasOf.set(code, [...(areasOf.get(code) ?? []), area]);
    expect([...areasOf].filter(([, areas]) => areas.length > 1)).toEqual([]);
  });

  test('statuses are the ones answered before the catalogs (unlisted codes were 400)', () => {
    const before: Record<string, number> = {
      unauthenticated: 401,
      key_revoked: 401,
      member_removed: 401,
      no_roles: 403,
      cursor_ahead: 409,
      forbidden: 403,
      forbidden_workspace: 403,
      not_a_member: 403,
      id_token_expired: 401,
      id_token_wrong_audience: 401,
      id_token_wrong_issuer: 401,
      id_token_invalid: 401,
      id_token_email_unverified: 401,
      google_account_not_member: 403,
      workspace_not_found: 404,
      member_not_found: 404,
      key_not_found: 404,
      not_found: 404,
      mutation_reused: 409,
      idempotency_key_reused: 409,
      command_expired: 409,
      body_too_large: 413,
      unsupported_media_type: 415,
      rate_limited: 429,
      invalid_receipt: 422,
      invalid_purchase_order: 422,
      over_receipt: 422,
      po_not_open: 409,
      nothing_open: 409,
      already_received: 409,
      already_cancelled: 409,
      invalid_transfer: 422,
      transfer_not_draft: 409,
      short_at_source: 409,
      transfer_not_in_transit: 409,
      over_arrival: 422,
      transfer_nothing_open: 409,
      not_ready: 503,
      shipment_not_found: 404,
      shipment_not_draft: 409,
      split_refused: 422,
      tracking_file_unreadable: 422,
      label_link_invalid: 404,
      webhook_signature: 401,
      journey_order_not_found: 404,
      invalid_after_sale: 422,
      after_sale_order_not_found: 404,
      after_sale_order_not_shipped: 409,
      after_sale_case_not_found: 404,
      after_sale_not_receivable: 409,
      invalid_after_sale_receipt: 422,
      after_sale_closed: 409,
      report_owner_forbidden: 403,
      invalid_freight_bill: 422,
      internal: 500,
    };
    for (const { code, entry } of entries) expect([code, entry.status]).toEqual([code, before[code] ?? 400]);
  });

  test('an error thrown with params renders its text in either language; finished text is kept as given', () => {
    const error = new DomainError('cursor_ahead', { since: 9, upTo: 3 });
    expect(error.message).toBe(errorText('en', 'cursor_ahead', { since: 9, upTo: 3 }));
    expect(error.message).toContain('The cursor 9 is ahead of this workspace (3)');
    expect(errorText('zh', error.code, error.params!)).toContain('游标 9');
    expect(errorStatus(error.code)).toBe(409);
    const finished = new DomainError('po_not_open', 'PO-1 状态为 已到货');
    expect([finished.message, finished.params]).toEqual(['PO-1 状态为 已到货', null]);
  });
});
