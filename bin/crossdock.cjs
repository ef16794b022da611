#!/usr/bin/env node
// `npx crossdock ...`: runs the sync server's CLI (dist/server/cli.cjs), building it first when it is
// missing or older than its sources (dist/server/build-stamp.json; scripts/build-stamp.cjs).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'server', 'cli.cjs');

function stale() {
  if (!fs.existsSync(cli)) return 'not built';
  // A checkout without the build tooling (no scripts/) runs what it has.
  const stampModule = path.join(root, 'scripts', 'build-stamp.cjs');
  if (!fs.existsSync(stampModule)) return null;
  // The import worker too: the CLI's import reads files in it.
  return require(stampModule).staleReason(root, ['dist/server/cli.cjs', 'dist/server/import-worker.cjs']);
}

if (stale()) {
  // The build's progress lines go to stderr so they never mix with the CLI's own stdout.
  require(path.join(root, 'scripts', 'build-stamp.cjs')).buildServer(root, ['inherit', 2, 'inherit'], 'crossdock');
  if (!fs.existsSync(cli)) {
    console.error('crossdock: dist/server/cli.cjs was not built (is sync-server/cli/main.ts missing?)');
    process.exit(1);
  }
}

require(cli);
