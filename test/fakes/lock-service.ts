/// <reference types="google-apps-script" />
// LockService. Execution is single-threaded here, so a lock is only ever "held by someone else"
// when a test says so (LockState.holdElsewhere) or another Lock object of the same scope
// (another simulated execution) holds it; waiting cannot help, so waitLock fails at once.
import { ScriptRealm } from './script-realm';

type Lock = GoogleAppsScript.Lock.Lock;

export class LockState {
  holder: object | null = null;

  /** Simulates another execution holding the lock; returns a function that releases it. */
  holdElsewhere(): () => void {
    const other = {};
    this.holder = other;
    return () => {
      if (this.holder === other) this.holder = null;
    };
  }
  isHeld(): boolean {
    return this.holder !== null;
  }
}

export class FakeLock implements Lock {
  constructor(
    readonly state: LockState,
    private readonly realm: ScriptRealm,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    if (!(timeoutInMillis >= 0)) throw this.realm.error('Invalid argument: timeoutInMillis');
    if (this.state.holder !== null && this.state.holder !== this) return false;
    this.state.holder = this;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw this.realm.error('Lock timeout: another process was holding the lock for too long.');
    }
  }
  releaseLock(): void {
    if (this.state.holder === this) this.state.holder = null;
  }
  hasLock(): boolean {
    return this.state.holder === this;
  }
}

export class FakeLockService implements GoogleAppsScript.Lock.LockService {
  private readonly issued: FakeLock[] = [];

  constructor(
    readonly states: { document: LockState | null; script: LockState; user: LockState },
    private readonly realm: ScriptRealm = new ScriptRealm(),
  ) {}

  private issue(state: LockState): Lock {
    const lock = new FakeLock(state, this.realm);
    this.issued.push(lock);
    return lock;
  }
  getDocumentLock(): Lock {
    if (!this.states.document) return null as unknown as Lock;
    return this.issue(this.states.document);
  }
  getScriptLock(): Lock {
    return this.issue(this.states.script);
  }
  getUserLock(): Lock {
    return this.issue(this.states.user);
  }
  /** What the end of an execution does in Apps Script: release every lock it still holds. */
  releaseAll(): void {
    for (const lock of this.issued) lock.releaseLock();
    this.issued.length = 0;
  }
}
