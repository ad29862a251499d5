// Every venue's public tickers through real ccxt: the raw shapes the recordings have, and ccxt's unified
// fetchTicker/fetchTickers reading them right. The sim serves no market lists, so each client is given the
// few markets it needs (id ↔ symbol), as loadMarkets would have.
import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeSim, startExchangeSim } from './server';
import {
  binanceClient,
  bybitClient,
  callImplicit,
  krakenClient,
  okxClient,
  rejectionOf,
  spotMarket,
} from './test-clients';

type Json = Record<string, unknown>;
const call = callImplicit;

const spot = spotMarket;

let sim: ExchangeSim;
beforeAll(async () => {
  sim = await startExchangeSim({
    fixture: {
      accounts: [],
      // shapes only here: Kraken's 1-per-second public limit is tested with the venues' limits
      venueLimits: 'off',
      tickers: {
        'BTC/USDT': { last: '60000.5', open24h: '58000' },
        'BTC/USD': { last: '60010', open24h: '59000' },
        'ETH/BTC': { last: '0.05' },
        'SOL/EUR': { last: '0.00001234', open24h: '0.00001' },
      },
    },
  });
});
afterAll(async () => {
  await sim.close();
});

const unified = (tickers: Record<string, { symbol?: string; last?: number; open?: number }>) =>
  Object.entries(tickers).map(([key, t]) => [key, t.symbol, t.last, t.open]);

// what ccxt must read from the fixture above: symbol, last and open (an absent open24h is the last price)
const BTC_USDT = { symbol: 'BTC/USDT', last: 60000.5, open: 58000 };
const READ: Record<string, unknown[]> = {
  'BTC/USDT': ['BTC/USDT', 'BTC/USDT', 60000.5, 58000],
  'BTC/USD': ['BTC/USD', 'BTC/USD', 60010, 59000],
  'ETH/BTC': ['ETH/BTC', 'ETH/BTC', 0.05, 0.05],
};
const expectTickers = async (ex: Exchange, symbols: string[]) =>
  expect(unified(await ex.fetchTickers(symbols))).toEqual(symbols.map((symbol) => READ[symbol]));

describe('Kraken /0/public/Ticker', () => {
  it('answers every pair under Kraken’s own names, with array fields, integer trade counts and a scalar o', async () => {
    const ex = krakenClient(sim, { apiKey: '', secret: '' });
    const body = (await call(ex, 'publicGetTicker')) as { error: string[]; result: Record<string, Json> };
    expect(body.error).toEqual([]);
    // classic assets keep their X/Z ids; a pair with a newer asset is its altname
    expect(Object.keys(body.result)).toEqual(['XXBTZUSD', 'XBTUSDT', 'XETHXXBT', 'SOLEUR']);
    expect(body.result.XBTUSDT).toEqual({
      a: ['60000.50000', '1', '1.000'],
      b: ['60000.50000', '1', '1.000'],
      c: ['60000.50000', '0.00100000'],
      v: ['400.00000000', '1000.00000000'],
      p: ['60000.50000', '60000.50000'],
      t: [400, 1000],
      l: ['58000.00000', '58000.00000'],
      h: ['60000.50000', '60000.50000'],
      o: '58000.00000',
    });
    // padded to five decimals, never rounded
    expect((body.result.SOLEUR as { c: string[] }).c[0]).toBe('0.00001234');
    expect(sim.requests().at(-1)).toMatchObject({ exchange: 'kraken', apiKey: null, verdict: 'ok' });
  });

  it('takes either name of a pair, answers under the canonical one, and refuses an unknown pair', async () => {
    const ex = krakenClient(sim, { apiKey: '', secret: '' });
    const some = (await call(ex, 'publicGetTicker', { pair: 'XBTUSD,ETHXBT' })) as { result: Json };
    expect(Object.keys(some.result)).toEqual(['XXBTZUSD', 'XETHXXBT']);
    const error = await rejectionOf(call(ex, 'publicGetTicker', { pair: 'XBTUSDT,NOPEUSD' }));
    expect(error).toBeInstanceOf(ccxt.ExchangeError);
    expect(error.message).toContain('EQuery:Unknown asset pair');
  });

  it('reads right through ccxt’s fetchTicker and fetchTickers: symbol, last, open', async () => {
    const ex = krakenClient(sim, { apiKey: '', secret: '' });
    ex.setMarkets([spot('XBTUSDT', 'BTC/USDT'), spot('XXBTZUSD', 'BTC/USD'), spot('XETHXXBT', 'ETH/BTC')]);
    expect(await ex.fetchTicker('BTC/USDT')).toMatchObject(BTC_USDT);
    await expectTickers(ex, ['BTC/USD', 'ETH/BTC']);
    expect(sim.requests().at(-1)?.path).toBe('/0/public/Ticker');
    const all = await ex.fetchTickers();
    expect(Object.keys(all).sort()).toEqual(['BTC/USD', 'BTC/USDT', 'ETH/BTC', 'SOLEUR']);
  });
});

