// Jest global setup: runs once per `npm test`, before any test file.
// Placeholder for now; the lead will extend it (e.g. a migrated PGlite template folder).
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalSetup(globalConfig) {
  const root = (globalConfig && globalConfig.rootDir) || path.resolve(__dirname, '..', '..');
  fs.mkdirSync(path.join(root, '.test-results'), { recursive: true });
};
