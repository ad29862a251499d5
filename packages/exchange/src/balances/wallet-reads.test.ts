import { describe, expect, it } from 'vitest';
import { walletReads } from './wallet-reads';

// What is sent decides whether funds are counted once: these are the requests, not their answers.
describe('wallet reads', () => {
  it('reads the wallet every key may read first, whatever order the user ticked', () => {
    expect(walletReads('binance', ['swap', 'funding', 'spot']).map((r) => r.wallet)).toEqual([
      'spot',
      'funding',
      'swap',
    ]);
  });

  it('never reads one balance twice under two names', () => {
    // Binance has no options balance in ccxt: reading it would return spot again
    expect(walletReads('binance', ['spot', 'option']).map((r) => r.wallet)).toEqual(['spot']);
    // Bybit: the same, its funding wallet apart
    expect(walletReads('bybit', ['spot', 'swap', 'funding']).map((r) => [r.wallet, r.params])).toEqual([
      ['trading', { type: 'unified' }],
      ['funding', { type: 'funding' }],
    ]);
    // OKX: one unified trading account for spot and derivatives
    expect(walletReads('okx', ['spot', 'swap', 'future']).map((r) => r.wallet)).toEqual(['trading']);
    // exchanges without a known plan: one plain request (Kraken ignores `type`), under the first wallet asked
    expect(walletReads('kraken', ['spot', 'margin'])).toEqual([{ wallet: 'spot', params: {} }]);
    expect(walletReads('kucoin', ['swap', 'future'])).toEqual([{ wallet: 'swap', params: {} }]);
    // Bybit derivatives live in the unified trading account too: one read, not one per type
    expect(walletReads('bybit', ['swap', 'future'])).toEqual([
      { wallet: 'trading', params: { type: 'unified' } },
    ]);
  });
});
