#!/usr/bin/env node
// Build script for Crossdock.
//
//   node scripts/build.mjs [server|addon|all]      (default: all)
//
// server: sync-server/main.ts      -> dist/server/main.cjs
//         sync-server/cli/main.ts  -> dist/server/cli.cjs
//         sync-server/workflows/import-worker.ts -> dist/server/import-worker.cjs (the import's reading thread)
//         sync-server/db/make-pglite-template.ts -> dist/server/make-pglite-template.cjs
//         (node20, CommonJS, node_modules stay external, linked source maps)
//         Skipped when current: dist/server/build-stamp.json holds the hash of every source file each
//         bundle was made of (scripts/build-stamp.cjs), so `npm start` rebuilds only after a change.
//         Then the PGlite template dist/pglite-template (a migrated, empty data folder that a new data
//         folder is copied from instead of running initdb), made again when its maker's inputs or the
//         PGlite version changed. A failure there is a warning: the server then falls back to initdb.
// addon:  addon/main.ts            -> dist/addon/Code.js (one IIFE for Google Apps Script,
//         global `Crossdock`, plus one top-level function per export), addon/appsscript.json
//         and addon/**/*.html copied (flattened) into dist/addon/.
//
// Runs as the npm `prepare` script, so a missing entry file (code still being written) is a
// warning, not an error. Any esbuild error in an existing entry fails the build (exit 1).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildStamp from './build-stamp.cjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => path.relative(ROOT, p) || '.';

const SERVER_ENTRIES = [
  { entry: 'sync-server/main.ts', out: 'dist/server/main.cjs' },
  { entry: 'sync-server/cli/main.ts', out: 'dist/server/cli.cjs' },
  { entry: 'sync-server/workflows/import-worker.ts', out: 'dist/server/import-worker.cjs' },
  { entry: 'sync-server/db/make-pglite-template.ts', out: 'dist/server/make-pglite-template.cjs' },
];
const BUNDLE_EXTERNAL = ['@electric-sql/pglite', 'exceljs', '@googleapis/sheets', 'google-auth-library', 'pg-native'];
const { TEMPLATE_MAKER, TEMPLATE_DIR } = buildStamp;
const ADDON_ENTRY = 'addon/main.ts';
const ADDON_OUT_DIR = 'dist/addon';
const ADDON_GLOBAL = 'Crossdock';

// Identifiers Apps Script can call as a top-level function.
const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with yield let static implements interface package private protected public ' +
    'await arguments eval'
  ).split(' '),
);

