// Kraken (https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits): a call counter per API key, +1 a call
// (+2 ledger and trade history), decaying 0.33/s on Starter (max 15) and faster on higher tiers; over it, HTTP 200
// with "EAPI:Rate limit exceeded", and calls made while limited prolong it; abuse: "EGeneral:Temporary lockout"
// (15 minutes). Public endpoints: about one call a second per IP ("EGeneral:Too many requests").
import { keyScope, type RateSignal, refused, type VenueLimits } from './venue-limits';

// ccxt's private cost (3 × 1000 ms a call) is the Starter decay to the hundredth: a little slower never creeps up
const KEY_MARGIN = 1.05;
// ten calls at once (a fresh key's whole verification), well under Starter's 15
const KEY_BURST_CALLS = 9;
const PRIVATE_CALL_COST = 3;
const PUBLIC_MARGIN = 1.1;
// the counter has to decay by about two calls before one fits again
const COUNTER_PAUSE_MS = 10_000;
const LOCKOUT_MS = 15 * 60_000;
const PUBLIC_PAUSE_MS = 2_000;

const keyBurstMs = (rateLimitMs: number) => KEY_BURST_CALLS * PRIVATE_CALL_COST * rateLimitMs * KEY_MARGIN;

export const krakenLimits: VenueLimits = {
  bookings(call, sender) {
    if (call.api === 'private' && sender.keyId)
      return [
        {
          scope: keyScope(sender),
          cost: call.cost,
          msPerCost: sender.rateLimitMs * KEY_MARGIN,
          burstMs: keyBurstMs(sender.rateLimitMs),
        },
      ];
    return [{ scope: 'ip', cost: call.cost, msPerCost: sender.rateLimitMs * PUBLIC_MARGIN, burstMs: 0 }];
  },

  read(answer, sender): RateSignal | undefined {
    // Kraken's errors are short bodies: {"error":["EAPI:Rate limit exceeded"]}
    if (answer.body.length > 512 || !answer.body.includes('"E')) return undefined;
    const isPrivate = answer.url.includes('/0/private/');
    // after a pause the key resumes at its rate: its burst is given up with it
    const key = (ms: number) => refused(keyScope(sender), ms, 'RATE_LIMITED', keyBurstMs(sender.rateLimitMs));
    if (answer.body.includes('EGeneral:Temporary lockout')) return key(LOCKOUT_MS);
    if (answer.body.includes('EAPI:Rate limit exceeded')) return key(COUNTER_PAUSE_MS);
    if (answer.body.includes('EGeneral:Too many requests'))
      return isPrivate ? key(COUNTER_PAUSE_MS) : refused('ip', PUBLIC_PAUSE_MS);
    return undefined;
  },
};
