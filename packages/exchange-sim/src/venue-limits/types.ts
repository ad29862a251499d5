// The contract between the server and each venue's documented limits.
import type { SimReply, SimRequest } from '../exchange-adapter';
import type { KeyMatch } from '../state';

/** A request as the venue's gateway counts it. */
export interface LimitedRequest {
  req: SimRequest;
  /** The live key the request names (not revoked, not expired), which identifies the account or key counted. */
  match: KeyMatch | undefined;
  /** Sim clock, epoch ms. */
  now: number;
}

export interface LimitRefusal {
  /** The documented limit that refused it, e.g. "request-weight" (counted in rateStats().refused). */
  limit: string;
  reply: SimReply;
}

export interface LimitDecision {
  refusal?: LimitRefusal;
  /** Usage headers the venue sends with this answer; when set they replace the test knob's weight headers. */
  headers?: Record<string, string>;
  /** For a request let through: told the venue's answer, returns headers to add (Binance order counts). */
  settle?(reply: SimReply): Record<string, string>;
}

/** One counter's state, for tests: `scope` names who is counted, e.g. "ip:127.0.0.1" or "uid:200000042". */
export interface VenueLimitUsage {
  limit: string;
  scope: string;
  used: number;
  max: number;
}

export interface VenueLimitModel {
  decide(request: LimitedRequest): LimitDecision;
  usage(now: number): VenueLimitUsage[];
  /** Drops counters that hold nothing any more (memory follows active clients only). */
  sweep(now: number): void;
}

export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
