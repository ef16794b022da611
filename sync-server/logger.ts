import pino from 'pino';

/**
 * Structured logs. Secrets and personal data never reach them: request logs carry method, route,
 * status and timing only, and the redact list is a second line of defence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'crossdock-sync' },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          'apiKey',
          '*.apiKey',
          'key',
          'password',
          'token',
          '*.token',
          'email',
          '*.email',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type Logger = pino.Logger;
