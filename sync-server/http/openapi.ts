import { z } from 'zod';
import { ErrorBody } from '../../domain/contracts/common';
import type { Route } from './route';

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
    z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...objectParams(r.params && toSchema(r.params, 'input'), 'path'),
      ...objectParams(r.query && toSchema(r.query, 'input'), 'query'),
    ];
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      security: r.access === 'member' || Array.isArray(r.access) ? [{ bearer: [] }] : [],
      'x-crossdock-roles': r.access,
      parameters,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } }
        : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'OK',
          content: {
            ...(r.contentType
              ? { [r.contentType]: { schema: { type: 'string', format: 'binary' } } }
              : { 'application/json': { schema: toSchema(r.response, 'output') } }),
            // Reads that take format=csv answer the same rows as a CSV file.
            ...(csvCapable(r) ? { 'text/csv': { schema: { type: 'string', description: 'With format=csv' } } } : {}),
          },
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Crossdock sync server', version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (cdk_...) or a Google ID token' },
      },
      schemas: { Error: toSchema(ErrorBody, 'output') },
    },
    paths,
  };
}

function csvCapable(r: Route): boolean {
  const shape = (r.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return Boolean(shape && 'format' in shape);
}

function objectParams(
  schema: { properties?: Record<string, unknown>; required?: string[] } | undefined,
  where: 'path' | 'query',
) {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    schema: s,
  }));
}
