import { createHash } from 'node:crypto';

/** Venues the simulator emulates (ccxt ids). */
export type ExchangeId = 'binance' | 'okx' | 'bybit' | 'kraken';
export const EXCHANGE_IDS: readonly ExchangeId[] = ['binance', 'okx', 'bybit', 'kraken'];

/** EXCHANGE_RATE_LIMITS for tests against an unlimited sim: budgets far above what any test sends. */
export function simRateLimits(costPerSecond = 1e5): Record<ExchangeId, { costPerSecond: number }> {
  return Object.fromEntries(EXCHANGE_IDS.map((id) => [id, { costPerSecond }])) as Record<
    ExchangeId,
    { costPerSecond: number }
  >;
}

/**
 * ccxt ids that speak a venue's API with that venue's keys, on another host or with another default wallet:
 * Binance's USDⓈ-M and COIN-M clients, OKX's EEA and US hosts, Bybit EU. The sim answers them as the venue.
 */
export const SIM_SIBLINGS: Readonly<Record<string, ExchangeId>> = {
  binanceusdm: 'binance',
  binancecoinm: 'binance',
  myokx: 'okx',
  okxus: 'okx',
  bybiteu: 'bybit',
};

/** EXCHANGE_URL_OVERRIDES sending every venue the sim emulates, and their siblings, to the sim at `url`. */
export function simUrlOverrides(url: string): Record<string, string> {
  return Object.fromEntries([...EXCHANGE_IDS, ...Object.keys(SIM_SIBLINGS)].map((id) => [id, url]));
}

/** OKX keys are bound to live or demo (simulated) trading; Binance testnet is another host, so it ignores this. */
export type SimEnvironment = 'live' | 'demo';

export interface SimPermissions {
  read: boolean;
  spotTrade: boolean;
  margin: boolean;
  futures: boolean;
  withdraw: boolean;
  internalTransfer: boolean;
}

export interface SimKey {
  apiKey: string;
  secret: string;
  /** OKX only: the passphrase chosen when the key was created. */
  passphrase?: string;
  label?: string;
  /** Missing flags are false, except `read` which defaults to true (both venues always grant read). */
  permissions?: Partial<SimPermissions>;
  /** Exact remote addresses allowed to use the key; empty or missing = unrestricted. */
  allowedIps?: string[];
  /**
   * Epoch ms; from then on the key is refused like an unknown key. Binance keys never expire: there it is the
   * tradingAuthorityExpirationTime of a key open to any IP (default 90 days after creation), after which the key
   * reads but may no longer trade.
   */
  expiresAt?: number;
  /** Epoch ms; defaults to the sim clock when the account is added. */
  createdAt?: number;
  /** Defaults to 'live'. */
  environment?: SimEnvironment;
  revoked?: boolean;
  /** Kraken only: the account's verification tier, which sets the key's call counter; default 'starter'. */
  krakenTier?: KrakenTier;
}

/** Kraken verification tiers (https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits). */
export type KrakenTier = 'starter' | 'intermediate' | 'pro';
export const KRAKEN_TIER_NAMES: readonly KrakenTier[] = ['starter', 'intermediate', 'pro'];

/** 'documented' (default) enforces each venue's own documented limits; 'off' leaves only `rateLimits`. */
export type SimVenueLimitsMode = 'documented' | 'off';

/** Decimal strings only: amounts never go through floats. */
export interface SimAssetBalance {
  free: string;
  locked: string;
}
export type SimBalances = Record<string, SimAssetBalance>;

/** Wallets besides `balances`: Binance cross margin, USDⓈ-M futures (swap), COIN-M futures (future), funding. */
export type SimWallet = 'margin' | 'swap' | 'future' | 'funding';
export const SIM_WALLETS: readonly SimWallet[] = ['margin', 'swap', 'future', 'funding'];
/** OKX's trading account is unified (spot, margin and derivatives share it), so only funding stands apart. */
export const VENUE_WALLETS: Record<ExchangeId, readonly SimWallet[]> = {
  binance: SIM_WALLETS,
  okx: ['funding'],
  // Bybit's unified trading account holds spot, margin and derivatives; funding stands apart
  bybit: ['funding'],
  // the sim reads Kraken's spot balances only
  kraken: [],
};

