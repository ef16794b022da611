import type { Lang } from '../domain/i18n/lang';
import { messageCatalog } from '../domain/i18n/message-catalog';

/** Everything the add-on itself says (menus, toasts, dialogs), in both languages. */
const TEXT = {
  menu_title: { en: 'Crossdock', zh: 'Crossdock' },
  menu_setup: { en: 'Set up sheets', zh: '初始化表格' },
  menu_connect: { en: 'Connect to server…', zh: '连接服务器…' },
  menu_sync: { en: 'Sync now', zh: '立即同步' },
  menu_orders: { en: 'Order actions…', zh: '订单操作…' },
  menu_import: { en: 'Import orders…', zh: '导入订单…' },
  menu_plan_refresh: { en: 'Refresh purchase suggestions', zh: '刷新采购建议' },
  menu_plan_create: { en: 'Create purchase orders from selected rows', zh: '为选中行创建采购单' },
  sheet_purchase: { en: 'Purchase', zh: '采购建议' },
  sheet_receipts: { en: 'Receipts', zh: '收货' },
  menu_receipts: { en: 'Post receipts', zh: '提交收货' },
  rcv_po: { en: 'PO no.', zh: '采购单号' },
  rcv_line: { en: 'Line', zh: '行号' },
  rcv_qty: { en: 'Qty received', zh: '收货数量' },
  rcv_short_reason: { en: 'Close short (reason)', zh: '短收关闭（原因）' },
  rcv_note: { en: 'Note', zh: '备注' },
  rcv_result: { en: 'Result', zh: '结果' },
  rcv_nothing: {
    en: 'Nothing to post: type PO no., line and quantity (or a reason to close short) in the Receipts sheet.',
    zh: '没有要提交的：请在收货表中填写采购单号、行号和数量（或短收原因）。',
  },
  rcv_bad_row: {
    en: 'Needs a line number and either a whole quantity above 0 or a reason to close short (not both).',
    zh: '需要行号，以及大于 0 的整数数量或短收原因（二选一）。',
  },
  rcv_done: { en: 'Received {qty} on {po} (now {status})', zh: '已收货 {qty}，{po}（现为 {status}）' },
  rcv_closed: { en: '{po} line {line} closed short', zh: '{po} 第 {line} 行已短收关闭' },
  rcv_others_wait: {
    en: 'Rows of the same PO that were fine were not posted yet: post again.',
    zh: '同一采购单中无误的行尚未提交：请再次提交。',
  },
  rcv_summary: { en: '{posted} posted, {refused} refused.', zh: '已提交 {posted} 行，拒绝 {refused} 行。' },
  plan_sku: { en: 'SKU', zh: 'SKU' },
  plan_warehouse: { en: 'Warehouse', zh: '仓库' },
  plan_supplier: { en: 'Supplier', zh: '供应商' },
  plan_available: { en: 'Available', zh: '可用' },
  plan_incoming: { en: 'Incoming', zh: '在途' },
  plan_waiting: { en: 'Waiting demand', zh: '缺货待发' },
  plan_sold7: { en: 'Sold 7 d', zh: '7天销量' },
  plan_sold14: { en: 'Sold 14 d', zh: '14天销量' },
  plan_sold30: { en: 'Sold 30 d', zh: '30天销量' },
  plan_in_stock30: { en: 'Days in stock of 30', zh: '30天内有货天数' },
  plan_velocity: { en: 'Daily velocity', zh: '日均销量' },
  plan_lead_time: { en: 'Lead time (days)', zh: '采购周期（天）' },
  plan_suggested: { en: 'Suggested qty', zh: '建议采购量' },
  plan_order_by: { en: 'Order by', zh: '最晚下单日' },
  plan_final: { en: 'Final qty', zh: '最终采购量' },
  plan_po: { en: 'PO', zh: '采购单' },
  plan_refreshed: {
    en: 'Purchase suggestions for {count} SKUs as of {today}.',
    zh: '已刷新 {count} 个 SKU 的采购建议（{today}）。',
  },
  plan_refresh_first: {
    en: 'This Purchase sheet is laid out by an older version: choose Refresh purchase suggestions first.',
    zh: '采购建议表是旧版格式：请先点“刷新采购建议”。',
  },
  plan_select_rows: { en: 'Select rows in the Purchase sheet first.', zh: '请先在采购建议表中选中行。' },
  plan_nothing_to_order: {
    en: 'The selected rows have nothing to order (no quantity, or already on a PO).',
    zh: '选中的行没有需要采购的（数量为空或已在采购单中）。',
  },
  plan_created: { en: 'Created {orders} ({lines} lines).', zh: '已创建 {orders}（{lines} 行）。' },
  import_title: { en: 'Import orders', zh: '导入订单' },
  import_format: { en: 'File format', zh: '文件格式' },
  import_file: { en: 'Choose the file…', zh: '选择文件…' },
  import_paste: { en: '…or paste its contents', zh: '……或粘贴文件内容' },
  import_file_chosen: { en: 'File chosen: {name} ({size} KB)', zh: '已选择文件：{name}（{size} KB）' },
  import_run: { en: 'Import', zh: '导入' },
  import_format_shopify: { en: 'Shopify orders export (CSV)', zh: 'Shopify 订单导出 (CSV)' },
  import_format_amazon: { en: 'Amazon unshipped orders report (TXT)', zh: '亚马逊未发货订单报告 (TXT)' },
  import_format_template: { en: 'Crossdock template (CSV)', zh: 'Crossdock 模板 (CSV)' },
  import_empty: { en: 'Choose a file or paste its contents first.', zh: '请先选择文件或粘贴内容。' },
  import_result: {
    en: 'imported {imported}, skipped {skipped}, rejected {rejected}',
    zh: '导入 {imported}，跳过 {skipped}，拒绝 {rejected}',
  },
  sidebar_title: { en: 'Orders', zh: '订单' },
  sidebar_selected: { en: 'Selected orders', zh: '已选订单' },
  sidebar_none: {
    en: 'Select rows in the Orders sheet, then press Refresh.',
    zh: '请在订单表中选择行，然后点击刷新。',
  },
  sidebar_refresh: { en: 'Refresh', zh: '刷新' },
  sidebar_reason: { en: 'Reason', zh: '原因' },
  sidebar_history: { en: 'History', zh: '操作记录' },
  sidebar_reason_needed: { en: 'This action needs a reason.', zh: '此操作需要填写原因。' },
  sidebar_call_result: { en: 'Call result', zh: '通话结果' },
  sidebar_call_note: { en: 'Call note', zh: '通话备注' },
  sidebar_no_actions: {
    en: 'No action is possible for all the selected orders with your roles.',
    zh: '以你的角色，所选订单没有可共同执行的操作。',
  },
  sidebar_done: { en: '{moved} moved, {refused} refused', zh: '已变更 {moved} 个，拒绝 {refused} 个' },
  call_reached: { en: 'Reached', zh: '已接通' },
  call_no_answer: { en: 'No answer', zh: '无人接听' },
  call_wrong_number: { en: 'Wrong number', zh: '号码错误' },
  call_refused: { en: 'Refused', zh: '拒绝' },
  sheet_settings: { en: 'Settings', zh: '设置' },
  settings_key: { en: 'Setting', zh: '设置项' },
  settings_value: { en: 'Value', zh: '值' },
  settings_server: { en: 'Server URL', zh: '服务器地址' },
  settings_workspace: { en: 'Workspace', zh: '工作区' },
  settings_last_sync: { en: 'Last sync (UTC)', zh: '上次同步 (UTC)' },
  settings_language: { en: 'Sheet language', zh: '表格语言' },
  sync_note: { en: 'Sync note', zh: '同步备注' },
  setup_done: { en: 'Sheets are set up: {sheets}', zh: '表格已初始化：{sheets}' },
  not_connected: {
    en: 'Not connected yet: use Crossdock > Connect to server first.',
    zh: '尚未连接：请先使用 Crossdock > 连接服务器。',
  },
  server_changed: {
    en: 'This spreadsheet now points at {url}, not the server your key was saved for. Use Crossdock > Connect to server to check it and give your key again.',
    zh: '此表格现在指向 {url}，而不是你保存密钥时的服务器。请使用 Crossdock > 连接服务器 确认后重新输入密钥。',
  },
  changed_meanwhile: {
    en: 'changed on the server meanwhile (version {version}): fix and sync to see it',
    zh: '服务器上已被修改（版本 {version}）：修正后同步即可看到',
  },
  yours_were: { en: 'your values: {values}', zh: '你的值：{values}' },
  sync_busy: {
    en: 'Another sync is running in this spreadsheet; try again in a minute.',
    zh: '此表格正在同步中，请稍后再试。',
  },
  sync_summary: {
    en: 'Synced: {pushed} sent ({applied} applied, {conflicts} conflicts, {rejected} rejected), {pulled} received, {restored} restored, {moved} orders moved, {entered} orders entered.',
    zh: '同步完成：发送 {pushed} 行（成功 {applied}，冲突 {conflicts}，拒绝 {rejected}），接收 {pulled} 行，恢复 {restored} 行，订单状态变更 {moved} 个，新录入订单 {entered} 个。',
  },
  sync_failed: { en: 'Sync failed: {reason}', zh: '同步失败：{reason}' },
  server_unreachable: {
    en: 'The server at {url} could not be reached ({reason}).',
    zh: '无法连接服务器 {url}（{reason}）。',
  },
  server_error: { en: 'The server answered {status}: {message}', zh: '服务器返回 {status}：{message}' },
  connect_ok: {
    en: 'Connected to "{workspace}" as {actor} ({roles}).',
    zh: '已连接到“{workspace}”，身份 {actor}（{roles}）。',
  },
  connect_bad_url: {
    en: 'The server URL must start with https:// (or http://localhost for testing).',
    zh: '服务器地址必须以 https:// 开头（测试时可用 http://localhost）。',
  },
  connect_missing_key: { en: 'Paste your API key (it starts with cdk_).', zh: '请粘贴你的 API 密钥（以 cdk_ 开头）。' },
  entry_exists: {
    en: 'Order {order} already exists; nothing changed (change the channel order no. to enter a new one)',
    zh: '订单 {order} 已存在，未做更改（如需新订单请修改渠道单号）',
  },
  missing_key: { en: '{column} is empty: a row needs it to sync', zh: '{column}为空：该行需要填写后才能同步' },
  dialog_title: { en: 'Connect to Crossdock', zh: '连接 Crossdock' },
  dialog_url: { en: 'Server URL', zh: '服务器地址' },
  dialog_key: { en: 'Your API key', zh: '你的 API 密钥' },
  dialog_key_help: {
    en: 'The key is kept for you only (not shared with others who open this spreadsheet).',
    zh: '密钥只为你保存（打开此表格的其他人看不到）。',
  },
  dialog_save: { en: 'Test and save', zh: '测试并保存' },
  dialog_close: { en: 'Close', zh: '关闭' },
  dialog_testing: { en: 'Testing the connection…', zh: '正在测试连接…' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

export const text = messageCatalog<TextKey>(TEXT);

/** The texts a dialog or sidebar needs, sent to it once so the HTML stays static and self-contained. */
export function textsFor(lang: Lang, keys: TextKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, text(lang, key)]));
}

export function dialogTexts(lang: Lang): Record<string, string> {
  return textsFor(lang, [
    'dialog_title',
    'dialog_url',
    'dialog_key',
    'dialog_key_help',
    'dialog_save',
    'dialog_close',
    'dialog_testing',
  ]);
}
