import type { Balances, Exchange } from 'ccxt';
import { type WalletRead, walletReads } from '../balances/wallet-reads';
import { type ClientLease, ClientPool } from '../client/client-pool';
import type { ClientOptions } from '../client/create-client';
import type { NonceSequencer } from '../client/nonce-sequencer';
import type { RequestThrottle } from '../client/request-throttle';
import type { TradeCheckMode } from '../guides/guide-types';
import type { KeyPermissions } from '../permissions/key-permissions';
import { refusalOf, UNKNOWN_PERMISSIONS } from '../permissions/key-permissions';
import { type ReasonCode, reasonSpec, type VerificationStep } from '../status/statuses';
import { tradingRight, venueOf } from '../status/venue-of';
import { ClockSkewError, classifyError, offsetInRefusal, rateAware } from './classify-error';
import { type PermissionProbe, probePermissions } from './probe-permissions';
import { checkTrading } from './trade-check';

export interface BalanceLine {
  accountType: string;
  asset: string;
  free: string;
  used: string;
  total: string;
}

/** A wallet the key could not read while the others worked (e.g. futures on a key without futures). */
export interface UnreadableWallet {
  wallet: string;
  reason: ReasonCode;
}

export type VerifyOutcome =
  | {
      ok: true;
      balances: BalanceLine[];
      unreadableWallets: UnreadableWallet[];
      permissions: KeyPermissions;
      accountUid: string | null;
      /** How Keyport knows whether the key may trade (`permissions.spotTrade`). */
      tradeCheck: TradeCheckMode;
    }
  | {
      ok: false;
      reason: ReasonCode;
      retryAfterMs?: number;
      clockOffsetMs?: number;
      permissions?: KeyPermissions;
      tradeCheck?: TradeCheckMode;
    };

export interface VerifyInput extends Omit<ClientOptions, 'timeDifference'> {
  onStep?: (step: VerificationStep) => Promise<void>;
  /** Where the ccxt client comes from; the process-wide pool by default. */
  pool?: ClientPool;
  /** The account types the user chose; spot when empty. */
  accountTypes?: readonly string[];
  /** The exchange's request budget shared across workers; none = unthrottled. */
  throttle?: RequestThrottle;
  /** Every address Keyport's workers call from: a whitelist must allow them all. */
  egressIps?: readonly string[];
  /** This deployment accepts keys that can withdraw (flagged, not refused). */
  allowWithdrawals?: boolean;
  /** This deployment refuses keys whose withdrawal rights the exchange does not report. */
  refuseUnknownWithdrawals?: boolean;
  /** The connection is for trading: a key the exchange reports as unable to trade is refused. */
  needsTrading?: boolean;
  /** One signed request per key at a time across workers, for exchanges with strict nonces (Kraken). */
  sequencer?: NonceSequencer;
}

const processPool = new ClientPool();

// One clock offset per exchange for this process, so every job signs with a corrected timestamp.
const clockOffsets = new Map<string, { difference: number; measuredAt: number }>();
const CLOCK_OFFSET_TTL_MS = 10 * 60_000;

function knownOffset(exchangeId: string): number | undefined {
  const known = clockOffsets.get(exchangeId);
  return known && Date.now() - known.measuredAt < CLOCK_OFFSET_TTL_MS ? known.difference : undefined;
}

/** ccxt numbers come back as strings (number: String); anything else becomes an exact decimal string. */
function decimal(value: unknown): string {
  if (value === undefined || value === null || value === '') return '0';
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text)
    ? text
    : Number(text)
        .toFixed(18)
        .replace(/\.?0+$/, '') || '0';
}

export function balanceLines(balance: Balances, accountType: string): BalanceLine[] {
  const lines: BalanceLine[] = [];
  const totals = (balance.total ?? {}) as unknown as Record<string, unknown>;
  const free = (balance.free ?? {}) as unknown as Record<string, unknown>;
  const used = (balance.used ?? {}) as unknown as Record<string, unknown>;
  for (const asset of Object.keys(totals).sort()) {
    const total = decimal(totals[asset]);
    if (/^-?0(\.0+)?$/.test(total)) continue;
    lines.push({ accountType, asset, free: decimal(free[asset]), used: decimal(used[asset]), total });
  }
  return lines;
}

