import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { execute, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';

/** Auto-review thresholds and blocklists live in the Settings sheet and reach the server with a sync. */
describe.each(DATABASE_KINDS)('auto-review settings in the Settings sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  let csKey: string;
  let salesKey: string;
  let buyerKey: string;
  beforeAll(async () => {
    team = await startTeam(kind);
    csKey = await team.memberKey('cs@shop.test', ['cs']);
    salesKey = await team.memberKey('sales@shop.test', ['sales']);
    buyerKey = await team.memberKey('buyer@shop.test', ['purchasing']);
  });
  afterAll(async () => {
    await team?.close();
  });

  const connected = (email: string, key: string, locale = 'en_US') => team.connected(email, key, locale);
  const settings = (env: AppsScriptEnvironment) =>
    env.spreadsheet.getSheetByName(env.spreadsheet.getSpreadsheetLocale() === 'zh_CN' ? '设置' : 'Settings')!;
  const row = (env: AppsScriptEnvironment, label: string) =>
    settings(env)
      .getRange(1, 1, settings(env).getLastRow(), 3)
      .getValues()
      .find((r) => r[0] === label)!;
  const set = (env: AppsScriptEnvironment, label: string, value: string) => {
    const index = settings(env)
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === label);
    settings(env)
      .getRange(index + 1, 2)
      .setValue(value);
  };

  test('the sheet shows the workspace settings; a change by customer service is saved, logged and reaches other sheets', async () => {
    const cs = connected('cs@shop.test', csKey);
    expect(row(cs, 'Duplicate check window (days)')[1]).toBe('14');
    expect(row(cs, 'Approve clean orders automatically (yes/no)')[1]).toBe('no');
    set(cs, 'High-value limit (amount and currency)', '300 eur');
    set(cs, 'Blocked phones (comma-separated)', '+33 6 00 00 00 01, +33 6 00 00 00 02');
    set(cs, 'Duplicate check window (days)', '30');
    execute(cs, () => addon.syncNow());
    const saved = await team.api('GET', '/v1/settings/review');
    expect(saved.body).toMatchObject({
      duplicateWindowDays: 30,
      highValueLimit: { amount: '300', currency: 'EUR' },
      blockedPhones: ['+33 6 00 00 00 01', '+33 6 00 00 00 02'],
      autoApprove: false,
    });
    expect(row(cs, 'High-value limit (amount and currency)')[1]).toBe('300 EUR'); // written back as the server reads it
    const events = await team.api('GET', '/v1/events?entity=settings&key=review');
    expect(events.body.events[0]).toMatchObject({
      actor: 'cs@shop.test',
      action: 'changed',
      after: { duplicateWindowDays: 30 },
    });

    const chinese = connected('cs@shop.test', csKey, 'zh_CN');
    expect(row(chinese, '高额订单阈值（金额和币种）')[1]).toBe('300 EUR');
    expect(row(chinese, '无问题订单自动审核通过（是/否）')[1]).toBe('否');
    // An unchanged sheet sends nothing: a stale sheet never writes its old values over newer ones.
    await team.api('POST', '/v1/settings/review', { ...saved.body, duplicateWindowDays: 7 });
    execute(cs, () => addon.syncNow());
    expect((await team.api('GET', '/v1/settings/review')).body.duplicateWindowDays).toBe(7);
    expect(row(cs, 'Duplicate check window (days)')[1]).toBe('7');
  });

  test('bad values are kept with a note per row and change nothing; other roles are told they cannot', async () => {
    const cs = connected('cs@shop.test', csKey);
    const before = (await team.api('GET', '/v1/settings/review')).body;
    set(cs, 'Duplicate check window (days)', 'two weeks');
    set(cs, 'Blocked emails (comma-separated)', 'fraud@example.com, not-an-email');
    execute(cs, () => addon.syncNow());
    expect((await team.api('GET', '/v1/settings/review')).body).toEqual(before);
    expect(row(cs, 'Duplicate check window (days)').slice(1, 3)).toEqual([
      'two weeks',
      'Duplicate check window (days): "two weeks" is not a whole number of days from 0 to 365',
    ]);
    expect(row(cs, 'Blocked emails (comma-separated)')[2]).toBe(
      'Blocked emails (comma-separated): "not-an-email" is not an email address',
    );
    set(cs, 'Duplicate check window (days)', '21');
    set(cs, 'Blocked emails (comma-separated)', 'fraud@example.com');
    execute(cs, () => addon.syncNow());
    expect((await team.api('GET', '/v1/settings/review')).body).toMatchObject({
      duplicateWindowDays: 21,
      blockedEmails: ['fraud@example.com'],
    });
    expect(row(cs, 'Duplicate check window (days)')[2]).toBe('');

    const sales = connected('sales@shop.test', salesKey);
    set(sales, 'Approve clean orders automatically (yes/no)', 'yes');
    execute(sales, () => addon.syncNow());
    expect((await team.api('GET', '/v1/settings/review')).body.autoApprove).toBe(false);
    expect(String(row(sales, 'Approve clean orders automatically (yes/no)')[2])).toContain(
      'cannot edit the review settings',
    );
  });

  test('purchasing has its own block: velocity weights and stock-out days, changed by purchasing only, checked as a whole', async () => {
    const buyer = connected('buyer@shop.test', buyerKey);
    expect(row(buyer, 'Velocity weight of the last 7 days')[1]).toBe('0.5');
    expect(row(buyer, 'Leave out days out of stock (yes/no)')[1]).toBe('no');
    // Both blocks sit one under the other, the review block untouched.
    expect(row(buyer, 'Duplicate check window (days)')[1]).toBe('21');

    set(buyer, 'Velocity weight of the last 7 days', '60%');
    set(buyer, 'Velocity weight of the last 30 days', '0.3');
    execute(buyer, () => addon.syncNow());
    // 0.6 + 0.3 + 0.3 = 1.2: refused as a whole, what was typed stays with the reason beside it.
    expect((await team.api('GET', '/v1/settings/purchasing')).body.weights).toEqual({ r7: 0.5, r14: 0.3, r30: 0.2 });
    expect(row(buyer, 'Velocity weight of the last 7 days').slice(1, 3)).toEqual([
      '60%',
      'Velocity weight of the last 7 days: the three weights add up to 1.2; they must add up to 1 (100%)',
    ]);

    set(buyer, 'Velocity weight of the last 14 days', '10%');
    set(buyer, 'Leave out days out of stock (yes/no)', 'yes');
    execute(buyer, () => addon.syncNow());
    expect((await team.api('GET', '/v1/settings/purchasing')).body).toEqual({
      weights: { r7: 0.6, r14: 0.1, r30: 0.3 },
      leaveOutStockOutDays: true,
    });
    expect(row(buyer, 'Velocity weight of the last 7 days').slice(1, 3)).toEqual(['0.6', '']);
    const events = await team.api('GET', '/v1/events?entity=settings&key=purchasing');
    expect(events.body.events[0]).toMatchObject({
      actor: 'buyer@shop.test',
      action: 'changed',
      after: { leaveOutStockOutDays: true },
    });

    // Another spreadsheet, in Chinese, shows the same; customer service may not change it.
    const chinese = connected('cs@shop.test', csKey, 'zh_CN');
    expect(row(chinese, '近 14 天销量权重')[1]).toBe('0.1');
    expect(row(chinese, '日均销量剔除断货天数（是/否）')[1]).toBe('是');
    const cs = connected('cs@shop.test', csKey);
    set(cs, 'Leave out days out of stock (yes/no)', 'no');
    set(cs, 'Duplicate check window (days)', '10'); // their own block, changed in the same sync
    execute(cs, () => addon.syncNow());
    expect((await team.api('GET', '/v1/settings/purchasing')).body.leaveOutStockOutDays).toBe(true);
    expect(String(row(cs, 'Leave out days out of stock (yes/no)')[2])).toContain('cannot edit the purchasing settings');
    // The refused block does not hold back the other: customer service's change is saved, without a note.
    expect((await team.api('GET', '/v1/settings/review')).body.duplicateWindowDays).toBe(10);
    expect(row(cs, 'Duplicate check window (days)').slice(1, 3)).toEqual(['10', '']);
  });
});
