// One structured line per job outcome, and the same outcomes counted: an operator follows one connection through
// the logs by its id, and a metrics endpoint exposes the counters (`registry`). Ids, codes and counts only.
import { REASONS, type ReasonCode } from '@keyport/exchange/status';
import type { Logger } from 'pino';
import { Counter, Histogram, Registry } from 'prom-client';

export interface VerifyOutcomeEntry {
  job: 'verify' | 'verify-staged';
  connectionId: string;
  /** Unknown when the job ended before it read the connection (deleted, new keys meanwhile). */
  exchangeId: string | undefined;
  attempt: number;
  outcome: 'skipped' | 'connected' | 'failed' | 'retrying' | 'error';
  reason: string | undefined;
  durationMs: number;
}

export interface RefreshOutcomeEntry {
  exchangeId: string | undefined;
  attempt: number;
  accounts: Record<string, number>;
  durationMs: number;
}

function statusOf(outcome: VerifyOutcomeEntry['outcome'], reason: string | undefined): string | null {
  if (outcome === 'connected') return 'CONNECTED';
  return reason && reason in REASONS ? REASONS[reason as ReasonCode].status : null;
}

export class JobOutcomes {
  readonly registry = new Registry();
  private readonly jobs = new Counter({
    name: 'keyport_jobs_total',
    help: 'Jobs ended, by kind, outcome and exchange',
    labelNames: ['job', 'outcome', 'exchange'] as const,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'keyport_exchange_refusals_total',
    help: 'Verifications an exchange answered with a refusal or failure, by reason code',
    labelNames: ['exchange', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'keyport_job_retries_total',
    help: 'Verification attempts that will be retried, by exchange and reason code',
    labelNames: ['exchange', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly accounts = new Counter({
    name: 'keyport_refreshed_accounts_total',
    help: 'Accounts a balance refresh went through, by exchange and outcome',
    labelNames: ['exchange', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'keyport_job_duration_seconds',
    help: 'How long jobs ran, by kind',
    labelNames: ['job'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(private readonly logger: Logger) {}

  verify(entry: VerifyOutcomeEntry): void {
    const exchange = entry.exchangeId ?? 'unknown';
    const status = statusOf(entry.outcome, entry.reason);
    const level = entry.outcome === 'error' ? 'error' : 'info';
    this.logger[level](
      {
        connectionId: entry.connectionId,
        exchangeId: entry.exchangeId ?? null,
        job: entry.job,
        attempt: entry.attempt,
        outcome: entry.outcome,
        status,
        reason: entry.reason ?? null,
        durationMs: Math.round(entry.durationMs),
      },
      'job outcome',
    );
    this.jobs.inc({ job: entry.job, outcome: entry.outcome, exchange });
    this.duration.observe({ job: entry.job }, entry.durationMs / 1000);
    if (entry.reason && entry.outcome !== 'skipped') this.refusals.inc({ exchange, reason: entry.reason });
    if (entry.outcome === 'retrying') this.retries.inc({ exchange, reason: entry.reason ?? 'unknown' });
  }

  refresh(entry: RefreshOutcomeEntry): void {
    const exchange = entry.exchangeId ?? 'unknown';
    this.logger.info(
      {
        exchangeId: entry.exchangeId ?? null,
        job: 'refresh',
        attempt: entry.attempt,
        accounts: entry.accounts,
        durationMs: Math.round(entry.durationMs),
      },
      'job outcome',
    );
    this.jobs.inc({ job: 'refresh', outcome: 'done', exchange });
    this.duration.observe({ job: 'refresh' }, entry.durationMs / 1000);
    for (const [outcome, count] of Object.entries(entry.accounts))
      if (count > 0) this.accounts.inc({ exchange, outcome }, count);
  }
}
