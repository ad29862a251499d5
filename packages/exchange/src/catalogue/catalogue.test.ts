import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeCcxtLoad } from '../testing/ccxt-load-probe';
import { catalogueCcxtVersion, findExchange, listExchanges } from './catalogue';

const POPULAR = [
  'binance',
  'okx',
  'bybit',
  'coinbase',
  'kraken',
  'kucoin',
  'bitget',
  'gate',
  'htx',
  'mexc',
  'bitfinex',
  'cryptocom',
];

function credentialKeys(id: string): string[] | undefined {
  return findExchange(id)?.requiredCredentials.map((field) => field.key);
}

function ids(search?: string): string[] {
  return listExchanges(search).map((exchange) => exchange.id);
}

describe('catalogue', () => {
  it('knows what binance needs and offers', () => {
    const binance = findExchange('binance');
    expect(credentialKeys('binance')).toEqual(['apiKey', 'secret']);
    expect(binance?.hasTestnet).toBe(true);
    expect(binance?.accountTypes).toContain('spot');
    expect(binance?.website).toBe('https://www.binance.com');
  });

  it('asks okx for a passphrase, which ccxt calls password', () => {
    expect(credentialKeys('okx')).toEqual(['apiKey', 'secret', 'password']);
    const passphrase = findExchange('okx')?.requiredCredentials.find((field) => field.key === 'password');
    expect(passphrase).toMatchObject({ label: 'Passphrase', secret: true, multiline: false });
  });

  it('masks secrets and takes coinbase keys as a multiline PEM', () => {
    const [apiKey, secret] = findExchange('kraken')?.requiredCredentials ?? [];
    expect(apiKey).toMatchObject({ key: 'apiKey', label: 'API key', secret: false });
    expect(secret).toMatchObject({ key: 'secret', label: 'Secret key', secret: true, multiline: false });
    const coinbaseSecret = findExchange('coinbase')?.requiredCredentials.find(
      (field) => field.key === 'secret',
    );
    expect(coinbaseSecret).toMatchObject({ label: 'Private key (PEM)', secret: true, multiline: true });
    for (const exchange of listExchanges()) {
      for (const field of exchange.requiredCredentials) {
        expect(field.secret).toBe(['secret', 'password', 'privateKey', 'twofa'].includes(field.key));
        expect(field.hint).toMatch(/^[A-Z].*\.$/);
      }
    }
  });

  it('returns undefined for an unknown id', () => {
    expect(findExchange('nope')).toBeUndefined();
    expect(findExchange('Binance')).toBeUndefined();
  });

  it('lists the popular exchanges first, in their order, then the rest by name', () => {
    const all = listExchanges();
    expect(all.slice(0, POPULAR.length).map((exchange) => exchange.id)).toEqual(POPULAR);
    expect(all.filter((exchange) => exchange.popular).map((exchange) => exchange.id)).toEqual(POPULAR);
    const rest = all.slice(POPULAR.length).map((exchange) => exchange.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(all.length).toBeGreaterThan(100);
  });

  it('searches id and name ignoring case, accents and punctuation, keeping popular first', () => {
    expect(ids('coin')).toContain('coinbase');
    expect(ids('COÏN')).toEqual(ids('coin'));
    expect(ids('coin')[0]).toBe('coinbase');
    expect(ids('cryptocom')).toContain('cryptocom');
    expect(ids('crypto.com')).toEqual(['cryptocom']);
    expect(ids('binance usds')).toEqual(['binanceusdm']);
    expect(ids('bit').slice(0, 3)).toEqual(['bybit', 'bitget', 'bitfinex']);
    expect(ids('  ')).toEqual(ids());
    expect(ids('no such exchange')).toEqual([]);
  });

  it('marks demo-header sandboxes as testnets and nothing else without a test URL', () => {
    expect(findExchange('bitget')?.hasTestnet).toBe(true);
    expect(findExchange('kraken')?.hasTestnet).toBe(false);
    expect(findExchange('krakenfutures')?.hasTestnet).toBe(true);
  });

  it('offers a wallet only where Keyport reads it apart: no option on Binance, one account where one read returns all', () => {
    expect(findExchange('okx')?.accountTypes).toContain('funding');
    expect(findExchange('binance')?.accountTypes).toEqual(['spot', 'margin', 'swap', 'future', 'funding']);
    // one plain balance read: Kraken's margin and KuCoin's main and margin accounts are not read apart
    expect(findExchange('kraken')?.accountTypes).toEqual(['spot']);
    expect(findExchange('kucoin')?.accountTypes).toEqual(['spot']);
    for (const exchange of listExchanges()) expect(exchange.accountTypes.length).toBeGreaterThan(0);
  });

  it('hands out entries no caller can change for the others', () => {
    const binance = findExchange('binance');
    expect(Object.isFrozen(binance)).toBe(true);
    expect(Object.isFrozen(binance?.requiredCredentials)).toBe(true);
    expect(Object.isFrozen(binance?.requiredCredentials[0])).toBe(true);
    const count = listExchanges().length;
    listExchanges().pop();
    expect(listExchanges()).toHaveLength(count);
  });

  it('records the ccxt release it was generated from', () => {
    expect(catalogueCcxtVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('catalogue module graph', () => {
  const packageDir = fileURLToPath(new URL('../..', import.meta.url));

  const probe = (target: string) => probeCcxtLoad(target, packageDir);

  it('loads the catalogue without loading ccxt', () => {
    const result = probe(new URL('./catalogue.ts', import.meta.url).href);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ccxt not loaded');
    expect(result.status).toBe(0);
  }, 30_000);

  // The controls prove the probe fails when ccxt is loaded either way.
  it('catches ccxt imported as ESM', () => {
    const result = probe('ccxt');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ccxt imported from');
  }, 30_000);

  it('catches ccxt required as CommonJS', () => {
    const requireCcxt = `import { createRequire } from 'node:module'; createRequire(${JSON.stringify(`${packageDir}/`)})('ccxt');`;
    const result = probe(`data:text/javascript,${encodeURIComponent(requireCcxt)}`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ccxt required:');
  }, 30_000);
});
