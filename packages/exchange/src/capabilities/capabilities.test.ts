// The capability lists hold to the code that implements them, and the matrix's counts never drop unnoticed.
import { describe, expect, it } from 'vitest';
import { listExchanges } from '../catalogue/catalogue';
import { findGuide } from '../guides/guides';
import { hasSpotTickers } from '../prices/fetch-spot-tickers';
import { hasPermissionProbe } from '../verify/probe-permissions';
import { TRADE_CHECKED_EXCHANGES } from '../verify/trade-check';
import { exchangeSupport, PRICE_SOURCES, PROBE_READS, supportCounts, TRADE_CHECKS } from './exchange-support';

const ids = listExchanges().map((exchange) => exchange.id);

describe('the capability matrix', () => {
  it('claims a permission probe, a price source, a trade check and a guide exactly where the code has one', () => {
    for (const id of ids) {
      const support = exchangeSupport(id);
      expect({ id, probe: support.permissions }).toEqual({ id, probe: hasPermissionProbe(id) });
      expect({ id, prices: support.prices }).toEqual({ id, prices: hasSpotTickers(id) });
      expect({ id, guide: support.guide }).toEqual({ id, guide: findGuide(id) !== null });
    }
    expect([...TRADE_CHECKS].sort()).toEqual([...TRADE_CHECKED_EXCHANGES].sort());
    // every listed source is a catalogue exchange (a typo would claim nothing and fail nothing otherwise)
    for (const id of [...Object.keys(PROBE_READS), ...PRICE_SOURCES, ...TRADE_CHECKS])
      expect(ids).toContain(id);
  });

  it('counts, for the 104 exchanges: a drop fails here (raise them when a capability is added)', () => {
    expect(ids).toHaveLength(104);
    expect(supportCounts(ids)).toEqual({
      permissions: 16,
      withdrawalRights: 16,
      'ipRestriction:ADDRESSES': 12,
      'ipRestriction:FLAG': 3,
      keyExpiry: 7,
      tradeCheck: 2,
      prices: 5,
      guide: 12,
      'proof:SIM': 9,
      'proof:OFFLINE': 7,
      'proof:UNTESTED': 88,
    });
  });
});
