import { z } from 'zod';
import { ROLES } from '../access/roles';
import { CENTERS } from '../dispatch/flow-centers';
import { HEALTH_CHECKS } from '../dispatch/health-checks';
import { STUCK_RULES } from '../dispatch/stuck-rules';
import { Lang } from './common';

/** The dispatch center's reads (docs/dispatch.md): GET /v1/dispatch/flow, /stuck, /jobs, /health. */
export const DispatchQuery = z.object({ lang: Lang }).strict();
/** `full=true`: the ledger check reads every order, not only those changed since its last clean run. */
export const HealthQuery = z.object({ lang: Lang, full: z.enum(['true', 'false']).default('false') }).strict();

const At = z.string().meta({ description: 'When the answer was computed (the server clock), ISO 8601' });

export const FlowLineSchema = z.object({
  center: z.enum(CENTERS),
  centerLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  count: z.number().int(),
  oldestSince: z.string().nullable().meta({ description: 'Since when the oldest has waited; null at rest' }),
  oldestAgeMs: z.number().int().nullable(),
});
export const FlowResponse = z.object({ at: At, lines: z.array(FlowLineSchema) });

export const StuckHitSchema = z.object({
  rule: z.enum(STUCK_RULES),
  ruleLabel: z.string(),
  entity: z.enum(['order', 'shipment', 'purchase_order', 'stock']),
  key: z.string().meta({ description: 'The order, shipment or PO number, or the stock key' }),
  since: z.string().nullable(),
  ageMs: z.number().int(),
  age: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  action: z.string(),
});
export const StuckQuery = z
  .object({ lang: Lang, limit: z.coerce.number().int().min(1).max(5000).default(500) })
  .strict();
export const StuckResponse = z.object({
  at: At,
  hits: z.array(StuckHitSchema),
  truncated: z.boolean().meta({ description: 'A rule had more than `limit` candidates: the oldest are shown' }),
});

export const JobRunSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  kindLabel: z.string(),
  actor: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  ok: z.boolean(),
  counts: z.record(z.string(), z.number()),
  errors: z.number().int(),
  throttled: z.number().int().meta({ description: '429 answers from a partner during the run' }),
  error: z.string().nullable(),
});
export const JobsQuery = z
  .object({
    lang: Lang,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    failed: z.enum(['true', 'false']).default('false'),
  })
  .strict();
export const JobsResponse = z.object({ runs: z.array(JobRunSchema) });

export const HealthCheckSchema = z.object({
  check: z.enum(HEALTH_CHECKS),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string(),
});
/** A tracking provider's quota as the server last learned it (docs/dispatch.md: the providers check). */
export const ProviderQuotaSchema = z.object({
  provider: z.string(),
  source: z.enum(['account', 'window', 'daily_calls']),
  limit: z.number(),
  remaining: z.number(),
  percentLeft: z.number(),
  resetsAt: z.string().nullable().meta({ description: 'null: the quota does not reset by itself (17TRACK)' }),
  seenAt: z.string(),
  current: z.boolean().meta({ description: 'false: its reset has passed since it was seen' }),
  low: z.boolean().meta({ description: 'below the Settings threshold (the check fails)' }),
});

export const HealthResponse = z.object({
  at: At,
  status: z.enum(['ok', 'warn', 'fail']),
  checks: z.array(HealthCheckSchema),
  quotas: z.array(ProviderQuotaSchema),
});

/** Everything the Flow sheet shows, in one answer (one UrlFetch per sync). */
export const OverviewResponse = z.object({
  at: At,
  lines: z.array(FlowLineSchema),
  stuck: z.array(StuckHitSchema),
  truncated: z.boolean(),
  status: z.enum(['ok', 'warn', 'fail']),
  checks: z.array(HealthCheckSchema),
  quotas: z.array(ProviderQuotaSchema),
  failedRuns: z.array(JobRunSchema),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;
