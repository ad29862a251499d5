// What Keyport can check and show on each exchange, said once so the API and the dashboard claim no more than
// the code does. Data only (the api never loads ccxt): capabilities.test.ts holds each list to the code that
// implements it (the permission probes, the ticker fetchers, the trade checks, the guides), and fails when a
// count drops.
import { GUIDED_EXCHANGES } from '../guides/guides';

/** How Keyport knows a key's IP restriction: the allowed addresses, only whether there is one, or not at all. */
export type IpRestrictionRead = 'ADDRESSES' | 'FLAG' | 'UNKNOWN';

/** How far the capabilities are proven: end to end against the sim, request and answer shapes offline, or not. */
export type ProofLevel = 'SIM' | 'OFFLINE' | 'UNTESTED';

export interface ExchangeSupport {
  /** Keyport reads the key's rights (one signed request to the exchange's own endpoint). */
  permissions: boolean;
  /** Keyport reads whether the key can withdraw, and refuses it if so. */
  withdrawalRights: boolean;
  ipRestriction: IpRestrictionRead;
  /** The exchange reports when the key (or its trading right) lapses. */
  keyExpiry: boolean;
  /** A connection made for trading is proved with an order the exchange checks and never executes. */
  tradeCheck: boolean;
  /** Holdings are priced from this exchange's own tickers. */
  prices: boolean;
  /** A step-by-step guide to making the right key. */
  guide: boolean;
  proof: ProofLevel;
}

interface ProbeReads {
  ipRestriction: IpRestrictionRead;
  keyExpiry: boolean;
}

const BINANCE: ProbeReads = { ipRestriction: 'FLAG', keyExpiry: true };
const OKX: ProbeReads = { ipRestriction: 'ADDRESSES', keyExpiry: false };
const BYBIT: ProbeReads = { ipRestriction: 'ADDRESSES', keyExpiry: true };
const KUCOIN: ProbeReads = { ipRestriction: 'ADDRESSES', keyExpiry: false };
const GATE: ProbeReads = { ipRestriction: 'ADDRESSES', keyExpiry: false };

/** What each permission probe (verify/probes) reads besides withdrawal rights, which every one of them reads.
 * Binance's endpoint says whether a key has an IP whitelist, not which addresses (those are documented only for a
 * sub-account's key, read by its master): FLAG. */
export const PROBE_READS: Readonly<Record<string, ProbeReads>> = {
  binance: BINANCE,
  binanceusdm: BINANCE,
  binancecoinm: BINANCE,
  okx: OKX,
  myokx: OKX,
  okxus: OKX,
  bybit: BYBIT,
  bybiteu: BYBIT,
  bybitid: BYBIT,
  kucoin: KUCOIN,
  kucoinfutures: KUCOIN,
  coinbase: { ipRestriction: 'UNKNOWN', keyExpiry: false },
  bitget: { ipRestriction: 'ADDRESSES', keyExpiry: false },
  gate: GATE,
  gateeu: GATE,
  kraken: { ipRestriction: 'ADDRESSES', keyExpiry: true },
};

/** Exchanges whose spot tickers price holdings (prices/fetch-spot-tickers). */
export const PRICE_SOURCES: readonly string[] = ['binance', 'okx', 'myokx', 'bybit', 'kraken'];

/** Exchanges with a validation-only order endpoint (verify/trade-check). */
export const TRADE_CHECKS: readonly string[] = ['binance', 'kraken'];

/** Exchanges the sim answers (its four venues, and the siblings speaking their API with their keys): every
 * capability above is exercised end to end through the real worker (api/test/sibling-venues.test.ts). */
export const SIM_EXCHANGES: readonly string[] = [
  'binance',
  'binanceusdm',
  'binancecoinm',
  'okx',
  'myokx',
  'okxus',
  'bybit',
  'bybiteu',
  'kraken',
];

export function exchangeSupport(exchangeId: string): ExchangeSupport {
  const probe = PROBE_READS[exchangeId];
  return {
    permissions: probe !== undefined,
    withdrawalRights: probe !== undefined,
    ipRestriction: probe?.ipRestriction ?? 'UNKNOWN',
    keyExpiry: probe?.keyExpiry ?? false,
    tradeCheck: TRADE_CHECKS.includes(exchangeId),
    prices: PRICE_SOURCES.includes(exchangeId),
    guide: GUIDED_EXCHANGES.includes(exchangeId),
    // probes of exchanges outside the sim are checked offline on their documented request and answer shapes
    proof: SIM_EXCHANGES.includes(exchangeId) ? 'SIM' : probe ? 'OFFLINE' : 'UNTESTED',
  };
}

/** How many exchanges have each capability: the matrix's counts. */
export function supportCounts(exchangeIds: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (name: string) => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  for (const id of exchangeIds) {
    const support = exchangeSupport(id);
    for (const [name, value] of Object.entries(support)) {
      if (value === true) bump(name);
      else if (typeof value === 'string' && value !== 'UNKNOWN') bump(`${name}:${value}`);
    }
  }
  return counts;
}
