// Is dist/server current? scripts/build.mjs records, after a build, the content hash of every source file
// each bundle was made of (esbuild's metafile lists them) in dist/server/build-stamp.json; `npm start` and
// `npx crossdock` rebuild only when one of them, the build recipe or esbuild changed, or a bundle is gone.
// CommonJS so that bin/crossdock.cjs can check it without loading esbuild.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const STAMP = path.join('dist', 'server', 'build-stamp.json');

/** size and mtime: when both are as recorded the file is taken as unchanged without reading it. */
function statOf(file) {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

function hashFile(file) {
  try {
    return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null; // gone: whatever was built from it is stale
  }
}

/** What builds the bundles: this recipe (build.mjs), this file, and the esbuild that runs them. */
function recipe(root) {
  const parts = [path.join('scripts', 'build.mjs'), path.join('scripts', 'build-stamp.cjs')].map((f) =>
    hashFile(path.join(root, f)),
  );
  let esbuild = 'none';
  try {
    esbuild = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
  } catch {
    // not installed: the build itself will say so
  }
  return `${parts.join('+')}+esbuild@${esbuild}`;
}

// Bundled dependencies are tracked by npm's record of what node_modules holds (rewritten by every install), not
// file by file: ~500 files fewer to check at each start and CLI command.
const INSTALLED = path.join('node_modules', '.package-lock.json');
const tracked = (input) => (input.startsWith('node_modules/') ? INSTALLED : input);

/**
 * Writes the stamp: `entries` maps each output (relative to root) to the inputs esbuild read for it
 * (relative to root, as in a metafile).
 */
function writeStamp(root, entries) {
  const hashes = new Map();
  const hashOf = (input) => {
    if (!hashes.has(input)) hashes.set(input, hashFile(path.join(root, input)));
    return hashes.get(input);
  };
  const stamp = { recipe: recipe(root), entries: {}, stats: {} };
  for (const [output, bundled] of Object.entries(entries)) {
    const inputs = new Set(bundled.map(tracked));
    stamp.entries[output] = Object.fromEntries([...inputs].sort().map((input) => [input, hashOf(input)]));
    for (const input of inputs) stamp.stats[input] = statOf(path.join(root, input));
  }
  const file = path.join(root, STAMP);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(stamp, null, 1)}\n`);
  fs.renameSync(temporary, file);
  return stamp;
}

function readStamp(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

/** null when every output in `outputs` is current; else why not (for the build's log line). */
function staleReason(root, outputs) {
  const stamp = readStamp(root);
  if (!stamp || typeof stamp.entries !== 'object') return 'no build stamp';
  if (stamp.recipe !== recipe(root)) return 'the build recipe or esbuild changed';
  const checked = new Set();
  const stats = stamp.stats ?? {};
  for (const output of outputs) {
    const inputs = stamp.entries[output];
    if (!inputs) return `${output} is not in the build stamp`;
    if (!fs.existsSync(path.join(root, output))) return `${output} is missing`;
    for (const [input, hash] of Object.entries(inputs)) {
      if (checked.has(input)) continue;
      checked.add(input);
      const file = path.join(root, input);
      // Same size and mtime: unchanged. Otherwise (an edit, or a checkout that touched it) the content decides.
      if (stats[input] && statOf(file) === stats[input]) continue;
      if (hashFile(file) !== hash) return `${input} changed`;
    }
  }
  return null;
}

const TEMPLATE_MAKER = path.join('dist', 'server', 'make-pglite-template.cjs');
const TEMPLATE_DIR = path.join('dist', 'pglite-template');

/**
 * What the PGlite template's stamp holds when it is current: its maker's inputs and the installed PGlite.
 * null when there is nothing to make it with (no maker built, or PGlite not installed).
 */
function templateKey(root) {
  if (!fs.existsSync(path.join(root, TEMPLATE_MAKER))) return null;
  let pglite;
  try {
    const file = path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    pglite = JSON.parse(fs.readFileSync(file, 'utf8')).version;
  } catch {
    return null;
  }
  return `${inputsFingerprint(root, TEMPLATE_MAKER)}+pglite@${pglite}`;
}

/** True when the template is current, or when it cannot be made here (templateKey null). */
function templateCurrent(root, key = templateKey(root)) {
  if (key === null) return true;
  try {
    return JSON.parse(fs.readFileSync(path.join(root, TEMPLATE_DIR, 'template.json'), 'utf8')).inputs === key;
  } catch {
    return false; // missing or unreadable: make it
  }
}

/** One fingerprint of an output's inputs (the PGlite template keeps the one of its maker). */
function inputsFingerprint(root, output) {
  const inputs = readStamp(root)?.entries?.[output];
  if (!inputs) return null;
  return crypto.createHash('sha1').update(JSON.stringify(inputs)).digest('hex');
}

/**
 * Runs `node scripts/build.mjs server` in `root` (its lines on `stdio`), as npm start and npx crossdock do when
 * their bundles are stale; a build that fails ends this process with its exit code, `who` naming the caller.
 */
function buildServer(root, stdio, who) {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'server'], { cwd: root, stdio });
  if (r.error) {
    console.error(`${who}: could not build the server: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
}

module.exports = {
  buildServer,
  STAMP,
  TEMPLATE_MAKER,
  TEMPLATE_DIR,
  writeStamp,
  staleReason,
  inputsFingerprint,
  templateKey,
  templateCurrent,
};
