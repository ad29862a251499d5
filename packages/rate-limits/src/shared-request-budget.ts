// Request budgets per exchange kept in Redis, so every ccxt client of every worker draws from them: one scope per
// thing the exchange counts (the egress IP, or one API key), each a leaky bucket (GCRA) where a request books the
// next free slot in every scope it draws from at once, plus a circuit per scope the exchange opens by refusing us.
import {
  type Booking,
  type BudgetScope,
  type Pause,
  RateBudgetError,
  type RequestThrottle,
} from '@keyport/exchange/request-throttle';
import type { Redis } from 'ioredis';
import type { ExchangeRateLimits } from './rate-limit-config';

// Redis' clock, not each worker's, so workers on skewed hosts still space their requests. Slots are kept in
// microseconds: with whole milliseconds a budget could never pass 1,000 requests a second, however high.
// Lua numbers are doubles, exact for integers below 2^53 µs (year 2255); '%.0f' writes them without exponent.
// KEYS: slot and circuit of each scope in turn; ARGV: the longest wait, then cost and burst of each scope (µs).
// A request goes at the first instant every scope allows (its theoretical arrival time less its burst), and
// pushes each scope's arrival time by its cost from there.
const BOOK_SLOTS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local scopes = #KEYS / 2
for i = 1, scopes do
  local open = redis.call('PTTL', KEYS[2 * i])
  if open > 0 then return {1, open * 1000, tostring(i), redis.call('GET', KEYS[2 * i])} end
end
local start = now
local arrivals = {}
for i = 1, scopes do
  arrivals[i] = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  start = math.max(start, arrivals[i] - tonumber(ARGV[2 * i + 1]))
end
local wait = start - now
if wait > tonumber(ARGV[1]) then return {2, wait} end
for i = 1, scopes do
  local arrival = math.max(arrivals[i], start) + tonumber(ARGV[2 * i])
  redis.call('SET', KEYS[2 * i - 1], string.format('%.0f', arrival), 'PX', math.ceil((arrival - now) / 1000) + 1000)
end
return {0, wait, string.format('%.0f', start)}
`;

// Pushes a scope's next arrival past the pause (and its burst), so it resumes at its sustained rate, never in a
// rush; never pulls it earlier.
const PUSH_ARRIVAL = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local arrival = now + tonumber(ARGV[1])
if arrival > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.0f', arrival), 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
end
return 0
`;

// Never shortens a pause another worker already recorded, and an IP ban stays one ('ban' or 'rate').
const OPEN_CIRCUIT = `
local kind = ARGV[2]
if redis.call('GET', KEYS[1]) == 'ban' then kind = 'ban' end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], kind, 'PX', ARGV[1])
else
  redis.call('SET', KEYS[1], kind, 'KEEPTTL')
end
return 0
`;

type BudgetRedis = Redis & {
  /**
   * [verdict, µs, detail, kind]: 0 go after µs (detail: the slot, µs on Redis' clock), 1 the circuit of scope
   * number `detail` (from 1) is open for µs (kind 'ban' or 'rate'), 2 the queue is longer than a request may wait.
   */
  keyportBookSlots(
    keyCount: number,
    ...keysThenArgs: (string | number)[]
  ): Promise<[number, number, string?, string?]>;
  keyportPushArrival(slot: string, aheadUs: number): Promise<number>;
  keyportOpenCircuit(circuit: string, ms: number, kind: 'ban' | 'rate'): Promise<number>;
};

export interface SharedRequestBudgetOptions {
  redis: Redis;
  prefix: string;
  /** Which egress IP this process sends from: venues limit per IP, so workers behind one NAT share one. */
  egress: string;
  /** Per-exchange rates (ccxt cost units a second) that replace every scope's own rate for that exchange. */
  limits?: ExchangeRateLimits;
  /** A job waits at most this long for its turn, then gives its slot back and is retried later. */
  maxWaitMs?: number;
  onTrip?: (exchangeId: string, ms: number, scope: BudgetScope) => void;
  /** A request got the slot it goes at: when (µs on Redis' clock) and how long it waits for it. */
  onGrant?: (exchangeId: string, grant: { slotUs: number; waitUs: number }) => void;
}

