import { describe, expect, it } from 'vitest';
import { type CsvAsset, holdingsCsv } from './holdings-csv';

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

describe('holdingsCsv against formula injection', () => {
  const asset = (fields: Partial<CsvAsset>): CsvAsset => ({
    asset: 'BTC',
    amount: '1',
    price: null,
    value: null,
    share: null,
    exchangeIds: ['binance'],
    ...fields,
  });
  // the one data line, between the header's line feed and the final one (a quoted cell may hold its own)
  const row = (fields: Partial<CsvAsset>) => {
    const csv = holdingsCsv('USD', [asset(fields)]);
    return csv.slice(csv.indexOf('\n') + 1, -1);
  };

  it('prefixes text cells a spreadsheet would run as a formula with a quote', () => {
    expect(row({ asset: '=HYPERLINK("http://evil.test","BTC")' })).toBe(
      `"'=HYPERLINK(""http://evil.test"",""BTC"")",1,,,,binance`,
    );
    expect(row({ asset: '+SUM(1)' })).toBe("'+SUM(1),1,,,,binance");
    expect(row({ asset: '-2+3' })).toBe("'-2+3,1,,,,binance");
    expect(row({ asset: '@SUM(A1)' })).toBe("'@SUM(A1),1,,,,binance");
    expect(row({ asset: '\t=1' })).toBe("'\t=1,1,,,,binance");
    expect(row({ exchangeIds: ['=cmd|x'] })).toBe("BTC,1,,,,'=cmd|x");
    // only the start of a cell counts: inside, these are plain characters
    expect(row({ asset: 'A=B-C' })).toBe('A=B-C,1,,,,binance');
  });

  it('quotes carriage returns, as line feeds, commas and quotes', () => {
    expect(row({ asset: 'A\rB' })).toBe('"A\rB",1,,,,binance');
    expect(row({ asset: '\rX' })).toBe(`"'\rX",1,,,,binance`);
    expect(row({ asset: 'A\nB' })).toBe('"A\nB",1,,,,binance');
    expect(row({ asset: 'say "hi"' })).toBe('"say ""hi""",1,,,,binance');
  });

  it('keeps negative and exact amounts numeric, and escapes a numeric column that holds no number', () => {
    expect(row({ amount: '-0.5', price: '60000.5', value: '-30000.25', share: '-0.1' })).toBe(
      'BTC,-0.5,60000.5,-30000.25,-0.1,binance',
    );
    expect(row({ amount: '0.000000000000000001' })).toBe('BTC,0.000000000000000001,,,,binance');
    expect(row({ amount: '-1+2' })).toBe("BTC,'-1+2,,,,binance");
    expect(row({ amount: '=1', value: '1,5' })).toBe(`BTC,'=1,,"1,5",,binance`);
  });
});
