import { DISPATCH_SETTINGS_BLOCK } from '../../domain/dispatch/dispatch-settings';
import { flowLines, type Center, type FlowLine } from '../../domain/dispatch/flow-centers';
import {
  HEALTH_LABELS,
  healthText,
  jobKindLabel,
  overallHealth,
  type HealthCheck,
  type HealthStatus,
} from '../../domain/dispatch/health-checks';
import {
  STUCK_RULES,
  stuckCutoff,
  stuckHits,
  type StuckFact,
  type StuckHit,
  type StuckRule,
} from '../../domain/dispatch/stuck-rules';
import { providerQuotaCheck, type QuotaState } from '../../domain/dispatch/provider-quota';
import type { Lang } from '../../domain/i18n/lang';
import { run, type Queryable } from '../db/database';
import type { SqlQuery } from '../db/sql-query';
import * as q from '../dispatch/dispatch-sql';
import { selectJobHealth, selectJobRuns } from '../dispatch/job-runs';
import { metricsText } from '../dispatch/metrics-text';
import { checkStockLines } from '../inventory/ledger-check';
import { checkLedgerSinceClean } from '../inventory/ledger-watermark';
import { loadSettings } from '../settings/settings-service';
import { selectQuotas } from '../tracking/provider-quotas';

/** The pipeline at a glance (docs/dispatch.md): every center's count per status, with the oldest age. */
export async function dispatchFlow(client: Queryable, workspaceId: string, now: Date, lang: Lang): Promise<FlowLine[]> {
  const rows = (
    await run<{ center: Center; status: string; count: number; oldest: Date | null }>(
      client,
      q.selectFlowCounts(workspaceId),
    )
  ).rows;
  const counts = rows.map((r) => ({
    center: r.center,
    status: r.status,
    count: Number(r.count),
    oldestSince: r.oldest ? new Date(r.oldest).toISOString() : null,
  }));
  return flowLines(counts, now, lang);
}

type FactRow = { key: string; since: Date | null; attempts?: number; lead_days?: number | null };

/**
 * Every stuck item at `now`, oldest first. Each rule's query reads only what is already past its threshold
 * (through a status index), at most `limit` per rule; the pure rules then decide and word each hit.
 */
export async function dispatchStuck(
  client: Queryable,
  workspaceId: string,
  now: Date,
  lang: Lang,
  limit: number,
): Promise<{ hits: StuckHit[]; truncated: boolean }> {
  const s = await loadSettings(client, workspaceId, DISPATCH_SETTINGS_BLOCK);
  const cut = (rule: Parameters<typeof stuckCutoff>[0]) => stuckCutoff(rule, s, now);
  const queries: [StuckRule, SqlQuery][] = [
    ['pending_review', q.selectOrdersInStatusSince(workspaceId, 'pending_review', cut('pending_review'), limit)],
    ['pending_contact', q.selectContactCandidates(workspaceId, cut('pending_contact'), s.contactAttempts, limit)],
    ['pending_purchase', q.selectPurchaseCandidates(workspaceId, now, s.purchaseFallbackDays, limit)],
    ['pending_shipment', q.selectOrdersInStatusSince(workspaceId, 'pending_shipment', cut('pending_shipment'), limit)],
    ['no_first_scan', q.selectUnscannedShipments(workspaceId, cut('no_first_scan'), limit)],
    ['tracking_quiet', q.selectQuietShipments(workspaceId, cut('tracking_quiet'), limit)],
    ['exception_open', q.selectShipmentsInStatusSince(workspaceId, 'exception', cut('exception_open'), limit)],
    ['po_late', q.selectLatePurchaseOrders(workspaceId, cut('po_late'), limit)],
  ];
  const facts: StuckFact[] = [];
  let truncated = false;
  for (const [rule, query] of queries) {
    const rows = (await run<FactRow>(client, query)).rows;
    if (rows.length >= limit) truncated = true;
    for (const r of rows) {
      facts.push({
        rule,
        key: r.key,
        since: r.since ? new Date(r.since).toISOString() : null,
        attempts: r.attempts === undefined ? undefined : Number(r.attempts),
        leadDays: r.lead_days === undefined || r.lead_days === null ? null : Number(r.lead_days),
      });
    }
  }
  // Ledger ≠ reserved counter (DESIGN 3.7): the stock lines whose reserved differs from their reservations.
  const stockLines = await checkStockLines(client, workspaceId, lang);
  for (const m of stockLines.mismatches.filter((x) => x.code === 'reserved_mismatch')) {
    facts.push({ rule: 'ledger_mismatch', key: m.key, since: null, detail: m.message });
  }
  return { hits: stuckHits(facts, s, now, lang), truncated };
}

export type JobHealthRow = {
  kind: string;
  runs: number;
  failed: number;
  errors: number;
  throttled: number;
  avg_ms: number;
  max_ms: number;
  last_at: Date | null;
  last_ok: boolean | null;
  last_error: string | null;
};

export async function jobHealth(client: Queryable, workspaceId: string, now: Date): Promise<JobHealthRow[]> {
  const since = new Date(now.getTime() - 86_400_000);
  return (await run<JobHealthRow>(client, selectJobHealth(workspaceId, since))).rows;
}

