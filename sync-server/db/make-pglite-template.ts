import { makePgliteTemplate } from './pglite-template';

/**
 * `node dist/server/make-pglite-template.cjs DIR [INPUTS]`: run by scripts/build.mjs when the template is
 * missing or older than its inputs (INPUTS is the build's fingerprint of them, kept in the template's stamp).
 */
const [target, inputs] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: make-pglite-template.cjs DIR [INPUTS]\n');
  process.exit(2);
}
makePgliteTemplate(target, { inputs }).then(
  (stamp) => process.stdout.write(`PGlite template ${target}: ${stamp.migrations.length} migrations\n`),
  (error: unknown) => {
    process.stderr.write(`could not make the PGlite template: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
