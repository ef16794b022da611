import crypto from 'node:crypto';
import { labelExpiry, readLabelLink, signLabelLink } from '../../sync-server/logistics/label-links';

describe('label links', () => {
  const secret = crypto.randomBytes(32);
  const ref = { workspaceId: 'ws_1', shipmentNo: 'SH000001', trackingNo: 'SBX0000000001' };
  const now = new Date('2026-11-30T10:00:00Z');

  test('a link names its label until it expires', () => {
    const token = signLabelLink(secret, ref, labelExpiry(now));
    expect(readLabelLink(secret, token, now)).toEqual(ref);
    expect(readLabelLink(secret, token, new Date('2026-12-07T09:59:59Z'))).toEqual(ref);
    expect(readLabelLink(secret, token, new Date('2026-12-07T10:00:00Z'))).toBeNull();
  });

  test('an altered link, another key, or a made-up token name nothing', () => {
    const token = signLabelLink(secret, ref, labelExpiry(now));
    const [payload, mac] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify(['ws_2', 'SH000001', 'SBX0000000001', 9_999_999_999])).toString(
      'base64url',
    );
    expect(readLabelLink(secret, `${other}.${mac}`, now)).toBeNull();
    expect(readLabelLink(crypto.randomBytes(32), token, now)).toBeNull();
    expect(readLabelLink(secret, `${payload}`, now)).toBeNull();
    expect(readLabelLink(secret, `${payload}.${mac}.x`, now)).toBeNull();
    expect(readLabelLink(secret, 'not-a-token', now)).toBeNull();
  });
});
