/**
 * The first answers kept for retries (pushes and commands) are stored as json, not jsonb: they are written
 * on every push and command and only ever read back whole, and jsonb's conversion was a third of storing a
 * 10,000-row answer (docs/sync-model.md). Existing answers convert as they are.
 */
export const REPLAY_ANSWERS_JSON = `
ALTER TABLE sync_mutations ALTER COLUMN response TYPE json USING response::json;
ALTER TABLE command_results ALTER COLUMN response TYPE json USING response::json;
`;