export interface SimAccount {
  exchange: ExchangeId;
  uid: string;
  /** OKX: master account uid; differs from `uid` for a sub-account. Defaults to `uid`. */
  mainUid?: string;
  /** The spot wallet (Binance) or the unified trading account (OKX). */
  balances: SimBalances;
  /** Other wallets; one the account lacks answers as an empty wallet, as the venues do. */
  wallets?: Partial<Record<SimWallet, SimBalances>>;
  keys: SimKey[];
  /** Binance /api/v3/account account-level flags; default true. */
  canTrade?: boolean;
  canWithdraw?: boolean;
  canDeposit?: boolean;
}

/** A spot market's public ticker; decimal strings. */
export interface SimTicker {
  last: string;
  /** Price 24 h ago; defaults to `last` (no change). */
  open24h?: string;
}

export interface SimFixture {
  accounts: SimAccount[];
  /** Public spot tickers by "BASE/QUOTE", served by both venues; by default every usdPrices asset
   * other than a stablecoin gets an ASSET/USDT ticker at its price. */
  tickers?: Record<string, SimTicker>;
  /** USD price per asset as decimal strings, used for OKX eqUsd/totalEq. USDT/USDC/USD default to 1. */
  usdPrices?: Record<string, string>;
  /** Per-venue, per-IP request limits (test knob); none = unlimited, and no weight headers. */
  rateLimits?: SimRateLimit[];
  /** The venues' documented limits (README "Rate limits"); default 'documented'. */
  venueLimits?: SimVenueLimitsMode;
}

/** A venue's per-client-IP limit over a rolling window, with Binance-style escalation to an IP ban. */
export interface SimRateLimit {
  exchange: ExchangeId;
  /** Most units (requests or weight) served to one IP inside any rolling window. */
  limit: number;
  /** Default 1000. */
  windowMs?: number;
  /** 'weight' charges each request its Binance request weight (OKX: 1); default 'requests'. */
  unit?: SimRateLimitUnit;
  /** Requests received while limited, after the first 429, before the IP is banned; default 3. */
  banAfter?: number;
  /** Default 120000 (Binance's shortest ban). */
  banMs?: number;
  /** Retry-After on 429; default = ceil(seconds until the window has room again). */
  retryAfterSeconds?: number;
}
export type SimRateLimitUnit = 'requests' | 'weight';

export interface SimRateStats {
  /** Requests let through by the limiter (whatever the venue then answered). */
  served: number;
  /** Answers with HTTP 429 from the limiter (OKX IP bans included, as OKX has no 418). */
  rejected429: number;
  rejected418: number;
  /** Largest sum (in the limit's unit) of served requests inside any rolling window of its windowMs. */
  maxInAnyWindow: number;
  /** Refusals by the venue's documented limits, by limit name (e.g. "request-weight"); rejected429/418 exclude them. */
  refused: Record<string, number>;
}

/** Which requests a fault applies to; `times` = only the next N matching requests, then it clears itself. */
export interface SimFaultScope {
  exchange?: ExchangeId;
  apiKey?: string;
  /** Only requests to this path (e.g. "/sapi/v1/account/apiRestrictions"). */
  path?: string;
  times?: number;
}

export type SimFault = SimFaultScope &
  (
    | { kind: 'rate-limit'; retryAfterSeconds?: number; status?: 429 | 418 }
    | { kind: 'server-error'; status?: number }
    | { kind: 'timeout' }
    | { kind: 'html'; status?: number }
    | { kind: 'clock-skew'; offsetMs: number }
    | { kind: 'latency'; delayMs: number }
  );
export type SimFaultKind = SimFault['kind'];
export const FAULT_KINDS: readonly SimFaultKind[] = [
  'rate-limit',
  'server-error',
  'timeout',
  'html',
  'clock-skew',
  'latency',
];

