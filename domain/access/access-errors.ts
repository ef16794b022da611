import { errorCatalog } from '../errors/error-catalog';

/** Who may call and what they may do: credentials, roles, workspaces, members and keys. */
export const accessErrors = errorCatalog({
  unauthenticated: {
    status: 401,
    en: 'The server does not accept this credential. Send "Authorization: Bearer <API key>" with your key (check it in "Connect to server"), or ask an admin for a new one: npx crossdock key create --member you@example.com',
    zh: '服务器不接受此凭据。请以 "Authorization: Bearer <API 密钥>" 发送你的密钥（可在“连接服务器”中检查），或请管理员给你一个新密钥：npx crossdock key create --member you@example.com',
  },
  // Google sign-in (ScriptApp.getIdentityToken): one code per reason, so the sheet says what to do.
  id_token_expired: {
    status: 401,
    en: 'Your Google sign-in has expired. Sync again (the add-on asks Google for a fresh one); if this repeats, the server clock is wrong.',
    zh: '你的 Google 登录已过期。请再次同步（插件会向 Google 获取新的登录凭据）；如果反复出现，说明服务器时钟不准。',
  },
  id_token_wrong_audience: {
    status: 401,
    en: "This Google sign-in was issued to another app. The server's CROSSDOCK_GOOGLE_CLIENT_ID must be the OAuth client ID of the add-on's Apps Script project.",
    zh: '此 Google 登录凭据是签发给其他应用的。服务器的 CROSSDOCK_GOOGLE_CLIENT_ID 必须是插件 Apps Script 项目的 OAuth 客户端 ID。',
  },
  id_token_wrong_issuer: {
    status: 401,
    en: 'This sign-in token was not issued by Google (accounts.google.com). Connect again from the Crossdock menu.',
    zh: '此登录凭据不是由 Google（accounts.google.com）签发的。请从 Crossdock 菜单重新连接。',
  },
  id_token_invalid: {
    status: 401,
    en: 'The server could not verify this Google sign-in (its signature does not match Google keys). Connect again from the Crossdock menu.',
    zh: '服务器无法验证此 Google 登录（签名与 Google 的密钥不符）。请从 Crossdock 菜单重新连接。',
  },
  id_token_email_unverified: {
    status: 401,
    en: 'Your Google account {email} has no verified email address. Verify it with Google, or ask an admin for an API key.',
    zh: '你的 Google 账号 {email} 没有已验证的电子邮件地址。请先在 Google 验证，或向管理员申请 API 密钥。',
  },
  google_account_not_member: {
    status: 403,
    en: '{email} is not a member of this workspace (or was removed). Ask an admin to add you: npx crossdock member add {email} --roles ...',
    zh: '{email} 不是此工作区的成员（或已被移除）。请管理员添加你：npx crossdock member add {email} --roles ...',
  },
  key_revoked: {
    status: 401,
    en: 'This API key was revoked. Ask an admin for a new one.',
    zh: '此 API 密钥已被吊销。请向管理员申请新密钥。',
  },
  member_removed: {
    status: 401,
    en: 'The member this key belongs to was removed from the workspace. Ask an admin to add you again and give you a new key.',
    zh: '此密钥所属的成员已被移出工作区。请管理员重新添加你，并给你新的密钥。',
  },
  no_roles: {
    status: 403,
    en: 'You have no role in this workspace. Ask an admin to give you one.',
    zh: '你在此工作区没有任何角色。请管理员为你分配角色。',
  },
  forbidden: {
    status: 403,
    en: 'This needs one of the roles: {needed}. Yours: {held}.',
    zh: '此操作需要以下角色之一：{needed}。你的角色：{held}。',
  },
  forbidden_workspace: { status: 403, en: 'This key belongs to another workspace.', zh: '此密钥属于另一个工作区。' },
  not_a_member: {
    status: 403,
    en: 'You are not a member of this workspace. Ask an admin to add you.',
    zh: '你不是此工作区的成员。请管理员添加你。',
  },
  workspace_ambiguous: {
    status: 400,
    en: 'You belong to several workspaces: send the X-Crossdock-Workspace header.',
    zh: '你属于多个工作区：请发送 X-Crossdock-Workspace 请求头。',
  },
  workspace_not_found: {
    status: 404,
    en: 'There is no workspace {workspace}. List them with: npx crossdock workspace list',
    zh: '没有工作区 {workspace}。列出全部工作区：npx crossdock workspace list',
  },
  member_not_found: {
    status: 404,
    en: '{email} is not a member of {workspace}. Add them with roles first (member add, or --roles on a new key).',
    zh: '{email} 不是 {workspace} 的成员。请先带角色添加（member add，或新建密钥时加 --roles）。',
  },
  key_not_found: { status: 404, en: 'There is no active key {key}.', zh: '没有有效的密钥 {key}。' },
  // 400, not 409: the status it always had (clients may match on it).
  member_exists: {
    status: 400,
    en: "{email} is already a member ({roles}). Leave out the roles (the key takes the member's roles), or change them first with: npx crossdock member add {email} --roles ...",
    zh: '{email} 已是成员（{roles}）。请不要指定角色（密钥沿用成员的角色），或先修改其角色：npx crossdock member add {email} --roles ...',
  },
  invalid_roles: {
    status: 400,
    en: 'Unknown or missing roles: {unknown}. Roles are: {known}; a key without a member (--member) needs roles (--roles).',
    zh: '角色未知或缺失：{unknown}。可用角色：{known}；没有成员（--member）的密钥需要角色（--roles）。',
  },
  invalid_email: { status: 400, en: '"{email}" is not an email address.', zh: '“{email}”不是电子邮件地址。' },
});
