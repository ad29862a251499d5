import { describe, expect, it } from 'vitest';
import type { SpotTickers } from './spot-tickers';
import { type Holding, priceIn, valuePortfolio } from './value-portfolio';

const NOW = Date.UTC(2026, 11, 1, 12);
const book = (exchangeId: string, tickers: SpotTickers['tickers'], age = 1000): SpotTickers => ({
  exchangeId,
  fetchedAt: NOW - age,
  tickers,
});
const books = (...list: SpotTickers[]) => new Map(list.map((b) => [b.exchangeId, b]));
const hold = (exchangeId: string, asset: string, total: string): Holding => ({
  connectionId: `${exchangeId}-1`,
  exchangeId,
  asset,
  total,
});
const options = { quote: 'USD' as const, now: NOW, staleAfterMs: 120_000 };

const binance = book('binance', {
  BTCUSDT: { last: '60000.5', open24h: '58000' },
  EURUSDT: { last: '1.08', open24h: '1.08' },
  ETHBTC: { last: '0.05', open24h: null },
});
const okx = book('okx', {
  BTCUSDT: { last: '60010', open24h: '60010' },
  ETHUSDT: { last: '3000', open24h: '3100' },
});

describe('valuePortfolio', () => {
  it('merges an asset held on two exchanges exactly, values it from its own exchanges, lists the unpriced apart', () => {
    const holdings = [
      hold('binance', 'BTC', '0.500000000000000001'),
      hold('binance', 'USDT', '1000.5'),
      hold('okx', 'BTC', '0.249999999999999999'),
      hold('okx', 'ETH', '2'),
      hold('okx', 'XYZ', '123'),
    ];
    const v = valuePortfolio(holdings, books(binance, okx), options);
    const btc = v.assets.find((a) => a.asset === 'BTC');
    expect(btc).toMatchObject({
      amount: '0.75',
      price: '60000.5',
      value: '45000.375',
      exchangeIds: ['binance', 'okx'],
    });
    expect(v.assets.map((a) => [a.asset, a.value])).toEqual([
      ['BTC', '45000.375'],
      ['ETH', '6000'],
      ['USDT', '1000.5'],
      ['XYZ', null],
    ]);
    expect(v.total).toBe('52000.875');
    expect(v.unpricedAssets).toEqual(['XYZ']);
    expect(v.assets.find((a) => a.asset === 'XYZ')).toMatchObject({ price: null, value: null, share: null });
    expect(v.assets.find((a) => a.asset === 'BTC')?.share).toBe('86.54');
    expect(v.exchanges).toEqual([
      { exchangeId: 'binance', value: '31000.75', share: '59.62', unpricedAssets: [] },
      { exchangeId: 'okx', value: '21000.125', share: '40.38', unpricedAssets: ['XYZ'] },
    ]);
    // one price per asset: okx's BTC is valued at binance's price (binance holds BTC first)
  });

  it('prices a holding from the exchange it sits on, Kraken or Bybit, and from another book for what its own lacks', () => {
    const kraken = book('kraken', {
      BTCUSD: { last: '60100', open24h: '59000' },
      EURUSDT: { last: '1.25', open24h: '1.25' },
    });
    const bybit = book('bybit', { BTCUSDT: { last: '59900', open24h: '59900' } });
    const all = books(binance, okx, kraken, bybit);
    const onKraken = valuePortfolio([hold('kraken', 'BTC', '1')], all, options);
    expect(onKraken.assets[0]).toMatchObject({
      price: '60100',
      change24h: '1.86',
      priceSources: ['kraken'],
      pricedAt: NOW - 1000,
    });
    expect(valuePortfolio([hold('bybit', 'BTC', '1')], all, options).assets[0]?.price).toBe('59900');
    // Kraken's book has no ETH: OKX's prices it in dollars, Kraken's own EURUSDT turns that into euros
    const mixed = valuePortfolio([hold('kraken', 'ETH', '1'), hold('okx', 'USDT', '1')], all, {
      ...options,
      quote: 'EUR',
    });
    expect(mixed.assets.find((a) => a.asset === 'ETH')).toMatchObject({
      price: '2400',
      value: '2400',
      priceSources: ['kraken', 'okx'],
    });
    // a dollar stablecoin is taken at par: no exchange priced it, and it says so
    const usdt = valuePortfolio([hold('okx', 'USDT', '1')], all, options).assets[0];
    expect(usdt).toMatchObject({ price: '1', priceSources: [], pricedAt: null });
    // without Kraken's book the same holding is priced from the others, not left unvalued
    const noKraken = valuePortfolio([hold('kraken', 'BTC', '1')], books(binance, okx), options);
    expect(noKraken.assets[0]).toMatchObject({ price: '60000.5', priceSources: ['binance'] });
  });

  it('gives the 24 h change from opening prices, and none when a price has no opening', () => {
    const v = valuePortfolio(
      [hold('binance', 'BTC', '1'), hold('okx', 'ETH', '1')],
      books(binance, okx),
      options,
    );
    expect(v.assets.find((a) => a.asset === 'BTC')?.change24h).toBe('3.45');
    expect(v.assets.find((a) => a.asset === 'ETH')?.change24h).toBe('-3.23');
    expect(v.change24h).toBe('3.11');
    const btcQuote = valuePortfolio([hold('binance', 'ETH', '1')], books(binance), {
      ...options,
      quote: 'BTC',
    });
    expect(btcQuote.assets[0]).toMatchObject({ value: '0.05', change24h: null });
    expect(btcQuote.change24h).toBeNull();
  });

  it('values in EUR and BTC through dollar markets when no direct market exists', () => {
    expect(priceIn('BTC', 'EUR', [binance])?.last.toFixed(6)).toBe('55556.018519');
    expect(priceIn('EUR', 'EUR', [binance])?.last.toFixed()).toBe('1');
    expect(priceIn('ETH', 'BTC', [binance])?.last.toFixed()).toBe('0.05');
    expect(priceIn('ETH', 'BTC', [okx])?.last.toFixed(10)).toBe('0.0499916681');
    expect(priceIn('USDC', 'USD', [])?.last.toFixed()).toBe('1');
    expect(priceIn('XYZ', 'EUR', [binance, okx])).toBeNull();
  });

  it('flags prices older than the staleness limit, and keeps exact decimals without floats', () => {
    const old = book('binance', { BTCUSDT: { last: '0.1', open24h: '0.1' } }, 300_000);
    const v = valuePortfolio([hold('binance', 'BTC', '0.2')], books(old), options);
    expect(v.stale).toBe(true);
    expect(v.assets[0]).toMatchObject({ value: '0.02', stale: true });
    expect(v.pricesAt).toBe(NOW - 300_000);
    const fresh = valuePortfolio([hold('okx', 'USDT', '5')], books(okx), options);
    // dollars at par use no price: the time is the book's, not "no prices yet"
    expect([fresh.stale, fresh.total, fresh.pricesAt]).toEqual([false, '5', NOW - 1000]);
  });

  it('says so, not zero, when no market of the held exchanges prices anything in the quote', () => {
    const usdOnly = book('binance', { BTCUSDT: { last: '60000', open24h: '60000' } }, 5000);
    const v = valuePortfolio([hold('binance', 'BTC', '1')], books(usdOnly), { ...options, quote: 'EUR' });
    expect(v.assets[0]).toMatchObject({ asset: 'BTC', value: null, share: null });
    expect(v.unpricedAssets).toEqual(['BTC']);
    expect(v.pricesAt).toBe(NOW - 5000);
    expect(valuePortfolio([hold('binance', 'BTC', '1')], new Map(), options).pricesAt).toBeNull();
  });

  it('is empty, not wrong, without holdings', () => {
    expect(valuePortfolio([], books(binance), options)).toMatchObject({
      total: '0',
      assets: [],
      change24h: null,
    });
  });
});
