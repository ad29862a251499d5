// The connection status machine shared by api, jobs and web. No ccxt here: the api imports it.

export const CONNECTION_STATUSES = [
  'PENDING',
  'VERIFYING',
  'CONNECTED',
  'INVALID_CREDENTIALS',
  'PERMISSION_DENIED',
  'UNSAFE_PERMISSIONS',
  'IP_NOT_ALLOWED',
  'CLOCK_SKEW',
  'RATE_LIMITED',
  'EXCHANGE_UNAVAILABLE',
  'EXPIRED',
  'ERROR',
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** Statuses a verification job is still working towards leaving. */
export const IN_PROGRESS_STATUSES: readonly ConnectionStatus[] = ['PENDING', 'VERIFYING'];
/** How an exchange refuses a key outright; on a key that worked before, it means expired or revoked. */
export const KEY_REFUSED_REASONS = ['KEY_REJECTED', 'SIGNATURE_REJECTED', 'PASSPHRASE_REJECTED'] as const;

/** Statuses that the worker retries by itself with backoff. */
export const RETRYING_STATUSES: readonly ConnectionStatus[] = [
  'CLOCK_SKEW',
  'RATE_LIMITED',
  'EXCHANGE_UNAVAILABLE',
];

export const VERIFICATION_STEPS = [
  'QUEUED',
  'CHECKING_CREDENTIALS',
  'READING_PERMISSIONS',
  'LOADING_BALANCES',
  'DONE',
] as const;
export type VerificationStep = (typeof VERIFICATION_STEPS)[number];

interface ReasonSpec {
  status: ConnectionStatus;
  retryable: boolean;
}

/** Every precise outcome: a stable code and the status it puts the connection in; the words for people are in
 * @keyport/messages (reasons.<code>), shared by the API and the dashboard. */
export const REASONS = {
  KEY_REJECTED: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
  },
  SIGNATURE_REJECTED: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
  },
  PASSPHRASE_REJECTED: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
  },
  WRONG_ENVIRONMENT: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
  },
  MISSING_CREDENTIALS: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
  },
  WITHDRAWAL_RIGHTS_UNKNOWN: {
    status: 'UNSAFE_PERMISSIONS',
    retryable: false,
  },
  REQUEST_NOT_SENT: {
    status: 'ERROR',
    retryable: false,
  },
  KEY_EXPIRED: {
    status: 'EXPIRED',
    retryable: false,
  },
  READ_NOT_ALLOWED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
  },
  TRADE_NOT_ALLOWED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
  },
  FUTURES_NOT_ALLOWED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
  },
  FEATURE_NOT_ENABLED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
  },
  ACCOUNT_SUSPENDED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
  },
  WITHDRAWALS_ENABLED: {
    status: 'UNSAFE_PERMISSIONS',
    retryable: false,
  },
  IP_NOT_WHITELISTED: {
    status: 'IP_NOT_ALLOWED',
    retryable: false,
  },
  CLOCK_SKEW: {
    status: 'CLOCK_SKEW',
    retryable: true,
  },
  NONCE_CONFLICT: {
    status: 'ERROR',
    retryable: true,
  },
  RATE_LIMITED: {
    status: 'RATE_LIMITED',
    retryable: true,
  },
  IP_BANNED: {
    status: 'RATE_LIMITED',
    retryable: true,
  },
  TIMEOUT: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
  },
  NETWORK_ERROR: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
  },
  EXCHANGE_DOWN: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
  },
  MAINTENANCE: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
  },
  UNEXPECTED_RESPONSE: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
  },
  GEO_BLOCKED: {
    status: 'ERROR',
    retryable: false,
  },
  SANDBOX_NOT_SUPPORTED: {
    status: 'ERROR',
    retryable: false,
  },
  KEY_IN_USE: {
    status: 'ERROR',
    retryable: false,
  },
  CREDENTIALS_UNREADABLE: {
    status: 'ERROR',
    retryable: false,
  },
  UNKNOWN_EXCHANGE_ERROR: {
    status: 'ERROR',
    retryable: false,
  },
  INTERNAL_ERROR: {
    status: 'ERROR',
    retryable: false,
  },
} as const satisfies Record<string, ReasonSpec>;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function isKeyRefused(code: ReasonCode): boolean {
  return (KEY_REFUSED_REASONS as readonly string[]).includes(code);
}

export function reasonSpec(code: ReasonCode): ReasonSpec {
  return REASONS[code];
}

export function isReasonCode(value: string | null | undefined): value is ReasonCode {
  return value != null && Object.hasOwn(REASONS, value);
}
