import { type ExchangeSim, startExchangeSim } from '@keyport/exchange-sim/server';
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSpotTickers, hasSpotTickers } from './fetch-spot-tickers';

let sim: ExchangeSim;
beforeAll(async () => {
  sim = await startExchangeSim({
    fixture: {
      accounts: [],
      // reads back to back: Kraken's one-public-call-per-second limit would refuse them (tested in the sim)
      venueLimits: 'off',
      tickers: {
        'BTC/USDT': { last: '60000.5', open24h: '58000' },
        'ETH/BTC': { last: '0.05' },
        'BTC/USD': { last: '60010', open24h: '59000' },
        'DOGE/USD': { last: '0.1234567', open24h: '0.12' },
        'XTZ/USD': { last: '0.9' },
        'SOL/ETH': { last: '0.05' },
      },
    },
  });
});
afterAll(async () => {
  await sim.close();
});

describe('fetchSpotTickers', () => {
  for (const exchangeId of ['binance', 'okx', 'kraken', 'bybit']) {
    it(`reads every ${exchangeId} spot ticker in one public request, keyed BASEQUOTE, exact strings`, async () => {
      const before = sim.requests().length;
      const book = await fetchSpotTickers({ exchangeId, urlOverrides: { [exchangeId]: sim.url } });
      expect(book.exchangeId).toBe(exchangeId);
      expect(Math.abs(book.fetchedAt - Date.now())).toBeLessThan(5000);
      expect(Number(book.tickers.BTCUSDT?.last)).toBe(60000.5);
      expect(Number(book.tickers.BTCUSDT?.open24h)).toBe(58000);
      expect(Number(book.tickers.ETHBTC?.last)).toBe(0.05);
      const requests = sim.requests().slice(before);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ exchange: exchangeId, apiKey: null, verdict: 'ok' });
    });
  }

  it('names Kraken’s pairs as ccxt names its balances: XXBTZUSD is BTCUSD, XDGUSD is DOGEUSD', async () => {
    const book = await fetchSpotTickers({ exchangeId: 'kraken', urlOverrides: { kraken: sim.url } });
    expect(Object.keys(book.tickers).sort()).toEqual(['BTCUSD', 'BTCUSDT', 'DOGEUSD', 'ETHBTC', 'XTZUSD']);
    expect(book.tickers.BTCUSD).toEqual({ last: '60010.00000', open24h: '59000.00000' });
    expect(Number(book.tickers.DOGEUSD?.last)).toBe(0.1234567);
    // no "XT" priced in "ZUSD": a newer pair is split at a quote the valuation reads, or not at all (SOLETH)
    expect(Number(book.tickers.XTZUSD?.last)).toBe(0.9);
  });

  it('passes the exchange’s failures on as ccxt errors, and says which exchanges have a source', async () => {
    for (const exchangeId of ['binance', 'kraken', 'bybit'] as const) {
      sim.addFault({ kind: 'server-error', exchange: exchangeId, status: 503, times: 1 });
      await expect(
        fetchSpotTickers({ exchangeId, urlOverrides: { [exchangeId]: sim.url } }),
      ).rejects.toBeInstanceOf(ccxt.BaseError);
      expect(hasSpotTickers(exchangeId)).toBe(true);
    }
    expect(hasSpotTickers('kucoin')).toBe(false);
    await expect(fetchSpotTickers({ exchangeId: 'kucoin' })).rejects.toThrow(
      'no spot price source for kucoin',
    );
  });
});
