import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { Context } from '../context';
import type { TokenScope } from '../modules/tokens/token-scopes';

/** The schema builder: plugins, scalars and auth scopes. Types live in the feature modules. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { signedIn: boolean; session: boolean; scope: TokenScope };
  DefaultInputFieldRequiredness: true;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  // scope-auth first, so nothing else runs before the viewer is checked
  plugins: [ScopeAuthPlugin, ErrorsPlugin],
  defaultInputFieldRequiredness: true,
  // fields are non-null unless marked otherwise: clients get precise types
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ viewer }) => ({
      signedIn: viewer !== null,
      // a signed-in person, not a token: managing tokens and sessions
      session: viewer !== null && viewer.tokenId === null,
      scope: (scope: TokenScope) => viewer !== null && (viewer.scopes === null || viewer.scopes.has(scope)),
    }),
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, { viewer }) =>
      viewer?.tokenId
        ? new GraphQLError('This API token is not allowed to do this: it lacks the scope this field needs.', {
            extensions: { code: 'FORBIDDEN', http: { status: 200 } },
          })
        : new GraphQLError('Sign in to do this.', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 200 } },
          }),
  },
  errors: { defaultTypes: [] },
});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO-8601 string in UTC.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date;
  },
});

builder.queryType({
  description: 'Reads: the exchange catalogue, your connections, portfolio and API tokens.',
});
builder.mutationType({
  description: 'Changes: accounts and sessions, exchange connections, API tokens.',
});
builder.subscriptionType({
  description: 'Live updates over SSE or graphql-ws, at-most-once: re-query after reconnecting.',
});
