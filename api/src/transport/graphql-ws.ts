// Subscriptions (and queries) over WebSocket, graphql-ws protocol, on the same /graphql endpoint as HTTP
// and SSE: every operation runs through the same yoga pipeline (limits, auth scopes, masked errors).
import type { IncomingMessage, Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { isOutage } from '../availability/outage';
import { serviceUnavailableError } from '../availability/service-unavailable';
import type { Context } from '../context';
import type { KeyportServerContext } from '../yoga';
import { refuseServerMessages } from './graphql-ws-messages';

type Enveloped = ReturnType<YogaServerInstance<KeyportServerContext, Context>['getEnveloped']>;
type RootValue = { execute: Enveloped['execute']; subscribe: Enveloped['subscribe'] };

/** The socket's own HTTP request as a Fetch Request: its cookie (browsers) or Authorization header signs it in. */
function upgradeRequest(incoming: IncomingMessage, path: string): Request {
  const headers = new Headers();
  // x-forwarded-for counts only from a trusted proxy (clientAddress)
  for (const name of ['cookie', 'authorization', 'user-agent', 'x-forwarded-for']) {
    const value = incoming.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(`http://localhost${path}`, { headers });
}

/**
 * Serves graphql-ws on the server's /graphql upgrades. A client without cookies (a script) signs in with
 * `connectionParams: { authorization: "Bearer <token>" }`.
 */
export function attachGraphqlWs(
  server: Server,
  yoga: YogaServerInstance<KeyportServerContext, Context>,
): { close(completionWaitMs?: number): Promise<void> } {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  // each socket's operations, to let completions reach the clients before closing on shutdown
  const sockets = new Set<{ subscriptions: Record<string, unknown> }>();
  const disposable = useServer(
    {
      onConnect: (ctx) => {
        sockets.add(ctx);
      },
      onClose: (ctx) => {
        sockets.delete(ctx);
      },
      jsonMessageReviver: refuseServerMessages,
      execute: (args) => (args.rootValue as RootValue).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args as ExecutionArgs),
      onSubscribe: async (ctx, _id, params) => {
        const request = upgradeRequest(ctx.extra.request, yoga.graphqlEndpoint);
        const authorization = ctx.connectionParams?.authorization;
        if (typeof authorization === 'string') request.headers.set('authorization', authorization);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          request,
        });
        let document: ReturnType<typeof parse>;
        let errors: readonly GraphQLError[];
        try {
          document = parse(params.query);
          errors = validate(schema, document);
        } catch (error) {
          // the limits throw their refusal (while parsing or validating) rather than report it: an answer, not a crash
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        if (errors.length > 0) return errors;
        let contextValue: Awaited<ReturnType<typeof contextFactory>>;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          // the session lookup found PostgreSQL out of reach: an error message to retry on, not a closed socket
          if (isOutage(error)) return [serviceUnavailableError()];
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute, subscribe } satisfies RootValue,
        };
      },
    },
    wss,
  );
  return {
    async close(completionWaitMs = 2_000) {
      // a subscription's Complete is sent before graphql-ws forgets it: wait for each (bounded), then 1001
      const deadline = Date.now() + completionWaitMs;
      const busy = () => [...sockets].some((ctx) => Object.keys(ctx.subscriptions).length > 0);
      while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