/** The health checks: ledger, carrier capacity used today, tracking providers' quota, recent job runs. */
export async function dispatchHealth(
  client: Queryable,
  workspaceId: string,
  now: Date,
  lang: Lang,
  /** `changed`: orders changed since the last clean check (the default); `full`: every order. */
  ledgerDepth: 'full' | 'changed' | 'stock_lines' = 'changed',
): Promise<{ status: HealthStatus; checks: HealthCheck[]; quotas: QuotaState[] }> {
  const checks: HealthCheck[] = [];
  const add = (check: HealthCheck['check'], status: HealthStatus, detail: string) =>
    checks.push({ check, label: HEALTH_LABELS[check][lang], status, detail });

  // Every sync's Flow sheet checks the stock lines; the doctor and GET /v1/dispatch/health check the orders
  // changed since the last clean check too, and every order when asked for `full`.
  const ledger =
    ledgerDepth === 'stock_lines'
      ? { ...(await checkStockLines(client, workspaceId, lang)), since: null }
      : await checkLedgerSinceClean(client, workspaceId, lang, now, ledgerDepth === 'full');
  if (ledger.mismatches.length) {
    const first = ledger.mismatches
      .slice(0, 3)
      .map((m) => m.message)
      .join('; ');
    add('ledger', 'fail', healthText(lang, 'ledger_bad', { count: ledger.mismatches.length, first }));
  } else {
    const counts = { lines: ledger.stockLines, reservations: ledger.reservations, since: ledger.since ?? '' };
    const text = ledgerDepth === 'stock_lines' ? 'ledger_lines_ok' : ledger.since ? 'ledger_changed_ok' : 'ledger_ok';
    add('ledger', 'ok', healthText(lang, text, counts));
  }

  const day = now.toISOString().slice(0, 10);
  const capacity = (
    await run<{ service: string; capacity: number; booked: number }>(client, q.selectCapacityToday(workspaceId, day))
  ).rows;
  if (!capacity.length) add('capacity', 'ok', healthText(lang, 'capacity_none'));
  else {
    const worst = capacity.some((c) => c.booked > c.capacity)
      ? 'fail'
      : capacity.some((c) => c.booked >= c.capacity)
        ? 'warn'
        : 'ok';
    add('capacity', worst, capacity.map((c) => healthText(lang, 'capacity_used', { ...c })).join(', '));
  }

  // Tracking providers: paused or not, and what their quota answers and our own counts say is left.
  const slots = (await run<{ provider: string; paused_until: Date | null }>(client, q.selectProviderPauses())).rows;
  const settings = await loadSettings(client, workspaceId, DISPATCH_SETTINGS_BLOCK);
  const quota = providerQuotaCheck(
    {
      providers: slots.map((p) => p.provider),
      pausedUntil: Object.fromEntries(
        slots.map((p) => [p.provider, p.paused_until ? new Date(p.paused_until).toISOString() : null]),
      ),
      readings: await selectQuotas(client),
    },
    settings.quotaLeftPercent,
    now,
    lang,
  );
  add('providers', quota.status, quota.detail);

  const jobs = await jobHealth(client, workspaceId, now);
  const failedLast = jobs.filter((j) => j.last_ok === false);
  const summary = jobs.map((j) =>
    healthText(lang, 'job_kind', {
      kind: jobKindLabel(j.kind, lang),
      runs: j.runs,
      failed: j.failed,
      throttled: j.throttled,
    }),
  );
  const lastFailures = failedLast.map((j) =>
    healthText(lang, 'job_last_failed', { kind: jobKindLabel(j.kind, lang), error: j.last_error ?? '' }),
  );
  add(
    'jobs',
    failedLast.length ? 'fail' : 'ok',
    jobs.length ? [...lastFailures, ...summary].join('; ') : healthText(lang, 'jobs_none'),
  );
  return { status: overallHealth(checks), checks, quotas: quota.states };
}

/** The latest job runs, newest first (only failed ones when asked), for the API and the Flow sheet. */
export async function recentJobRuns(
  client: Queryable,
  workspaceId: string,
  limit: number,
  failedOnly: boolean,
  lang: Lang,
) {
  const rows = (await run<Record<string, unknown>>(client, selectJobRuns(workspaceId, limit, failedOnly))).rows;
  return rows.map((r) => ({
    id: Number(r.id),
    kind: String(r.kind),
    kindLabel: jobKindLabel(String(r.kind), lang),
    actor: String(r.actor),
    startedAt: new Date(r.started_at as Date).toISOString(),
    durationMs: Number(r.duration_ms),
    ok: Boolean(r.ok),
    counts: (r.counts ?? {}) as Record<string, number>,
    errors: Number(r.errors),
    throttled: Number(r.throttled),
    error: (r.error as string | null) ?? null,
  }));
}

/** Everything /metrics shows, from the same reads as the routes (so both say the same). */
export async function dispatchMetrics(client: Queryable, workspaceId: string, now: Date): Promise<string> {
  const flow = await dispatchFlow(client, workspaceId, now, 'en');
  const stuck = await dispatchStuck(client, workspaceId, now, 'en', 5000);
  const jobs = await jobHealth(client, workspaceId, now);
  const health = await dispatchHealth(client, workspaceId, now, 'en', 'stock_lines');
  return metricsText({
    workspaceId,
    flow,
    stuck: stuck.hits,
    stuckRules: STUCK_RULES,
    jobs,
    checks: health.checks,
    quotas: health.quotas,
  });
}

/** Everything the Flow sheet shows (GET /v1/dispatch/overview, and a sync that asks for `flow`). */
export async function dispatchOverview(client: Queryable, workspaceId: string, now: Date, lang: Lang) {
  const stuck = await dispatchStuck(client, workspaceId, now, lang, 500);
  return {
    at: now.toISOString(),
    lines: await dispatchFlow(client, workspaceId, now, lang),
    stuck: stuck.hits,
    truncated: stuck.truncated,
    ...(await dispatchHealth(client, workspaceId, now, lang, 'stock_lines')),
    failedRuns: await recentJobRuns(client, workspaceId, 10, true, lang),
  };
}
