import { HEALTH_STATUS_LABELS } from '../../domain/dispatch/health-checks';
import { STUCK_RULES, RULE_SPECS } from '../../domain/dispatch/stuck-rules';
import type { Lang } from '../../domain/i18n/lang';
import type { Database } from '../db/database';
import { dispatchHealth, dispatchStuck } from '../workflows/dispatch-center';

/**
 * `npx crossdock doctor`: one line per health check, then the stuck items per rule, then the verdict.
 * Exit code 1 when a check fails (for cron and monitoring), 0 otherwise; stuck items alone do not fail it.
 */
export async function runDoctor(
  db: Database,
  workspaceId: string,
  lang: Lang,
  now: () => Date,
  out: { log(line: string): void },
  /** Every order's holdings, not only those changed since the last clean check (`--full`). */
  full = false,
): Promise<number> {
  const at = now();
  const health = await dispatchHealth(db.pool, workspaceId, at, lang, full ? 'full' : 'changed');
  for (const c of health.checks) out.log(`${c.status.toUpperCase()}\t${c.label}: ${c.detail}`);
  const stuck = await dispatchStuck(db.pool, workspaceId, at, lang, 5000);
  for (const rule of STUCK_RULES) {
    const n = stuck.hits.filter((h) => h.rule === rule).length;
    if (n) out.log(`stuck\t${RULE_SPECS[rule].label[lang]}: ${n}${stuck.truncated ? '+' : ''}`);
  }
  out.log(
    `${HEALTH_STATUS_LABELS[health.status][lang]}: ${health.checks.length} checks, ${stuck.hits.length} stuck items`,
  );
  return health.status === 'fail' ? 1 : 0;
}
