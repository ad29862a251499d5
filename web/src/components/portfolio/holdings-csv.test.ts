import { describe, expect, it } from 'vitest';
import { holdingsCsv } from './holdings-csv';

describe('holdingsCsv', () => {
  it('keeps exact amounts, leaves unpriced values empty, quotes what needs it', () => {
    expect(
      holdingsCsv('USD', [
        {
          asset: 'BTC',
          amount: '0.760000000000000001',
          price: '60000.5',
          value: '45600.38',
          share: '97.1',
          exchangeIds: ['binance', 'okx'],
        },
        { asset: 'X,Y', amount: '7', price: null, value: null, share: null, exchangeIds: ['okx'] },
      ]),
    ).toBe(
      'asset,amount,price_USD,value_USD,share_percent,exchanges\n' +
        'BTC,0.760000000000000001,60000.5,45600.38,97.1,binance okx\n' +
        '"X,Y",7,,,,okx\n',
    );
  });
});
