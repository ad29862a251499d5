// One request budget per exchange and egress IP, kept in Redis so every ccxt client of every worker
// draws from it: a leaky bucket (GCRA) where each request books the next free slot, plus a circuit the
// exchange opens with a 429/418.
import { RateBudgetError, type RequestThrottle } from '@keyport/exchange/request-throttle';
import type { Redis } from 'ioredis';
import type { ExchangeRateLimits } from './rate-limit-config';

// Redis' clock, not each worker's, so workers on skewed hosts still space their requests. Slots are kept in
// microseconds: with whole milliseconds a budget could never pass 1,000 requests a second, however high.
// Lua numbers are doubles, exact for integers below 2^53 µs (year 2255); '%.0f' writes them without exponent.
const BOOK_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local open = redis.call('PTTL', KEYS[2])
if open > 0 then return {1, open * 1000} end
local start = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local wait = start - now
if wait > tonumber(ARGV[2]) then return {2, wait} end
local cost = tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', start + cost), 'PX', math.ceil((wait + cost) / 1000) + 1000)
return {0, wait, string.format('%.0f', start)}
`;

// Never shortens a ban another worker already recorded.
const OPEN_CIRCUIT = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
`;

type BudgetRedis = Redis & {
  /**
   * [verdict, µs, slot]: 0 go after µs (at `slot`, µs on Redis' clock), 1 circuit open for µs, 2 the queue is
   * longer than the most a request may wait.
   */
  keyportBookSlot(
    slot: string,
    circuit: string,
    costUs: number,
    maxWaitUs: number,
  ): Promise<[number, number, string?]>;
  keyportOpenCircuit(circuit: string, ms: number): Promise<number>;
};

export interface SharedRequestBudgetOptions {
  redis: Redis;
  prefix: string;
  /** Which egress IP this process sends from: venues limit per IP, so workers behind one NAT share one. */
  egress: string;
  /** Per-exchange budgets that replace ccxt's published `rateLimit`. */
  limits?: ExchangeRateLimits;
  /** A job waits at most this long for its turn, then gives its slot back and is retried later. */
  maxWaitMs?: number;
  onTrip?: (exchangeId: string, ms: number) => void;
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
    if (typeof redis.keyportBookSlot !== 'function') {
      redis.defineCommand('keyportBookSlot', { numberOfKeys: 2, lua: BOOK_SLOT });
      redis.defineCommand('keyportOpenCircuit', { numberOfKeys: 1, lua: OPEN_CIRCUIT });
    }
    this.redis = redis;
    this.maxWaitMs = options.maxWaitMs ?? 20_000;
  }

  async take(exchangeId: string, cost: number, msPerCost: number): Promise<void> {
    const costUs = Math.ceil(cost * this.msPerCost(exchangeId, msPerCost) * 1000);
    for (let booking = 1; ; booking++) {
      const [verdict, us, slot] = await this.redis.keyportBookSlot(
        this.slotKey(exchangeId),
        this.circuitKey(exchangeId),
        costUs,
        this.maxWaitMs * 1000,
      );
      const ms = Math.ceil(us / 1000);
      if (verdict === 1) throw new RateBudgetError(exchangeId, ms, 'circuit-open');
      if (verdict === 2) throw new RateBudgetError(exchangeId, ms, 'queue-too-long');
      const grant = { slotUs: Number(slot), waitUs: us };
      // under a millisecond to wait: timers cannot sleep that little, and the slot is already booked
      if (ms <= 0 || us < 1000) return this.options.onGrant?.(exchangeId, grant);
      const due = Date.now() + ms;
      await sleep(ms);
      // the exchange may have refused someone while this request waited its turn
      const open = await this.redis.pttl(this.circuitKey(exchangeId));
      if (open > 0) throw new RateBudgetError(exchangeId, open, 'circuit-open');
      // a busy event loop wakes timers late, and late requests leave together: a missed slot is given up
      // and a new one booked, so requests do not bunch up on arrival; twice at most, so a slow process
      // does not burn the budget
      if (Date.now() - due <= LATE_WAKE_MS || booking >= MAX_BOOKINGS)
        return this.options.onGrant?.(exchangeId, grant);
    }
  }

  async trip(exchangeId: string, ms: number): Promise<void> {
    await this.redis.keyportOpenCircuit(this.circuitKey(exchangeId), Math.max(1, Math.ceil(ms)));
    this.options.onTrip?.(exchangeId, ms);
  }

  /** Milliseconds until the exchange's circuit closes again; 0 when it is closed. */
  async openFor(exchangeId: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.circuitKey(exchangeId)));
  }

  private msPerCost(exchangeId: string, published: number): number {
    const perSecond = this.options.limits?.[exchangeId]?.costPerSecond;
    return perSecond ? 1000 / perSecond : published;
  }

  private slotKey(exchangeId: string): string {
    return `${this.options.prefix}:limits-us:${exchangeId}:${this.options.egress}`;
  }

  private circuitKey(exchangeId: string): string {
    return `${this.options.prefix}:limits-open:${exchangeId}:${this.options.egress}`;
  }
}
