#!/usr/bin/env node
// `npm start`: the sync server (dist/server/main.cjs), run in this process. The build (scripts/build.mjs server)
// runs first only when a bundle or the PGlite template is stale (build-stamp.cjs), so a current checkout
// starts with one node process instead of two (issue 18: a fresh start within 2 s).
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const buildStamp = require('./build-stamp.cjs');

const root = path.resolve(__dirname, '..');
const SERVER_OUTPUTS = ['dist/server/main.cjs', 'dist/server/cli.cjs', buildStamp.TEMPLATE_MAKER];

if (buildStamp.staleReason(root, SERVER_OUTPUTS) !== null || !buildStamp.templateCurrent(root)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'server'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.error) {
    console.error(`npm start: could not build the server: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
}

require(path.join(root, 'dist', 'server', 'main.cjs'));
