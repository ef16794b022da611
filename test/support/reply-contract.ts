import { ErrorBody } from '../../domain/contracts/common';
import type { Route } from '../../sync-server/http/route';

/**
 * Checks an API answer against the contract of the route that gave it: a success against the route's
 * response schema, anything else against the error body. Every test that calls the API through the
 * harness checks every reply this way, so a reply that drifts from its schema fails where it happens.
 */
export function replyChecker(routes: readonly Route[]) {
  const table = routes.map((r) => ({
    method: r.method.toUpperCase(),
    pattern: new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    route: r,
  }));
  return (method: string, path: string, status: number, body: unknown, contentType: string | null): void => {
    if (!contentType?.includes('application/json')) return;
    const bare = path.split('?')[0]!;
    const match = table.find((t) => t.method === method.toUpperCase() && t.pattern.test(bare));
    const schema = status >= 200 && status < 300 ? match?.route.response : ErrorBody;
    if (!schema) return; // health checks and the OpenAPI document have no contract of their own
    const checked = schema.safeParse(body);
    if (!checked.success) {
      throw new Error(
        `${method} ${bare} answered ${status} with a body outside its contract:\n${JSON.stringify(checked.error.issues, null, 1).slice(0, 4000)}`,
      );
    }
  };
}
