// Injected faults: which ones hit a request, and counting down the `times` budget.
import type { ExchangeId, SimFault, SimFaultKind } from './fixtures';
import { parseFault } from './validate';

export interface ActiveFault {
  id: string;
  fault: SimFault;
  /** Matching requests left before the fault clears itself; undefined = until cleared. */
  remaining: number | undefined;
}

/** Faults that replace the answer; the others (clock-skew, latency) only bend a normal answer. */
export type TerminalFault = Extract<SimFault, { kind: 'rate-limit' | 'server-error' | 'timeout' | 'html' }>;

export interface FaultPlan {
  terminal: TerminalFault | undefined;
  clockOffsetMs: number;
  latencyMs: number;
  applied: SimFaultKind[];
}

function isTerminal(fault: SimFault): fault is TerminalFault {
  return fault.kind !== 'clock-skew' && fault.kind !== 'latency';
}

export class FaultBook {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(input: SimFault): string {
    const fault = parseFault(input);
    const id = `fault-${this.nextId++}`;
    this.faults.push({ id, fault, remaining: fault.times });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f, fault: { ...f.fault } }));
  }

  /**
   * Picks the faults for one request and spends their budget. The first matching terminal fault wins;
   * every matching latency and clock-skew adds up (a rate-limited answer can still be slow).
   */
  take(exchange: ExchangeId, apiKey: string | undefined, path?: string): FaultPlan {
    const plan: FaultPlan = { terminal: undefined, clockOffsetMs: 0, latencyMs: 0, applied: [] };
    const used: ActiveFault[] = [];
    for (const active of this.faults) {
      const { fault } = active;
      if (fault.exchange !== undefined && fault.exchange !== exchange) continue;
      if (fault.apiKey !== undefined && fault.apiKey !== apiKey) continue;
      if (fault.path !== undefined && fault.path !== path) continue;
      if (fault.kind === 'latency') plan.latencyMs += fault.delayMs;
      else if (fault.kind === 'clock-skew') plan.clockOffsetMs += fault.offsetMs;
      else if (plan.terminal === undefined && isTerminal(fault)) plan.terminal = fault;
      else continue;
      used.push(active);
      plan.applied.push(fault.kind);
    }
    for (const active of used) {
      if (active.remaining !== undefined) active.remaining -= 1;
    }
    this.faults = this.faults.filter((f) => f.remaining === undefined || f.remaining > 0);
    return plan;
  }
}
