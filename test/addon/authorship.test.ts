import { DATABASE_KINDS } from '../support/databases';
import { columnOf, loadBundle, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { typeAs, type TriggerRunner } from '../fakes/edit-event';
import { text } from '../../addon/ui-text';
import type { FakeSheet } from '../fakes/sheet';

const WAITING = /^Typed by another member .*waits for their own sync/;

/**
 * Live sync off for everyone: only the simple onEdit runs, and *Sync now* still sends each person's own
 * typing only, with their own credential. Consumer accounts, so Apps Script shows no one's email to a
 * simple trigger: authorship rests on whose user properties the trigger writes, not on an email.
 */
describe.each(DATABASE_KINDS)(
  'Sync now sends only the presser’s own typing, through the built bundle, on %s',
  (kind) => {
    let team: Awaited<ReturnType<typeof startTeam>>;
    beforeAll(async () => {
      team = await startTeam(kind, { google: true });
      await team.addMember('bob@gmail.com', ['admin']);
      await team.addMember('amy@gmail.com', ['cs']);
      await team.addMember('bea@gmail.com', ['boss']);
      const products = ['P-1', 'P-2', 'P-3'].map((sku) => ({
        key: sku,
        baseVersion: null,
        values: { name_en: `Item ${sku}`, active: true },
      }));
      const seeded = await team.api('POST', '/v1/sync/push', {
        clientId: 'authorship-seed',
        mutationId: 1,
        tables: { products },
      });
      expect(seeded.body).toMatchObject({ results: { products: products.map(() => ({ status: 'applied' })) } });
    });
    afterAll(async () => {
      await team?.close();
    });

    const server = async () =>
      Object.fromEntries(
        (await team.api('GET', '/v1/sync/pull?since=0&tables=products')).body.changes.products.map(
          (r: { key: string; values: Record<string, unknown> }) => [r.key, r.values],
        ),
      ) as Record<string, Record<string, unknown>>;

    test('an admin’s Sync leaves a cs member’s price edit as typed, waiting; her own Sync is refused and put back', async () => {
      const bundles = new Map<AppsScriptEnvironment, ReturnType<typeof loadBundle>>();
      const bundleOf = (env: AppsScriptEnvironment) => bundles.get(env) ?? bundles.set(env, loadBundle(env)).get(env)!;
      const runTrigger: TriggerRunner = (env, handler, event) => bundleOf(env).run(handler, event);

      const bob = team.person('bob@gmail.com');
      const amy = team.person('amy@gmail.com', { spreadsheet: bob.spreadsheet });
      const people = [bob, amy];
      bundleOf(bob).run('setupSheets');
      for (const env of people) {
        expect(bundleOf(env).run('saveConnection', { url: team.url, key: '' })).toMatchObject({ ok: true });
        bundleOf(env).run('syncNow');
      }
      expect(bob.scriptApp.triggers).toEqual([]); // nobody turned live sync on
      const row = (sku: string) => sheetRecords(bob, 'Products').find((r) => r.SKU === sku)!;
      const at = (sku: string, header: string) =>
        [rowOf(bob, 'Products', sku), columnOf(bob, 'Products', header)] as const;

      // Amy (cs) types a price; Bob (admin) pastes two names at once (one edit, a multi-row range).
      typeAs(amy, people, 'Products', ...at('P-1', 'Unit cost'), [[12.5]], runTrigger);
      const [r2, name] = at('P-2', 'Name (English)');
      expect(rowOf(bob, 'Products', 'P-3')).toBe(r2 + 1);
      typeAs(bob, people, 'Products', r2, name, [['Lamp two'], ['Lamp three']], runTrigger);
      // Then someone sorts the sheet (a sort fires no onEdit): every row moves.
      const sheet = bob.spreadsheet.getSheetByName('Products')!;
      const body = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
      body.setValues(body.getValues().reverse());
      expect(rowOf(bob, 'Products', 'P-3')).not.toBe(r2 + 1);

      // Bob presses Sync now: his two rows go, with his roles; Amy's waits as she typed it, with the note.
      const bobs = bundleOf(bob).run('syncNow');
      expect(bobs).toMatchObject({ pushed: 2, applied: 2, rejected: 0, waiting: 1 });
      expect(bob.spreadsheet.toasts.at(-1)?.message).toContain('1 typed by others left for their own sync');
      expect(row('P-1')).toMatchObject({ 'Unit cost': 12.5, 'Sync note': expect.stringMatching(WAITING) });
      expect(row('P-2')).toMatchObject({ 'Name (English)': 'Lamp two', 'Sync note': '' });
      let now = await server();
      expect(now['P-1']!.unit_cost ?? null).toBeNull();
      expect([now['P-2']!.name_en, now['P-3']!.name_en]).toEqual(['Lamp two', 'Lamp three']);

      // Amy presses Sync now: her row, her credential, her roles: refused, and the server's row put back.
      const amys = bundleOf(amy).run('syncNow');
      expect(amys).toMatchObject({ pushed: 1, rejected: 1, waiting: 0 });
      expect(row('P-1')).toMatchObject({
        'Unit cost': '',
        'Sync note': expect.stringMatching(/roles \(cs\) cannot edit products.*Unit cost=12\.5/),
      });
      now = await server();
      expect(now['P-1']!.unit_cost ?? null).toBeNull();
      // Settled: nothing of hers is kept for a later sync.
      expect(
        amy.properties
          .getUserProperties()
          .getKeys()
          .filter((k) => k.startsWith('crossdock.edits.')),
      ).toEqual([]);
    });

    test('a row changed where no onEdit saw it (before the journal existed, or by another script) waits until retyped', async () => {
      const bundles = new Map<AppsScriptEnvironment, ReturnType<typeof loadBundle>>();
      const bundleOf = (env: AppsScriptEnvironment) => bundles.get(env) ?? bundles.set(env, loadBundle(env)).get(env)!;
      const runTrigger: TriggerRunner = (env, handler, event) => bundleOf(env).run(handler, event);
      const bob = team.person('bob@gmail.com');
      bundleOf(bob).run('setupSheets');
      bundleOf(bob).run('saveConnection', { url: team.url, key: '' });
      bundleOf(bob).run('syncNow');
      const [r, c] = [rowOf(bob, 'Products', 'P-3'), columnOf(bob, 'Products', 'Name (English)')];
      const [r2] = [rowOf(bob, 'Products', 'P-2')];
      typeAs(bob, [bob], 'Products', r2, c, [['Lamp 2 again']], runTrigger);
      bob.spreadsheet.getSheetByName('Products')!.getRange(r, c).setValue('Unknown author');
      expect(bundleOf(bob).run('syncNow')).toMatchObject({ applied: 1, waiting: 1 });
      const row = () => sheetRecords(bob, 'Products').find((x) => x.SKU === 'P-3')!;
      expect(row()).toMatchObject({ 'Name (English)': 'Unknown author', 'Sync note': expect.stringMatching(WAITING) });
      expect((await server())['P-3']!.name_en).not.toBe('Unknown author');
      // Its author edits a cell of the row again: now it is theirs, and goes.
      typeAs(bob, [bob], 'Products', r, c, [['Known author']], runTrigger);
      expect(bundleOf(bob).run('syncNow')).toMatchObject({ applied: 1, waiting: 0 });
      expect((await server())['P-3']!.name_en).toBe('Known author');
    });

    test('a paste of 600 new rows is one edit: journaled by key over several property pieces, sent after a sort', async () => {
      const bundles = new Map<AppsScriptEnvironment, ReturnType<typeof loadBundle>>();
      const bundleOf = (env: AppsScriptEnvironment) => bundles.get(env) ?? bundles.set(env, loadBundle(env)).get(env)!;
      const runTrigger: TriggerRunner = (env, handler, event) => bundleOf(env).run(handler, event);
      const bob = team.person('bob@gmail.com');
      bundleOf(bob).run('setupSheets');
      bundleOf(bob).run('saveConnection', { url: team.url, key: '' });
      bundleOf(bob).run('syncNow');
      const sheet = bob.spreadsheet.getSheetByName('Products')!;
      const first = sheet.getLastRow() + 1;
      const rows = Array.from({ length: 600 }, (_, i) => [`BULK-${String(i).padStart(4, '0')}`, `Bulk item ${i}`]);
      typeAs(bob, [bob], 'Products', first, columnOf(bob, 'Products', 'SKU'), rows, runTrigger);
      // More than one user property could hold (9 KB each): the journal spans several.
      const pieces = bob.properties
        .getUserProperties()
        .getKeys()
        .filter((k) => k.startsWith(`crossdock.edits.${bob.spreadsheet.getId()}`));
      expect(pieces.length).toBeGreaterThan(1);
      const body = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
      body.setValues(body.getValues().reverse());
      expect(bundleOf(bob).run('syncNow')).toMatchObject({ pushed: 600, applied: 600, waiting: 0 });
      expect(Object.keys(await server()).filter((k) => k.startsWith('BULK-'))).toHaveLength(600);
      expect(
        bob.properties
          .getUserProperties()
          .getKeys()
          .filter((k) => k.startsWith('crossdock.edits.')),
      ).toEqual([]);
    });

    test('a rate formula’s new value is sent by its author’s sync, until someone else types in the row', async () => {
      const bundles = new Map<AppsScriptEnvironment, ReturnType<typeof loadBundle>>();
      const bundleOf = (env: AppsScriptEnvironment) => bundles.get(env) ?? bundles.set(env, loadBundle(env)).get(env)!;
      const runTrigger: TriggerRunner = (env, handler, event) => bundleOf(env).run(handler, event);
      const bea = team.person('bea@gmail.com');
      const amy = team.person('amy@gmail.com', { spreadsheet: bea.spreadsheet });
      bundleOf(bea).run('setupSheets');
      for (const env of [bea, amy]) bundleOf(env).run('saveConnection', { url: team.url, key: '' });
      const currency = columnOf(bea, 'FX', 'Currency');
      expect([columnOf(bea, 'FX', 'Month (YYYY-MM)'), columnOf(bea, 'FX', 'Rate to base currency')]).toEqual([
        currency + 1,
        currency + 2,
      ]);
      typeAs(bea, [bea, amy], 'FX', 2, currency, [['USD', '2026-11', '=9/10']], runTrigger);
      expect(bundleOf(bea).run('syncNow')).toMatchObject({ applied: 1, waiting: 0 });
      const rate = async () =>
        (await team.api('GET', '/v1/sync/pull?since=0&tables=fx_rates')).body.changes.fx_rates.find(
          (r: { key: string }) => r.key === 'USD@2026-11',
        ).values.rate as string;
      expect(await rate()).toBe('0.9');

      // GOOGLEFINANCE moves the value; no onEdit fires. Bea's Sync sends it; the formula stays.
      const fx = bea.spreadsheet.getSheetByName('FX')! as unknown as FakeSheet;
      fx.recalculate(2, currency + 2, 0.93);
      expect(bundleOf(bea).run('syncNow')).toMatchObject({ applied: 1, waiting: 0 });
      expect(await rate()).toBe('0.93');
      expect(fx.getRange(2, currency + 2).getFormula()).toBe('=9/10');

      // Amy types in the row: from now on it is hers. Bea's Sync leaves it (and its recalculations) to her.
      typeAs(amy, [bea, amy], 'FX', 2, currency + 1, [['2026-12']], runTrigger);
      fx.recalculate(2, currency + 2, 0.95);
      expect(bundleOf(bea).run('syncNow')).toMatchObject({ pushed: 0, waiting: 1 });
      expect(await rate()).toBe('0.93');
      expect(bundleOf(amy).run('syncNow')).toMatchObject({ pushed: 1, rejected: 1 });
    });

    test('the note exists in English and 简体中文', () => {
      expect(text('en', 'waiting_for_author')).toMatch(WAITING);
      expect(text('zh', 'waiting_for_author')).toContain('等待其本人同步');
    });
  },
);
