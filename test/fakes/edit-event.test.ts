import { createAppsScriptGlobals } from './apps-script-globals';
import { tickClock, typeAs, visibleEditor } from './edit-event';
import { UserPropertyStores } from './properties-service';
import { simpleTriggerSession } from './simple-trigger';

describe('a person typing, as the simple onEdit and installable on-edit triggers see it', () => {
  test("the event's user: the same person, or the same Workspace domain; blank otherwise", () => {
    expect(visibleEditor('amy@shop.test', 'amy@shop.test')).toBe('amy@shop.test');
    expect(visibleEditor('amy@shop.test', 'bob@shop.test')).toBe('amy@shop.test');
    expect(visibleEditor('amy@gmail.com', 'bob@gmail.com')).toBe('');
    expect(visibleEditor('amy@gmail.com', 'amy@gmail.com')).toBe('amy@gmail.com');
    expect(visibleEditor('amy@shop.test', 'bob@other.test')).toBe('');
  });

  test('the simple onEdit runs as the editor, then every on-edit trigger as its owner, with the documented events', () => {
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
        authMode: String(event.authMode),
        triggerUid: event.triggerUid === undefined ? 'none' : 'set',
        user: event.user.getEmail(),
        a1: event.range.getA1Notation(),
        value: event.value,
        oldValue: event.oldValue,
      });
      return env.userEmail;
    });
    // Cy's spreadsheet is another file: his trigger does not fire.
    expect([...results.keys()]).toEqual(['onEdit:amy@gmail.com', 'amy@gmail.com', 'bob@gmail.com']);
    const installable = { authMode: 'FULL', triggerUid: 'set' };
    expect(seen).toEqual([
      // The simple trigger: LIMITED, no triggerUid; Amy owns the file (a developer sees their own email).
      {
        owner: 'amy@gmail.com',
        handler: 'onEdit',
        authMode: 'LIMITED',
        triggerUid: 'none',
        user: 'amy@gmail.com',
        a1: 'C2',
        value: 'Hello',
        oldValue: undefined,
      },
      {
        owner: 'amy@gmail.com',
        handler: 'onSheetEdit',
        ...installable,
        user: 'amy@gmail.com',
        a1: 'C2',
        value: 'Hello',
        oldValue: undefined,
      },
      {
        owner: 'bob@gmail.com',
        handler: 'onSheetEdit',
        ...installable,
        user: '',
        a1: 'C2',
        value: 'Hello',
        oldValue: undefined,
      },
    ]);
    // A paste: no value/oldValue (Apps Script gives them for one cell only).
    const pasted: string[] = [];
    typeAs(bob, [amy, bob], 'Data', 2, 3, [['a', 'b']], (env, handler, e) => {
      expect(e).not.toHaveProperty('value');
      const event = e as GoogleAppsScript.Events.SheetsOnEdit;
      pasted.push(`${env.userEmail}:${handler}:${event.user.getEmail()}:${event.range.getA1Notation()}`);
      return null;
    });
    // Bob's simple trigger runs as Bob but cannot tell his (consumer) email; his installable one can.
    expect(pasted).toEqual([
      'bob@gmail.com:onEdit::C2:D2',
      'amy@gmail.com:onSheetEdit::C2:D2',
      'bob@gmail.com:onSheetEdit:bob@gmail.com:C2:D2',
    ]);
    expect(tickClock(bob, (env, handler) => `${env.userEmail}:${handler}`)).toEqual(['bob@gmail.com:onPullTimer']);
    expect(tickClock(amy, () => 'x')).toEqual([]);
  });

  test('a simple trigger has no authorized services and no email, but the same properties and spreadsheet', () => {
    const stores = new UserPropertyStores();
    const owner = createAppsScriptGlobals({ userEmail: 'boss@gmail.com', userPropertiesStore: stores });
    const amy = createAppsScriptGlobals({
      userEmail: 'amy@gmail.com',
      userPropertiesStore: stores,
      spreadsheet: owner.spreadsheet,
    });
    const simple = simpleTriggerSession(amy);
    expect(simpleTriggerSession(amy)).toBe(simple);
    expect(() => simple.globals.UrlFetchApp.fetch('https://example.test')).toThrow(
      'You do not have permission to call UrlFetchApp.fetch',
    );
    expect(() => simple.globals.ScriptApp.getProjectTriggers()).toThrow('You do not have permission');
    expect(simple.globals.Session.getActiveUser().getEmail()).toBe('');
    expect(simple.globals.Session.getEffectiveUser().getEmail()).toBe('');
    expect(simple.globals.Session.getTemporaryActiveUserKey()).toBe(amy.session.getTemporaryActiveUserKey());
    simple.globals.PropertiesService.getUserProperties().setProperty('k', 'v');
    expect(amy.globals.PropertiesService.getUserProperties().getProperty('k')).toBe('v');
    expect(owner.globals.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    expect(simple.globals.SpreadsheetApp.getActiveSpreadsheet().getId()).toBe(owner.spreadsheet.getId());
  });
});