// Deterministic fake credentials: same every run (so docs and .env files can quote them), obviously not real.
function fakeHex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`keyport-exchange-sim:${seed}:${i}`).digest('hex');
  }
  return out.slice(0, length);
}

function fakeBinanceKey(seed: string): string {
  return `SIMFAKE${fakeHex(seed, 57)}`;
}

function fakeUuid(seed: string): string {
  const h = fakeHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

// made ten days before the demo starts: a fixed date would, months later, show the demo's keys as lapsed
const DEMO_KEY_AGE_MS = 10 * 24 * 60 * 60 * 1000;

/** Accounts used by `npm run demo`: one Binance and one OKX account, with read-only, trading and demo keys. */
export function demoFixture(now = Date.now()): SimFixture {
  const DEMO_CREATED_AT = now - DEMO_KEY_AGE_MS;
  return {
    usdPrices: { BTC: '65000', ETH: '3200', USDT: '1', USDC: '1' },
    accounts: [
      {
        exchange: 'binance',
        uid: '100000001',
        balances: {
          BTC: { free: '0.50000000', locked: '0.01000000' },
          ETH: { free: '2.25', locked: '0' },
          USDT: { free: '1234.56', locked: '100' },
        },
        keys: [
          {
            apiKey: fakeBinanceKey('binance-read'),
            secret: fakeBinanceKey('binance-read-secret'),
            label: 'demo read-only',
            permissions: { read: true },
            createdAt: DEMO_CREATED_AT,
          },
          {
            apiKey: fakeBinanceKey('binance-trade'),
            secret: fakeBinanceKey('binance-trade-secret'),
            label: 'demo trading, IP-restricted',
            permissions: { read: true, spotTrade: true },
            allowedIps: ['127.0.0.1'],
            createdAt: DEMO_CREATED_AT,
          },
        ],
      },
      {
        exchange: 'okx',
        uid: '500000000000000001',
        balances: {
          BTC: { free: '0.75', locked: '0.05' },
          USDT: { free: '2500', locked: '0' },
        },
        keys: [
          {
            apiKey: fakeUuid('okx-live'),
            secret: fakeHex('okx-live-secret', 32).toUpperCase(),
            passphrase: 'SimDemo-Passphrase-1',
            label: 'demo live read-only',
            permissions: { read: true },
            environment: 'live',
            createdAt: DEMO_CREATED_AT,
          },
          {
            apiKey: fakeUuid('okx-demo'),
            secret: fakeHex('okx-demo-secret', 32).toUpperCase(),
            passphrase: 'SimDemo-Passphrase-2',
            label: 'demo simulated-trading key',
            permissions: { read: true, spotTrade: true },
            environment: 'demo',
            createdAt: DEMO_CREATED_AT,
          },
        ],
      },
      {
        exchange: 'bybit',
        uid: '30000001',
        balances: { BTC: { free: '0.3', locked: '0' }, USDT: { free: '800', locked: '25' } },
        wallets: { funding: { USDC: { free: '120', locked: '0' } } },
        keys: [
          {
            apiKey: `SIMFAKE${fakeHex('bybit-read', 11)}`,
            secret: fakeHex('bybit-read-secret', 36),
            label: 'demo read-only',
            permissions: { read: true },
            // bound to an IP: Bybit lets keys bound to none lapse 90 days after they were made
            allowedIps: ['127.0.0.1'],
            createdAt: DEMO_CREATED_AT,
          },
        ],
      },
      {
        exchange: 'kraken',
        uid: 'AADEMO01',
        balances: { BTC: { free: '0.1', locked: '0' }, EUR: { free: '950', locked: '0' } },
        keys: [
          {
            apiKey: `SIMFAKE${fakeHex('kraken-read', 49)}`,
            secret: Buffer.from(fakeHex('kraken-read-secret', 128), 'hex').toString('base64'),
            label: 'demo read-only',
            permissions: { read: true },
            createdAt: DEMO_CREATED_AT,
          },
        ],
      },
    ],
  };
}
