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

  test('wrong audience, expired, foreign signature and non-members are refused', async () => {
    const ws = await api.workspace();
    await addMember(api.db, ws.id, 'bo@shop.test', ['boss']);
    const expired = minter.mint({
      email: 'bo@shop.test',
      exp: Math.floor(Date.now() / 1000) - 600,
      iat: Math.floor(Date.now() / 1000) - 4000,
    });
    const wrongAudience = minter.mint({ email: 'bo@shop.test', aud: 'someone-else' });
    const foreign = minter.mint(
      { email: 'bo@shop.test' },
      crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    );
    for (const token of [expired, wrongAudience, foreign]) {
      const answer = await api.call('GET', '/v1/me', { key: token });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
    const stranger = await api.call('GET', '/v1/me', { key: minter.mint({ email: 'nobody@else.test' }) });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('not_a_member');
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
