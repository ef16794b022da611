import type { ErrorRequestHandler, Request, Response } from 'express';
import { ZodError } from 'zod';
import { DomainError, type FieldError } from '../../domain/domain-error';
import { errorStatus, errorText, type ErrorCode, type ErrorParams } from '../../domain/errors/error-codes';
import type { Logger } from '../logger';
import { requestLang } from './request-lang';
import { translateContractText } from '../../domain/contracts/contract-messages';

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

type ParamsOf<C extends ErrorCode> = {} extends ErrorParams<C> ? [params?: ErrorParams<C>] : [params: ErrorParams<C>];

/** Answers `code` with its catalog status and its text in the request's language. */
export function sendError<C extends ErrorCode>(req: Request, res: Response, code: C, ...[params]: ParamsOf<C>): void {
  res.status(errorStatus(code)).json(errorBody(code, errorText(requestLang(req), code, params)));
}

/** Statuses and texts come from the error catalogs (domain/errors/error-codes.ts), in the request's language. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof DomainError) {
      // A thrower that knew the reader's language passed finished text; else it left params, rendered here.
      const message = error.params ? errorText(requestLang(req), error.code, error.params) : error.message;
      res.status(errorStatus(error.code)).json(errorBody(error.code, message, error.details));
      return;
    }
    if (error instanceof ZodError) {
      const lang = requestLang(req);
      const details = zodDetails(error).map((d) => ({ ...d, message: translateContractText(d.message, lang) }));
      const problems = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      const message = errorText(lang, 'invalid_request', { problems });
      res.status(errorStatus('invalid_request')).json(errorBody('invalid_request', message, details));
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendError(req, res, 'malformed_json');
    if (type === 'entity.too.large') return sendError(req, res, 'body_too_large');
    const unsupported = type === 'encoding.unsupported' || type === 'charset.unsupported';
    if (unsupported) return sendError(req, res, 'unsupported_media_type');
    // Express's own refusals (a path parameter that is not valid percent-encoding, ...) carry a 4xx status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(errorBody('bad_request', errorText(requestLang(req), 'bad_request')));
      return;
    }
    // Route pattern and error code only: paths and driver messages can carry emails and row values.
    const { code, constraint } = error as { code?: string; constraint?: string };
    const stack = (error as Error).stack?.split('\n').slice(1).join('\n');
    const route = req.route?.path ?? '(unmatched)';
    logger.error({ err: { name: (error as Error).name, code, constraint, stack }, route }, 'request failed');
    sendError(req, res, 'internal');
  };
}
