import { type ExchangeSim, startExchangeSim } from '@keyport/exchange-sim/server';
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSpotTickers, hasSpotTickers } from './fetch-spot-tickers';

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

describe('fetchSpotTickers', () => {
  for (const exchangeId of ['binance', 'okx']) {
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

  it('passes the exchange’s failures on as ccxt errors, and says which exchanges have a source', async () => {
    sim.addFault({ kind: 'server-error', exchange: 'binance', status: 503, times: 1 });
    await expect(
      fetchSpotTickers({ exchangeId: 'binance', urlOverrides: { binance: sim.url } }),
    ).rejects.toBeInstanceOf(ccxt.BaseError);
    expect(hasSpotTickers('binance')).toBe(true);
    expect(hasSpotTickers('kraken')).toBe(false);
    await expect(fetchSpotTickers({ exchangeId: 'kraken' })).rejects.toThrow(
      'no spot price source for kraken',
    );
  });
});
