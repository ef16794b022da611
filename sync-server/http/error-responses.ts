import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError, type FieldError } from '../../domain/domain-error';
import type { Logger } from '../logger';

/** Domain codes → HTTP statuses, at the edge only. Unlisted domain codes are 400. */
const STATUS_BY_CODE: Record<string, number> = {
  unauthenticated: 401,
  key_revoked: 401,
  member_removed: 401,
  no_roles: 403,
  cursor_ahead: 409,
  forbidden: 403,
  forbidden_workspace: 403,
  not_a_member: 403,
  workspace_not_found: 404,
  member_not_found: 404,
  key_not_found: 404,
  not_found: 404,
  mutation_reused: 409,
  idempotency_key_reused: 409,
  command_expired: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  invalid_receipt: 422,
  invalid_purchase_order: 422,
  over_receipt: 422,
  po_not_open: 409,
  nothing_open: 409,
};

export function errorBody(code: string, message: string, details: FieldError[] = []) {
  return { error: { code, message, details } };
}

export function zodDetails(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    code: issue.code,
    message: issue.message,
  }));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof DomainError) {
      res.status(STATUS_BY_CODE[error.code] ?? 400).json(errorBody(error.code, error.message, error.details));
      return;
    }
    if (error instanceof ZodError) {
      const details = zodDetails(error);
      res.status(400).json(errorBody('invalid_request', `The request is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details));
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      res.status(400).json(errorBody('malformed_json', 'The body is not valid JSON.'));
      return;
    }
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody('body_too_large', 'The body is larger than this server accepts; sync in smaller batches.'));
      return;
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res.status(415).json(errorBody('unsupported_media_type', 'Send UTF-8 JSON.'));
      return;
    }
    // Express's own refusals (a path parameter that is not valid percent-encoding, ...) carry a 4xx status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(errorBody('bad_request', 'The request could not be read (its address or headers are not valid); check how it is encoded.'));
      return;
    }
    // Route pattern and error code only: paths and driver messages can carry emails and row values.
    const { code, constraint } = error as { code?: string; constraint?: string };
    logger.error({ err: { name: (error as Error).name, code, constraint, stack: (error as Error).stack?.split('\n').slice(1).join('\n') }, route: req.route?.path ?? '(unmatched)' }, 'request failed');
    res.status(500).json(errorBody('internal', 'Something went wrong on the server; nothing was half-applied. Try again, and tell your admin if it repeats.'));
  };
}
