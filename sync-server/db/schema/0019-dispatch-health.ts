/**
 * The dispatch center's health (docs/dispatch.md): what the server knows of each tracking provider's quota.
 * A reading per provider and source: `account` (17TRACK getquota: the bought balance, no reset), `window`
 * (X-RateLimit-* headers of the last answer, until their reset), `daily_calls` (our own count of calls
 * today against an allowance set in the server's settings, until the next UTC midnight). Providers are
 * server-wide, like their pauses in provider_slots, so the rows have no workspace. And where the last clean
 * ledger check stopped, so the next one reads only what changed after it (`doctor --full` reads it all).
 */
export const DISPATCH_HEALTH = `
CREATE TABLE provider_quotas (
  provider text NOT NULL,
  source text NOT NULL CHECK (source IN ('account', 'window', 'daily_calls')),
  quota_limit bigint NOT NULL CHECK (quota_limit >= 0),
  remaining bigint NOT NULL,
  resets_at timestamptz,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (provider, source)
);

-- Calls made today (UTC), counted where every call already takes its slot: no extra write per call.
ALTER TABLE provider_slots ADD COLUMN calls_day date;
ALTER TABLE provider_slots ADD COLUMN calls_today integer NOT NULL DEFAULT 0;

-- Orders up to this change number and reservations up to this id were clean at checked_at.
CREATE TABLE ledger_checks (
  workspace_id text PRIMARY KEY REFERENCES workspaces(id),
  orders_change_no bigint NOT NULL,
  reservation_id bigint NOT NULL,
  checked_at timestamptz NOT NULL
);
`;
