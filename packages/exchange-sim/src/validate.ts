// Runtime checks for everything that enters the sim (admin JSON and programmatic calls alike).
import { decimalPlaces, isDecimal, normalizeDecimal } from './decimal';
import {
  EXCHANGE_IDS,
  type ExchangeId,
  FAULT_KINDS,
  KRAKEN_TIER_NAMES,
  type KrakenTier,
  SIM_WALLETS,
  type SimAccount,
  type SimAssetBalance,
  type SimBalances,
  type SimFault,
  type SimFaultKind,
  type SimKey,
  type SimPermissions,
  type SimRateLimit,
  type SimVenueLimitsMode,
  type SimWallet,
  VENUE_WALLETS,
} from './fixtures';

/** Bad input from a caller; the admin API answers it with HTTP 400 (or `status`). */
export class SimInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SimInputError';
  }
}

type Json = Record<string, unknown>;

const PERMISSION_NAMES: readonly (keyof SimPermissions)[] = [
  'read',
  'spotTrade',
  'margin',
  'futures',
  'withdraw',
  'internalTransfer',
];

// Binance prints every amount with 8 decimals, so more precision could not be reported faithfully.
const MAX_DECIMALS: Record<ExchangeId, number> = { binance: 8, okx: 18, bybit: 18, kraken: 10 };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, where: string): Json {
  if (!isObject(value)) throw new SimInputError(`${where} must be an object`);
  return value;
}

function nonEmptyString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new SimInputError(`${where} must be a non-empty string`);
  return value;
}

function optional<T>(value: unknown, parse: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

function bool(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new SimInputError(`${where} must be a boolean`);
  return value;
}

function integer(value: unknown, where: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new SimInputError(`${where} must be an integer >= ${min}`);
  }
  return value;
}

export function parseExchange(value: unknown, where = 'exchange'): ExchangeId {
  if (typeof value === 'string' && (EXCHANGE_IDS as readonly string[]).includes(value))
    return value as ExchangeId;
  throw new SimInputError(`${where} must be one of ${EXCHANGE_IDS.join(', ')}`);
}

function amount(value: unknown, where: string, exchange: ExchangeId): string {
  if (typeof value !== 'string' || !isDecimal(value)) {
    throw new SimInputError(`${where} must be a non-negative decimal string such as "0.5" (never a number)`);
  }
  if (decimalPlaces(normalizeDecimal(value)) > MAX_DECIMALS[exchange]) {
    throw new SimInputError(
      `${where} has more than ${MAX_DECIMALS[exchange]} decimals (${exchange} cannot show it)`,
    );
  }
  return value;
}

function assetBalance(value: unknown, where: string, exchange: ExchangeId): SimAssetBalance {
  const o = object(value, where);
  return {
    free: amount(o.free ?? '0', `${where}.free`, exchange),
    locked: amount(o.locked ?? '0', `${where}.locked`, exchange),
  };
}

function assetName(name: string, where: string): string {
  if (!/^[A-Z0-9]{1,20}$/.test(name))
    throw new SimInputError(`${where}: asset "${name}" must be upper-case A-Z0-9`);
  return name;
}

export function parseBalances(
  value: unknown,
  exchange: ExchangeId,
  where = 'balances',
): Record<string, SimAssetBalance> {
  const o = object(value, where);
  const out: Record<string, SimAssetBalance> = {};
  for (const [asset, entry] of Object.entries(o)) {
    out[assetName(asset, where)] = assetBalance(entry, `${where}.${asset}`, exchange);
  }
  return out;
}

/** Balance patch: an asset mapped to null is removed. */
export function parseBalancesPatch(
  value: unknown,
  exchange: ExchangeId,
  where = 'balances',
): Record<string, SimAssetBalance | null> {
  const o = object(value, where);
  const out: Record<string, SimAssetBalance | null> = {};
  for (const [asset, entry] of Object.entries(o)) {
    out[assetName(asset, where)] = entry === null ? null : assetBalance(entry, `${where}.${asset}`, exchange);
  }
  return out;
}

