/**
 * Undo what a test file creates (child processes, temp folders) even when a test or hook fails.
 * Made inside a test: undone after that test. Made in a hook or at load: undone after the file.
 * Tasks run newest first, so a server is stopped before its folder is removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Task = () => unknown;

let inTest = false;
const afterTest: Task[] = [];
const afterFile: Task[] = [];

export function cleanUpLater(task: Task): void {
  (inTest ? afterTest : afterFile).push(task);
}

/** A new temp folder, removed after the test (or file) that made it. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanUpLater(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function drain(tasks: Task[]): Promise<void> {
  const errors: unknown[] = [];
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    try {
      await task();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

// Outside jest (e.g. jest's globalSetup, which copies no folders of its own) there are no hooks.
if (typeof afterAll === 'function') {
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    await drain(afterTest);
  });
  afterAll(() => drain(afterFile));
}
