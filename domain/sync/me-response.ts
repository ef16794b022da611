import type { Role } from '../access/roles';

/** GET /v1/me: the connection test's answer. */
export type MeResponse = { workspace: { id: string; name: string }; actor: string; roles: Role[] };
