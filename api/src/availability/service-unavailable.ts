import { GraphQLError } from 'graphql';

/** How long a client is asked to wait before it tries again while PostgreSQL or Redis is out of reach. */
export const RETRY_AFTER_SECONDS = 5;

/** HTTP 503 with Retry-After and a stable code: nothing was wrong with the request, try it again later. */
export function serviceUnavailableError(): GraphQLError {
  return new GraphQLError(`The service is briefly unavailable. Try again in ${RETRY_AFTER_SECONDS} s.`, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfter: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    },
  });
}
