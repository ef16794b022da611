import type { Role } from '../../domain/access/roles';

/** Who is calling, in which workspace, with which roles. Every handler gets one. */
export type Principal = {
  workspaceId: string;
  actor: string;
  roles: Role[];
  via: 'api_key' | 'id_token';
  keyId?: string;
};
