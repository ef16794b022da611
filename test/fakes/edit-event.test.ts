import { createAppsScriptGlobals } from './apps-script-globals';
import { tickClock, typeAs, visibleEditor } from './edit-event';
import { UserPropertyStores } from './properties-service';

describe('a person typing, as installable on-edit triggers see it', () => {
  test("the event's user: the same person, or the same Workspace domain; blank otherwise", () => {
    expect(visibleEditor('amy@shop.test', 'amy@shop.test')).toBe('amy@shop.test');
    expect(visibleEditor('amy@shop.test', 'bob@shop.test')).toBe('amy@shop.test');
    expect(visibleEditor('amy@gmail.com', 'bob@gmail.com')).toBe('');
    expect(visibleEditor('amy@gmail.com', 'amy@gmail.com')).toBe('amy@gmail.com');
    expect(visibleEditor('amy@shop.test', 'bob@other.test')).toBe('');
  });

  test('every on-edit trigger of the spreadsheet runs, as its owner, with the documented event', () => {
    const stores = new UserPropertyStores();
    const amy = createAppsScriptGlobals({ userEmail: 'amy@gmail.com', userPropertiesStore: stores });
    const bob = createAppsScriptGlobals({
      userEmail: 'bob@gmail.com',
      userPropertiesStore: stores,
      spreadsheet: amy.spreadsheet,
    });
    const cy = createAppsScriptGlobals({ userEmail: 'cy@gmail.com', userPropertiesStore: stores });
    amy.spreadsheet.insertSheet('Data');
    for (const env of [amy, bob, cy])
      env.scriptApp.newTrigger('onSheetEdit').forSpreadsheet(env.spreadsheet.getId()).onEdit().create();
    bob.scriptApp.newTrigger('onPullTimer').timeBased().everyMinutes(5).create();
    const seen: Record<string, unknown>[] = [];
    const results = typeAs(amy, [amy, bob, cy], 'Data', 2, 3, [['Hello']], (env, handler, e) => {
      const event = e as GoogleAppsScript.Events.SheetsOnEdit;
      seen.push({
        owner: env.userEmail,
        handler,
        user: event.user.getEmail(),
        a1: event.range.getA1Notation(),
        value: event.value,
        oldValue: event.oldValue,
      });
      return env.userEmail;
    });
    // Cy's spreadsheet is another file: his trigger does not fire.
    expect([...results.keys()]).toEqual(['amy@gmail.com', 'bob@gmail.com']);
    expect(seen).toEqual([
      {
        owner: 'amy@gmail.com',
        handler: 'onSheetEdit',
        user: 'amy@gmail.com',
        a1: 'C2',
        value: 'Hello',
        oldValue: undefined,
      },
      { owner: 'bob@gmail.com', handler: 'onSheetEdit', user: '', a1: 'C2', value: 'Hello', oldValue: undefined },
    ]);
    // A paste: no value/oldValue (Apps Script gives them for one cell only).
    typeAs(bob, [amy, bob], 'Data', 2, 3, [['a', 'b']], (env, handler, e) => {
      expect(e).not.toHaveProperty('value');
      return null;
    });
    expect(tickClock(bob, (env, handler) => `${env.userEmail}:${handler}`)).toEqual(['bob@gmail.com:onPullTimer']);
    expect(tickClock(amy, () => 'x')).toEqual([]);
  });
});
