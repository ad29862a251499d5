// What the sim saw and decided, for tests and debugging. Holds no secrets: no headers, no query, no body.
import type { Verdict } from './exchange-adapter';
import type { ExchangeId, SimFaultKind } from './fixtures';

export interface SimRequestLogEntry {
  seq: number;
  /** Sim clock time when the request arrived (ISO). */
  at: string;
  exchange: ExchangeId;
  method: string;
  /** Path only; the query string is left out because it carries signatures and timestamps. */
  path: string;
  apiKey: string | null;
  ip: string;
  verdict: Verdict;
  /** null when the sim never answered (timeout fault). */
  status: number | null;
  /** Faults that touched this request, including clock-skew and latency. */
  faults: SimFaultKind[];
}

// Bounded so a long-running dev sim does not grow without limit.
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: SimRequestLogEntry[] = [];
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(entry: SimRequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): SimRequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, faults: [...e.faults] }));
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
  }
}
