// Kraken's documented REST limits (https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits): a call counter
// per API key that grows by each call's cost and decays by the key's verification tier; over its maximum:
// "EAPI:Rate limit exceeded", and calls made while limited prolong it. Public calls: about 1 per second per IP.
import type { KrakenTier } from '../fixtures';
import { krakenError } from '../kraken/errors';
import { DecayingCounter } from './counters';
import type { LimitDecision, LimitedRequest, VenueLimitModel, VenueLimitUsage } from './types';

/** Max API Counter and API Counter Decay per tier (the guide's table). */
export const KRAKEN_TIERS: Record<KrakenTier, { max: number; decayPerSecond: number }> = {
  starter: { max: 15, decayPerSecond: 0.33 },
  intermediate: { max: 20, decayPerSecond: 0.5 },
  pro: { max: 20, decayPerSecond: 1 },
};

/** "Ledger/trade history calls increase the counter by 2 ... (except AddOrder, CancelOrder which operate on a
 * different limiter)": those two cost nothing here; the matching engine's per-pair limiter is not modelled. */
const COSTS: Record<string, number> = {
  Ledgers: 2,
  QueryLedgers: 2,
  TradesHistory: 2,
  QueryTrades: 2,
  AddOrder: 0,
  CancelOrder: 0,
};

/** Kraken's support centre: "if the counter exceeds the user's maximum API access is suspended for 15 minutes".
 * The sim locks a key out once its counter, refused calls included, passes twice its maximum. */
export const KRAKEN_LOCKOUT_MS = 15 * 60_000;
const LOCKOUT_FACTOR = 2;

/** Public endpoints: "1 request per second" per IP (ccxt's kraken rateLimit, after Kraken's support centre). */
const PUBLIC = { max: 1, decayPerSecond: 1 };

interface KeyCounter {
  counter: DecayingCounter;
  tier: KrakenTier;
  lockedUntil: number;
}

export function krakenLimits(): VenueLimitModel {
  const keys = new Map<string, KeyCounter>();
  const ips = new Map<string, DecayingCounter>();

  function privateCall({ req, match, now }: LimitedRequest): LimitDecision {
    if (!match) return {};
    const tier = match.key.krakenTier;
    const { max, decayPerSecond } = KRAKEN_TIERS[tier];
    const state = keys.get(match.key.apiKey) ?? { counter: new DecayingCounter(), tier, lockedUntil: 0 };
    state.tier = tier;
    keys.set(match.key.apiKey, state);
    if (state.lockedUntil > now)
      return {
        refusal: { limit: 'lockout', reply: krakenError('EGeneral:Temporary lockout', 'rate-limited') },
      };
    const cost = COSTS[req.path.slice('/0/private/'.length)] ?? 1;
    if (cost === 0) return {};
    if (state.counter.valueAt(now, decayPerSecond) + cost <= max) {
      state.counter.add(now, decayPerSecond, cost);
      return {};
    }
    // "additional calls will be restricted ... possibly longer if calls continue to be made while the rate
    // limits are active": a refused call still counts
    if (state.counter.add(now, decayPerSecond, cost) > LOCKOUT_FACTOR * max) {
      state.lockedUntil = now + KRAKEN_LOCKOUT_MS;
      return {
        refusal: { limit: 'lockout', reply: krakenError('EGeneral:Temporary lockout', 'rate-limited') },
      };
    }
    return { refusal: { limit: 'counter', reply: krakenError('EAPI:Rate limit exceeded', 'rate-limited') } };
  }

  function publicCall({ req, now }: LimitedRequest): LimitDecision {
    const counter = ips.get(req.ip) ?? new DecayingCounter();
    ips.set(req.ip, counter);
    if (counter.valueAt(now, PUBLIC.decayPerSecond) + 1 <= PUBLIC.max) {
      counter.add(now, PUBLIC.decayPerSecond, 1);
      return {};
    }
    // {"error":["EGeneral:Too many requests"]}, as ccxt's kraken exceptions table records it
    return { refusal: { limit: 'public', reply: krakenError('EGeneral:Too many requests', 'rate-limited') } };
  }

  return {
    decide(request) {
      const { path } = request.req;
      if (path.startsWith('/0/private/')) return privateCall(request);
      if (path.startsWith('/0/public/')) return publicCall(request);
      return {};
    },
    usage(now) {
      const rows: VenueLimitUsage[] = [];
      for (const [apiKey, state] of keys) {
        const { max, decayPerSecond } = KRAKEN_TIERS[state.tier];
        rows.push({
          limit: 'counter',
          scope: `key:${apiKey}`,
          used: state.counter.valueAt(now, decayPerSecond),
          max,
        });
      }
      for (const [ip, counter] of ips)
        rows.push({
          limit: 'public',
          scope: `ip:${ip}`,
          used: counter.valueAt(now, PUBLIC.decayPerSecond),
          max: 1,
        });
      return rows.filter((row) => row.used > 0);
    },
    sweep(now) {
      for (const [apiKey, state] of keys)
        if (
          state.lockedUntil <= now &&
          state.counter.valueAt(now, KRAKEN_TIERS[state.tier].decayPerSecond) === 0
        )
          keys.delete(apiKey);
      for (const [ip, counter] of ips) if (counter.valueAt(now, PUBLIC.decayPerSecond) === 0) ips.delete(ip);
    },
  };
}
