import * as addon from '../../addon/main';
import { loadConnection } from '../../addon/connection-store';
import { runSync, type SyncSummary } from '../../addon/sync-run';
import { DATABASE_KINDS } from '../support/databases';
import { columnOf, execute, rowOf, sheetRecords, startTeam } from '../support/addon-harness';
import type { AppsScriptEnvironment } from '../fakes/apps-script-globals';
import { tickClock, typeAs, typeOnly, type TriggerRunner } from '../fakes/edit-event';
import type { FakeTrigger } from '../fakes/session';

type Team = Awaited<ReturnType<typeof startTeam>>;

/** A trigger run: one Apps Script execution of the handler, as its owner. */
const runTrigger: TriggerRunner = (env, handler, event) =>
  execute(env, () => (addon as unknown as Record<string, (e: unknown) => unknown>)[handler]!(event));

const WAITING = /^Typed by another member .*waits for their own sync/;

describe.each(DATABASE_KINDS)('live sync with Google sign-in, on %s', (kind) => {
  let team: Team;
  beforeAll(async () => {
    team = await startTeam(kind, { google: true });
    await team.addMember('boss@shop.test', ['admin']);
    await team.addMember('amy@shop.test', ['cs']);
    await team.addMember('bo@shop.test', ['sales']);
    await team.addMember('cy@shop.test', ['purchasing']);
    const products = ['P-1', 'P-2', 'P-3'].map((sku) => ({
      key: sku,
      baseVersion: null,
      values: { name_en: `Item ${sku}`, active: true },
    }));
    const seeded = await team.api('POST', '/v1/sync/push', {
      clientId: 'live-sync-seed',
      mutationId: 1,
      tables: { products },
    });
    expect(seeded.body).toMatchObject({ results: { products: products.map(() => ({ status: 'applied' })) } });
  });
  afterAll(async () => {
    await team?.close();
  });

  /** Opens (or shares) a spreadsheet, connects with the server URL only, and syncs once. */
  function signedIn(email: string, shared?: AppsScriptEnvironment, locale = 'en_US'): AppsScriptEnvironment {
    const env = team.person(email, shared ? { spreadsheet: shared.spreadsheet } : { locale });
    if (!shared) execute(env, () => addon.setupSheets());
    const answer = execute(env, () => addon.saveConnection({ url: team.url, key: '' }));
    expect(answer).toMatchObject({ ok: true });
    execute(env, () => addon.syncNow());
    return env;
  }

  const cell = (env: AppsScriptEnvironment, sheet: string, key: string, header: string) =>
    [rowOf(env, sheet, key), columnOf(env, sheet, header)] as const;
  const productName = async (sku: string) =>
    (await team.api('GET', '/v1/sync/pull?since=0&tables=products')).body.changes.products.find(
      (r: { key: string }) => r.key === sku,
    ).values.name_en as string;
  const row = (env: AppsScriptEnvironment, sku: string) => sheetRecords(env, 'Products').find((r) => r.SKU === sku)!;

  test('Connect asks for the URL only: the identity token proves who this is, over real HTTP', async () => {
    const amy = signedIn('amy@shop.test');
    expect(amy.ui.alerts).toEqual([]);
    const calls = amy.urlFetch.calls;
    expect(calls.length).toBeGreaterThan(1);
    // A Google ID token (a JWT) on every call, fresh from ScriptApp each time; no key is stored.
    for (const call of calls) expect(call.headers.Authorization).toMatch(/^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(amy.scriptApp.identityTokenCalls).toBe(calls.length);
    expect(JSON.stringify([...amy.properties.getUserProperties().getKeys()])).not.toContain('cdk_');

    // Removed by an admin: the very next sync is refused, saying who and what to do, in the sheet's language.
    await team.api('DELETE', '/v1/admin/members/amy@shop.test');
    const zh = team.person('amy@shop.test', { locale: 'zh_CN' });
    execute(zh, () => addon.setupSheets());
    const refused = execute(zh, () => addon.saveConnection({ url: team.url, key: '' }));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('amy@shop.test 不是此工作区的成员') });
    execute(amy, () => addon.syncNow());
    expect(amy.ui.alerts.at(-1)?.prompt).toContain('amy@shop.test is not a member of this workspace');
    await team.addMember('amy@shop.test', ['cs']);
  });

  test('an expired or foreign token at Connect is explained, and nothing is saved', () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = team.person('bo@shop.test', {
      identityToken: () => team.minter!.mint({ email: 'bo@shop.test', exp: now - 600, iat: now - 4200 }),
    });
    execute(expired, () => addon.setupSheets());
    const answer = execute(expired, () => addon.saveConnection({ url: team.url, key: '' }));
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('Google sign-in has expired') });
    expect(expired.spreadsheet.documentProperties.data.get('crossdock.serverUrl')).toBeUndefined();
    const none = team.person('bo@shop.test', { identityToken: '' });
    execute(none, () => addon.setupSheets());
    expect(execute(none, () => addon.saveConnection({ url: team.url, key: '' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('Google sign-in is not available here'),
    });
  });

  test("a cs member's product edit is refused, whether her own trigger or an admin's trigger or sync runs", async () => {
    const boss = signedIn('boss@shop.test');
    const amy = signedIn('amy@shop.test', boss);
    const people = [boss, amy];
    expect(execute(boss, () => addon.turnOnLiveSync())).toMatchObject({ ok: true });
    expect(execute(amy, () => addon.turnOnLiveSync())).toMatchObject({ ok: true });
    const kinds = (env: AppsScriptEnvironment) =>
      (env.scriptApp.triggers as FakeTrigger[]).map((t) => `${t.handler}:${t.eventType}`).sort();
    // One pull timer per spreadsheet (the first to turn live sync on owns it); an edit trigger per person.
    expect(kinds(boss)).toEqual(['onPullTimer:CLOCK', 'onSheetEdit:ON_EDIT']);
    expect(kinds(amy)).toEqual(['onSheetEdit:ON_EDIT']);

    // Her own trigger sends it, with her roles: refused, put back, the reason in the note.
    const [r, c] = cell(amy, 'Products', 'P-1', 'Name (English)');
    const runs = typeAs(amy, people, 'Products', r, c, [['Renamed by cs']], runTrigger);
    expect(runs.get('boss@shop.test')).toBeNull(); // not his edit: his trigger records and sends nothing
    expect(runs.get('amy@shop.test')).toMatchObject({ rejected: 1 });
    expect(row(boss, 'P-1')).toMatchObject({
      'Name (English)': 'Item P-1',
      'Sync note': expect.stringMatching(/roles \(cs\) cannot edit products/),
    });
    expect(await productName('P-1')).toBe('Item P-1');

    // Live sync off for her: her triggers go. What she types now is in her journal only (the simple
    // onEdit); the admin's timer and his own Sync leave it waiting, and the server never sees it.
    execute(amy, () => addon.turnOffLiveSync());
    expect(amy.scriptApp.triggers).toEqual([]);
    typeAs(amy, people, 'Products', r, c, [['Typed while off']], runTrigger);
    // Nothing new on the server and nothing of his to send: the timer reads no sheet at all.
    boss.spreadsheet.resetStats();
    const fetchesBefore = boss.urlFetch.calls.length;
    expect(tickClock(boss, runTrigger)).toEqual([expect.objectContaining({ pushed: 0, pulled: 0 })]);
    expect(boss.spreadsheet.stats.readCalls).toEqual({});
    expect(boss.urlFetch.calls.length - fetchesBefore).toBe(1);
    expect(execute(boss, () => addon.syncNow())).toMatchObject({ pushed: 0, waiting: 1 });
    expect(row(boss, 'P-1')).toMatchObject({
      'Name (English)': 'Typed while off',
      'Sync note': expect.stringMatching(WAITING),
    });
    expect(await productName('P-1')).toBe('Item P-1');

    // The admin's own edit goes through at once (his trigger, his roles).
    const [r2] = cell(boss, 'Products', 'P-2', 'Name (English)');
    expect(typeAs(boss, people, 'Products', r2, c, [['Boss renamed']], runTrigger).get('boss@shop.test')).toMatchObject(
      {
        applied: 1,
      },
    );
    expect(await productName('P-2')).toBe('Boss renamed');
    execute(boss, () => addon.turnOffLiveSync());
    expect(boss.spreadsheet.documentProperties.data.has('crossdock.pullTimer')).toBe(false);
  });

  test('two people typing at once with live sync on converge with the server', async () => {
    const bo = signedIn('bo@shop.test');
    const cy = signedIn('cy@shop.test', bo);
    const people = [bo, cy];
    for (const env of people) execute(env, () => addon.turnOnLiveSync());
    const [r1, c] = cell(bo, 'Products', 'P-3', 'Name (English)');
    const [r2] = cell(bo, 'Products', 'P-1', 'Name (English)');
    // Both type before either trigger has run; Bo's run meets Cy's row and leaves it to her.
    const boTyped = typeOnly(bo, people, 'Products', r1, c, [['Bo was here']], runTrigger);
    const cyTyped = typeOnly(cy, people, 'Products', r2, c, [['Cy was here']], runTrigger);
    bo.spreadsheet.resetStats();
    expect(boTyped().get('bo@shop.test')).toMatchObject({ applied: 1, waiting: 1 });
    // An edit's run reads only the sheet its person edited (the timer pulls the rest), and Settings' last sync.
    expect(Object.keys(bo.spreadsheet.stats.readCalls).sort()).toEqual(['Products', 'Settings']); // + last sync time
    expect(row(bo, 'P-1')['Sync note']).toMatch(WAITING);
    expect(cyTyped().get('cy@shop.test')).toMatchObject({ applied: 1, waiting: 0 });

    // Another run holds the lock when Bo types: his run leaves it to a retry a minute later.
    const release = bo.spreadsheet.documentLock.holdElsewhere();
    const [r3] = cell(bo, 'Products', 'P-2', 'Name (English)');
    expect(typeAs(bo, people, 'Products', r3, c, [['Bo again']], runTrigger).get('bo@shop.test')).toBeNull();
    release();
    const retry = (bo.scriptApp.triggers as FakeTrigger[]).find((t) => t.handler === 'onEditRetry');
    expect(retry?.settings).toEqual({ after: 60_000 });
    tickClock(bo, runTrigger);
    expect((bo.scriptApp.triggers as FakeTrigger[]).map((t) => t.handler)).not.toContain('onEditRetry');

    const server = (await team.api('GET', '/v1/sync/pull?since=0&tables=products')).body.changes.products as {
      key: string;
      values: { name_en: string };
    }[];
    const sheet = sheetRecords(bo, 'Products');
    for (const product of server) {
      const shown = sheet.find((s) => s.SKU === product.key)!;
      expect({ sku: product.key, name: shown['Name (English)'], note: shown['Sync note'] }).toEqual({
        sku: product.key,
        name: product.values.name_en,
        note: '',
      });
    }
    expect(Object.fromEntries(server.map((p) => [p.key, p.values.name_en]))).toMatchObject({
      'P-1': 'Cy was here',
      'P-2': 'Bo again',
      'P-3': 'Bo was here',
    });
    for (const env of people) execute(env, () => addon.turnOffLiveSync());
  });

  test('a run out of time writes what it pulled, saves its cursor there, and the next run carries on', async () => {
    const bo = team.person('bo@shop.test');
    execute(bo, () => addon.setupSheets());
    execute(bo, () => addon.saveConnection({ url: team.url, key: '' }));
    const ss = bo.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const connection = execute(bo, () => loadConnection(ss.getId()));
    if (connection.kind !== 'connected') throw new Error('not connected');
    // The clock is past the deadline from the start: one page (of one change) per run.
    const tired = { deadline: 0, now: () => 1, pageSize: 1 };
    const runs: SyncSummary[] = [];
    for (let i = 0; i < 20; i++) {
      const summary = execute(bo, () => runSync(ss, connection.connection, 'en', tired));
      runs.push(summary);
      if (!summary.resumed) break;
    }
    const total = (await team.api('GET', '/v1/sync/pull?since=0&tables=products')).body.changes.products.length;
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.slice(0, -1).every((r) => r.resumed && r.pulled === 1)).toBe(true);
    expect(runs.at(-1)!.resumed).toBe(false);
    expect(sheetRecords(bo, 'Products')).toHaveLength(total);
  });

  test('the status line shows live sync, last and next sync, and the calls used today', async () => {
    // A person of their own: the count is per user, across every spreadsheet they use.
    await team.addMember('dee@shop.test', ['sales']);
    const bo = signedIn('dee@shop.test');
    execute(bo, () => addon.turnOnLiveSync());
    tickClock(bo, runTrigger);
    const line = execute(bo, () => addon.showSyncStatus());
    expect(line).toMatch(/^Live sync: on\. Last sync: \d{4}-\d\d-\d\d \d\d:\d\d \(timer\)\. Next: \d{4}-/);
    const calls = Number(/Used in the last 24 h: (\d+) of 20,000 UrlFetch calls/.exec(line)?.[1]);
    expect(calls).toBe(bo.urlFetch.calls.length);
    execute(bo, () => addon.turnOffLiveSync());
    expect(execute(bo, () => addon.showSyncStatus())).toMatch(/^Live sync: off\..*Next: when you press Sync now/);
  });
});
