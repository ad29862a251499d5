// A connection made for trading proves the key may trade with an order the exchange checks and never executes
// (Binance's test order, Kraken's validate-only AddOrder); no order ever reaches the sim's book.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { addBinanceAccount, addKrakenAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;
withStack((started) => ({ stack, api } = started));

let labels = 0;
async function connect(exchangeId: string, keys: { apiKey: string; secret: string }, needsTrading: boolean) {
  labels += 1;
  const { connectExchange } = await api.ok<{ connectExchange: { data?: { id: string } } }>(CONNECT_MUTATION, {
    input: {
      exchangeId,
      label: `Trade check ${labels}`,
      accountTypes: ['SPOT'],
      needsTrading,
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    },
  });
  const id = connectExchange.data?.id as string;
  await waitForStatus(api, id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
  const { exchangeConnection } = await api.ok<{
    exchangeConnection: {
      status: string;
      tradeCheck: string | null;
      statusReason: { code: string; guideSection: string | null } | null;
      permissions: { spotTrade: boolean | null } | null;
    };
  }>(
    'query ($id: ID!) { exchangeConnection(id: $id) { status tradeCheck statusReason { code guideSection } permissions { spotTrade } } }',
    { id },
  );
  return exchangeConnection;
}

const orderChecks = (apiKey: string, path: string) =>
  stack.sim.requests().filter((r) => r.path === path && r.apiKey === apiKey);

describe('trade check', () => {
  it.each([
    ['binance', '/api/v3/order/test'],
    ['kraken', '/0/private/AddOrder'],
  ] as const)(
    '%s: a trading key passes a validation-only order, and nothing is placed',
    async (exchangeId, path) => {
      const keys =
        exchangeId === 'binance'
          ? addBinanceAccount(stack.sim, undefined, { read: true, spotTrade: true })
          : addKrakenAccount(stack.sim, { permissions: { read: true, spotTrade: true } });
      const connection = await connect(exchangeId, keys, true);
      expect(connection).toMatchObject({
        status: 'CONNECTED',
        tradeCheck: 'VERIFIED',
        permissions: { spotTrade: true },
      });
      expect(orderChecks(keys.apiKey, path).map((r) => r.verdict)).toEqual(['ok']);
      expect(stack.sim.orders()).toEqual([]);
    },
  );

  it.each([
    ['binance', '/api/v3/order/test'],
    ['kraken', '/0/private/AddOrder'],
  ] as const)(
    '%s: a key without trading fails it, is reported so, and points at the guide',
    async (exchangeId, path) => {
      const keys =
        exchangeId === 'binance'
          ? addBinanceAccount(stack.sim, undefined, { read: true })
          : addKrakenAccount(stack.sim, { permissions: { read: true } });
      const connection = await connect(exchangeId, keys, true);
      expect(connection).toMatchObject({
        status: 'PERMISSION_DENIED',
        tradeCheck: 'VERIFIED',
        statusReason: { code: 'TRADE_NOT_ALLOWED', guideSection: 'TRADE_CHECK' },
        permissions: { spotTrade: false },
      });
      expect(orderChecks(keys.apiKey, path).map((r) => r.verdict)).toEqual(['permission-denied']);
      expect(stack.sim.orders()).toEqual([]);
    },
  );

  it('binance: a key open to any IP past its tradingAuthorityExpirationTime fails the test order with -2015', async () => {
    const keys = { apiKey: `bn${randomBytes(16).toString('hex')}`, secret: randomBytes(16).toString('hex') };
    stack.sim.addAccount({
      exchange: 'binance',
      uid: String(300_000_000 + labels),
      balances: { BTC: { free: '1', locked: '0' } },
      keys: [{ ...keys, permissions: { read: true, spotTrade: true }, expiresAt: Date.now() - 1_000 }],
    });
    const connection = await connect('binance', keys, true);
    expect(connection).toMatchObject({
      status: 'PERMISSION_DENIED',
      statusReason: { code: 'TRADE_NOT_ALLOWED' },
      permissions: { spotTrade: false },
    });
    expect(orderChecks(keys.apiKey, '/api/v3/order/test').map((r) => r.verdict)).toEqual(['trading-lapsed']);
  });

  it('a connection only for watching sends no order at all and says trading is as reported', async () => {
    const keys = addBinanceAccount(stack.sim, undefined, { read: true });
    const connection = await connect('binance', keys, false);
    expect(connection).toMatchObject({
      status: 'CONNECTED',
      tradeCheck: 'REPORTED',
      permissions: { spotTrade: false },
    });
    expect(orderChecks(keys.apiKey, '/api/v3/order/test')).toEqual([]);
    expect(stack.sim.orders()).toEqual([]);
  });
});
