import * as addon from '../../addon/main';
import { createAppsScriptGlobals, type AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { execute } from '../support/addon-harness';

/** Everything "Set up sheets" controls, as Sheets would report it. */
function snapshot(env: AppsScriptEnvironment) {
  return env.spreadsheet.getSheets().map((sheet) => {
    const width = sheet.getLastColumn();
    return {
      name: sheet.getName(),
      values: sheet.getDataRange().getValues(),
      frozen: sheet.getFrozenRows(),
      hidden: Array.from({ length: width }, (_, i) => sheet.isColumnHiddenByUser(i + 1)),
      protections: sheet
        .getProtections(SpreadsheetAppEnum(env).ProtectionType.RANGE)
        .map((p) => [p.getDescription(), p.isWarningOnly(), p.getRange().getA1Notation()]),
      validations: width
        ? sheet
            .getRange(2, 1, 1, width)
            .getDataValidations()[0]!
            .map((v) => (v ? [String(v.getCriteriaType()), JSON.stringify(v.getCriteriaValues())] : null))
        : [],
    };
  });
}

function SpreadsheetAppEnum(env: AppsScriptEnvironment) {
  return env.globals.SpreadsheetApp;
}

test('set up sheets creates Products, Warehouses and Settings, and running it twice changes nothing', () => {
  const env = createAppsScriptGlobals();
  execute(env, () => addon.setupSheets());
  const first = snapshot(env);
  const names = first.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['Products', 'Warehouses', 'Settings']));
  const products = first.find((s) => s.name === 'Products')!;
  expect(products.values[0]).toEqual(
    expect.arrayContaining(['SKU', 'Name (English)', 'Unit cost', 'Updated by', 'Sync note', '_version', '_hash']),
  );
  expect(products.frozen).toBe(1);
  const header = products.values[0]!;
  expect(products.hidden[header.indexOf('_version')]).toBe(true);
  expect(products.hidden[header.indexOf('_hash')]).toBe(true);
  expect(products.hidden[header.indexOf('SKU')]).toBe(false);
  expect(products.validations[header.indexOf('Active')]?.[0]).toBe('CHECKBOX');
  expect(products.validations[header.indexOf('Cost currency')]?.[0]).toBe('VALUE_IN_LIST');
  const protectedColumns = products.protections.map(([description]) => description);
  expect(protectedColumns).toEqual(
    expect.arrayContaining([
      'crossdock:computed:products.updated_at',
      'crossdock:computed:products.updated_by',
      'crossdock:computed:products.sync_note',
    ]),
  );
  expect(products.protections.every(([, warningOnly]) => warningOnly === true)).toBe(true);
  expect(env.spreadsheet.toasts.at(-1)?.message).toContain('Products');

  execute(env, () => addon.setupSheets());
  expect(snapshot(env)).toEqual(first);
});

test('set up sheets repairs a deleted header without touching data or the columns a person moved', () => {
  const env = createAppsScriptGlobals();
  execute(env, () => addon.setupSheets());
  const sheet = env.spreadsheet.getSheetByName('Warehouses')!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
  sheet.getRange(2, 1, 1, 2).setValues([['SZ', 'Shenzhen']]);
  sheet.getRange(1, header.indexOf('Rank') + 1).setValue('');
  execute(env, () => addon.setupSheets());
  const repaired = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
  expect(repaired.filter((h) => h === 'Rank')).toHaveLength(1);
  expect(repaired.slice(0, 2)).toEqual(['Code', 'Name']);
  expect(sheet.getRange(2, 1, 1, 2).getValues()).toEqual([['SZ', 'Shenzhen']]);
});

test('a Chinese spreadsheet gets Chinese sheet names, headers and menu', () => {
  const env = createAppsScriptGlobals({ locale: 'zh_CN' });
  execute(env, () => {
    addon.onOpen();
    addon.setupSheets();
  });
  expect(env.ui.menuItems().map((item) => item.caption)).toEqual([
    '初始化表格',
    '连接服务器…',
    '立即同步',
    '实时同步：开启',
    '实时同步：关闭',
    '同步状态…',
    '导入订单…',
    '订单操作…',
    '售后…',
    '刷新采购建议',
    '为选中行创建采购单',
    '提交收货',
    '取消选中的采购单行',
    '创建调拨（新建调拨表）',
    '发出所选调拨单',
    '取消所选调拨单',
    '发货…',
    '拣货单',
    '刷新我的产品',
    '刷新报表数据',
    '生成报表',
  ]);
  expect(env.ui.menuItems().map((item) => item.functionName)).toEqual([
    'setupSheets',
    'showConnectDialog',
    'syncNow',
    'turnOnLiveSync',
    'turnOffLiveSync',
    'showSyncStatus',
    'showImportDialog',
    'showOrderSidebar',
    'showAfterSaleSidebar',
    'refreshPurchaseSuggestions',
    'createPurchaseOrders',
    'postReceiptsFromSheet',
    'cancelPoLinesFromSheet',
    'createTransfers',
    'dispatchSelectedTransfers',
    'cancelSelectedTransfers',
    'showShipmentSidebar',
    'writePickListSheet',
    'refreshMyProductsSheet',
    'refreshReportData',
    'buildReports',
  ]);
  const products = env.spreadsheet.getSheetByName('产品')!;
  expect(products.getRange(1, 1, 1, 3).getValues()[0]).toEqual(['SKU', '英文名称', '中文名称']);
  expect(env.spreadsheet.getSheetByName('仓库')).not.toBeNull();
  expect(env.spreadsheet.getSheetByName('设置')).not.toBeNull();
  for (const name of ['库存', '供应商', '订单', '采购单', '收货'])
    expect(env.spreadsheet.getSheetByName(name)).not.toBeNull();
});

test('sync without a connection says what to do and touches nothing', () => {
  const env = createAppsScriptGlobals();
  const result = execute(env, () => addon.syncNow());
  expect(result).toBeNull();
  expect(env.ui.alerts.at(-1)?.prompt).toContain('Connect to server');
  expect(env.urlFetch.calls).toHaveLength(0);
});

test("a team's own Settings tab is left alone; Crossdock uses a tab of its own", () => {
  const env = createAppsScriptGlobals();
  const theirs = env.spreadsheet.insertSheet('Settings');
  theirs.getRange(1, 1, 2, 2).setValues([
    ['Tax rate', 0.2],
    ['Owner', 'Jo'],
  ]);
  execute(env, () => addon.setupSheets());
  execute(env, () => addon.setupSheets());
  expect(theirs.getRange(1, 1, 2, 2).getValues()).toEqual([
    ['Tax rate', 0.2],
    ['Owner', 'Jo'],
  ]);
  const ours = env.spreadsheet.getSheetByName('Crossdock Settings')!;
  expect(ours.getRange(1, 1, 1, 2).getValues()).toEqual([['Setting', 'Value']]);
  expect(env.spreadsheet.getSheets().filter((s) => s.getName().includes('Settings'))).toHaveLength(2);
});