const LATE_WAKE_MS = 20;
const MAX_BOOKINGS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SharedRequestBudget implements RequestThrottle {
  private readonly redis: BudgetRedis;
  private readonly maxWaitMs: number;

  constructor(private readonly options: SharedRequestBudgetOptions) {
    const redis = options.redis as BudgetRedis;
    if (typeof redis.keyportBookSlots !== 'function') {
      redis.defineCommand('keyportBookSlots', { lua: BOOK_SLOTS });
      redis.defineCommand('keyportPushArrival', { numberOfKeys: 1, lua: PUSH_ARRIVAL });
      redis.defineCommand('keyportOpenCircuit', { numberOfKeys: 1, lua: OPEN_CIRCUIT });
    }
    this.redis = redis;
    this.maxWaitMs = options.maxWaitMs ?? 20_000;
  }

  async take(exchangeId: string, bookings: readonly Booking[]): Promise<void> {
    if (bookings.length === 0) return;
    const keys = bookings.flatMap((b) => [
      this.slotKey(exchangeId, b.scope),
      this.circuitKey(exchangeId, b.scope),
    ]);
    const args = bookings.flatMap((b) => [this.costUs(exchangeId, b), Math.ceil(b.burstMs * 1000)]);
    for (let booking = 1; ; booking++) {
      const [verdict, us, detail, kind] = await this.redis.keyportBookSlots(
        keys.length,
        ...keys,
        this.maxWaitMs * 1000,
        ...args,
      );
      const ms = Math.ceil(us / 1000);
      if (verdict === 1) {
        const scope = bookings[Number(detail) - 1]?.scope ?? 'ip';
        throw new RateBudgetError(exchangeId, ms, 'circuit-open', scope, kind === 'ban');
      }
      if (verdict === 2) throw new RateBudgetError(exchangeId, ms, 'queue-too-long', bookings[0]?.scope);
      const grant = { slotUs: Number(detail), waitUs: us };
      // under a millisecond to wait: timers cannot sleep that little, and the slot is already booked
      if (ms <= 0 || us < 1000) return this.options.onGrant?.(exchangeId, grant);
      const due = Date.now() + ms;
      await sleep(ms);
      // the exchange may have refused someone while this request waited its turn
      await this.throwIfOpen(exchangeId, bookings);
      // a busy event loop wakes timers late, and late requests leave together: a missed slot is given up
      // and a new one booked, so requests do not bunch up on arrival; twice at most, so a slow process
      // does not burn the budget
      if (Date.now() - due <= LATE_WAKE_MS || booking >= MAX_BOOKINGS)
        return this.options.onGrant?.(exchangeId, grant);
    }
  }

  async trip(exchangeId: string, pause: Pause): Promise<void> {
    const ms = Math.max(1, Math.ceil(pause.ms));
    const circuit = this.circuitKey(exchangeId, pause.scope);
    await this.redis.keyportOpenCircuit(circuit, ms, pause.ban ? 'ban' : 'rate');
    await this.hold(exchangeId, { ...pause, ms });
    this.options.onTrip?.(exchangeId, pause.ms, pause.scope);
  }

  async hold(exchangeId: string, pause: Pause): Promise<void> {
    const aheadUs = Math.ceil((pause.ms + (pause.burstMs ?? 0)) * 1000);
    await this.redis.keyportPushArrival(this.slotKey(exchangeId, pause.scope), aheadUs);
  }

  /** Milliseconds until the scope's circuit closes again; 0 when it is closed. */
  async openFor(exchangeId: string, scope: BudgetScope = 'ip'): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.circuitKey(exchangeId, scope)));
  }

  private async throwIfOpen(exchangeId: string, bookings: readonly Booking[]): Promise<void> {
    // every scope's circuit in one round trip: its time left and its kind
    const circuits = bookings.map((b) => this.circuitKey(exchangeId, b.scope));
    const answers =
      (await this.redis
        .pipeline(circuits.flatMap((key) => [['pttl', key] as const, ['get', key] as const]))
        .exec()) ?? [];
    for (const [i, { scope }] of bookings.entries()) {
      const [failed, left] = answers[2 * i] ?? [];
      if (failed) throw failed;
      const open = Number(left ?? 0);
      const kind = answers[2 * i + 1]?.[1];
      if (open > 0) throw new RateBudgetError(exchangeId, open, 'circuit-open', scope, kind === 'ban');
    }
  }

  private costUs(exchangeId: string, booking: Booking): number {
    const perSecond = this.options.limits?.[exchangeId]?.costPerSecond;
    const msPerCost = perSecond ? 1000 / perSecond : booking.msPerCost;
    return Math.ceil(booking.cost * msPerCost * 1000);
  }

  // an IP scope is this egress' own; a key is counted by the exchange wherever its requests come from
  private scopeId(scope: BudgetScope): string {
    return scope === 'ip' ? this.options.egress : scope;
  }

  private slotKey(exchangeId: string, scope: BudgetScope): string {
    return `${this.options.prefix}:limits-us:${exchangeId}:${this.scopeId(scope)}`;
  }

  private circuitKey(exchangeId: string, scope: BudgetScope): string {
    return `${this.options.prefix}:limits-open:${exchangeId}:${this.scopeId(scope)}`;
  }
}
