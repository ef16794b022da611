import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, loadBundle, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { tickClock, typeAs, type TriggerRunner } from '../fakes/edit-event';
import type { FakeTrigger } from '../fakes/session';

const shopify = fs.readFileSync(
  path.resolve(__dirname, '..', 'fixtures', 'orders', 'shopify-orders-export.csv'),
  'utf8',
);

describe.each(DATABASE_KINDS)(
  'the built bundle with live sync: a status picked moves the order at once, on %s',
  (kind) => {
    let team: Awaited<ReturnType<typeof startTeam>>;
    beforeAll(async () => {
      team = await startTeam(kind, { google: true });
      await team.addMember('amy@shop.test', ['cs']);
      await team.addMember('boss@shop.test', ['admin']);
      // A warehouse shipping everywhere, holding nothing: approved orders wait for stock (pending purchase).
      await team.api('POST', '/v1/sync/push', {
        clientId: 'live-orders-warehouse',
        mutationId: 1,
        tables: { warehouses: [{ key: 'MAIN', baseVersion: null, values: { name: 'Main', countries: [], rank: 9 } }] },
      });
      expect((await team.api('POST', '/v1/orders/import', { format: 'shopify', text: shopify })).body.imported).toBe(5);
    });
    afterAll(async () => {
      await team?.close();
    });

    test('the trigger handlers are top-level functions of Code.js, and an edit runs through them', async () => {
      const bundles = new Map<AppsScriptEnvironment, ReturnType<typeof loadBundle>>();
      const bundleOf = (env: AppsScriptEnvironment) => bundles.get(env) ?? bundles.set(env, loadBundle(env)).get(env)!;
      const runTrigger: TriggerRunner = (env, handler, event) => bundleOf(env).run(handler, event);

      const boss = team.person('boss@shop.test');
      const amy = team.person('amy@shop.test', { spreadsheet: boss.spreadsheet });
      bundleOf(boss).run('setupSheets');
      for (const env of [boss, amy]) {
        expect(bundleOf(env).run('saveConnection', { url: team.url, key: '' })).toMatchObject({ ok: true });
        expect(bundleOf(env).run('turnOnLiveSync')).toMatchObject({ ok: true });
        // What Apps Script will call: every trigger's handler is a top-level function of the script.
        for (const trigger of env.scriptApp.triggers as FakeTrigger[])
          expect(vm.runInContext(`typeof ${trigger.handler}`, bundleOf(env).context)).toBe('function');
      }
      expect(vm.runInContext('typeof onEditRetry', bundleOf(amy).context)).toBe('function');
      // The boss's clock brings the orders in.
      tickClock(boss, runTrigger);
      expect(sheetRecords(amy, 'Orders')).toHaveLength(8);

      const status = columnOf(amy, 'Orders', 'Status');
      const picked = typeAs(
        amy,
        [boss, amy],
        'Orders',
        rowOf(amy, 'Orders', 'SH-1002/1'),
        status,
        [['Approved']],
        runTrigger,
      );
      expect(picked.get('boss@shop.test')).toBeNull();
      expect(picked.get('amy@shop.test')).toMatchObject({ moved: 1 });
      const lines = (orderNo: string) => sheetRecords(amy, 'Orders').filter((r) => r['Order no.'] === orderNo);
      expect(lines('SH-1002')[0]).toMatchObject({ Status: 'Pending purchase', 'Sync note': '' });
      const events = await team.api('GET', '/v1/events?entity=orders&key=SH-1002');
      expect(events.body.events).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'approve', actor: 'amy@shop.test' })]),
      );

      // An impossible pick is put back at once, with the reason.
      const row = rowOf(amy, 'Orders', 'SH-1005/2');
      expect(
        typeAs(amy, [boss, amy], 'Orders', row, status, [['Delivered']], runTrigger).get('amy@shop.test'),
      ).toMatchObject({ moved: 0 });
      expect(lines('SH-1005')[1]).toMatchObject({
        Status: 'Pending review',
        'Sync note': 'SH-1005 is Pending review; it cannot be set to Delivered by hand',
      });
      for (const env of [boss, amy]) bundleOf(env).run('turnOffLiveSync');
      expect([...boss.scriptApp.triggers, ...amy.scriptApp.triggers]).toEqual([]);
    });
  },
);