function warn(msg) {
  console.warn(`build: warning: ${msg}`);
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

class BuildFailed extends Error {}

// Run esbuild; esbuild itself prints errors and warnings (logLevel 'warning').
async function run(options) {
  // Loaded only when something is built: a current dist costs `npm start` no esbuild start-up.
  const esbuild = await import('esbuild');
  try {
    return await esbuild.build({ logLevel: 'warning', absWorkingDir: ROOT, ...options });
  } catch (err) {
    // esbuild has already printed the formatted errors; print anything else.
    if (!err || !Array.isArray(err.errors)) console.error(err);
    throw new BuildFailed(`esbuild failed for ${options.entryPoints?.join(', ')}`);
  }
}

async function buildServer() {
  const entries = SERVER_ENTRIES.filter(({ entry, out }) => {
    if (fs.existsSync(path.join(ROOT, entry))) return true;
    warn(`${entry} does not exist yet; skipping ${out}`);
    return false;
  });
  const stale = buildStamp.staleReason(
    ROOT,
    entries.map(({ out }) => out),
  );
  if (!stale) {
    console.log(`build: dist/server is current (${entries.length} bundles; no source changed since the last build)`);
    return 0;
  }
  const inputs = {};
  for (const { entry, out } of entries) {
    const outfile = path.join(ROOT, out);
    const started = Date.now();
    let result;
    try {
      result = await run({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        // Dependencies are bundled: one file compiles faster than hundreds found, read and wrapped one by one (issue
        // 18). Left outside: PGlite (its wasm and data files sit beside its code), the libraries loaded only on
        // first use (exceljs, the Google clients) and pg's optional native binding.
        external: BUNDLE_EXTERNAL,
        sourcemap: 'linked',
        metafile: true,
        write: false,
        // `import.meta.url` is empty in CommonJS output; give it the bundle's own URL.
        define: { 'import.meta.url': '__crossdock_import_meta_url' },
        banner: {
          js: '"use strict";\nvar __crossdock_import_meta_url = require(\'node:url\').pathToFileURL(__filename).href;',
        },
      });
    } catch (error) {
      // A failed build must not leave a stale bundle (or a stamp calling it current) for the tests to pick up.
      for (const file of [outfile, `${outfile}.map`, path.join(ROOT, buildStamp.STAMP)])
        fs.rmSync(file, { force: true });
      throw error;
    }
    // Written beside and renamed: a CLI or server starting meanwhile reads the old bundle or the new one whole.
    for (const file of result.outputFiles) {
      fs.mkdirSync(path.dirname(file.path), { recursive: true });
      const temporary = `${file.path}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, file.contents);
      fs.renameSync(temporary, file.path);
    }
    inputs[out] = Object.keys(result.metafile.inputs);
    const size = fs.statSync(outfile).size;
    console.log(`build: ${rel(outfile)} ${formatSize(size)} (${Date.now() - started} ms)`);
  }
  buildStamp.writeStamp(ROOT, inputs);
  console.log(`build: rebuilt dist/server (${stale})`);
  return entries.length;
}

/** The PGlite template, made again only when its maker's inputs or the installed PGlite changed. */
function ensurePgliteTemplate() {
  if (!fs.existsSync(path.join(ROOT, TEMPLATE_MAKER))) return;
  const key = buildStamp.templateKey(ROOT);
  if (key === null) {
    warn('@electric-sql/pglite is not installed; no PGlite template');
    return;
  }
  if (buildStamp.templateCurrent(ROOT, key)) return;
  const started = Date.now();
  const made = spawnSync(process.execPath, [path.join(ROOT, TEMPLATE_MAKER), path.join(ROOT, TEMPLATE_DIR), key], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (made.status !== 0) {
    warn('could not make the PGlite template; a new data folder will run initdb instead (slower first start)');
    return;
  }
  console.log(`build: ${TEMPLATE_DIR} made (${Date.now() - started} ms): a new data folder is a copy of it`);
}

function listHtmlFiles(dir) {
  const found = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) found.push(...listHtmlFiles(full));
    else if (ent.isFile() && ent.name.toLowerCase().endsWith('.html')) found.push(full);
  }
  return found.sort();
}

async function buildAddon() {
  const entryPath = path.join(ROOT, ADDON_ENTRY);
  if (!fs.existsSync(entryPath)) {
    warn(`${ADDON_ENTRY} does not exist yet; skipping the add-on bundle`);
    return 0;
  }
  const started = Date.now();
  const outDir = path.join(ROOT, ADDON_OUT_DIR);
  // Empty dist/addon first: a failed build must not leave a stale bundle for the tests.
  fs.rmSync(outDir, { recursive: true, force: true });
  const common = {
    entryPoints: [ADDON_ENTRY],
    bundle: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2019',
    treeShaking: true,
    minify: false,
    charset: 'utf8',
  };

  // Pass 1: learn the entry's export names.
  const probe = await run({ ...common, format: 'esm', write: false, metafile: true });
  const outputs = Object.values(probe.metafile.outputs).filter((o) => o.entryPoint);
  const exportNames = [...new Set(outputs.flatMap((o) => o.exports || []))].sort();

  const bad = exportNames.filter((n) => !IDENT_RE.test(n) || RESERVED.has(n) || n === ADDON_GLOBAL);
  if (bad.length) {
    // `export default` and the like cannot become top-level functions.
    warn(`${ADDON_ENTRY}: export(s) ${bad.join(', ')} cannot be top-level Apps Script functions; not exposed`);
  }
  const names = exportNames.filter((n) => !bad.includes(n));
  if (names.length === 0) warn(`${ADDON_ENTRY} exports nothing: Apps Script will see no functions`);

  const footer = [
    '',
    '// Top-level functions for Apps Script (menus, triggers, google.script.run).',
    ...names.map((n) => `function ${n}() { return ${ADDON_GLOBAL}.${n}.apply(this, arguments); }`),
    '',
  ].join('\n');

  // Pass 2: the IIFE, in memory; write only after everything succeeded.
  const result = await run({
    ...common,
    format: 'iife',
    globalName: ADDON_GLOBAL,
    write: false,
    outfile: path.join(ROOT, ADDON_OUT_DIR, 'Code.js'),
    footer: { js: footer },
    legalComments: 'eof',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('Code.js'));
  if (!code) throw new BuildFailed('esbuild produced no Code.js');

  const manifest = path.join(ROOT, 'addon/appsscript.json');
  const htmlFiles = listHtmlFiles(path.join(ROOT, 'addon'));
  const byName = new Map();
  for (const f of htmlFiles) {
    const base = path.basename(f);
    if (byName.has(base)) {
      throw new BuildFailed(`two add-on HTML files share the name ${base}: ${rel(byName.get(base))} and ${rel(f)}`);
    }
    byName.set(base, f);
  }

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(code.path, code.contents);
  if (fs.existsSync(manifest)) fs.copyFileSync(manifest, path.join(outDir, 'appsscript.json'));
  else warn('addon/appsscript.json does not exist; dist/addon has no manifest');
  for (const [base, f] of byName) fs.copyFileSync(f, path.join(outDir, base));

  console.log(
    `build: ${rel(code.path)} ${formatSize(code.contents.length)} (${Date.now() - started} ms), ` +
      `${names.length} top-level function(s)${names.length ? ': ' + names.join(', ') : ''}` +
      (byName.size ? `; html: ${[...byName.keys()].join(', ')}` : ''),
  );
  return 1;
}

async function main() {
  const target = process.argv[2] || 'all';
  if (!['server', 'addon', 'all'].includes(target) || process.argv.length > 3) {
    console.error('usage: node scripts/build.mjs [server|addon|all]');
    process.exit(2);
  }
  try {
    if (target === 'server' || target === 'all') {
      await buildServer();
      ensurePgliteTemplate();
    }
    if (target === 'addon' || target === 'all') await buildAddon();
  } catch (err) {
    if (err instanceof BuildFailed) console.error(`build: error: ${err.message}`);
    else console.error(err);
    process.exitCode = 1;
  }
}

await main();