/** A wallet name the venue really has; `balances` itself is the spot/trading wallet, so it has no name here. */
export function parseWallet(value: unknown, exchange: ExchangeId, where = 'wallet'): SimWallet {
  if (typeof value !== 'string' || !(SIM_WALLETS as readonly string[]).includes(value))
    throw new SimInputError(
      `${where} must be one of ${SIM_WALLETS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  const wallet = value as SimWallet;
  if (!VENUE_WALLETS[exchange].includes(wallet)) {
    throw new SimInputError(
      `${where}: ${exchange} has no separate ${wallet} wallet (${exchange} wallets: ${VENUE_WALLETS[exchange].join(', ')}` +
        `${exchange === 'binance' ? '' : '; its trading account in balances is unified'})`,
    );
  }
  return wallet;
}

function wallets(
  value: unknown,
  exchange: ExchangeId,
  where: string,
): Partial<Record<SimWallet, SimBalances>> {
  const o = object(value, where);
  const out: Partial<Record<SimWallet, SimBalances>> = {};
  for (const [name, balances] of Object.entries(o)) {
    out[parseWallet(name, exchange, `${where}.${name}`)] = parseBalances(
      balances,
      exchange,
      `${where}.${name}`,
    );
  }
  return out;
}

/** A partial permission set; unknown names are refused. */
export function parsePermissions(value: unknown, where = 'permissions'): Partial<SimPermissions> {
  const o = object(value, where);
  const out: Partial<SimPermissions> = {};
  for (const [name, flag] of Object.entries(o)) {
    if (!(PERMISSION_NAMES as readonly string[]).includes(name)) {
      throw new SimInputError(`${where}.${name} is not a permission (${PERMISSION_NAMES.join(', ')})`);
    }
    out[name as keyof SimPermissions] = bool(flag, `${where}.${name}`);
  }
  return out;
}

function ipList(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) throw new SimInputError(`${where} must be an array of IP strings`);
  return value.map((ip, i) => nonEmptyString(ip, `${where}[${i}]`));
}

function key(value: unknown, where: string, exchange: ExchangeId): SimKey {
  const o = object(value, where);
  const environment = optional(o.environment, (v) => {
    if (v !== 'live' && v !== 'demo')
      throw new SimInputError(`${where}.environment must be 'live' or 'demo'`);
    return v;
  });
  const passphrase = optional(o.passphrase, (v) => nonEmptyString(v, `${where}.passphrase`));
  if (exchange === 'okx' && passphrase === undefined)
    throw new SimInputError(`${where}.passphrase is required for okx`);
  // Kraken secrets are base64 (the HMAC key is the decoded bytes)
  if (exchange === 'kraken' && (typeof o.secret !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(o.secret)))
    throw new SimInputError(`${where}.secret must be base64 for kraken`);
  return {
    apiKey: nonEmptyString(o.apiKey, `${where}.apiKey`),
    secret: nonEmptyString(o.secret, `${where}.secret`),
    passphrase,
    label: optional(o.label, (v) => nonEmptyString(v, `${where}.label`)),
    permissions: optional(o.permissions, (v) => parsePermissions(v, `${where}.permissions`)),
    allowedIps: optional(o.allowedIps, (v) => ipList(v, `${where}.allowedIps`)),
    expiresAt: optional(o.expiresAt, (v) => integer(v, `${where}.expiresAt`, 0)),
    createdAt: optional(o.createdAt, (v) => integer(v, `${where}.createdAt`, 0)),
    environment,
    revoked: optional(o.revoked, (v) => bool(v, `${where}.revoked`)),
    krakenTier: optional(o.krakenTier, (v) => parseKrakenTier(v, `${where}.krakenTier`)),
  };
}

export function parseKrakenTier(value: unknown, where = 'tier'): KrakenTier {
  if (typeof value === 'string' && (KRAKEN_TIER_NAMES as readonly string[]).includes(value))
    return value as KrakenTier;
  throw new SimInputError(`${where} must be one of ${KRAKEN_TIER_NAMES.join(', ')}`);
}

export function parseVenueLimitsMode(value: unknown, where = 'mode'): SimVenueLimitsMode {
  if (value === 'documented' || value === 'off') return value;
  throw new SimInputError(`${where} must be 'documented' or 'off'`);
}

export function parseAccount(value: unknown, where = 'account'): SimAccount {
  const o = object(value, where);
  const exchange = parseExchange(o.exchange, `${where}.exchange`);
  if (!Array.isArray(o.keys)) throw new SimInputError(`${where}.keys must be an array`);
  return {
    exchange,
    uid: nonEmptyString(o.uid, `${where}.uid`),
    mainUid: optional(o.mainUid, (v) => nonEmptyString(v, `${where}.mainUid`)),
    balances: parseBalances(o.balances ?? {}, exchange, `${where}.balances`),
    wallets: optional(o.wallets, (v) => wallets(v, exchange, `${where}.wallets`)),
    keys: o.keys.map((k, i) => key(k, `${where}.keys[${i}]`, exchange)),
    canTrade: optional(o.canTrade, (v) => bool(v, `${where}.canTrade`)),
    canWithdraw: optional(o.canWithdraw, (v) => bool(v, `${where}.canWithdraw`)),
    canDeposit: optional(o.canDeposit, (v) => bool(v, `${where}.canDeposit`)),
  };
}

export function parseUsdPrices(value: unknown, where = 'usdPrices'): Record<string, string> {
  const o = object(value, where);
  const out: Record<string, string> = {};
  for (const [asset, price] of Object.entries(o)) {
    if (typeof price !== 'string' || !isDecimal(price))
      throw new SimInputError(`${where}.${asset} must be a decimal string`);
    out[assetName(asset, where)] = price;
  }
  return out;
}

export function parseFault(value: unknown, where = 'fault'): SimFault {
  const o = object(value, where);
  if (typeof o.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(o.kind)) {
    throw new SimInputError(`${where}.kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const kind = o.kind as SimFaultKind;
  const scope = {
    exchange: optional(o.exchange, (v) => parseExchange(v, `${where}.exchange`)),
    apiKey: optional(o.apiKey, (v) => nonEmptyString(v, `${where}.apiKey`)),
    path: optional(o.path, (v) => nonEmptyString(v, `${where}.path`)),
    times: optional(o.times, (v) => integer(v, `${where}.times`, 1)),
  };
  const status = (min: number, max: number) =>
    optional(o.status, (v) => {
      const n = integer(v, `${where}.status`, min);
      if (n > max) throw new SimInputError(`${where}.status must be between ${min} and ${max}`);
      return n;
    });
  switch (kind) {
    case 'rate-limit': {
      const s = optional(o.status, (v) => {
        if (v !== 429 && v !== 418) throw new SimInputError(`${where}.status must be 429 or 418`);
        return v;
      });
      const retryAfterSeconds = optional(o.retryAfterSeconds, (v) =>
        integer(v, `${where}.retryAfterSeconds`, 0),
      );
      return { ...scope, kind, status: s, retryAfterSeconds };
    }
    case 'server-error':
      return { ...scope, kind, status: status(500, 599) };
    case 'html':
      return { ...scope, kind, status: status(200, 599) };
    case 'timeout':
      return { ...scope, kind };
    case 'clock-skew': {
      if (typeof o.offsetMs !== 'number' || !Number.isSafeInteger(o.offsetMs)) {
        throw new SimInputError(`${where}.offsetMs must be an integer (ms, may be negative)`);
      }
      return { ...scope, kind, offsetMs: o.offsetMs };
    }
    case 'latency':
      return { ...scope, kind, delayMs: integer(o.delayMs, `${where}.delayMs`, 0) };
  }
}

/** A SimRateLimit with its defaults filled in (retryAfterSeconds stays optional: it is computed per answer). */
export type RateLimitRule = Required<Omit<SimRateLimit, 'retryAfterSeconds'>> &
  Pick<SimRateLimit, 'retryAfterSeconds'>;

export function parseRateLimit(value: unknown, where = 'rateLimit'): RateLimitRule {
  const o = object(value, where);
  const unit = optional(o.unit, (v) => {
    if (v !== 'requests' && v !== 'weight')
      throw new SimInputError(`${where}.unit must be 'requests' or 'weight'`);
    return v;
  });
  return {
    exchange: parseExchange(o.exchange, `${where}.exchange`),
    limit: integer(o.limit, `${where}.limit`, 1),
    windowMs: optional(o.windowMs, (v) => integer(v, `${where}.windowMs`, 1)) ?? 1000,
    unit: unit ?? 'requests',
    banAfter: optional(o.banAfter, (v) => integer(v, `${where}.banAfter`, 0)) ?? 3,
    banMs: optional(o.banMs, (v) => integer(v, `${where}.banMs`, 0)) ?? 120_000,
    retryAfterSeconds: optional(o.retryAfterSeconds, (v) => integer(v, `${where}.retryAfterSeconds`, 0)),
  };
}

/** A whole set of limits (at most one per venue), checked in full before any is applied. */
export function parseRateLimits(value: unknown, where = 'rateLimits'): RateLimitRule[] {
  if (!Array.isArray(value)) throw new SimInputError(`${where} must be an array of rate limits`);
  const limits = value.map((v, i) => parseRateLimit(v, `${where}[${i}]`));
  const seen = new Set<ExchangeId>();
  for (const [i, l] of limits.entries()) {
    if (seen.has(l.exchange)) throw new SimInputError(`${where}[${i}]: a second limit for ${l.exchange}`);
    seen.add(l.exchange);
  }
  return limits;
}

const PAIR = /^([A-Z0-9]{1,20})\/([A-Z0-9]{1,20})$/;

/** "BASE/QUOTE" → [base, quote], or a SimInputError. */
export function parsePair(pair: string, where = 'pair'): [string, string] {
  const match = PAIR.exec(pair);
  if (!match) throw new SimInputError(`${where} must look like BTC/USDT, got ${JSON.stringify(pair)}`);
  return [match[1] as string, match[2] as string];
}

export function parseTicker(value: unknown, where = 'ticker'): { last: string; open24h: string } {
  const o = object(value, where);
  const decimal = (v: unknown, name: string) => {
    if (typeof v !== 'string' || !isDecimal(v) || v.startsWith('-'))
      throw new SimInputError(`${where}.${name} must be a non-negative decimal string`);
    return v;
  };
  const last = decimal(o.last, 'last');
  return { last, open24h: o.open24h === undefined ? last : decimal(o.open24h, 'open24h') };
}
