import type { Lang } from '../domain/i18n/lang';
import { messageCatalog } from '../domain/i18n/message-catalog';

/** What live sync says (menu, toasts, the status line), in both languages. */
const LIVE_TEXT = {
  menu_live_on: { en: 'Live sync: turn on', zh: '实时同步：开启' },
  menu_live_off: { en: 'Live sync: turn off', zh: '实时同步：关闭' },
  menu_sync_status: { en: 'Sync status…', zh: '同步状态…' },
  live_on: {
    en: 'Live sync is on for you: your edits are sent within seconds, and the sheet brings in everyone else’s changes every {minutes} minutes.',
    zh: '已为你开启实时同步：你的修改会在几秒内发送，表格每 {minutes} 分钟取回其他人和服务器的变更。',
  },
  live_off: {
    en: 'Live sync is off for you: your triggers were removed. Use Sync now; rows you type are sent when live sync is on again.',
    zh: '已为你关闭实时同步：你的触发器已删除。请使用“立即同步”；你输入的行将在重新开启实时同步后发送。',
  },
  live_needs_connection: {
    en: 'Connect first (Crossdock > Connect to server…), then turn live sync on.',
    zh: '请先连接（Crossdock > 连接服务器…），再开启实时同步。',
  },
  status_title: { en: 'Crossdock sync status', zh: 'Crossdock 同步状态' },
  status_line: {
    en: 'Live sync: {live}. Last sync: {last}. Next: {next}. Used in the last 24 h: {calls} of {callBudget} UrlFetch calls, {minutes} of {minuteBudget} trigger minutes (consumer-account limits; Workspace: 100,000 calls, 6 h).',
    zh: '实时同步：{live}。上次同步：{last}。下次：{next}。过去 24 小时已用：UrlFetch 调用 {calls} / {callBudget} 次，触发器时间 {minutes} / {minuteBudget} 分钟（个人账号限额；Workspace 账号：10 万次、6 小时）。',
  },
  status_on: { en: 'on', zh: '开启' },
  status_off: { en: 'off', zh: '关闭' },
  status_never: { en: 'never', zh: '尚未同步' },
  status_manual: { en: 'when you press Sync now', zh: '你点击“立即同步”时' },
  status_by_other: { en: 'every {minutes} min (run by {owner})', zh: '每 {minutes} 分钟（由 {owner} 运行）' },
  status_last_error: { en: 'Last background error: {reason}', zh: '上次后台错误：{reason}' },
  status_budget_paused: {
    en: 'Background sync paused: 90% of the daily Apps Script budget is used. Sync now still works.',
    zh: '后台同步已暂停：已用掉每日 Apps Script 配额的 90%。“立即同步”仍可使用。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type LiveTextKey = keyof typeof LIVE_TEXT;

export const liveText = messageCatalog<LiveTextKey>(LIVE_TEXT);
