/**
 * At most `size` tasks at once across every caller, the rest wait their turn in order: the refresh jobs of one
 * worker share it, so batching accounts into jobs does not multiply the exchange requests in flight.
 */
export class Lanes {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running += 1;
    // the lane is handed over as it is freed: `running` stays counted for the waiter
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** A set of lanes per exchange: a slow or paused exchange fills its own lanes, never another's. */
export class ExchangeLanes {
  private readonly byExchange = new Map<string, Lanes>();

  constructor(readonly sizePerExchange: number) {}

  of(exchangeId: string): Lanes {
    let lanes = this.byExchange.get(exchangeId);
    if (!lanes) {
      lanes = new Lanes(this.sizePerExchange);
      this.byExchange.set(exchangeId, lanes);
    }
    return lanes;
  }
}
