// jest 30 reads `testTimeout` only from the top-level config, never from a project's: each tier sets
// its own here (jest.config.cjs passes it as a global).
jest.setTimeout((globalThis as { CROSSDOCK_TEST_TIMEOUT_MS?: number }).CROSSDOCK_TEST_TIMEOUT_MS ?? 30 * 60_000);
