import { startApiHarness } from '../support/api-harness';

test('/v1/openapi.json describes every route from the validating schemas', async () => {
  const api = await startApiHarness('pglite');
  try {
    const doc = (await api.call('GET', '/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/me',
        '/v1/sync/push',
        '/v1/sync/pull',
        '/v1/sync',
        '/v1/events',
        '/v1/admin/keys',
        '/v1/admin/keys/{id}',
        '/v1/admin/members/{email}',
      ]),
    );
    const push = doc.paths['/v1/sync/push'].post.requestBody.content['application/json'].schema;
    expect(push.required).toEqual(expect.arrayContaining(['clientId', 'mutationId', 'tables']));
    expect(push.additionalProperties).toBe(false);
    expect(push.properties.tables.properties.products.items.properties.baseVersion).toBeDefined();
    const pull = doc.paths['/v1/sync/pull'].get.parameters.map((p: { name: string }) => p.name);
    expect(pull).toEqual(expect.arrayContaining(['since', 'limit', 'tables']));
    expect(doc.paths['/v1/admin/keys'].post['x-crossdock-roles']).toEqual(['admin']);
    expect(doc.components.schemas.Error.properties.error.properties.details).toBeDefined();
  } finally {
    await api.close();
  }
});
