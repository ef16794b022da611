#!/usr/bin/env node
// `npm run push`: builds the add-on and pushes dist/addon with clasp, after checking .clasp.json names a script.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scriptId } = JSON.parse(fs.readFileSync(path.join(ROOT, '.clasp.json'), 'utf8'));
if (!/^[A-Za-z0-9_-]{40,}$/.test(scriptId ?? '') || scriptId.startsWith('PUT-')) {
  console.error(
    'push: .clasp.json has no script id yet. Open the spreadsheet > Extensions > Apps Script > Project Settings,\n' +
      'copy the Script ID into .clasp.json ("scriptId"), then run: npx @google/clasp@3 login (once) and npm run push.',
  );
  process.exit(2);
}
const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
const built = run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'addon']);
if (built !== 0) process.exit(built);
process.exit(run('npx', ['--yes', '@google/clasp@3', 'push', '--force']));
