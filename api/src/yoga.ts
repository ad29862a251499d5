import type { IncomingMessage } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { OpenSubscriptions } from './availability/end-subscriptions';
import { isOutage } from './availability/outage';
import { serviceUnavailableError } from './availability/service-unavailable';
import type { ApiDeps, Context } from './context';
import { resolveSession } from './modules/accounts/session-lookup';
import { readSessionToken } from './modules/accounts/session-token';
import { resolveApiToken } from './modules/tokens/token-lookup';
import { API_TOKEN_PREFIX } from './modules/tokens/token-secret';
import { bodyLimit } from './schema/body-limit';
import { malformedRequests } from './schema/malformed-requests';
import { nestingLimit } from './schema/nesting-limit';
import { queryLimits } from './schema/query-limits';
import { schema } from './schema/schema';
import { cookieCsrfGuard, securityHeaders } from './schema/web-safety';
import { clientAddress } from './transport/client-address';

const isQuery = (document: DocumentNode, operationName?: string | null) =>
  getOperationAST(document, operationName)?.operation === 'query';

/** Cookies set by resolvers, keyed by the request they answer. */
const pendingCookies = new WeakMap<Request, string[]>();

const useResponseCookies = (): Plugin => ({
  onResponse({ request, response }) {
    for (const cookie of pendingCookies.get(request) ?? []) response.headers.append('set-cookie', cookie);
  },
});

/** What node:http (or the WebSocket server) hands yoga besides the Fetch request. */
export interface KeyportServerContext {
  req?: IncomingMessage;
}

export interface YogaOptions {
  graphiql?: boolean;
  corsOrigin?: string;
  /** Open subscriptions, to end them all on shutdown. */
  subscriptions?: OpenSubscriptions;
}

/** The GraphQL HTTP app (queries, mutations, SSE subscriptions); it never listens by itself. */
export function createKeyportYoga(
  deps: ApiDeps,
  options: YogaOptions = {},
): YogaServerInstance<KeyportServerContext, Context> {
  return createYoga<KeyportServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? false,
    landingPage: false,
    // errors are masked unless they are GraphQLErrors we raised on purpose; never NODE_ENV=development in production
    maskedErrors: {
      // the client gets "Unexpected error."; the operator gets what happened, with its stack
      maskError: (error, message) => {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        // PostgreSQL or Redis out of reach: a 503 to retry, not a bug (no stack logged)
        if (isOutage(original)) {
          deps.logger.warn({ err: (original as Error).message }, 'backing service unreachable: 503');
          return serviceUnavailableError();
        }
        if (!(original instanceof GraphQLError)) {
          const err = original instanceof Error ? original : new Error(String(original));
          deps.logger.error({ err: { message: err.message, stack: err.stack } }, 'unexpected error');
        }
        return maskError(error, message, false);
      },
    },
    cors: options.corsOrigin ? { origin: options.corsOrigin, credentials: true } : false,
    logging: {
      debug: (...args) => deps.logger.debug(args.map(String).join(' ')),
      info: (...args) => deps.logger.info(args.map(String).join(' ')),
      warn: (...args) => deps.logger.warn(args.map(String).join(' ')),
      error: (...args) =>
        deps.logger.error(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')),
    },
    plugins: [
      cookieCsrfGuard(),
      bodyLimit(),
      malformedRequests(deps.logger),
      nestingLimit(),
      queryLimits(),
      securityHeaders(),
      useResponseCookies(),
      ...(options.subscriptions ? [options.subscriptions.plugin()] : []),
      // queries compiled to JavaScript once and cached: a 20-connection read resolves ~450 fields
      useGraphQlJit({}, { enableIf: (args) => isQuery(args.document, args.operationName) }),
    ],
    context: async ({ request, req }) => {
      const em = deps.orm.em.fork();
      const token = readSessionToken(request);
      // kp_… is an API token; anything else (or a kp_… that is none) a session
      const clientIp = clientAddress(request, req?.socket.remoteAddress, deps.trustProxy);
      const viewer = token
        ? ((token.startsWith(API_TOKEN_PREFIX) ? await resolveApiToken(em, token, clientIp) : null) ??
          (await resolveSession(em, token)))
        : null;
      await deps.limits.requests.take(viewer, clientIp);
      return {
        deps,
        em,
        viewer,
        request,
        clientIp,
        setCookie(cookie: string) {
          const list = pendingCookies.get(request) ?? [];
          list.push(cookie);
          pendingCookies.set(request, list);
        },
      };
    },
  });
}
