import { describe, expect, it } from 'vitest';
import { findExchange, listExchanges } from '../catalogue/catalogue';
import { WITHDRAW_SWITCHES } from '../status/withdraw-switches';
import { TRADE_CHECKED_EXCHANGES, tradeCheckEndpoint } from '../verify/trade-check';
import { GUIDE_LOCALES, type Text } from './guide-types';
import { findGuide, GUIDED_EXCHANGES, guideSectionFor } from './guides';

// the 12 most used exchanges: the catalogue's popular ones
const TWELVE = listExchanges()
  .filter((exchange) => exchange.popular)
  .map((exchange) => exchange.id);

/** Every Text anywhere in a value, with its path. */
function texts(value: unknown, path: string): [string, Text][] {
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (GUIDE_LOCALES.every((locale) => typeof record[locale] === 'string')) return [[path, record as Text]];
  return Object.entries(record).flatMap(([key, inner]) => texts(inner, `${path}.${key}`));
}

describe('exchange guides', () => {
  it('cover the 12 most used exchanges, each one in the catalogue', () => {
    expect(TWELVE).toHaveLength(12);
    expect([...GUIDED_EXCHANGES].sort()).toEqual([...TWELVE].sort());
    for (const id of TWELVE) expect(findExchange(id), id).toBeTruthy();
    expect(findGuide('not-an-exchange')).toBeNull();
  });

  it.each(TWELVE)('%s: every text in English and French, dated and sourced', (id) => {
    const guide = findGuide(id);
    if (!guide) throw new Error(`no guide for ${id}`);
    const all = texts(guide, id);
    expect(all.length).toBeGreaterThan(15);
    for (const [path, text] of all) {
      for (const locale of GUIDE_LOCALES)
        expect(text[locale].trim().length, `${path}.${locale}`).toBeGreaterThan(10);
      // a French text that is the English one was never translated (menu paths are the exchange's own labels)
      if (!path.endsWith('.menuPath')) expect(text.fr, path).not.toBe(text.en);
    }
    expect(guide.lastChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(guide.lastChecked)).toBeLessThanOrEqual(Date.now());
    expect(guide.sources.length).toBeGreaterThan(0);
    for (const source of guide.sources) expect(source).toMatch(/^https:\/\//);
    expect(guide.checklist.length).toBeGreaterThanOrEqual(4);
  });

  it.each(TWELVE)('%s: reading on, withdrawals off, testnet as the catalogue says', (id) => {
    const guide = findGuide(id);
    if (!guide) throw new Error(`no guide for ${id}`);
    expect(guide.permissions.some((p) => p.turn === 'on')).toBe(true);
    expect(guide.permissions.some((p) => p.turn === 'off')).toBe(true);
    // the withdrawal switch a refusal names is one the guide tells to turn off
    const withdraw = WITHDRAW_SWITCHES[id];
    if (withdraw)
      expect(guide.permissions.find((p) => withdraw.startsWith(p.name))?.turn, withdraw).toBe('off');
    expect(guide.testnet.available).toBe(findExchange(id)?.hasTestnet);
    if (!guide.testnet.available) expect(guide.testnet.url).toBeNull();
  });

  it.each(TWELVE)('%s: the trade check says what Keyport does and what the exchange documents', (id) => {
    const { tradeCheck } = findGuide(id) ?? {};
    if (!tradeCheck) throw new Error(`no guide for ${id}`);
    if (tradeCheck.mode === 'unknown') expect(tradeCheck.endpoint).toBeNull();
    else expect(tradeCheck.endpoint).toMatch(/^(GET|POST) \//);
    // a permission endpoint reports; only an order-validation request checks the permission itself
    if (tradeCheck.mode === 'verified') expect(tradeCheck.checksTradePermission).toBe(true);
    else expect(tradeCheck.checksTradePermission).toBeNull();
    // verified exactly where the worker sends a validation-only order, naming the endpoint it calls
    expect(tradeCheck.mode === 'verified').toBe(TRADE_CHECKED_EXCHANGES.includes(id));
    if (tradeCheck.mode === 'verified') expect(tradeCheck.endpoint).toBe(tradeCheckEndpoint(id));
  });

  it('points a failure at the part of the guide that fixes it, only where a guide exists', () => {
    expect(guideSectionFor('binance', 'KEY_REJECTED')).toBe('checklist');
    expect(guideSectionFor('okx', 'PASSPHRASE_REJECTED')).toBe('extra-field');
    expect(guideSectionFor('bybit', 'IP_NOT_WHITELISTED')).toBe('ip-whitelist');
    expect(guideSectionFor('binance', 'WRONG_ENVIRONMENT')).toBe('testnet');
    expect(guideSectionFor('binance', 'EXCHANGE_DOWN')).toBeNull();
    expect(guideSectionFor('bitstamp', 'KEY_REJECTED')).toBeNull();
  });
});
