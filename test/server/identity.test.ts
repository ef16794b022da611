import crypto from 'node:crypto';
import { createIdTokenVerifier } from '../../sync-server/access/id-tokens';
import { addMember } from '../../sync-server/workflows/workspace-admin';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { DATABASE_KINDS } from '../support/databases';
import { createIdTokenMinter } from '../support/id-token-minter';

const AUDIENCE = '1234-crossdock.apps.googleusercontent.com';

describe.each(DATABASE_KINDS)('Google ID tokens map a person to their workspace and roles, on %s', (kind) => {
  const minter = createIdTokenMinter(AUDIENCE);
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(kind, {
      verifyIdToken: createIdTokenVerifier({ audience: AUDIENCE, certsFile: minter.certsFile }),
    });
  });
  afterAll(async () => {
    await api.close();
  });

  test('a valid token of a member is accepted with the member roles', async () => {
    const ws = await api.workspace();
    await addMember(api.db, ws.id, 'Amy@Shop.test', ['cs', 'sales']);
    const me = await api.call('GET', '/v1/me', { key: minter.mint({ email: 'amy@shop.test' }) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ actor: 'amy@shop.test', roles: ['cs', 'sales'], workspace: { id: ws.id } });
  });

  test('each refused sign-in says why, in English and in Chinese', async () => {
    const ws = await api.workspace();
    await addMember(api.db, ws.id, 'bo@shop.test', ['boss']);
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string, number, RegExp, RegExp][] = [
      [
        minter.mint({ email: 'bo@shop.test', exp: now - 600, iat: now - 4000 }),
        'id_token_expired',
        401,
        /expired/,
        /已过期/,
      ],
      [
        minter.mint({ email: 'bo@shop.test', aud: 'someone-else' }),
        'id_token_wrong_audience',
        401,
        /CROSSDOCK_GOOGLE_CLIENT_ID/,
        /其他应用/,
      ],
      [
        minter.mint({ email: 'bo@shop.test', iss: 'https://evil.example' }),
        'id_token_wrong_issuer',
        401,
        /not issued by Google/,
        /不是由 Google/,
      ],
      [
        minter.mint({ email: 'bo@shop.test' }, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
        'id_token_invalid',
        401,
        /signature/,
        /签名/,
      ],
      [
        minter.mint({ email: 'bo@shop.test', email_verified: false }),
        'id_token_email_unverified',
        401,
        /bo@shop\.test has no verified email/,
        /没有已验证/,
      ],
      [
        minter.mint({ email: 'nobody@else.test' }),
        'google_account_not_member',
        403,
        /nobody@else\.test is not a member/,
        /不是此工作区的成员/,
      ],
    ];
    for (const [token, code, status, en, zh] of cases) {
      const answer = await api.call('GET', '/v1/me', { key: token });
      expect({ code: answer.body.error.code, status: answer.status }).toEqual({ code, status });
      expect(answer.body.error.message).toMatch(en);
      // Nothing of the token (or its payload) comes back: the library quotes both in its own reasons.
      expect(JSON.stringify(answer.body)).not.toContain(token.split('.')[1]!.slice(0, 20));
      const inChinese = await api.call('GET', '/v1/me', { key: token, headers: { 'accept-language': 'zh-CN' } });
      expect(inChinese.body.error.message).toMatch(zh);
    }
  });

  test('a removed member is refused at once, over HTTP, and let back in when added again', async () => {
    const ws = await api.workspace();
    await api.call('POST', '/v1/admin/members', {
      key: ws.adminKey,
      body: { email: 'cy@shop.test', roles: ['warehouse'] },
    });
    const token = minter.mint({ email: 'cy@shop.test' });
    expect((await api.call('GET', '/v1/me', { key: token })).status).toBe(200);
    const removed = await api.call('DELETE', '/v1/admin/members/cy@shop.test', { key: ws.adminKey });
    expect(removed.status).toBeLessThan(300);
    const refused = await api.call('GET', '/v1/me', { key: token });
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({
      status: 403,
      code: 'google_account_not_member',
    });
    await api.call('POST', '/v1/admin/members', { key: ws.adminKey, body: { email: 'cy@shop.test', roles: ['cs'] } });
    expect((await api.call('GET', '/v1/me', { key: token })).body).toMatchObject({ roles: ['cs'] });
  });

  test('a person in two workspaces names one with X-Crossdock-Workspace', async () => {
    const a = await api.workspace('A');
    const b = await api.workspace('B');
    await addMember(api.db, a.id, 'two@shop.test', ['cs']);
    await addMember(api.db, b.id, 'two@shop.test', ['boss']);
    const token = minter.mint({ email: 'two@shop.test' });
    expect((await api.call('GET', '/v1/me', { key: token })).body.error.code).toBe('workspace_ambiguous');
    const inB = await api.call('GET', '/v1/me', { key: token, headers: { 'x-crossdock-workspace': b.id } });
    expect(inB.body).toMatchObject({ roles: ['boss'], workspace: { id: b.id } });
  });
});
