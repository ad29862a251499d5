// The venues' documented limits, on by default ('documented') beside the configurable per-IP test knob.
import type { ExchangeId, SimVenueLimitsMode } from '../fixtures';
import { binanceLimits } from './binance';
import { bybitLimits } from './bybit';
import { krakenLimits } from './kraken';
import { okxLimits } from './okx';
import type { LimitDecision, LimitedRequest, VenueLimitModel, VenueLimitUsage } from './types';

// Idle counters are dropped in a sweep every this many requests, so memory follows active clients only.
const SWEEP_EVERY = 1000;

function freshModels(): Record<ExchangeId, VenueLimitModel> {
  return { binance: binanceLimits(), bybit: bybitLimits(), okx: okxLimits(), kraken: krakenLimits() };
}

export class VenueLimits {
  private models = freshModels();
  private refusals = new Map<ExchangeId, Record<string, number>>();
  private sinceSweep = 0;
  private current: SimVenueLimitsMode;

  constructor(private readonly initial: SimVenueLimitsMode) {
    this.current = initial;
  }

  mode(): SimVenueLimitsMode {
    return this.current;
  }

  /** Switches the documented limits on or off; every counter, ban and refusal count starts over. */
  setMode(mode: SimVenueLimitsMode): void {
    this.current = mode;
    this.models = freshModels();
    this.refusals.clear();
  }

  reset(): void {
    this.setMode(this.initial);
  }

  decide(exchange: ExchangeId, request: LimitedRequest): LimitDecision {
    if (this.current === 'off') return {};
    this.sinceSweep += 1;
    if (this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      for (const model of Object.values(this.models)) model.sweep(request.now);
    }
    const decision = this.models[exchange].decide(request);
    if (decision.refusal) {
      const counts = this.refusals.get(exchange) ?? {};
      counts[decision.refusal.limit] = (counts[decision.refusal.limit] ?? 0) + 1;
      this.refusals.set(exchange, counts);
    }
    return decision;
  }

  /** Refusals by documented limit name since the last reset or mode change. */
  refused(exchange: ExchangeId): Record<string, number> {
    return { ...(this.refusals.get(exchange) ?? {}) };
  }

  usage(exchange: ExchangeId, now: number): VenueLimitUsage[] {
    return this.current === 'off' ? [] : this.models[exchange].usage(now);
  }
}
