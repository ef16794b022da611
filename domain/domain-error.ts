import { errorText, type ErrorCode, type ErrorParams } from './errors/error-codes';
import type { MessageParams } from './i18n/message-catalog';

/**
 * The one error type for domain failures. `code` is stable (clients and tests match on it) and declared in
 * an area's error catalog with its HTTP status and its en and zh text (domain/errors/error-codes.ts).
 */
export type FieldError = {
  field: string;
  code: string;
  message: string;
};

/** A finished message (already in the reader's language), or the params of the code's catalog text. */
type MessageOrParams<C extends ErrorCode> =
  {} extends ErrorParams<C>
    ? [message?: string | ErrorParams<C>, details?: FieldError[]]
    : [message: string | ErrorParams<C>, details?: FieldError[]];

export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: FieldError[];
  /**
   * Set when the message comes from the catalog: the thrower did not know the reader's language, so the
   * HTTP edge renders it again in the request's. `message` is then the English text (logs, the CLI).
   */
  readonly params: MessageParams | null;
  constructor(code: C, ...[message, details = []]: MessageOrParams<C>) {
    const params = typeof message === 'string' ? null : ((message ?? {}) as MessageParams);
    super(params ? errorText('en', code, params) : (message as string));
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.params = params;
  }
}
