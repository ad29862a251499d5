import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { krakenNamesOf, krakenTickerKey } from './kraken-pair';

// ccxt's own Kraken naming, the table its balances go through
const kraken = new ccxt.kraken();
const names = krakenNamesOf(kraken);

describe('krakenTickerKey', () => {
  it('splits Kraken’s pair names as listed by its AssetPairs into ccxt codes', () => {
    const keys = Object.fromEntries(
      ['XXBTZUSD', 'XXBTZEUR', 'XETHXXBT', 'XXRPZUSD', 'XBTUSDT', 'XBTUSDC', 'ETHUSDT', 'SOLUSD', 'SOLXBT']
        .concat(['XDGUSD', 'XTZUSD', 'USDCUSDT', 'DOTEUR'])
        .map((pair) => [pair, krakenTickerKey(pair, names)]),
    );
    expect(keys).toEqual({
      XXBTZUSD: 'BTCUSD',
      XXBTZEUR: 'BTCEUR',
      XETHXXBT: 'ETHBTC',
      XXRPZUSD: 'XRPUSD',
      XBTUSDT: 'BTCUSDT',
      XBTUSDC: 'BTCUSDC',
      ETHUSDT: 'ETHUSDT',
      SOLUSD: 'SOLUSD',
      SOLXBT: 'SOLBTC',
      XDGUSD: 'DOGEUSD',
      XTZUSD: 'XTZUSD',
      USDCUSDT: 'USDCUSDT',
      DOTEUR: 'DOTEUR',
    });
  });

  it('leaves out what it cannot split for sure: other quotes and old dark-pool names', () => {
    expect(krakenTickerKey('SOLETH', names)).toBeNull();
    expect(krakenTickerKey('ADAGBP', names)).toBeNull();
    expect(krakenTickerKey('XBTUSD.d', names)).toBeNull();
    expect(krakenTickerKey('USD', names)).toBeNull();
  });
});
