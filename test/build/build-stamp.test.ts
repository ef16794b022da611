import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { tempDir } from '../support/cleanup';

// scripts/build-stamp.cjs is plain CommonJS (bin/crossdock.cjs loads it without a build).
const stamp = require('../../scripts/build-stamp.cjs') as {
  writeStamp(root: string, entries: Record<string, string[]>): unknown;
  staleReason(root: string, outputs: string[]): string | null;
  inputsFingerprint(root: string, output: string): string | null;
  TEMPLATE_MAKER: string;
  templateKey(root: string): string | null;
  templateCurrent(root: string): boolean;
};

const OUT = 'dist/server/main.cjs';
const CLI = 'dist/server/cli.cjs';
const SOURCES = ['sync-server/main.ts', 'sync-server/config.ts', 'domain/money.ts'];

/** A checkout in miniature: sources, the build recipe, bundles, and the stamp of a build of them. */
function builtCheckout(): string {
  const root = tempDir('crossdock-stamp-');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  for (const file of SOURCES) write(file, `// ${file}\n`);
  write('scripts/build.mjs', '// recipe v1\n');
  write(OUT, 'bundle');
  write(CLI, 'bundle');
  stamp.writeStamp(root, { [OUT]: SOURCES, [CLI]: SOURCES.slice(1) });
  return root;
}

describe('npm start skips the build when dist/server is current', () => {
  test('current right after a build, and after a checkout that only touched the files', () => {
    const root = builtCheckout();
    expect(stamp.staleReason(root, [OUT, CLI])).toBeNull();
    const later = new Date(Date.now() + 60_000);
    for (const file of SOURCES) fs.utimesSync(path.join(root, file), later, later);
    expect(stamp.staleReason(root, [OUT, CLI])).toBeNull();
  });

  test('stale when any byte of any source changes, even keeping its size', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.integer({ min: 0, max: 5 }), (file, at) => {
        const root = builtCheckout();
        const full = path.join(root, file);
        const before = fs.statSync(full);
        const text = fs.readFileSync(full);
        text[at % text.length] = text[at % text.length] === 0x41 ? 0x42 : 0x41; // one byte, same size
        fs.writeFileSync(full, text);
        // An edit moves the mtime (a file with the same size and mtime is taken as unchanged, unread).
        fs.utimesSync(full, before.atime, new Date(before.mtimeMs + 1000));
        expect(stamp.staleReason(root, [OUT])).toBe(`${file} changed`);
      }),
      { numRuns: 12 },
    );
  });

  test("bundled dependencies: an install makes the bundles stale; a dependency's files are not checked one by one", () => {
    const root = builtCheckout();
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    const dependency = 'node_modules/zod/index.cjs';
    const installed = 'node_modules/.package-lock.json';
    write(dependency, '// zod 4.6\n');
    write(installed, '{"packages":{"node_modules/zod":{"version":"4.6.7"}}}\n');
    stamp.writeStamp(root, { [OUT]: [...SOURCES, dependency], [CLI]: SOURCES });
    const recorded = JSON.parse(fs.readFileSync(path.join(root, 'dist/server/build-stamp.json'), 'utf8'));
    expect(Object.keys(recorded.entries[OUT])).toEqual([...SOURCES, installed].sort());
    expect(Object.keys(recorded.entries[CLI])).toEqual([...SOURCES].sort());
    expect(stamp.staleReason(root, [OUT, CLI])).toBeNull();
    write(installed, '{"packages":{"node_modules/zod":{"version":"4.7.0"}}}\n');
    const later = new Date(Date.now() + 60_000); // an install rewrites it: a new mtime, not only new bytes
    fs.utimesSync(path.join(root, installed), later, later);
    expect(stamp.staleReason(root, [OUT])).toBe(`${installed} changed`);
    expect(stamp.staleReason(root, [CLI])).toBeNull();
  });

  test('stale when a source or a bundle is gone, the recipe changed, or there is no stamp', () => {
    let root = builtCheckout();
    fs.rmSync(path.join(root, SOURCES[0]!));
    expect(stamp.staleReason(root, [OUT])).toBe(`${SOURCES[0]} changed`);
    // cli.cjs was not made of that file: still current.
    expect(stamp.staleReason(root, [CLI])).toBeNull();

    root = builtCheckout();
    fs.rmSync(path.join(root, CLI));
    expect(stamp.staleReason(root, [OUT, CLI])).toBe(`${CLI} is missing`);

    root = builtCheckout();
    fs.writeFileSync(path.join(root, 'scripts/build.mjs'), '// recipe v2\n');
    expect(stamp.staleReason(root, [OUT])).toBe('the build recipe or esbuild changed');

    root = builtCheckout();
    expect(stamp.staleReason(root, ['dist/server/other.cjs'])).toBe('dist/server/other.cjs is not in the build stamp');
    fs.rmSync(path.join(root, 'dist/server/build-stamp.json'));
    expect(stamp.staleReason(root, [OUT])).toBe('no build stamp');
  });

  test("the template's fingerprint follows its maker's inputs only", () => {
    const root = builtCheckout();
    const before = stamp.inputsFingerprint(root, CLI);
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    fs.writeFileSync(path.join(root, SOURCES[0]!), '// only in main\n');
    stamp.writeStamp(root, { [OUT]: SOURCES, [CLI]: SOURCES.slice(1) });
    expect(stamp.inputsFingerprint(root, CLI)).toBe(before);
    fs.writeFileSync(path.join(root, SOURCES[1]!), '// in both\n');
    stamp.writeStamp(root, { [OUT]: SOURCES, [CLI]: SOURCES.slice(1) });
    expect(stamp.inputsFingerprint(root, CLI)).not.toBe(before);
  });
});

