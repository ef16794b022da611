import * as addon from '../../addon/main';
import { DATABASE_KINDS } from '../support/databases';
import { execute, sheetRecords, startTeam } from '../support/addon-harness';

/**
 * The FX sheet (docs/reports.md): a rate may be a formula (GOOGLEFINANCE in real Sheets; constant arithmetic in
 * the fakes): its value syncs, and the formula stays in the cell after the sync writes the row back.
 */
describe.each(DATABASE_KINDS)('the FX sheet, on %s', (kind) => {
  let team: Awaited<ReturnType<typeof startTeam>>;
  beforeAll(async () => {
    team = await startTeam(kind);
  });
  afterAll(async () => {
    await team?.close();
  });

  test('a rate typed as a formula reaches the server and keeps its formula; the key fills itself', async () => {
    const bossKey = await team.memberKey('boss@shop.test', ['boss']);
    const env = team.person('boss@shop.test');
    execute(env, () => addon.setupSheets());
    expect(execute(env, () => addon.saveConnection({ url: team.url, key: bossKey }))).toMatchObject({ ok: true });
    const sheet = env.spreadsheet.getSheetByName('FX')!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const at = (header: string) => headers.indexOf(header) + 1;
    sheet.getRange(2, at('Currency')).setValue('USD');
    sheet.getRange(2, at('Month (YYYY-MM)')).setValue('2026-11');
    sheet.getRange(2, at('Rate to base currency')).setValue('=9/10');
    expect(execute(env, () => addon.syncNow())).toMatchObject({ applied: 1, rejected: 0 });

    const stored = await team.api('GET', '/v1/sync/pull?since=0&tables=fx_rates', undefined, bossKey);
    expect(
      stored.body.changes.fx_rates.map((r: { key: string; values: Record<string, unknown> }) => [r.key, r.values.rate]),
    ).toEqual([['USD@2026-11', '0.9']]);
    expect(sheetRecords(env, 'FX')).toEqual([
      expect.objectContaining({ 'Rate line': 'USD@2026-11', 'Rate to base currency': 0.9 }),
    ]);
    expect(sheet.getRange(2, at('Rate to base currency')).getFormula()).toBe('=9/10');
  });
});
