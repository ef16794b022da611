/// <reference types="google-apps-script" />
// Session (who runs the script) and ScriptApp (tokens and triggers). Tokens are configurable
// strings, or functions so a test can mint a fresh signed token per call.
import { createHash } from 'node:crypto';
import { enumOf, ScriptRealm, userOf } from './script-realm';

type User = GoogleAppsScript.Base.User;
type TokenSource = string | (() => string);

export const AuthMode = enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export const EventType = enumOf([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const);
export const TriggerSource = enumOf(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);

export interface SessionOptions {
  userEmail: string;
  /** What getActiveUser().getEmail() returns; Apps Script gives '' across domains. */
  activeUserEmail?: string;
  userLocale: string;
  timeZone: string;
}

export class FakeSession implements Pick<
  GoogleAppsScript.Base.Session,
  'getActiveUser' | 'getActiveUserLocale' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey'
> {
  constructor(readonly options: SessionOptions) {}

  getActiveUser(): User {
    return userOf(this.options.activeUserEmail ?? this.options.userEmail);
  }
  getEffectiveUser(): User {
    return userOf(this.options.userEmail);
  }
  getActiveUserLocale(): string {
    return this.options.userLocale;
  }
  getScriptTimeZone(): string {
    return this.options.timeZone;
  }
  /** Stable per user, opaque, like Apps Script's. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`temp-key:${this.options.userEmail}`).digest('base64url').slice(0, 43);
  }
}

export interface FakeTrigger extends GoogleAppsScript.Script.Trigger {
  readonly handler: string;
  readonly eventType: keyof typeof EventType;
  readonly settings: Record<string, unknown>;
}

/** One builder for both the clock and the spreadsheet trigger chains. */
class TriggerBuilder {
  private eventType: keyof typeof EventType = 'CLOCK';
  private source: keyof typeof TriggerSource = 'CLOCK';
  private sourceId = '';
  private readonly settings: Record<string, unknown> = {};

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  timeBased(): this {
    return this;
  }
  forSpreadsheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): this {
    this.source = 'SPREADSHEETS';
    this.sourceId = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.getId();
    return this;
  }
  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }
  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }
  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      throw this.app.realm.error('The value you passed to everyMinutes is invalid. Valid values are 1, 5, 10, 15, 30.');
    this.settings.everyMinutes = n;
    return this;
  }
  everyHours(n: number): this {
    this.settings.everyHours = n;
    return this;
  }
  everyDays(n: number): this {
    this.settings.everyDays = n;
    return this;
  }
  atHour(hour: number): this {
    this.settings.atHour = hour;
    return this;
  }
  after(ms: number): this {
    this.settings.after = ms;
    return this;
  }
  create(): GoogleAppsScript.Script.Trigger {
    const id = String(1_000_000 + this.app.triggers.length + this.app.deletedTriggers.length);
    const { handler, eventType, source, sourceId, settings } = this;
    const trigger: FakeTrigger = {
      handler,
      eventType,
      settings: { ...settings },
      getHandlerFunction: () => handler,
      getEventType: () => EventType[eventType] as unknown as GoogleAppsScript.Script.EventType,
      getTriggerSource: () => TriggerSource[source] as unknown as GoogleAppsScript.Script.TriggerSource,
      getTriggerSourceId: () => sourceId,
      getUniqueId: () => id,
    };
    this.app.triggers.push(trigger);
    return trigger;
  }
}

type ScriptAppMethod =
  | 'AuthMode'
  | 'EventType'
  | 'TriggerSource'
  | 'deleteTrigger'
  | 'getIdentityToken'
  | 'getOAuthToken'
  | 'getProjectTriggers'
  | 'getScriptId'
  | 'newTrigger';

export class FakeScriptApp implements Pick<GoogleAppsScript.Script.ScriptApp, ScriptAppMethod> {
  readonly AuthMode = AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode;
  readonly EventType = EventType as unknown as typeof GoogleAppsScript.Script.EventType;
  readonly TriggerSource = TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource;
  readonly triggers: FakeTrigger[] = [];
  readonly deletedTriggers: FakeTrigger[] = [];
  identityTokenCalls = 0;

  constructor(
    public identityToken: TokenSource,
    public oAuthToken: TokenSource,
    readonly scriptId = '1FakeScriptIdxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    readonly realm: ScriptRealm = new ScriptRealm(),
  ) {}

  getIdentityToken(): string {
    this.identityTokenCalls += 1;
    return typeof this.identityToken === 'function' ? this.identityToken() : this.identityToken;
  }
  getOAuthToken(): string {
    return typeof this.oAuthToken === 'function' ? this.oAuthToken() : this.oAuthToken;
  }
  getScriptId(): string {
    return this.scriptId;
  }
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    return new TriggerBuilder(this, functionName) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }
  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    return [...this.triggers];
  }
  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    const index = this.triggers.findIndex((t) => t.getUniqueId() === trigger.getUniqueId());
    if (index >= 0) this.deletedTriggers.push(...this.triggers.splice(index, 1));
  }
}
