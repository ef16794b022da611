/// <reference types="google-apps-script" />
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createAppsScriptGlobals, installAppsScriptGlobals, uninstallAppsScriptGlobals } from './apps-script-globals';
import { PropertyStore, UserPropertyStores } from './properties-service';

function newEnv(options: Parameters<typeof createAppsScriptGlobals>[0] = {}) {
  const env = createAppsScriptGlobals(options);
  const app = env.globals.SpreadsheetApp;
  const sheet = app.getActiveSpreadsheet().getSheets()[0]!;
  return { env, app, sheet };
}

describe('Range values', () => {
  test('setValues parses input like typing into a cell', () => {
    const { env, sheet } = newEnv();
    const date = new Date('2024-03-01T12:00:00Z');
    const row = [
      '00123',
      '1.5',
      '-3',
      'TRUE',
      'false',
      "'00123",
      '=SUM(A1:A2)',
      '-foo',
      '+bar',
      'hello',
      '',
      null,
      undefined,
      42,
      true,
      date,
      ' 7 ',
      '-',
      '1,234.5',
      '50%',
    ];
    sheet.getRange(1, 1, 1, row.length).setValues([row]);
    const values = sheet.getRange(1, 1, 1, row.length).getValues()[0]!;
    expect(values.slice(0, 15)).toEqual([
      123,
      1.5,
      -3,
      true,
      false,
      '00123',
      '#ERROR!',
      '#ERROR!',
      '#ERROR!',
      'hello',
      '',
      '',
      '',
      42,
      true,
    ]);
    expect(values[15]).toEqual(date);
    expect(values.slice(16)).toEqual([7, '-', 1234.5, 0.5]);
    const formulas = sheet.getRange(1, 1, 1, 10).getFormulas()[0];
    expect(formulas).toEqual(['', '', '', '', '', '', '=SUM(A1:A2)', '=-foo', '=+bar', '']);
    expect(env.spreadsheet.formulaWrites.map((w) => [w.a1, w.formula])).toEqual([
      ['G1', '=SUM(A1:A2)'],
      ['H1', '=-foo'],
      ['I1', '=+bar'],
    ]);
    expect(sheet.getRange('T1').getDisplayValue()).toBe('50%');
  });

  test("plain-text cells ('@') keep strings exactly, even '=' and leading zeros", () => {
    const { env, sheet } = newEnv();
    const range = sheet.getRange('A1:D1').setNumberFormat('@');
    range.setValues([['00123', '=HYPERLINK("x")', '-foo', 'TRUE']]);
    expect(range.getValues()).toEqual([['00123', '=HYPERLINK("x")', '-foo', 'TRUE']]);
    expect(range.getFormulas()).toEqual([['', '', '', '']]);
    expect(env.spreadsheet.formulaWrites).toEqual([]);
  });

  test('dates, booleans and numbers display per locale', () => {
    const { sheet } = newEnv({ locale: 'en_US' });
    sheet.getRange('A1:C1').setValues([['2024-01-15', true, 0.1 + 0.2]]);
    expect(sheet.getRange('A1').getValue()).toEqual(new Date('2024-01-15T00:00:00Z'));
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['2024-01-15', 'TRUE', '0.3']]);
    sheet.getRange('C1').setNumberFormat('#,##0.00').setValue(1234.5);
    expect(sheet.getRange('C1').getDisplayValue()).toBe('1,234.50');
    // Long digit strings (barcodes, tracking numbers) become lossy numbers, as in Sheets.
    sheet.getRange('D1:E1').setValues([['12345678901234567890', '1/2']]);
    expect(sheet.getRange('D1').getDisplayValue()).toBe('1.23457E+19');
    expect(sheet.getRange('E1').getValue()).toBeInstanceOf(Date);
  });

  test('setValues rejects data of the wrong shape with Apps Script messages', () => {
    const { sheet } = newEnv();
    const range = sheet.getRange('A1:B3');
    expect(() => range.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(() => range.setValues([[1, 2], [3], [4, 5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(range.getValues()).toEqual([
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
  });

  test('notes, single-cell accessors and offsets', () => {
    const { sheet } = newEnv();
    const cell = sheet.getRange(2, 2);
    cell.setValue('x').setNote('from server');
    expect(cell.getNote()).toBe('from server');
    expect(cell.offset(0, -1).getA1Notation()).toBe('A2');
    expect(sheet.getRange('B2:C4').getNotes()[0]).toEqual(['from server', '']);
    sheet.getRange('A1:B1').setValue('all');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['all', 'all']]);
  });
});

describe('Sheet grid', () => {
  test('ranges beyond the grid throw until rows are inserted or appended', () => {
    const { sheet } = newEnv();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow('outside the dimensions');
    expect(() => sheet.getRange('A1001')).toThrow('Range not found');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getRange(1005, 1).getA1Notation()).toBe('A1005');
    sheet.getRange(1005, 1).setValue('last');
    sheet.appendRow(['appended', 2]);
    expect(sheet.getMaxRows()).toBe(1006);
    expect(sheet.getRange('A1006:B1006').getValues()).toEqual([['appended', 2]]);
    expect(sheet.getLastRow()).toBe(1006);
  });

  test('last row/column, data range, delete and insert keep content in place', () => {
    const { sheet } = newEnv();
    sheet.getRange('A1:C3').setValues([
      ['h1', 'h2', 'h3'],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    sheet.getRange('E2').setNote('notes do not count');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
    sheet.insertRowBefore(2);
    expect(sheet.getRange('A3').getValue()).toBe(1);
    sheet.deleteRow(2);
    sheet.deleteRows(2, 1);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['h1', 'h2', 'h3'],
      [4, 5, 6],
    ]);
    expect(sheet.getMaxRows()).toBe(999);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('D1').getValue()).toBe('h2');
  });

  test('sort keeps the frozen header; frozen, hidden columns and widths are recorded', () => {
    const { sheet } = newEnv();
    sheet.getRange('A1:B5').setValues([
      ['sku', 'qty'],
      ['b', 2],
      ['A', 1],
      ['', 9],
      ['c', 3],
    ]);
    sheet.setFrozenRows(1);
    sheet.sort(1);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['sku', 'A', 'b', 'c', '']);
    sheet.sort(2, false);
    expect(sheet.getRange('B1:B5').getValues().flat()).toEqual(['qty', 9, 3, 2, 1]);
    sheet.hideColumns(2);
    expect([sheet.isColumnHiddenByUser(2), sheet.isColumnHiddenByUser(1)]).toEqual([true, false]);
    sheet.insertColumnBefore(1);
    expect(sheet.isColumnHiddenByUser(3)).toBe(true);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  test('stats count reads and writes per sheet', () => {
    const { env, sheet } = newEnv();
    sheet.getRange('A1:B2').getValues();
    sheet.getRange('A1:B2').getNotes();
    sheet.getRange('A5:B6').setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet.getRange('A1').setBackground('#eee');
    expect(env.spreadsheet.stats.readCalls).toEqual({ Sheet1: 2 });
    expect(env.spreadsheet.stats.writeCalls).toEqual({ Sheet1: 1 });
    expect(env.spreadsheet.stats.writesTo('Sheet1')).toEqual(['A5:B6']);
    env.spreadsheet.resetStats();
    expect(env.spreadsheet.stats.totalReads()).toBe(0);
  });
});

describe('Spreadsheet', () => {
  test('sheets, names, selection and toasts', () => {
    const { env, app } = newEnv({ locale: 'zh_CN' });
    const ss = app.getActiveSpreadsheet();
    expect(ss.getSheets()[0]!.getName()).toBe('工作表1');
    expect(ss.getSpreadsheetLocale()).toBe('zh_CN');
    const orders = ss.insertSheet('Orders');
    expect(ss.getActiveSheet().getName()).toBe('Orders');
    expect(() => ss.insertSheet('orders')).toThrow('A sheet with the name "orders" already exists.');
    expect(ss.getSheetByName('ORDERS')!.getSheetId()).toBe(orders.getSheetId());
    env.spreadsheet.select(orders, 'B2:C3', { row: 5, column: 1, numRows: 2 });
    expect(app.getActiveRange().getA1Notation()).toBe('A5:A6');
    expect(
      app
        .getActiveRangeList()
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B2:C3', 'A5:A6']);
    ss.toast('Synced 3 rows', 'Crossdock', 5);
    expect(env.spreadsheet.toasts).toEqual([{ message: 'Synced 3 rows', title: 'Crossdock', timeoutSeconds: 5 }]);
    ss.deleteSheet(orders);
    expect(() => ss.deleteSheet(ss.getSheets()[0]!)).toThrow("You can't remove all the sheets");
  });

  test('data validation rules are built, copied and read back; scripts may write invalid values', () => {
    const { app, sheet } = newEnv();
    const rule = app
      .newDataValidation()
      .requireValueInList(['NEW', 'SHIPPED'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick one')
      .build();
    sheet.getRange('A2:A3').setDataValidation(rule);
    const read = sheet.getRange('A2').getDataValidation()!;
    expect(read.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(String(read.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(read.getCriteriaValues()).toEqual([['NEW', 'SHIPPED'], true]);
    expect([read.getAllowInvalid(), read.getHelpText()]).toEqual([false, 'Pick one']);
    expect(String(read.copy().requireCheckbox().build().getCriteriaType())).toBe('CHECKBOX');
    sheet.getRange('A2').setValue('LOST');
    expect(sheet.getRange('A2').getValue()).toBe('LOST');
    sheet.getRange('A2:A3').clearDataValidations();
    expect(sheet.getRange('A2:A3').getDataValidations()).toEqual([[null], [null]]);
  });

  test('conditional format rules: built, copied, read back per sheet, moved by inserts; an open end is closed when the rule is made', () => {
    const { app, sheet } = newEnv();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    const builder = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$B2>3')
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('A2:C')]);
    const rule = builder.build();
    builder.setFontColor('#990000').whenNumberGreaterThan(1);
    const condition = rule.getBooleanCondition()!;
    expect(condition.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect([
      String(condition.getCriteriaType()),
      condition.getCriteriaValues(),
      condition.getBackground(),
      condition.getFontColor(),
    ]).toEqual(['CUSTOM_FORMULA', ['=$B2>3'], '#f4cccc', null]);
    expect(rule.getGradientCondition()).toBeNull();
    const own = app
      .newConditionalFormatRule()
      .whenTextEqualTo('late')
      .setFontColor('#ff0000')
      .setRanges([sheet.getRange('D2:D10')])
      .build();
    sheet.setConditionalFormatRules([own, rule]);
    const read = sheet.getConditionalFormatRules();
    expect(read.map((r) => String(r.getBooleanCondition()!.getCriteriaType()))).toEqual([
      'TEXT_EQUAL_TO',
      'CUSTOM_FORMULA',
    ]);
    expect(read[1]!.getRanges().map((r) => [r.getRow(), r.getColumn(), r.getNumColumns(), r.getLastRow()])).toEqual([
      [2, 1, 3, 1000],
    ]);
    // Rows appended below the grid are not in the range (it ended at row 1000); rows inserted above move both.
    sheet.insertRowsAfter(1000, 5);
    sheet.insertRowsBefore(1, 1);
    const moved = sheet.getConditionalFormatRules();
    expect(moved[1]!.getRanges()[0]!.getA1Notation()).toBe('A3:C1001');
    expect(moved[0]!.getRanges()[0]!.getA1Notation()).toBe('D3:D11');
    const copy = moved[1]!.copy().setBackground('#00ff00').build();
    expect([copy.getBooleanCondition()!.getBackground(), copy.getBooleanCondition()!.getCriteriaValues()]).toEqual([
      '#00ff00',
      ['=$B2>3'],
    ]);
    expect(moved[1]!.getBooleanCondition()!.getBackground()).toBe('#f4cccc');
    sheet.deleteColumns(4, 1);
    expect(sheet.getConditionalFormatRules().map((r) => String(r.getBooleanCondition()!.getCriteriaType()))).toEqual([
      'CUSTOM_FORMULA',
    ]);
    const other = app.getActiveSpreadsheet().insertSheet('Other');
    expect(() => other.setConditionalFormatRules([rule])).toThrow(
      "The conditional format rule's ranges must be on the sheet it is set on.",
    );
    expect(() =>
      sheet.setConditionalFormatRules([
        app
          .newConditionalFormatRule()
          .setRanges([sheet.getRange('A1')])
          .build(),
      ]),
    ).toThrow('must have a condition');
    expect(() => sheet.setConditionalFormatRules([app.newConditionalFormatRule().whenCellEmpty().build()])).toThrow(
      'at least one range',
    );
    sheet.setConditionalFormatRules([]);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  test('protections: listed by type, moved by inserts, enforced once editors are set', () => {
    const { env, app, sheet } = newEnv({ userEmail: 'owner@shop.test' });
    const protection = sheet.getRange('A1:C1').protect().setDescription('Crossdock header');
    expect(sheet.getProtections(app.ProtectionType.RANGE).map((p) => p.getDescription())).toEqual(['Crossdock header']);
    sheet.insertRowsBefore(1, 2);
    expect(protection.getRange().getA1Notation()).toBe('A3:C3');
    env.spreadsheet.actingUser = 'member@shop.test';
    sheet.getRange('A3').setValue('mirrors the sheet: allowed');
    protection.removeEditors(protection.getEditors());
    expect(() => sheet.getRange('B3').setValue('x')).toThrow('You are trying to edit a protected cell or object.');
    protection.setWarningOnly(true);
    sheet.getRange('B3').setValue('warning only: allowed');
    protection.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
  });
});

describe('Properties, locks, UI, HTML, utilities', () => {
  test('quotas: 9 KB per value, 500 KB per store', () => {
    const props = newEnv().env.globals.PropertiesService.getUserProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('one-more', 'x'.repeat(9000))).toThrow('exceeded the property storage quota');
    props.setProperties({ a: '1' }, true);
    expect(props.getProperties()).toEqual({ a: '1' });
    expect(props.getProperty('missing')).toBeNull();
  });

  test('two team members: own user properties, document properties per spreadsheet', () => {
    const users = new UserPropertyStores();
    const script = new PropertyStore('script');
    const alice = newEnv({
      userEmail: 'alice@shop.test',
      userPropertiesStore: users,
      scriptPropertiesStore: script,
    }).env;
    const bob = newEnv({ userEmail: 'bob@shop.test', userPropertiesStore: users, scriptPropertiesStore: script }).env;
    alice.globals.PropertiesService.getUserProperties().setProperty('token', 'A');
    bob.globals.PropertiesService.getUserProperties().setProperty('token', 'B');
    alice.globals.PropertiesService.getDocumentProperties().setProperty('workspace', 'w1');
    alice.globals.PropertiesService.getScriptProperties().setProperty('server', 'http://x');
    expect(alice.globals.PropertiesService.getUserProperties().getProperty('token')).toBe('A');
    expect(bob.globals.PropertiesService.getUserProperties().getProperty('token')).toBe('B');
    expect(bob.globals.PropertiesService.getDocumentProperties().getProperty('workspace')).toBeNull();
    expect(bob.globals.PropertiesService.getScriptProperties().getProperty('server')).toBe('http://x');
    expect(alice.spreadsheet.getId()).not.toBe(bob.spreadsheet.getId());
    expect(bob.globals.Session.getEffectiveUser().getEmail()).toBe('bob@shop.test');
  });

  test('document lock is shared by sessions on one spreadsheet', () => {
    const first = newEnv().env;
    const second = createAppsScriptGlobals({ spreadsheet: first.spreadsheet, userEmail: 'other@example.com' });
    const lock = first.globals.LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(second.globals.LockService.getDocumentLock().tryLock(1000)).toBe(false);
    expect(() => second.globals.LockService.getDocumentLock().waitLock(1000)).toThrow('Lock timeout');
    first.endExecution();
    expect(lock.hasLock()).toBe(false);
    const release = first.spreadsheet.documentLock.holdElsewhere();
    expect(first.globals.LockService.getDocumentLock().tryLock(0)).toBe(false);
    release();
    expect(first.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  test('menus, alerts, prompts, sidebars from HTML files and templates', () => {
    const htmlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-html-'));
    try {
      fs.writeFileSync(
        path.join(htmlDir, 'Sidebar.html'),
        '<h1>Hello <?= user ?></h1><? if (n > 1) { ?>many<? } ?><?!= raw ?>',
      );
      const { env } = newEnv({ htmlDir });
      const { SpreadsheetApp: app, HtmlService: html } = env.globals;
      const ui = app.getUi();
      ui.createMenu('Crossdock')
        .addItem('Sync now', 'syncNow')
        .addSeparator()
        .addSubMenu(ui.createMenu('Setup').addItem('Set up sheets', 'setUpSheets'))
        .addToUi();
      expect(env.ui.menuItems().map((i) => i.functionName)).toEqual(['syncNow', 'setUpSheets']);
      expect(env.ui.menus[0]!.items[1]).toEqual({ type: 'separator' });
      expect(ui.alert('Done')).toBe(ui.Button.OK);
      env.ui.queueAlert('NO');
      expect(ui.alert('Sure?', 'Delete?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
      env.ui.queuePrompt({ text: 'abc-123' });
      expect(ui.prompt('Invite code').getResponseText()).toBe('abc-123');
      const template = html.createTemplateFromFile('Sidebar');
      Object.assign(template, { user: '<b>Ann</b>', n: 2, raw: '<i>ok</i>' });
      ui.showSidebar(template.evaluate().setTitle('Crossdock'));
      expect(env.ui.lastShown()).toMatchObject({
        kind: 'sidebar',
        title: 'Crossdock',
        html: '<h1>Hello &#60;b&#62;Ann&#60;/b&#62;</h1>many<i>ok</i>',
      });
      ui.showModalDialog(html.createHtmlOutputFromFile('Sidebar').setWidth(400), 'Raw');
      expect(env.ui.lastShown()!.html).toContain('<?= user ?>');
      expect(() => html.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
      env.spreadsheetApp.uiAvailable = false;
      expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    } finally {
      fs.rmSync(htmlDir, { recursive: true, force: true }); // also when an expectation fails
    }
  });

  test('Utilities: signed digests, base64, formatDate, uuid; tokens and logger', () => {
    const { Utilities: u, ScriptApp, Logger } = newEnv({ identityToken: () => 'jwt-1' }).env.globals;
    const digest = u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc');
    expect(digest.slice(0, 4)).toEqual([-70, 120, 22, -65]); // ba 78 16 bf
    expect(u.computeDigest(u.DigestAlgorithm.MD5, 'abc')).toHaveLength(16);
    expect(u.base64Encode('héllo')).toBe(Buffer.from('héllo').toString('base64'));
    expect(u.base64EncodeWebSafe([-1, -2, -3])).toBe('__79');
    expect(u.formatDate(new Date('2024-01-15T16:30:05Z'), 'Asia/Shanghai', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      '2024-01-16T00:30:05+08:00',
    );
    expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    expect(ScriptApp.getIdentityToken()).toBe('jwt-1');
    Logger.log('synced %s rows', 3);
    expect(Logger.getLog()).toBe('synced 3 rows');
  });
});

describe('globals', () => {
  afterEach(() => uninstallAppsScriptGlobals());

  test('installAppsScriptGlobals puts services on globalThis and uninstall removes them', () => {
    const env = installAppsScriptGlobals({ userEmail: 'jest@example.com' });
    expect(SpreadsheetApp.getActiveSpreadsheet().getId()).toBe(env.spreadsheet.id);
    expect(Session.getActiveUser().getEmail()).toBe('jest@example.com');
    env.uninstall();
    expect('SpreadsheetApp' in globalThis).toBe(false);
  });

  test('a vm context sees the services, and errors are its own Errors', () => {
    const env = createAppsScriptGlobals();
    const context = env.createContext();
    const result = vm.runInContext(
      `function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Sync', 'syncNow').addToUi(); }
       onOpen();
       var caught;
       try { SpreadsheetApp.getActiveSheet().getRange(1, 1, 2, 1).setValues([[1]]); } catch (e) { caught = e; }
       SpreadsheetApp.getActiveSheet().getRange('A1:B1').setValues([[new Date(0), '007']]);
       ({ isError: caught instanceof Error, name: caught.name, values: SpreadsheetApp.getActiveSheet().getRange('A1:B1').getValues() })`,
      context,
    ) as { isError: boolean; name: string; values: unknown[][] };
    expect(result.isError).toBe(true);
    expect(result.name).toBe('Exception');
    expect(result.values[0]![1]).toBe(7);
    expect((result.values[0]![0] as Date).getTime()).toBe(0);
    expect(vm.runInContext(`SpreadsheetApp.getActiveSheet().getRange('A1').getValue() instanceof Date`, context)).toBe(
      true,
    );
    // Templates reach the bundle's top-level functions, as Apps Script templates do.
    vm.runInContext(`function include(name) { return '<style>' + name + '</style>'; }`, context);
    const page = vm.runInContext(
      `var t = HtmlService.createTemplate('<?!= include("css") ?><p><?= title ?></p>'); t.title = 'A & B'; t.evaluate().getContent()`,
      context,
    );
    expect(page).toBe('<style>css</style><p>A &#38; B</p>');
    expect(env.ui.menus).toEqual([
      { name: 'Add-on', addon: true, items: [{ type: 'item', caption: 'Sync', functionName: 'syncNow' }] },
    ]);
  });
});
