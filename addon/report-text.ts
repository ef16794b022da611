import { messageCatalog } from '../domain/i18n/message-catalog';
import type { Lang } from '../domain/i18n/lang';

/** What the report menu items say (docs/reports.md, "In the add-on"), in both languages. */
const REPORT_TEXT = {
  menu_report_refresh: { en: 'Refresh report data', zh: '刷新报表数据' },
  menu_reports_build: { en: 'Build reports', zh: '生成报表' },
  menu_my_products: { en: 'Refresh My products', zh: '刷新我的产品' },
  sheet_reports: { en: 'Reports', zh: '报表' },
  report_forbidden: {
    en: 'The server refused ({status}): your Crossdock member cannot read cost and profit data (boss and admin only). Nothing was changed.',
    zh: '服务器拒绝（{status}）：你的 Crossdock 成员身份不能查看成本和利润数据（仅限老板和管理员）。未做任何更改。',
  },
  report_refused: { en: '{reason} Nothing was changed.', zh: '{reason} 未做任何更改。' },
  report_stopped: {
    en: 'Stopped after {rows} rows: {reason} Run "{menu}" again to continue from there.',
    zh: '写入 {rows} 行后中断：{reason} 请再次运行“{menu}”从中断处继续。',
  },
  report_paused: {
    en: '{rows} rows written so far; run "{menu}" again to continue (each run has a time limit).',
    zh: '已写入 {rows} 行；请再次运行“{menu}”继续（每次运行有时间限制）。',
  },
  report_busy: {
    en: 'Report data of this spreadsheet is being refreshed by someone else; try again in a minute.',
    zh: '其他人正在刷新此表格的报表数据，请稍后再试。',
  },
  report_done: { en: 'Report data refreshed: {summary}.', zh: '报表数据已刷新：{summary}。' },
  report_rows: { en: '{sheet} {rows} rows', zh: '{sheet} {rows} 行' },
  reports_built: {
    en: 'Reports built: {pivots} pivot tables and {charts} charts on the {sheet} sheet. Pivot tables of your own were left as they are.',
    zh: '报表已生成：{sheet} 表中 {pivots} 个数据透视表和 {charts} 个图表。你自己的数据透视表保持不变。',
  },
  reports_no_data: {
    en: 'The data sheets are empty: run "Refresh report data" to fill them (the pivot tables are ready for it).',
    zh: '数据表为空：请运行“刷新报表数据”填充（数据透视表已就绪）。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ReportTextKey = keyof typeof REPORT_TEXT;

export const reportText = messageCatalog<ReportTextKey>(REPORT_TEXT);
