/**
 * The one error type for domain failures. `code` is stable (clients and tests match on it);
 * the HTTP edge maps codes to statuses, the sheet maps them to messages in its language.
 */
export type FieldError = {
  field: string;
  code: string;
  message: string;
};

export class DomainError extends Error {
  readonly code: string;
  readonly details: FieldError[];
  constructor(code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
