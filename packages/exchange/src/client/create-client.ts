import ccxt, { type Exchange } from 'ccxt';
import { parseRetryAfter } from '../limits/answer';
import type { RateSignal } from '../limits/venue-limits';
import { pointAt } from './point-at';

export type Credentials = Partial<
  Record<
    'apiKey' | 'secret' | 'password' | 'uid' | 'login' | 'privateKey' | 'walletAddress' | 'accountId',
    string
  >
>;

export interface ClientOptions {
  exchangeId: string;
  credentials: Credentials;
  sandbox: boolean;
  urlOverrides?: Record<string, string>;
  timeoutMs?: number;
  /** Milliseconds the local clock is ahead of the exchange's, as ccxt's `timeDifference`. */
  timeDifference?: number;
}

/** What the last HTTP response said, since ccxt keeps the status off its errors. */
export interface ResponseTrace {
  status?: number;
  retryAfterMs?: number;
  /** The exchange's last refusal for rate, read by its venue limits (scope, wait, reason). */
  rate?: Extract<RateSignal, { kind: 'refused' }>;
}

export class SandboxNotSupportedError extends Error {
  constructor(exchangeId: string) {
    super(`${exchangeId} has no testnet`);
    this.name = 'SandboxNotSupportedError';
  }
}

export class UnknownExchangeError extends Error {
  constructor(exchangeId: string) {
    super(`ccxt has no exchange named ${exchangeId}`);
    this.name = 'UnknownExchangeError';
  }
}

// What ccxt would otherwise ask before every balance read. Bybit: every account is a unified trading account
// now (classic accounts were migrated), so the two signed probes of isUnifiedEnabled are skipped.
const KNOWN_ACCOUNT_MODES: Record<string, Record<string, unknown>> = {
  bybit: { enableUnifiedAccount: true, enableUnifiedMargin: false, unifiedMarginStatus: 5 },
};

type ExchangeClass = new (config: Record<string, unknown>) => Exchange;

function exchangeClass(exchangeId: string): ExchangeClass {
  if (!ccxt.exchanges.includes(exchangeId)) throw new UnknownExchangeError(exchangeId);
  return (ccxt as unknown as Record<string, ExchangeClass>)[exchangeId] as ExchangeClass;
}

/** Credentials some clients take as options: derive reads the account by `deriveWalletAddress`. */
export function applyCredentialOptions(exchange: Exchange, credentials: Credentials): void {
  if (exchange.id === 'derive' && credentials.walletAddress)
    exchange.options.deriveWalletAddress = credentials.walletAddress;
}

/**
 * A fresh ccxt client for one job: markets never loaded (1 request instead of up to 15, and ~25 MB less
 * heap), amounts kept as strings, REST routed to an override host when configured.
 */
export function createExchangeClient(options: ClientOptions): { exchange: Exchange; trace: ResponseTrace } {
  const Exchange = exchangeClass(options.exchangeId);
  const exchange = new Exchange({
    ...options.credentials,
    timeout: options.timeoutMs ?? 10_000,
    // ccxt's limiter is per instance and limits nothing across jobs: leases replace `throttle` with the
    // shared budget (RequestThrottle), or with nothing when none is configured.
    enableRateLimit: true,
    // strings, not floats: balances are stored as exact decimals
    number: String,
  });
  if (options.sandbox) {
    // setSandboxMode never throws: without a test URL it blanks urls.api and every call looks like a network error
    if (!exchange.urls.test && options.exchangeId !== 'bitget')
      throw new SandboxNotSupportedError(options.exchangeId);
    exchange.setSandboxMode(true);
  }
  const override = options.urlOverrides?.[options.exchangeId];
  if (override) pointAt(exchange, override);
  exchange.setMarkets({});
  Object.assign(exchange.options, KNOWN_ACCOUNT_MODES[options.exchangeId]);
  applyCredentialOptions(exchange, options.credentials);
  if (options.timeDifference !== undefined) exchange.options.timeDifference = options.timeDifference;

  const trace: ResponseTrace = {};
  const onRestResponse = exchange.onRestResponse.bind(exchange);
  exchange.onRestResponse = (...args: Parameters<typeof onRestResponse>) => {
    const [statusCode, , , , responseHeaders] = args;
    trace.status = statusCode;
    trace.retryAfterMs = parseRetryAfter(
      responseHeaders?.['retry-after'] ?? responseHeaders?.['Retry-After'],
    );
    return onRestResponse(...args);
  };
  return { exchange, trace };
}
