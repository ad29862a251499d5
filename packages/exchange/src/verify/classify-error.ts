import ccxt from 'ccxt';
import { type ResponseTrace, SandboxNotSupportedError } from '../client/create-client';
import { RateBudgetError } from '../client/request-throttle';
import type { ReasonCode } from '../status/statuses';

export interface Verdict {
  reason: ReasonCode;
  /** CLOCK_SKEW: our clock minus the exchange's, in ms, as measured after resynchronising. */
  clockOffsetMs?: number;
  /** Wait the exchange asked for (Retry-After), or a known long one (IP ban, maintenance); else the worker's backoff. */
  retryAfterMs?: number;
}

// ccxt leaves some auth failures as plain ExchangeError (Kraken "EAPI:Invalid signature", OKX 50119).
const SIGNATURE_HINTS = [
  /-1022/,
  /"50113"/,
  /invalid sign/i,
  /error sign!/i,
  /EAPI:Invalid signature/i,
  /signature.*not valid/i,
];
const KEY_HINTS = [
  /-2015/,
  /-2014/,
  /"50111"/,
  /"50119"/,
  /api key (doesn't|does not) exist/i,
  /invalid api[- ]?key/i,
];
const PASSPHRASE_HINTS = [/"50105"/, /passphrase/i];
const ENVIRONMENT_HINTS = [/"50101"/, /does not match current environment/i];
const IP_HINTS = [/"50110"/, /not (included|in).*(white|allow)list/i, /unmatched ip/i, /IP_FORBIDDEN/];

/** The exchange still refused our request time after we measured its clock and corrected ours by it. */
export class ClockSkewError extends Error {
  constructor(
    readonly offsetMs: number,
    cause: unknown,
  ) {
    super(`request time refused after resynchronising (our clock ${offsetMs} ms from the exchange's)`, {
      cause,
    });
    this.name = 'ClockSkewError';
  }
}

/**
 * Our clock minus the exchange's as the exchange saw the refused request, when its refusal says so: Bybit
 * answers 10002 with req_timestamp[…],server_timestamp[…]. Null when the message carries no times.
 */
export function offsetInRefusal(error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error);
  const sent = /req_timestamp\[(\d+)\]/.exec(message);
  const server = /server_timestamp\[(\d+)\]/.exec(message);
  return sent && server ? Number(sent[1]) - Number(server[1]) : null;
}

const matches = (hints: RegExp[], message: string) => hints.some((hint) => hint.test(message));

function authReason(message: string): ReasonCode {
  if (matches(IP_HINTS, message)) return 'IP_NOT_WHITELISTED';
  if (matches(ENVIRONMENT_HINTS, message)) return 'WRONG_ENVIRONMENT';
  if (matches(PASSPHRASE_HINTS, message)) return 'PASSPHRASE_REJECTED';
  if (matches(SIGNATURE_HINTS, message)) return 'SIGNATURE_REJECTED';
  return 'KEY_REJECTED';
}

/** Maps a ccxt failure to a precise reason. Order matters: ccxt's subclasses before their parents. */
export function classifyError(error: unknown, httpStatus?: number, retryAfterMs?: number): Verdict {
  const message = error instanceof Error ? error.message : String(error);

  if (error instanceof SandboxNotSupportedError) return { reason: 'SANDBOX_NOT_SUPPORTED' };
  if (error instanceof RateBudgetError)
    return { reason: error.ban ? 'IP_BANNED' : 'RATE_LIMITED', retryAfterMs: error.retryAfterMs };
  if (error instanceof ClockSkewError) return { reason: 'CLOCK_SKEW', clockOffsetMs: error.offsetMs };
  // transient branch (OperationFailed)
  // Kraken's nonce must rise per key: a refusal there means another sender on the key, not a clock
  if (error instanceof ccxt.InvalidNonce)
    return { reason: /EAPI:Invalid nonce/.test(message) ? 'NONCE_CONFLICT' : 'CLOCK_SKEW' };
  if (httpStatus === 418) return { reason: 'IP_BANNED', retryAfterMs: retryAfterMs ?? 120_000 };
  // Binance raises a refused key as DDoSProtection once the instance has authenticated (a spot read before
  // a futures one): the 401 says it is the key, not the rate
  if (error instanceof ccxt.DDoSProtection && httpStatus === 401) return { reason: authReason(message) };
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
    return { reason: 'RATE_LIMITED', retryAfterMs };
  }
  if (error instanceof ccxt.OnMaintenance)
    return { reason: 'MAINTENANCE', retryAfterMs: retryAfterMs ?? 300_000 };
  if (error instanceof ccxt.RequestTimeout) return { reason: 'TIMEOUT', retryAfterMs };
  if (error instanceof ccxt.ExchangeNotAvailable) {
    if (httpStatus === 451 || httpStatus === 403) return { reason: 'GEO_BLOCKED' };
    if (httpStatus === 429) return { reason: 'RATE_LIMITED', retryAfterMs };
    return { reason: 'EXCHANGE_DOWN', retryAfterMs };
  }
  if (error instanceof ccxt.NetworkError) return { reason: 'NETWORK_ERROR', retryAfterMs };
  if (error instanceof ccxt.BadResponse) return { reason: 'UNEXPECTED_RESPONSE', retryAfterMs };
  if (error instanceof ccxt.OperationFailed) return { reason: 'EXCHANGE_DOWN', retryAfterMs };
  // permanent branch (ExchangeError): the user has to act
  if (error instanceof ccxt.AccountNotEnabled) return { reason: 'FEATURE_NOT_ENABLED' };
  if (error instanceof ccxt.AccountSuspended) return { reason: 'ACCOUNT_SUSPENDED' };
  if (error instanceof ccxt.PermissionDenied) {
    return { reason: matches(IP_HINTS, message) ? 'IP_NOT_WHITELISTED' : 'READ_NOT_ALLOWED' };
  }
  if (error instanceof ccxt.AuthenticationError) {
    // raised locally, before any request, when a required credential is empty
    if (/requires "?\w+"? credential/i.test(message)) return { reason: 'MISSING_CREDENTIALS' };
    return { reason: authReason(message) };
  }
  if (error instanceof ccxt.RestrictedLocation) return { reason: 'GEO_BLOCKED' };
  // raised by ccxt itself before building a request (dydx without walletAddress, derive without its option)
  if (error instanceof ccxt.ArgumentsRequired) return { reason: 'REQUEST_NOT_SENT' };
  if (error instanceof ccxt.ExchangeError) {
    if (matches([...KEY_HINTS, ...SIGNATURE_HINTS, ...PASSPHRASE_HINTS, ...ENVIRONMENT_HINTS], message)) {
      return { reason: authReason(message) };
    }
    if (httpStatus === 429) return { reason: 'RATE_LIMITED', retryAfterMs };
    if (httpStatus !== undefined && httpStatus >= 500) return { reason: 'EXCHANGE_DOWN', retryAfterMs };
    return { reason: 'UNKNOWN_EXCHANGE_ERROR' };
  }
  return { reason: 'INTERNAL_ERROR' };
}

/**
 * A refusal for rate as the exchange's venue limits read it: the scope's own wait (Bybit's reset timestamp, a
 * Kraken counter's decay) and whether it was an IP ban, where ccxt's class alone says only "rate".
 */
export function rateAware(verdict: Verdict, lease: { trace: ResponseTrace }): Verdict {
  const { rate } = lease.trace;
  if (!rate || (verdict.reason !== 'RATE_LIMITED' && verdict.reason !== 'IP_BANNED')) return verdict;
  return { reason: rate.reason, retryAfterMs: rate.ms };
}
