// Whether an error means PostgreSQL or Redis cannot be reached right now (a 503 the client may retry), as
// opposed to a bug or a bad request (a masked 500). The one place that knows how the drivers say so.

/** Socket and DNS failures, as node reports them (pg and ioredis pass them through). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: shutting down or starting up (57P01–57P03), no connection slot left (53300). */
const PG_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Errors the drivers raise by class: MikroORM's, knex's pool acquire timeout, ioredis' retries given up. */
const ERROR_NAMES = new Set(['ConnectionException', 'KnexTimeoutError', 'MaxRetriesPerRequestError']);

// pg and ioredis raise these as plain Errors, with no code: their exact words are all there is
const DRIVER_MESSAGES = new Set([
  // pg: the server went away, or never answered within connectionTimeoutMillis
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  // ioredis: the socket closed under a command, or a fail-fast client is between reconnects
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
]);

function isOutageItself(error: object): boolean {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_STATES.has(code) || code.startsWith('08')))
    return true;
  if (typeof name === 'string' && ERROR_NAMES.has(name)) return true;
  // Redis still loading its data after a restart
  if (name === 'ReplyError' && typeof message === 'string' && message.startsWith('LOADING ')) return true;
  return typeof message === 'string' && DRIVER_MESSAGES.has(message);
}

/** True when the error, or one it wraps (GraphQL's originalError, a cause, an AggregateError's), is an outage. */
export function isOutage(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  if (isOutageItself(error)) return true;
  const { originalError, cause, errors } = error as {
    originalError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (isOutage(originalError, depth + 1) || isOutage(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isOutage(inner, depth + 1));
}
