import { z } from 'zod';
import { ROLES } from '../access/roles';
import { safeText } from './common';
import { contractText } from './contract-messages';

/** Members and API keys (admin). */

const RoleList = z.array(z.enum(ROLES)).min(1);
export const MemberBody = z.object({ email: z.email().max(254), roles: RoleList }).strict();
export const MemberParams = z.object({ email: safeText('email', 3) }).strict();
export const MembersResponse = z.object({
  members: z.array(z.object({ email: z.string(), roles: z.array(z.string()) })),
});
export const KeyBody = z
  .object({ name: safeText('personName', 1), memberEmail: z.email().max(254).optional(), roles: RoleList.optional() })
  .strict()
  .refine((body) => body.memberEmail || body.roles, { message: contractText('member_or_roles'), path: ['roles'] });
export const KeyParams = z.object({ id: z.string().regex(/^key_[0-9a-f]+$/) }).strict();
export const KeyCreatedResponse = z.object({
  id: z.string(),
  key: z.string().meta({ description: 'Shown once; only its hash is stored' }),
});
export const KeysResponse = z.object({
  keys: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      memberEmail: z.string().nullable(),
      roles: z.array(z.string()),
      revoked: z.boolean(),
    }),
  ),
});
export { OkResponse } from './common';