describe('Bybit /v5/market/tickers', () => {
  it('answers spot in Bybit’s envelope, narrows to one symbol, and refuses what it does not list', async () => {
    const ex = bybitClient(sim, { apiKey: '', secret: '' });
    const body = (await call(ex, 'publicGetV5MarketTickers', { category: 'spot' })) as Json & {
      result: { category: string; list: Json[] };
    };
    expect(body).toMatchObject({ retCode: 0, retMsg: 'OK', retExtInfo: {}, time: expect.any(Number) });
    expect(body.result.category).toBe('spot');
    expect(body.result.list.map((t) => [t.symbol, t.lastPrice, t.prevPrice24h, t.usdIndexPrice])).toEqual([
      ['BTCUSD', '60010', '59000', ''],
      ['BTCUSDT', '60000.5', '58000', '60000.5'],
      ['ETHBTC', '0.05', '0.05', ''],
      ['SOLEUR', '0.00001234', '0.00001', ''],
    ]);
    expect(body.result.list[1]).toMatchObject({ price24hPcnt: '0.0345', highPrice24h: '60000.5' });
    const one = (await call(ex, 'publicGetV5MarketTickers', { category: 'spot', symbol: 'ETHBTC' })) as {
      result: { list: Json[] };
    };
    expect(one.result.list.map((t) => t.symbol)).toEqual(['ETHBTC']);
    const linear = (await call(ex, 'publicGetV5MarketTickers', { category: 'linear' })) as {
      result: { category: string; list: Json[] };
    };
    expect(linear.result).toEqual({ category: 'linear', list: [] });
    expect(
      await rejectionOf(call(ex, 'publicGetV5MarketTickers', { category: 'spot', symbol: 'NOPEUSDT' })),
    ).toBeInstanceOf(ccxt.BadSymbol);
    expect(await rejectionOf(call(ex, 'publicGetV5MarketTickers'))).toBeInstanceOf(ccxt.BadRequest);
  });

  it('reads right through ccxt’s fetchTicker and fetchTickers: symbol, last, open', async () => {
    const ex = bybitClient(sim, { apiKey: '', secret: '' });
    ex.setMarkets([spot('BTCUSDT', 'BTC/USDT'), spot('ETHBTC', 'ETH/BTC')]);
    expect(await ex.fetchTicker('BTC/USDT')).toMatchObject(BTC_USDT);
    expect(sim.requests().at(-1)).toMatchObject({ path: '/v5/market/tickers', verdict: 'ok' });
    await expectTickers(ex, ['BTC/USDT', 'ETH/BTC']);
  });
});

describe('OKX /api/v5/market/ticker and Binance, unified', () => {
  it('answers one instrument in a one-row list, 51001 for an unknown one, 50014 without instId', async () => {
    const ex = okxClient(sim, { apiKey: '', secret: '', password: '' });
    const body = (await call(ex, 'publicGetMarketTicker', { instId: 'ETH-BTC' })) as {
      code: string;
      data: Json[];
    };
    expect(body.code).toBe('0');
    expect(body.data.map((t) => [t.instType, t.instId, t.last, t.open24h])).toEqual([
      ['SPOT', 'ETH-BTC', '0.05', '0.05'],
    ]);
    expect(await rejectionOf(call(ex, 'publicGetMarketTicker', { instId: 'NOPE-USDT' }))).toBeInstanceOf(
      ccxt.BadSymbol,
    );
    expect(await rejectionOf(call(ex, 'publicGetMarketTicker'))).toBeInstanceOf(ccxt.BadRequest);
  });

  it('OKX and Binance read right through ccxt’s fetchTicker and fetchTickers', async () => {
    const okx = okxClient(sim, { apiKey: '', secret: '', password: '' });
    okx.setMarkets([spot('BTC-USDT', 'BTC/USDT'), spot('ETH-BTC', 'ETH/BTC')]);
    expect(await okx.fetchTicker('BTC/USDT')).toMatchObject(BTC_USDT);
    expect(sim.requests().at(-1)?.path).toBe('/api/v5/market/ticker');
    await expectTickers(okx, ['BTC/USDT', 'ETH/BTC']);
    const binance = binanceClient(sim, '', '');
    binance.setMarkets([spot('BTCUSDT', 'BTC/USDT'), spot('ETHBTC', 'ETH/BTC')]);
    expect(await binance.fetchTicker('BTC/USDT')).toMatchObject(BTC_USDT);
    await expectTickers(binance, ['BTC/USDT', 'ETH/BTC']);
  });
});