describe('the PGlite template is current when its stamp names its maker’s inputs and the installed PGlite', () => {
  test('missing, of another maker or another PGlite: stale; nothing to make it with: nothing to do', () => {
    const root = builtCheckout();
    // No maker built: nothing to make the template with, so npm start does not build for it.
    expect(stamp.templateKey(root)).toBeNull();
    expect(stamp.templateCurrent(root)).toBe(true);
    const maker = stamp.TEMPLATE_MAKER;
    fs.writeFileSync(path.join(root, maker), 'maker');
    stamp.writeStamp(root, { [OUT]: SOURCES, [maker]: SOURCES.slice(2) });
    expect(stamp.templateKey(root)).toBeNull(); // PGlite not installed
    const pkg = path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    fs.mkdirSync(path.dirname(pkg), { recursive: true });
    fs.writeFileSync(pkg, JSON.stringify({ name: '@electric-sql/pglite', version: '0.5.16' }));
    const key = stamp.templateKey(root);
    expect(key).toBe(`${stamp.inputsFingerprint(root, maker)}+pglite@0.5.16`);
    expect(stamp.templateCurrent(root)).toBe(false); // no template yet
    const templateStamp = path.join(root, 'dist', 'pglite-template', 'template.json');
    fs.mkdirSync(path.dirname(templateStamp), { recursive: true });
    fs.writeFileSync(templateStamp, JSON.stringify({ format: 1, inputs: key }));
    expect(stamp.templateCurrent(root)).toBe(true);
    fs.writeFileSync(pkg, JSON.stringify({ name: '@electric-sql/pglite', version: '0.6.0' }));
    expect(stamp.templateCurrent(root)).toBe(false);
    fs.writeFileSync(pkg, JSON.stringify({ name: '@electric-sql/pglite', version: '0.5.16' }));
    fs.writeFileSync(path.join(root, SOURCES[2]!), '// the maker changed\n');
    stamp.writeStamp(root, { [OUT]: SOURCES, [maker]: SOURCES.slice(2) });
    expect(stamp.templateCurrent(root)).toBe(false);
    fs.writeFileSync(templateStamp, '{not json');
    expect(stamp.templateCurrent(root)).toBe(false);
  });
});