export async function fetchBalanceResyncingClock(
  exchange: Exchange,
  exchangeId: string,
  params: Record<string, string> = {},
): Promise<Balances> {
  try {
    return await exchange.fetchBalance({ ...params });
  } catch (error) {
    const { reason } = classifyError(error);
    if (reason !== 'CLOCK_SKEW' || !exchange.has.fetchTime) throw error;
    // ccxt only syncs time inside loadMarkets, which we skip: measure it ourselves and retry once
    const difference = await exchange.loadTimeDifference();
    clockOffsets.set(exchangeId, { difference, measuredAt: Date.now() });
    try {
      return await exchange.fetchBalance({ ...params });
    } catch (again) {
      if (classifyError(again).reason !== 'CLOCK_SKEW') throw again;
      // the request was signed with the measured correction: what the exchange still saw is left on top of it
      // (Bybit says), else the time endpoint's measure is all there is (then the two clocks disagree)
      throw new ClockSkewError(difference + (offsetInRefusal(again) ?? 0), again);
    }
  }
}

/** Reads the first wallet (an HTTP 200 with an HTML body resolves "successfully" with an empty balance). */
export async function readFirstWallet(
  exchange: Exchange,
  exchangeId: string,
  read: WalletRead,
): Promise<{ ok: true; lines: BalanceLine[]; info: Record<string, unknown> } | ExchangeFailure> {
  const balance = await fetchBalanceResyncingClock(exchange, exchangeId, read.params);
  if (!balance.info || typeof balance.info !== 'object') return { ok: false, reason: 'UNEXPECTED_RESPONSE' };
  return {
    ok: true,
    lines: balanceLines(balance, read.wallet),
    info: balance.info as Record<string, unknown>,
  };
}

/**
 * Reads the other wallets once the key is known good. A wallet this key may not read is reported and
 * skipped (its stored balances are kept as they were); any other failure throws, so the whole read is
 * tried again rather than half stored.
 */
export async function readOtherWallets(
  { exchange, trace }: Pick<ClientLease, 'exchange' | 'trace'>,
  exchangeId: string,
  reads: readonly WalletRead[],
): Promise<{ lines: BalanceLine[]; unreadable: UnreadableWallet[] }> {
  const lines: BalanceLine[] = [];
  const unreadable: UnreadableWallet[] = [];
  for (const read of reads) {
    try {
      const balance = await fetchBalanceResyncingClock(exchange, exchangeId, read.params);
      if (!balance.info || typeof balance.info !== 'object') throw new UnexpectedBodyError(read.wallet);
      lines.push(...balanceLines(balance, read.wallet));
    } catch (error) {
      if (error instanceof UnexpectedBodyError) throw error;
      const { reason } = classifyError(error, trace.status, trace.retryAfterMs);
      // only a refusal of this wallet to this key skips it; anything else fails the whole read
      if (!WALLET_REFUSALS.has(reason)) throw error;
      unreadable.push({ wallet: read.wallet, reason });
    }
  }
  return { lines, unreadable };
}

// Binance answers -2015 for a futures wallet the key may not use (raised as DDoSProtection once the
// instance has authenticated); AccountNotEnabled for a margin account never opened
const WALLET_REFUSALS: ReadonlySet<ReasonCode> = new Set([
  'KEY_REJECTED',
  'READ_NOT_ALLOWED',
  'FEATURE_NOT_ENABLED',
]);

class UnexpectedBodyError extends Error {
  constructor(wallet: string) {
    super(`the ${wallet} balance came back without a JSON body`);
    this.name = 'UnexpectedBodyError';
  }
}

/**
 * Binance answers one -2015 for a wrong key, a foreign IP and a missing right. When its permission endpoint still
 * answers the same key from the same address, key and IP are fine: the refused read lacked a right, and the
 * answer says which (a key that can withdraw is refused as such first). Anything else is rethrown as it came.
 */
async function explainKeyRefusal(
  exchange: Exchange,
  input: VerifyInput,
  read: WalletRead,
  error: unknown,
  status: () => number | undefined,
): Promise<ExchangeFailure> {
  const refused = classifyError(error, status()).reason === 'KEY_REJECTED';
  if (!refused || venueOf(input.exchangeId) !== 'binance') throw error;
  let probe: PermissionProbe;
  try {
    probe = await probePermissions(exchange);
  } catch {
    throw error;
  }
  const unsafe = refusalOf(probe.permissions, [], { allowWithdrawals: input.allowWithdrawals });
  if (unsafe === 'WITHDRAWALS_ENABLED') return { ok: false, reason: unsafe };
  // the refused read was of futures (a futures wallet, or a futures-only client), and the key may not use them
  const futuresRead = FUTURES_WALLETS.has(read.wallet) || tradingRight(input.exchangeId) === 'futures';
  if (futuresRead && probe.permissions.futures === false) return { ok: false, reason: 'FUTURES_NOT_ALLOWED' };
  if (probe.permissions.read === false) return { ok: false, reason: 'READ_NOT_ALLOWED' };
  // the report names no missing right: the refusal stays as Binance gave it
  throw error;
}

