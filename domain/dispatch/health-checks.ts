import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';
import type { Localized } from '../sheets/column-spec';

/** The dispatch center's health checks (docs/dispatch.md); `npx crossdock doctor` fails when one fails. */
export const HEALTH_CHECKS = ['ledger', 'capacity', 'providers', 'jobs'] as const;
export type HealthCheckName = (typeof HEALTH_CHECKS)[number];
export type HealthStatus = 'ok' | 'warn' | 'fail';

export type HealthCheck = { check: HealthCheckName; label: string; status: HealthStatus; detail: string };

export const HEALTH_LABELS: Record<HealthCheckName, Localized> = {
  ledger: { en: 'Stock ledger', zh: '库存台账' },
  capacity: { en: 'Carrier capacity used today', zh: '今日承运商运力使用' },
  providers: { en: 'Tracking provider quota', zh: '物流查询服务额度' },
  jobs: { en: 'Job runs (last 24 h)', zh: '任务运行（近 24 小时）' },
};

export const HEALTH_STATUS_LABELS: Record<HealthStatus, Localized> = {
  ok: { en: 'OK', zh: '正常' },
  warn: { en: 'Warning', zh: '警告' },
  fail: { en: 'Failed', zh: '失败' },
};

export const healthText = messageCatalog({
  ledger_ok: {
    en: '{lines} stock lines and {reservations} reservations agree',
    zh: '{lines} 条库存与 {reservations} 条锁定记录一致',
  },
  ledger_lines_ok: {
    en: '{lines} stock lines agree with their {reservations} reservations and their adjustments (npx crossdock doctor checks every order too)',
    zh: '{lines} 条库存与 {reservations} 条锁定记录及调整记录一致（npx crossdock doctor 还会逐单检查）',
  },
  ledger_changed_ok: {
    en: '{lines} stock lines and {reservations} reservations agree; orders changed since the last clean check ({since}) hold what they should (npx crossdock doctor --full checks every order)',
    zh: '{lines} 条库存与 {reservations} 条锁定记录一致；自上次检查无误（{since}）以来有变动的订单锁定正确（npx crossdock doctor --full 逐单检查）',
  },
  ledger_bad: { en: '{count} mismatches: {first}', zh: '{count} 处不一致：{first}' },
  capacity_none: { en: 'No carrier service has a daily capacity', zh: '没有设置日运力的承运商服务' },
  capacity_used: { en: '{service} {booked}/{capacity}', zh: '{service} {booked}/{capacity}' },
  jobs_none: { en: 'No runs recorded', zh: '没有运行记录' },
  job_kind: {
    en: '{kind}: {runs} runs, {failed} failed, {throttled}× 429',
    zh: '{kind}：{runs} 次运行，{failed} 次失败，{throttled} 次 429',
  },
  job_last_failed: { en: 'last {kind} failed: {error}', zh: '最近一次 {kind} 失败：{error}' },
});

export const JOB_KIND_LABELS: Record<string, Localized> = {
  sync_push: { en: 'Sync push', zh: '同步上传' },
  sync_pull: { en: 'Sync pull', zh: '同步下载' },
  import: { en: 'Order import', zh: '订单导入' },
  tracking_poll: { en: 'Tracking poll', zh: '物流轮询' },
  publish: { en: 'Publish', zh: '发布' },
};

export function jobKindLabel(kind: string, lang: Lang): string {
  return JOB_KIND_LABELS[kind]?.[lang] ?? kind;
}

/** The worst of the checks: what the overall health (and the doctor's exit code) follows. */
export function overallHealth(checks: readonly { status: HealthStatus }[]): HealthStatus {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';
}
