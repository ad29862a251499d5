// The contract between the HTTP server and one emulated venue.
import type { ExchangeId, SimFaultKind, SimRateLimitUnit } from './fixtures';
import type { SimState } from './state';

/** Why the sim answered as it did; recorded in the request log (never contains secrets). */
export type Verdict =
  | 'ok'
  | 'missing-key'
  | 'unknown-key'
  | 'revoked-key'
  | 'expired-key'
  | 'ip-not-allowed'
  | 'wrong-environment'
  | 'permission-denied'
  /** Binance: the trading right of a key open to any IP has expired (tradingAuthorityExpirationTime). */
  | 'trading-lapsed'
  | 'bad-passphrase'
  | 'bad-signature'
  | 'timestamp'
  | 'bad-request'
  | 'not-found'
  | 'rate-limited'
  | 'ip-banned'
  | `fault:${SimFaultKind}`;

/** An incoming venue request, already read in full. */
export interface SimRequest {
  method: string;
  /** Path and query exactly as sent (OKX signs this). */
  rawUrl: string;
  path: string;
  /** Raw query string without the '?' (Binance signs this). */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Remote address, IPv4-mapped IPv6 unwrapped ("::ffff:127.0.0.1" -> "127.0.0.1"). */
  ip: string;
}

export interface SimReply {
  status: number;
  verdict: Verdict;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface VenueContext {
  state: SimState;
  /** Venue server time in epoch ms (sim clock plus any clock-skew fault). */
  now: number;
}

/** What the limiter knows about a refusal, for venues that spell it out in the message. */
export interface RateLimitDetail {
  limit: number;
  windowMs: number;
  unit: SimRateLimitUnit;
  /** Epoch ms; set on IP-ban answers. */
  bannedUntil?: number;
}

export interface ExchangeAdapter {
  id: ExchangeId;
  /** Host shown in error pages, as a reminder of which venue this stands for. */
  publicHost: string;
  handles(path: string): boolean;
  /** The api key a request claims to use (read before any check, so faults can be scoped by key). */
  apiKeyOf(req: SimRequest): string | undefined;
  handle(req: SimRequest, ctx: VenueContext): SimReply;
  /** The venue's own body for HTTP 429/418. */
  rateLimited(status: number, retryAfterSeconds: number, detail?: RateLimitDetail): SimReply;
  /** HTTP status of an IP ban: Binance 418; OKX has none and keeps answering 429. */
  banStatus: 418 | 429;
  /** The venue's request weight for this request (1 where the venue counts requests). */
  requestWeight(req: SimRequest): number;
  /** Headers reporting the weight this IP used in the last minute (Binance x-mbx-used-weight*). */
  usageHeaders(usedWeight1m: number): Record<string, string>;
  /** The venue's own body for an internal error with this 5xx status. */
  serverError(status: number): SimReply;
}

export function headerValue(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function jsonReply(
  status: number,
  json: unknown,
  verdict: Verdict,
  headers?: Record<string, string>,
  contentType = 'application/json',
): SimReply {
  return { status, verdict, contentType, body: JSON.stringify(json), headers };
}
