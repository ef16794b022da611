#!/usr/bin/env node
// `npm start`: the sync server (dist/server/main.cjs), run in this process. The build (scripts/build.mjs server)
// runs first only when a bundle or the PGlite template is stale (build-stamp.cjs), so a current checkout
// starts with one node process instead of two (issue 18: a fresh start within 2 s).
'use strict';
const path = require('node:path');
const buildStamp = require('./build-stamp.cjs');

const root = path.resolve(__dirname, '..');
const SERVER_OUTPUTS = [
  'dist/server/main.cjs',
  'dist/server/cli.cjs',
  'dist/server/import-worker.cjs',
  buildStamp.TEMPLATE_MAKER,
];

if (buildStamp.staleReason(root, SERVER_OUTPUTS) !== null || !buildStamp.templateCurrent(root))
  buildStamp.buildServer(root, 'inherit', 'npm start');

require(path.join(root, 'dist', 'server', 'main.cjs'));
