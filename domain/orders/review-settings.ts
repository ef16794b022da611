/**
 * Workspace settings for auto-review (Settings sheet); amounts are exact decimal strings. Kept apart from
 * the review rules so the add-on can show them without bundling the country and phone libraries.
 */
export type ReviewSettings = {
  duplicateWindowDays: number;
  highValueLimit: { amount: string; currency: string } | null;
  blockedPhones: readonly string[];
  blockedEmails: readonly string[];
  /** Off by default: auto-review sorts, a person approves. */
  autoApprove: boolean;
  /**
   * Orders the shop had already cancelled, refunded or fulfilled: imported as they are (cancelled, or
   * shipped by the channel — they still count as sales) or, when off, skipped and counted in the summary.
   */
  importClosedOrders: boolean;
};

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  duplicateWindowDays: 14,
  highValueLimit: null,
  blockedPhones: [],
  blockedEmails: [],
  autoApprove: false,
  importClosedOrders: true,
};
