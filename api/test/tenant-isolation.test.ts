// Generated from the schema: every query, mutation and subscription that takes an ID is called by a second
// user, and by that user's API token, with the first user's objects' ids. Each answer must be exactly the
// answer for an id that does not exist, and the first user's objects must come out untouched. A new field
// taking an ID is covered without editing this test.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/schema';
import { ApiClient, CONNECT_MUTATION, signedUpClient, waitForStatus } from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount } from './sim-accounts';

let stack: Stack;
let owner: ApiClient;
let stranger: ApiClient;
let strangerToken: ApiClient;
const ownIds: Record<string, string> = {};

const ALL_SCOPES = '[CONNECTIONS_READ, CONNECTIONS_WRITE, PORTFOLIO_READ]';

beforeAll(async () => {
  stack = await startStack();
  owner = await signedUpClient(stack.apiUrl);
  stranger = await signedUpClient(stack.apiUrl);
  const keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await owner.ok<{ connectExchange: { data: { id: string } } }>(
    CONNECT_MUTATION,
    {
      input: {
        exchangeId: 'binance',
        label: 'Mine',
        credentials: { apiKey: keys.apiKey, secret: keys.secret },
      },
    },
  );
  ownIds.connection = connectExchange.data.id;
  await waitForStatus(owner, ownIds.connection, (s) => s === 'CONNECTED');
  const made = await owner.ok<{ createApiToken: { data: { apiToken: { id: string } } } }>(
    `mutation { createApiToken(input: { name: "mine", scopes: ${ALL_SCOPES} }) { ... on MutationCreateApiTokenSuccess { data { apiToken { id } } } } }`,
  );
  ownIds.token = made.createApiToken.data.apiToken.id;
  const theirs = await stranger.ok<{ createApiToken: { data: { token: string } } }>(
    `mutation { createApiToken(input: { name: "theirs", scopes: ${ALL_SCOPES} }) { ... on MutationCreateApiTokenSuccess { data { token } } } }`,
  );
  strangerToken = new ApiClient(stack.apiUrl, theirs.createApiToken.data.token);
});
afterAll(async () => {
  await stack?.close();
});

/** A literal for a required argument that is not the id: any well-typed value will do. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return '1';
    if (type.name === 'Boolean') return 'false';
    if (type.name === 'DateTime') return '"2030-01-01T00:00:00Z"';
    return '"isolation-test"';
  }
  return 'null';
}

/** The smallest selection that still shows what came back: the type, and an error's code. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isUnionType(named)) return '{ __typename ... on Error { code } }';
  if (isObjectType(named)) return '{ __typename }';
  return '';
}

function operations(root: GraphQLObjectType | null | undefined, keyword: string) {
  if (!root) return [];
  return Object.values(root.getFields())
    .filter((field) => field.args.some((arg) => getNamedType(arg.type).name === 'ID'))
    .map((field) => {
      const idArg = field.args.find((arg) => getNamedType(arg.type).name === 'ID') as GraphQLArgument;
      const others = field.args.filter(
        (arg) => arg !== idArg && isNonNullType(arg.type) && arg.defaultValue === undefined,
      );
      const args = (id: string) =>
        [`${idArg.name}: "${id}"`, ...others.map((arg) => `${arg.name}: ${literal(arg.type)}`)].join(', ');
      return {
        name: field.name,
        keyword,
        query: (id: string) => `${keyword} { ${field.name}(${args(id)}) ${selection(field)} }`,
      };
    });
}

const OPERATIONS = [
  ...operations(schema.getQueryType(), 'query'),
  ...operations(schema.getMutationType(), 'mutation'),
  ...operations(schema.getSubscriptionType(), 'subscription'),
];

/** The answer without anything that names the id asked for. */
async function answer(client: ApiClient, keyword: string, query: string, id: string): Promise<string> {
  let result: unknown;
  if (keyword === 'subscription') {
    const live = client.subscribe<unknown>(query);
    await Promise.race([live.done, new Promise((resolve) => setTimeout(resolve, 1_500))]);
    live.close();
    result = { events: live.events, errors: live.errors };
  } else {
    result = await client.request(query);
  }
  return JSON.stringify(result).replaceAll(id, '<id>');
}

describe('tenant isolation, generated from the schema', () => {
  it('finds the fields to check', () => {
    expect(OPERATIONS.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'exchangeConnection',
        'deleteExchangeConnection',
        'revokeApiToken',
        'exchangeConnectionUpdated',
      ]),
    );
  });

  for (const operation of OPERATIONS) {
    it(`${operation.keyword} ${operation.name}: another user's ids answer exactly as missing ones`, async () => {
      for (const [who, client] of [
        ['session', () => stranger],
        ['token', () => strangerToken],
      ] as const) {
        for (const [kind, id] of Object.entries(ownIds)) {
          const missing = crypto.randomUUID();
          const foreign = await answer(client(), operation.keyword, operation.query(id), id);
          const absent = await answer(client(), operation.keyword, operation.query(missing), missing);
          expect(foreign, `${who}, ${kind} id`).toEqual(absent);
        }
      }
    });
  }

  it('leaves the first user’s objects as they were', async () => {
    const { exchangeConnection } = await owner.ok<{
      exchangeConnection: { label: string; status: string } | null;
    }>('query ($id: ID!) { exchangeConnection(id: $id) { label status } }', { id: ownIds.connection });
    expect(exchangeConnection).toEqual({ label: 'Mine', status: 'CONNECTED' });
    const { apiTokens } = await owner.ok<{ apiTokens: { id: string }[] }>('{ apiTokens { id } }');
    expect(apiTokens.map((t) => t.id)).toContain(ownIds.token);
  });
});
