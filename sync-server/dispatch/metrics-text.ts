/**
 * The dispatch center's counts in the Prometheus text format (version 0.0.4), for monitoring
 * (docs/dispatch.md). Labels carry only codes (center, status, rule, job kind, check), never an order
 * number, a name or an address: what a scraper stores is no one's personal data.
 */
export type MetricsInput = {
  workspaceId: string;
  flow: readonly { center: string; status: string; count: number; oldestAgeMs: number | null }[];
  stuck: readonly { rule: string }[];
  stuckRules: readonly string[];
  jobs: readonly { kind: string; runs: number; failed: number; errors: number; throttled: number; max_ms: number }[];
  checks: readonly { check: string; status: string }[];
  /** Tracking providers' quotas still in force (a window whose reset passed is left out). */
  quotas: readonly {
    provider: string;
    source: string;
    limit: number;
    remaining: number;
    percentLeft: number;
    resetsAt: string | null;
    current: boolean;
  }[];
};

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function metricsText(m: MetricsInput): string {
  const out: string[] = [];
  const family = (
    name: string,
    help: string,
    type: 'gauge' | 'counter',
    samples: [Record<string, string>, number][],
  ) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) out.push(`${name}${labels({ workspace: m.workspaceId, ...l })} ${v}`);
  };
  family(
    'crossdock_items',
    'Items per center and status.',
    'gauge',
    m.flow.map((f) => [{ center: f.center, status: f.status }, f.count]),
  );
  family(
    'crossdock_oldest_age_seconds',
    'Age of the oldest item waiting in a status (statuses at rest are left out).',
    'gauge',
    m.flow
      .filter((f) => f.oldestAgeMs !== null)
      .map((f) => [{ center: f.center, status: f.status }, f.oldestAgeMs! / 1000]),
  );
  family(
    'crossdock_stuck_items',
    'Items a stuck rule flags now.',
    'gauge',
    m.stuckRules.map((rule) => [{ rule }, m.stuck.filter((h) => h.rule === rule).length]),
  );
  const jobs = (name: string, help: string, pick: (j: MetricsInput['jobs'][number]) => number) =>
    family(
      name,
      help,
      'gauge',
      m.jobs.map((j) => [{ kind: j.kind }, pick(j)]),
    );
  jobs('crossdock_job_runs', 'Job runs in the last 24 hours.', (j) => j.runs);
  jobs('crossdock_job_runs_failed', 'Failed job runs in the last 24 hours.', (j) => j.failed);
  jobs('crossdock_job_errors', 'Item errors of job runs in the last 24 hours.', (j) => j.errors);
  jobs('crossdock_job_throttled', '429 answers met by job runs in the last 24 hours.', (j) => j.throttled);
  jobs('crossdock_job_max_duration_seconds', 'Longest job run in the last 24 hours.', (j) => j.max_ms / 1000);
  family(
    'crossdock_health_ok',
    'Health check passes (1), warns (0.5) or fails (0).',
    'gauge',
    m.checks.map((c) => [{ check: c.check }, c.status === 'ok' ? 1 : c.status === 'warn' ? 0.5 : 0]),
  );
  const quotas = m.quotas.filter((q) => q.current);
  const quota = (name: string, help: string, pick: (q: (typeof quotas)[number]) => number) =>
    family(
      name,
      help,
      'gauge',
      quotas.map((q) => [{ provider: q.provider, source: q.source }, pick(q)]),
    );
  quota('crossdock_tracking_quota_remaining', 'What a tracking provider quota has left.', (q) => q.remaining);
  quota('crossdock_tracking_quota_limit', 'The size of a tracking provider quota.', (q) => q.limit);
  quota('crossdock_tracking_quota_left_ratio', 'Share of a tracking provider quota left (0 to 1).', (q) =>
    q.limit > 0 ? q.remaining / q.limit : 0,
  );
  family(
    'crossdock_tracking_quota_reset_seconds',
    'Unix time a tracking provider quota resets (quotas that never reset by themselves are left out).',
    'gauge',
    quotas
      .filter((q) => q.resetsAt)
      .map((q) => [{ provider: q.provider, source: q.source }, Date.parse(q.resetsAt!) / 1000]),
  );
  return `${out.join('\n')}\n`;
}
