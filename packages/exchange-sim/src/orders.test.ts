// Order endpoints through real ccxt: validation-only orders check the key's trade permission and the order
// and never reach the book; real orders do (so a test can tell the two apart).
import { randomBytes } from 'node:crypto';
import type { Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExchangeSim, startExchangeSim } from './server';
import { binanceClient, ccxtClass, krakenClient, rejectionOf, TEST_KEYS, testFixture } from './test-clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ fixture: testFixture() });
});
afterEach(async () => {
  await sim.close();
});

type Json = Record<string, unknown>;
const implicit = (ex: Exchange, method: string, params: Json) =>
  (ex as unknown as Record<string, (p: Json) => Promise<Json>>)[method]?.call(ex, params) as Promise<Json>;

const LIMIT_BUY = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.01',
  price: '1000',
};

describe('binance orders', () => {
  it('answers a test order from a trading key with {} and places nothing', async () => {
    const ex = binanceClient(sim, TEST_KEYS.binanceTrade.apiKey, TEST_KEYS.binanceTrade.secret);
    expect(await implicit(ex, 'privatePostOrderTest', LIMIT_BUY)).toEqual({});
    expect(sim.orders()).toEqual([]);
    expect(sim.requests().at(-1)).toMatchObject({ path: '/api/v3/order/test', verdict: 'ok', status: 200 });
  });

  it('refuses a test order from a read-only key with -2015, as the TRADE endpoint it is', async () => {
    const ex = binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret);
    const error = await rejectionOf(implicit(ex, 'privatePostOrderTest', LIMIT_BUY));
    expect(error.message).toMatch(/-2015/);
    expect(ccxtClass(error)).toBe('AuthenticationError');
    expect(sim.requests().at(-1)).toMatchObject({ verdict: 'permission-denied', status: 401 });
    expect(sim.orders()).toEqual([]);
  });

  it('refuses a malformed test order by its missing parameter', async () => {
    const ex = binanceClient(sim, TEST_KEYS.binanceTrade.apiKey, TEST_KEYS.binanceTrade.secret);
    const { price: _, ...withoutPrice } = LIMIT_BUY;
    const error = await rejectionOf(implicit(ex, 'privatePostOrderTest', withoutPrice));
    expect(error.message).toMatch(/-1102.*price/);
  });

  it('refuses an order under the minimum notional as Binance does (-1013), a BadRequest to ccxt', async () => {
    const ex = binanceClient(sim, TEST_KEYS.binanceTrade.apiKey, TEST_KEYS.binanceTrade.secret);
    const tooSmall = { ...LIMIT_BUY, quantity: '0.001' };
    const error = await rejectionOf(implicit(ex, 'privatePostOrderTest', tooSmall));
    expect(error.message).toMatch(/-1013.*NOTIONAL/);
    expect(ccxtClass(error)).toBe('BadRequest');
    // a key without trading is refused before any filter
    const readOnly = binanceClient(sim, TEST_KEYS.binanceRead.apiKey, TEST_KEYS.binanceRead.secret);
    expect((await rejectionOf(implicit(readOnly, 'privatePostOrderTest', tooSmall))).message).toMatch(
      /-2015/,
    );
  });

  it('puts a real order in the book, so a test can see one was never placed', async () => {
    const ex = binanceClient(sim, TEST_KEYS.binanceTrade.apiKey, TEST_KEYS.binanceTrade.secret);
    const placed = await implicit(ex, 'privatePostOrder', LIMIT_BUY);
    expect(placed).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW' });
    expect(sim.orders()).toMatchObject([
      { exchange: 'binance', symbol: 'BTCUSDT', side: 'BUY', amount: '0.01' },
    ]);
  });
});

describe('kraken orders', () => {
  function addKraken(spotTrade: boolean) {
    const keys = {
      apiKey: `kr${randomBytes(20).toString('hex')}`,
      secret: randomBytes(64).toString('base64'),
    };
    sim.addAccount({
      exchange: 'kraken',
      uid: `AA${randomBytes(4).toString('hex').toUpperCase()}`,
      balances: { USD: { free: '250', locked: '0' } },
      keys: [{ ...keys, permissions: { read: true, spotTrade } }],
    });
    return keys;
  }
  const ORDER = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', volume: '0.0001', price: '1000' };

  it('validates an AddOrder with validate=true for a trading key: a description, no txid, nothing placed', async () => {
    const answer = await implicit(krakenClient(sim, addKraken(true)), 'privatePostAddOrder', {
      ...ORDER,
      validate: true,
    });
    expect(answer).toEqual({ error: [], result: { descr: { order: 'buy 0.0001 XBTUSD @ limit 1000' } } });
    expect(sim.orders()).toEqual([]);
  });

  it('refuses AddOrder to a key without “Create & Modify Orders”, validate or not', async () => {
    const ex = krakenClient(sim, addKraken(false));
    const error = await rejectionOf(implicit(ex, 'privatePostAddOrder', { ...ORDER, validate: true }));
    expect(error.message).toMatch(/Permission denied/);
    expect(ccxtClass(error)).toBe('PermissionDenied');
    expect(sim.orders()).toEqual([]);
  });

  it('places the order when validate is not set', async () => {
    const answer = await implicit(krakenClient(sim, addKraken(true)), 'privatePostAddOrder', ORDER);
    expect((answer.result as Json).txid).toHaveLength(1);
    expect(sim.orders()).toMatchObject([
      { exchange: 'kraken', symbol: 'XBTUSD', amount: '0.0001', price: '1000' },
    ]);
  });
});
