/// <reference types="google-apps-script" />
// PropertiesService with Apps Script's quotas: 9 KB per value, 500 KB per store.
import { ScriptRealm } from './script-realm';

type Properties = GoogleAppsScript.Properties.Properties;

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

/** One property store (a document's, a user's, or the script's). */
export class PropertyStore {
  readonly data = new Map<string, string>();
  constructor(readonly label = 'store') {}

  bytes(entries: Iterable<[string, string]> = this.data): number {
    let total = 0;
    for (const [key, value] of entries) total += Buffer.byteLength(key) + Buffer.byteLength(value);
    return total;
  }
}

/** User properties by user email: share one between environments to model several users. */
export class UserPropertyStores {
  private readonly byUser = new Map<string, PropertyStore>();
  forUser(email: string): PropertyStore {
    let store = this.byUser.get(email);
    if (!store) this.byUser.set(email, (store = new PropertyStore(`user ${email}`)));
    return store;
  }
}

export class FakeProperties implements Properties {
  constructor(
    readonly store: PropertyStore,
    private readonly realm: ScriptRealm = new ScriptRealm(),
  ) {}

  private commit(next: Map<string, string>): Properties {
    for (const value of next.values()) {
      if (Buffer.byteLength(value) > MAX_VALUE_BYTES) throw this.realm.error('Argument too large: value');
    }
    if (this.store.bytes(next) > MAX_STORE_BYTES) {
      throw this.realm.error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.store.data.clear();
    for (const [key, value] of next) this.store.data.set(key, value);
    return this;
  }
  getProperty(key: string): string | null {
    return this.store.data.get(String(key)) ?? null;
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.store.data);
  }
  getKeys(): string[] {
    return [...this.store.data.keys()];
  }
  setProperty(key: string, value: string): Properties {
    if (key === null || key === undefined || key === '') throw this.realm.error('Invalid argument: key');
    const next = new Map(this.store.data);
    next.set(String(key), String(value));
    return this.commit(next);
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): Properties {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store.data);
    for (const [key, value] of Object.entries(properties)) next.set(key, String(value));
    return this.commit(next);
  }
  deleteProperty(key: string): Properties {
    this.store.data.delete(String(key));
    return this;
  }
  deleteAllProperties(): Properties {
    this.store.data.clear();
    return this;
  }
}

export class FakePropertiesService implements GoogleAppsScript.Properties.PropertiesService {
  constructor(
    private readonly stores: { document: PropertyStore | null; user: PropertyStore; script: PropertyStore },
    private readonly realm: ScriptRealm = new ScriptRealm(),
  ) {}

  /** Null outside a document, as in Apps Script (we always have one unless told otherwise). */
  getDocumentProperties(): Properties {
    if (!this.stores.document) return null as unknown as Properties;
    return new FakeProperties(this.stores.document, this.realm);
  }
  getUserProperties(): Properties {
    return new FakeProperties(this.stores.user, this.realm);
  }
  getScriptProperties(): Properties {
    return new FakeProperties(this.stores.script, this.realm);
  }
}
