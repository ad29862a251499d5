import pino, { type DestinationStream, type Logger } from 'pino';

const SECRET_FIELDS = ['apiKey', 'secret', 'password', 'passphrase', 'privateKey', 'credentials', 'token'];

/** Structured logs; any field that could carry a credential is censored at any of the first four depths. */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  const paths = [
    'req.headers.authorization',
    'req.headers.cookie',
    ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
  ];
  const options = { name, level, redact: { paths, censor: '[REDACTED]' } };
  return destination ? pino(options, destination) : pino(options);
}
