import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no guard of its own: two processes opening one data folder silently lose data.
 * The lock file holds the owner's pid. It is created whole (written to a temporary file, then
 * hard-linked into place, which fails if the lock exists), so it is never seen empty. A lock whose
 * process is gone is taken over only while holding a short-lived takeover file, so two starters
 * cannot both remove it and both win.
 */
export class DataDirLockedError extends Error {}

export type DataDirLock = { release(): void };

const TAKEOVER_STALE_MS = 10_000;

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'crossdock.lock');
  const takeoverPath = `${lockPath}.takeover`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createWithPid(lockPath)) return { release: () => releaseIfOwner(lockPath) };
    const seen = readLock(lockPath);
    if (seen === null) continue; // released meanwhile: try to create it again
    const owner = ownerOf(seen);
    if (owner !== null && isAlive(owner)) throw lockedError(dataDir, owner);
    if (!createWithPid(takeoverPath)) {
      removeIfOlderThan(takeoverPath, TAKEOVER_STALE_MS); // its holder died mid-takeover
      sleep(50);
      continue;
    }
    try {
      // Only the takeover holder may remove a dead owner's (or unreadable) lock, and only if the file
      // still holds exactly what was seen. A lock that is gone is left alone: another starter may be
      // creating its own right now, and removing that would let two processes win.
      if (readLock(lockPath) === seen) fs.rmSync(lockPath, { force: true });
    } finally {
      fs.rmSync(takeoverPath, { force: true });
    }
  }
  throw new DataDirLockedError(
    `Could not take the lock ${lockPath}; another process keeps starting on the same folder.`,
  );
}

function lockedError(dataDir: string, owner: number): DataDirLockedError {
  return new DataDirLockedError(
    `The data folder ${dataDir} is in use by another Crossdock process (pid ${owner}). ` +
      'Stop that process first, or point CROSSDOCK_DATA_DIR at another folder. ' +
      'Two processes on one PGlite folder would lose data.',
  );
}

/** Creates `file` holding this pid, atomically; false if it already exists. */
function createWithPid(file: string): boolean {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, `${process.pid}\n`);
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function releaseIfOwner(lockPath: string): void {
  try {
    if (readOwner(lockPath) === process.pid) fs.unlinkSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

/** The lock file's content; null when there is no lock file. */
function readLock(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, 'utf8');
  } catch {
    return null;
  }
}

function ownerOf(content: string | null): number | null {
  const pid = Number.parseInt((content ?? '').trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function readOwner(lockPath: string): number | null {
  return ownerOf(readLock(lockPath));
}

function removeIfOlderThan(file: string, ms: number): void {
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > ms) fs.rmSync(file, { force: true });
  } catch {
    // Gone already.
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