const FUTURES_WALLETS: ReadonlySet<string> = new Set(['swap', 'future']);

/** A probe the key may not call leaves permissions unknown; a transient failure is retried like any other. */
export async function probePermissionsTolerantly(
  exchange: Exchange,
  status: () => number | undefined = () => undefined,
): Promise<PermissionProbe> {
  try {
    return await probePermissions(exchange);
  } catch (error) {
    // read with the answer's status: a gateway's 403 page on this one endpoint is no outage to retry
    if (reasonSpec(classifyError(error, status()).reason).retryable) throw error;
    return { permissions: UNKNOWN_PERMISSIONS, accountUid: null };
  }
}

export type ExchangeFailure = {
  ok: false;
  reason: ReasonCode;
  retryAfterMs?: number;
  clockOffsetMs?: number;
};

/**
 * Runs `work` on a pooled client holding these credentials (clock offset applied) and gives it back after;
 * any exchange failure, including building the client, comes back as a precise reason instead of a throw.
 */
export async function withLeasedClient<T>(
  input: Omit<VerifyInput, 'onStep'>,
  work: (lease: ClientLease) => Promise<T>,
): Promise<T | ExchangeFailure> {
  let lease: ClientLease;
  try {
    lease = (input.pool ?? processPool).lease({ ...input, timeDifference: knownOffset(input.exchangeId) });
  } catch (error) {
    return { ok: false, ...classifyError(error) };
  }
  try {
    return await work(lease);
  } catch (error) {
    // the pause the refusal asked for is in the shared budget before anyone is told of the failure
    await lease.settled();
    return {
      ok: false,
      ...rateAware(classifyError(error, lease.trace.status, lease.trace.retryAfterMs), lease),
    };
  } finally {
    lease.release();
  }
}

/**
 * Checks a key the way a user would want: does the exchange accept it, what may it do, what does the
 * account hold. Never throws for exchange failures: they come back as a precise reason.
 */
export async function verifyCredentials(input: VerifyInput): Promise<VerifyOutcome> {
  return withLeasedClient(input, async (lease): Promise<VerifyOutcome> => {
    const { exchange } = lease;
    const [first, ...others] = walletReads(input.exchangeId, input.accountTypes ?? []) as [
      WalletRead,
      ...WalletRead[],
    ];
    await input.onStep?.('CHECKING_CREDENTIALS');
    const firstWallet = await readFirstWallet(exchange, input.exchangeId, first).catch((error: unknown) =>
      explainKeyRefusal(exchange, input, first, error, () => lease.trace.status),
    );
    if (!firstWallet.ok) return firstWallet;

    await input.onStep?.('READING_PERMISSIONS');
    const probe = await probePermissionsTolerantly(exchange, () => lease.trace.status);
    let { permissions } = probe;
    const right = tradingRight(input.exchangeId);
    let tradeCheck: TradeCheckMode = permissions[right] === null ? 'unknown' : 'reported';
    // a connection made for trading: proved, where the exchange can check an order without executing it
    if (input.needsTrading) {
      const canTrade = await checkTrading(exchange, input.exchangeId, () => lease.trace.status);
      if (canTrade !== null) {
        permissions = { ...permissions, [right]: canTrade };
        tradeCheck = 'verified';
      }
    }
    const refusal = refusalOf(permissions, input.egressIps, {
      trading: input.needsTrading,
      tradingRight: right,
      allowWithdrawals: input.allowWithdrawals,
      refuseUnknownWithdrawals: input.refuseUnknownWithdrawals,
    });
    if (refusal) return { ok: false, reason: refusal, permissions, tradeCheck };

    // with one wallet its balances came with the credential check: no step to show, no write to make
    if (others.length > 0) await input.onStep?.('LOADING_BALANCES');
    const rest = await readOtherWallets(lease, input.exchangeId, others);
    const { info } = firstWallet;
    const accountUid =
      probe.accountUid ??
      (typeof info.uid === 'string' || typeof info.uid === 'number' ? String(info.uid) : null);
    return {
      ok: true,
      balances: [...firstWallet.lines, ...rest.lines],
      unreadableWallets: rest.unreadable,
      permissions,
      accountUid,
      tradeCheck,
    };
  });
}
