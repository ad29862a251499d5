import { GraphQLError } from 'graphql';

/** HTTP 429 with Retry-After and a stable code, the same for every limit. */
export function rateLimitedError(msBeforeNext: number, what: string): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(`${what} Try again in ${retryAfter} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter,
      http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
    },
  });
}
