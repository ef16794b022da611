/** Who sent each push: a replay is answered only to the same caller. */
export const MUTATION_ACTOR = `
ALTER TABLE sync_mutations ADD COLUMN actor text NOT NULL DEFAULT '';
`;
