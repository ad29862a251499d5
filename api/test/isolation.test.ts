import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  type ConnectionView,
  signedUpClient,
  waitForStatus,
} from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount } from './sim-accounts';

let stack: Stack;
let alice: ApiClient;
let mallory: ApiClient;
let aliceConnectionId: string;

beforeAll(async () => {
  stack = await startStack();
  alice = await signedUpClient(stack.apiUrl);
  mallory = await signedUpClient(stack.apiUrl);
  const keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await alice.ok<{ connectExchange: { data: ConnectionView } }>(
    CONNECT_MUTATION,
    {
      input: {
        exchangeId: 'binance',
        label: 'Alice main',
        credentials: { apiKey: keys.apiKey, secret: keys.secret },
      },
    },
  );
  aliceConnectionId = connectExchange.data.id;
  await waitForStatus(alice, aliceConnectionId, (s) => s === 'CONNECTED');
});
afterAll(async () => {
  await stack?.close();
});

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const OPERATIONS: [string, string][] = [
  [
    'verify',
    `mutation ($id: ID!) { r: verifyExchangeConnection(id: $id) { __typename ... on Error { code } } }`,
  ],
  [
    'rename',
    `mutation ($id: ID!) { r: renameExchangeConnection(id: $id, label: "mine now") { __typename ... on Error { code } } }`,
  ],
  [
    'replace keys',
    `mutation ($id: ID!) { r: updateExchangeCredentials(id: $id, credentials: { apiKey: "k", secret: "s" }) { __typename ... on Error { code } } }`,
  ],
  [
    'delete',
    `mutation ($id: ID!) { r: deleteExchangeConnection(id: $id) { __typename ... on Error { code } } }`,
  ],
];

describe('another user’s connection behaves exactly like a missing one', () => {
  it('cannot be read', async () => {
    const query = `query ($id: ID!) { exchangeConnection(id: $id) { id } }`;
    expect(await mallory.ok(query, { id: aliceConnectionId })).toEqual({ exchangeConnection: null });
    expect(await mallory.ok(query, { id: MISSING_ID })).toEqual({ exchangeConnection: null });
    expect(await mallory.ok(`{ exchangeConnections { id } }`)).toEqual({ exchangeConnections: [] });
  });

  it.each(OPERATIONS)(
    'cannot be changed (%s): the same NOT_FOUND as a missing id, and nothing changes',
    async (_name, mutation) => {
      const foreign = await mallory.ok<{ r: unknown }>(mutation, { id: aliceConnectionId });
      const missing = await mallory.ok<{ r: unknown }>(mutation, { id: MISSING_ID });
      expect(foreign.r).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      expect(foreign).toEqual(missing);
      const { exchangeConnection } = await alice.ok<{ exchangeConnection: ConnectionView }>(
        `query ($id: ID!) { exchangeConnection(id: $id) { id label status credentialVersion hasCredentials } }`,
        { id: aliceConnectionId },
      );
      expect(exchangeConnection).toMatchObject({
        label: 'Alice main',
        status: 'CONNECTED',
        credentialVersion: 1,
        hasCredentials: true,
      });
    },
  );

  it('cannot be subscribed to', async () => {
    const subscription = mallory.subscribe(
      `subscription ($id: ID) { exchangeConnectionUpdated(id: $id) { id } }`,
      { id: aliceConnectionId },
    );
    await subscription.done;
    expect(JSON.stringify(subscription.errors)).toMatch(/NOT_FOUND|not found/);
    expect(subscription.events).toEqual([]);
  });

  it('sends its events only to its owner', async () => {
    const listening = stack.listeners('connection-updated');
    const malloryStream = mallory.subscribe<{ exchangeConnectionUpdated: { id: string } }>(
      `subscription { exchangeConnectionUpdated { id } }`,
    );
    const aliceStream = alice.subscribe<{ exchangeConnectionUpdated: { id: string } }>(
      `subscription { exchangeConnectionUpdated { id } }`,
    );
    await listening.added(2);
    await alice.ok(`mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }`, {
      id: aliceConnectionId,
    });
    await aliceStream.waitFor((events) => events.length >= 2);
    await waitForStatus(alice, aliceConnectionId, (s) => s === 'CONNECTED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    malloryStream.close();
    aliceStream.close();
    expect(aliceStream.events.every((e) => e.exchangeConnectionUpdated.id === aliceConnectionId)).toBe(true);
    expect(malloryStream.events).toEqual([]);
  });
});
