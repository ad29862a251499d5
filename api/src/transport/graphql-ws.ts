// Subscriptions (and queries) over WebSocket, graphql-ws protocol, on the same /graphql endpoint as HTTP
// and SSE: every operation runs through the same yoga pipeline (limits, auth scopes, masked errors).
import type { IncomingMessage, Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Context } from '../context';
import type { KeyportServerContext } from '../yoga';

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
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const disposable = useServer(
    {
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
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
