import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeSim, startExchangeSim } from './server';
import { binanceClient, callImplicit, okxClient, rejectionOf } from './test-clients';

type Json = Record<string, unknown>;
const call = callImplicit;

let sim: ExchangeSim;
beforeAll(async () => {
  sim = await startExchangeSim({
    fixture: {
      accounts: [],
      tickers: { 'BTC/USDT': { last: '60000.5', open24h: '58000' }, 'ETH/BTC': { last: '0.05' } },
    },
  });
});
afterAll(async () => {
  await sim.close();
});

describe('public spot tickers via real ccxt', () => {
  it('Binance /api/v3/ticker/24hr: all, one symbol, a symbols list, as Binance shapes them', async () => {
    const ex = binanceClient(sim, '', '');
    const all = (await call(ex, 'publicGetTicker24hr')) as Json[];
    expect(all.map((t) => [t.symbol, t.lastPrice, t.openPrice])).toEqual([
      ['BTCUSDT', '60000.50000000', '58000.00000000'],
      ['ETHBTC', '0.05000000', '0.05000000'],
    ]);
    expect(all[0]).toMatchObject({ priceChangePercent: '3.449', closeTime: expect.any(Number) });
    expect(await call(ex, 'publicGetTicker24hr', { symbol: 'ETHBTC' })).toMatchObject({
      lastPrice: '0.05000000',
    });
    const some = (await call(ex, 'publicGetTicker24hr', { symbols: JSON.stringify(['BTCUSDT']) })) as Json[];
    expect(some).toHaveLength(1);
    const error = await rejectionOf(
      call(ex, 'publicGetTicker24hr', { symbol: 'NOPEUSDT' }) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(ccxt.BadSymbol);
    expect(sim.requests().every((r) => r.apiKey === null)).toBe(true);
  });

  it('OKX /api/v5/market/tickers: spot list with open24h, instType required', async () => {
    const ex = okxClient(sim, { apiKey: '', secret: '', password: '' });
    const body = (await call(ex, 'publicGetMarketTickers', { instType: 'SPOT' })) as {
      code: string;
      data: Json[];
    };
    expect(body.code).toBe('0');
    expect(body.data.map((t) => [t.instId, t.last, t.open24h])).toEqual([
      ['BTC-USDT', '60000.5', '58000'],
      ['ETH-BTC', '0.05', '0.05'],
    ]);
    expect(
      ((await call(ex, 'publicGetMarketTickers', { instType: 'SWAP' })) as { data: Json[] }).data,
    ).toEqual([]);
    await expect(call(ex, 'publicGetMarketTickers')).rejects.toBeInstanceOf(ccxt.ExchangeError);
  });

  it('changes a price through the admin API, and refuses a malformed ticker', async () => {
    const put = (body: unknown) =>
      fetch(`${sim.url}/__sim/tickers`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ 'BTC/USDT': { last: '61000', open24h: '60000' } })).status).toBe(204);
    const ex = binanceClient(sim, '', '');
    expect(await call(ex, 'publicGetTicker24hr', { symbol: 'BTCUSDT' })).toMatchObject({
      lastPrice: '61000.00000000',
    });
    const bad = await put({ 'BTC-USDT': { last: 'one' } });
    expect(bad.status).toBe(400);
    expect(await call(ex, 'publicGetTicker24hr', { symbol: 'BTCUSDT' })).toMatchObject({
      lastPrice: '61000.00000000',
    });
  });
});
