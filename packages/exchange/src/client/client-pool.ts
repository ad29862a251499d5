import type { Exchange } from 'ccxt';
import {
  applyCredentialOptions,
  type ClientOptions,
  createExchangeClient,
  type ResponseTrace,
} from './create-client';
import {
  installNonceSequencing,
  type NonceSequencer,
  type NonceTurnSource,
  nonceKeyId,
  STRICT_NONCE_EXCHANGES,
} from './nonce-sequencer';
import { budgetId, type RequestThrottle } from './request-throttle';
import { type BudgetLease, installVenueBudget } from './venue-budget';

/** One job's exclusive use of a pooled client; `release()` wipes its credentials and per-account state. */
export interface ClientLease {
  exchange: Exchange;
  trace: ResponseTrace;
  /** Resolves once the pauses the exchange's answers asked for are recorded in the shared budget. */
  settled(): Promise<void>;
  release(): void;
}

export interface ClientPoolOptions {
  /** Idle clients kept per exchange (and sandbox flag); beyond that a released client is dropped. */
  maxIdlePerExchange?: number;
  /** An idle client unused for this long is dropped, so a burst does not pin memory forever. */
  idleTtlMs?: number;
}

interface Pooled {
  exchange: Exchange;
  trace: ResponseTrace;
  /** ccxt caches per-account discoveries in options (Bybit's unified-account probe, KuCoin's HF flag…). */
  pristineOptions: Record<string, unknown>;
  idleSince: number;
  /** Strict-nonce exchanges: whose turns this lease's requests take (unset while idle). */
  sequence?: NonceTurnSource;
  /** Strict-nonce exchanges: takes the key's turn once a request has its budget slot. */
  takeTurn?: () => Promise<void>;
  /** The budget this lease's requests draw from (unset while idle or unthrottled). */
  budget?: BudgetLease;
  /** Books each request in the exchange's scopes for `budget`. */
  throttle: Exchange['throttle'];
}

// Every field ccxt signs with or sends; all of them leave the instance when a lease ends.
const CREDENTIAL_PROPERTIES = [
  'apiKey',
  'secret',
  'password',
  'uid',
  'login',
  'privateKey',
  'walletAddress',
  'accountId',
  'token',
  'twofa',
] as const;

// Responses and requests of the last call carry balances, headers with the API key, signed URLs.
const LAST_CALL_PROPERTIES = [
  'last_http_response',
  'last_json_response',
  'last_response_headers',
  'last_request_headers',
  'last_request_body',
  'last_request_url',
  'last_request_path',
  'accounts',
] as const;

type Writable = Record<string, unknown>;

function wipe(exchange: Exchange, pristineOptions: Record<string, unknown>): void {
  const target = exchange as unknown as Writable;
  for (const key of CREDENTIAL_PROPERTIES) target[key] = undefined;
  for (const key of LAST_CALL_PROPERTIES) target[key] = undefined;
  target.balance = {};
  exchange.options = exchange.deepExtend({}, pristineOptions);
}

/**
 * Reuses ccxt clients across jobs: building one costs ~5 ms of CPU (every implicit endpoint is a closure
 * made in the constructor) and a new TCP connection, against ~0.3 ms for a call on a warm client. A client
 * is leased to one job at a time, so credentials never meet; the pool never grows beyond the peak number
 * of concurrent jobs per exchange.
 */
