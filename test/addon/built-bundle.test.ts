import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ADDON_DIST, sheetRecords, startTeam } from '../support/addon-harness';
import { DATABASE_KINDS } from '../support/databases';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

const CODE = fs.readFileSync(path.join(ADDON_DIST, 'Code.js'), 'utf8');

/** Loads dist/addon/Code.js the way Apps Script does: one script, top-level functions, no modules. */
function loadBundle(env: AppsScriptEnvironment) {
  const context = env.createContext();
  vm.runInContext(CODE, context, { filename: 'Code.js' });
  const run = (name: string, ...args: unknown[]) => {
    try {
      return vm.runInContext(`${name}.apply(null, __args)`, Object.assign(context, { __args: args }));
    } finally {
      env.endExecution();
    }
  };
  return { run, context };
}

test('the bundle declares only top-level functions and uses no module system', () => {
  expect(CODE).not.toMatch(/\brequire\(/);
  expect(CODE).not.toMatch(/^\s*(import|export)\s/m);
  const manifest = JSON.parse(fs.readFileSync(path.join(ADDON_DIST, 'appsscript.json'), 'utf8'));
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.oauthScopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.external_request',
    'https://www.googleapis.com/auth/script.container.ui',
    // Installable triggers (live sync) need script.scriptapp; Google sign-in needs openid + email, nothing broader.
    'https://www.googleapis.com/auth/script.scriptapp',
    'openid',
    'https://www.googleapis.com/auth/userinfo.email',
  ]);
  const html = fs.readFileSync(path.join(ADDON_DIST, 'connect-dialog.html'), 'utf8');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
});

describe.each(DATABASE_KINDS)('the built add-on in a vm, against the server on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('onOpen builds the menu; the menu actions set up, connect and sync', async () => {
    const key = await team.memberKey('ops@shop.test', ['logistics', 'sales']);
    const env = team.person('ops@shop.test');
    const { run, context } = loadBundle(env);
    run('onOpen');
    expect(env.ui.menus[0]?.name).toBe('Crossdock');
    // Every menu item names a top-level function of the script (what Apps Script looks up).
    for (const item of env.ui.menuItems())
      expect(vm.runInContext(`typeof ${item.functionName}`, context)).toBe('function');

    run('setupSheets');
    run('showImportDialog');
    expect(env.ui.lastShown()?.html).toContain('importOrdersFromDialog');
    run('showOrderSidebar');
    expect(env.ui.lastShown()?.html).toContain('applyOrderActionToSelection');
    run('showAfterSaleSidebar');
    expect(env.ui.lastShown()?.html).toContain('openAfterSaleCaseFromSidebar');
    // Nothing selected, not connected yet: the sidebar says what to select, and calls nothing.
    expect(run('getAfterSaleSidebarState')).toMatchObject({
      problem: expect.stringContaining('Connect'),
      orderHint: expect.stringMatching(/^Select one shipped order in the Orders sheet/),
      order: null,
      selectedCase: null,
    });
    run('showConnectDialog');
    expect(env.ui.lastShown()?.html).toContain('google.script.run');
    const state = run('getConnectDialogState') as { texts: Record<string, string> };
    expect(state.texts.dialog_save).toBe('Test and save');
    expect(run('saveConnection', { url: team.url, key })).toMatchObject({ ok: true });

    const sheet = env.spreadsheet.getSheetByName('Warehouses')!;
    sheet.getRange(2, 1, 1, 4).setValues([['LA', 'Los Angeles', 'US, CA', 1]]);
    const summary = run('syncNow') as { applied: number };
    expect(summary.applied).toBe(1);
    expect(sheetRecords(env, 'Warehouses')[0]).toMatchObject({
      Code: 'LA',
      'Countries served': 'CA, US',
      Rank: 1,
      Active: true,
      'Updated by': 'ops@shop.test',
    });
    expect(env.spreadsheet.toasts.at(-1)?.message).toContain('1 applied');
    const pulled = await team.api('GET', '/v1/sync/pull?tables=warehouses');
    expect(pulled.body.changes.warehouses[0].values).toMatchObject({ code: 'LA', countries: ['CA', 'US'] });
  });

  test('an order action runs through the bundle: select rows, press a button, the Orders sheet shows the move', async () => {
    const key = await team.memberKey('cs-vm@shop.test', ['cs']);
    // A warehouse shipping everywhere, holding nothing: approved orders wait for stock (pending purchase).
    await team.api('POST', '/v1/sync/push', {
      clientId: 'catch-all-warehouse-vm',
      mutationId: 1,
      tables: { warehouses: [{ key: 'MAIN', baseVersion: null, values: { name: 'Main', countries: [], rank: 9 } }] },
    });
    await team.api('POST', '/v1/orders/import', {
      format: 'template',
      text: 'order_no,sku,qty,unit_price\nVM-1,MUG,1,2\nVM-2,MUG,2,2',
    });
    const env = team.person('cs-vm@shop.test');
    const { run } = loadBundle(env);
    run('setupSheets');
    expect(run('saveConnection', { url: team.url, key })).toMatchObject({ ok: true });
    run('syncNow');
    const rows = sheetRecords(env, 'Orders');
    const first = rows.findIndex((r) => r['Order no.'] === 'VM-1') + 2;
    env.spreadsheet.select('Orders', `A${first}:A${first + 1}`);
    expect(run('getOrderSidebarState')).toMatchObject({ orders: [{ orderNo: 'VM-1' }, { orderNo: 'VM-2' }] });
    expect(
      run('applyOrderActionToSelection', {
        idempotencyKey: 'vm-approve-0001',
        action: 'approve',
        override: true,
        reason: 'template orders without a phone, approved on purpose',
      }),
    ).toMatchObject({
      ok: true,
      message: '2 moved, 0 refused',
    });
    expect(
      sheetRecords(env, 'Orders')
        .filter((r) => String(r['Order no.']).startsWith('VM-'))
        .map((r) => r.Status),
    ).toEqual(['Pending purchase', 'Pending purchase']); // approved, no stock: waiting
  });
});