export class ClientPool {
  private readonly idle = new Map<string, Pooled[]>();
  private readonly maxIdle: number;
  private readonly idleTtlMs: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: ClientPoolOptions = {}) {
    this.maxIdle = options.maxIdlePerExchange ?? 64;
    this.idleTtlMs = options.idleTtlMs ?? 5 * 60_000;
  }

  /**
   * Throws UnknownExchangeError / SandboxNotSupportedError like createExchangeClient. Every request of the
   * lease waits its turn in `throttle` when given.
   */
  lease(options: ClientOptions & { throttle?: RequestThrottle; sequencer?: NonceSequencer }): ClientLease {
    const key = poolKey(options);
    const pooled = this.idle.get(key)?.pop() ?? this.build(options);
    const { exchange } = pooled;
    Object.assign(exchange, definedCredentials(options));
    applyCredentialOptions(exchange, options.credentials);
    if (options.timeoutMs !== undefined) exchange.timeout = options.timeoutMs;
    if (options.timeDifference !== undefined) exchange.options.timeDifference = options.timeDifference;
    const apiKey = options.credentials.apiKey;
    pooled.budget = options.throttle && {
      throttle: options.throttle,
      budget: budgetId(options.exchangeId, options.sandbox),
      sender: { rateLimitMs: exchange.rateLimit ?? 0, keyId: apiKey ? nonceKeyId(apiKey) : undefined },
      pending: [],
    };
    const budget = pooled.budget ? pooled.throttle : unthrottled;
    exchange.throttle = budget;
    pooled.sequence =
      options.sequencer && apiKey && STRICT_NONCE_EXCHANGES.has(options.exchangeId)
        ? {
            sequencer: options.sequencer,
            exchangeId: budgetId(options.exchangeId, options.sandbox),
            keyId: nonceKeyId(apiKey),
          }
        : undefined;
    const { takeTurn } = pooled;
    if (pooled.sequence && takeTurn)
      exchange.throttle = async (cost?: number) => {
        await budget(cost);
        await takeTurn();
      };
    delete pooled.trace.status;
    delete pooled.trace.retryAfterMs;
    delete pooled.trace.rate;
    const pending = pooled.budget?.pending ?? [];
    let released = false;
    return {
      exchange,
      trace: pooled.trace,
      settled: async () => {
        await Promise.all(pending);
      },
      release: () => {
        if (released) return;
        released = true;
        this.giveBack(key, pooled);
      },
    };
  }

  /** Idle clients per exchange key, for tests and metrics. */
  idleCount(options: PoolKeyOptions): number {
    return this.idle.get(poolKey(options))?.length ?? 0;
  }

  clear(): void {
    this.idle.clear();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private build(options: ClientOptions): Pooled {
    const { exchange, trace } = createExchangeClient({
      ...options,
      credentials: {},
      timeDifference: undefined,
    });
    const pooled = {
      exchange,
      trace,
      pristineOptions: exchange.deepExtend({}, exchange.options),
      idleSince: Date.now(),
    } as Pooled;
    pooled.throttle = installVenueBudget(exchange, trace, () => pooled.budget);
    if (STRICT_NONCE_EXCHANGES.has(options.exchangeId))
      pooled.takeTurn = installNonceSequencing(exchange, () => pooled.sequence).takeTurn;
    return pooled;
  }

  private giveBack(key: string, pooled: Pooled): void {
    wipe(pooled.exchange, pooled.pristineOptions);
    pooled.sequence = undefined;
    pooled.budget = undefined;
    const list = this.idle.get(key) ?? [];
    if (list.length >= this.maxIdle) return;
    pooled.idleSince = Date.now();
    list.push(pooled);
    this.idle.set(key, list);
    this.sweepLater();
  }

  private sweepLater(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, this.idleTtlMs / 2));
    this.sweeper.unref();
  }

  private sweep(): void {
    const cutoff = Date.now() - this.idleTtlMs;
    for (const [key, list] of this.idle) {
      const kept = list.filter((pooled) => pooled.idleSince >= cutoff);
      if (kept.length > 0) this.idle.set(key, kept);
      else this.idle.delete(key);
    }
    if (this.idle.size === 0) this.clear();
  }
}

type PoolKeyOptions = Pick<ClientOptions, 'exchangeId' | 'sandbox' | 'urlOverrides'>;

// clients differ by what is fixed at construction: exchange, environment and the host they point at
function poolKey(options: PoolKeyOptions): string {
  const host = options.urlOverrides?.[options.exchangeId] ?? '';
  return `${options.exchangeId}\u0000${options.sandbox ? 'sandbox' : 'live'}\u0000${host}`;
}

const unthrottled = () => Promise.resolve();

function definedCredentials(options: ClientOptions): Writable {
  const defined: Writable = {};
  for (const [key, value] of Object.entries(options.credentials)) if (value) defined[key] = value;
  return defined;
}
