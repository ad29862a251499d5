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
  explanation: string;
  remedy: string;
}

/** Every precise outcome: a stable code, the status it puts the connection in, and words for the user. */
export const REASONS = {
  KEY_REJECTED: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
    explanation: 'The exchange did not accept this API key, or refused it for this IP address or permission.',
    remedy:
      'Copy the API key again in full from the exchange (no spaces), check that it is not deleted, and that its IP whitelist includes Keyport’s addresses.',
  },
  SIGNATURE_REJECTED: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
    explanation: 'The exchange knows the API key but the secret does not match it.',
    remedy: 'Paste the secret that was shown when this key was created; if it is lost, create a new key.',
  },
  PASSPHRASE_REJECTED: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
    explanation: 'The exchange refused the passphrase.',
    remedy:
      'Enter the passphrase you chose when creating this API key (not your account password); it cannot be recovered, so create a new key if you lost it.',
  },
  WRONG_ENVIRONMENT: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
    explanation:
      'This key belongs to the other environment: a demo/testnet key on the live exchange, or the reverse.',
    remedy:
      'Switch the testnet setting to match where the key was created, or create the key in the right place.',
  },
  MISSING_CREDENTIALS: {
    status: 'INVALID_CREDENTIALS',
    retryable: false,
    explanation: 'A credential this exchange requires is missing.',
    remedy: 'Replace the keys and fill in every field the exchange asks for.',
  },
  WITHDRAWAL_RIGHTS_UNKNOWN: {
    status: 'UNSAFE_PERMISSIONS',
    retryable: false,
    explanation:
      'This exchange does not tell whether a key can withdraw, and this Keyport holds no key it cannot check: the secret was erased.',
    remedy:
      'Connect an exchange whose withdrawal rights Keyport reads (Exchange.support), or ask the operator.',
  },
  REQUEST_NOT_SENT: {
    status: 'ERROR',
    retryable: false,
    explanation:
      'Nothing was sent to the exchange: its client needs something the connection does not hold (a wallet address, an account option).',
    remedy:
      'This exchange cannot be connected with the fields Keyport asks for yet; nothing about your key is wrong.',
  },
  KEY_EXPIRED: {
    status: 'EXPIRED',
    retryable: false,
    explanation: 'This key worked before and is now refused: it was revoked, deleted or has expired.',
    remedy:
      'Create a new API key on the exchange and use “Replace keys”; the connection and its history are kept.',
  },
  READ_NOT_ALLOWED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
    explanation: 'The key is valid but lacks a permission this connection needs.',
    remedy: 'Edit the key on the exchange to allow reading (and trading if you need it), then test again.',
  },
  TRADE_NOT_ALLOWED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
    explanation: 'This connection is for trading, and the exchange reports that this key may not trade.',
    remedy:
      'On the exchange, edit the key and allow spot trading (keep withdrawals off), then test again; or connect it for reading only.',
  },
  FEATURE_NOT_ENABLED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
    explanation: 'The account type asked for is not opened on this exchange account.',
    remedy: 'Open that account type on the exchange, or remove it from this connection.',
  },
  ACCOUNT_SUSPENDED: {
    status: 'PERMISSION_DENIED',
    retryable: false,
    explanation: 'The exchange reports this account as suspended or locked.',
    remedy: 'Contact the exchange’s support to lift the restriction.',
  },
  WITHDRAWALS_ENABLED: {
    status: 'UNSAFE_PERMISSIONS',
    retryable: false,
    explanation: 'This key can withdraw funds. Keyport refuses such keys and has erased its secret.',
    remedy:
      'On the exchange, edit the key (or create a new one) with withdrawals disabled, then replace the keys.',
  },
  IP_NOT_WHITELISTED: {
    status: 'IP_NOT_ALLOWED',
    retryable: false,
    explanation: 'The key is restricted to IP addresses that do not include Keyport’s.',
    remedy: 'Add Keyport’s egress IP addresses to the key’s whitelist on the exchange, then test again.',
  },
  CLOCK_SKEW: {
    status: 'CLOCK_SKEW',
    retryable: true,
    explanation: 'The exchange rejected the request time: clocks disagree even after resynchronising.',
    remedy: 'Nothing to do on your side; Keyport retries automatically.',
  },
  NONCE_CONFLICT: {
    status: 'ERROR',
    retryable: true,
    explanation:
      'The exchange refused the request’s nonce: almost always another program signing with this same key (Kraken wants each key’s nonces to rise).',
    remedy:
      'Give Keyport a key of its own on the exchange (one key per program), then replace the keys here; Keyport retries meanwhile.',
  },
  RATE_LIMITED: {
    status: 'RATE_LIMITED',
    retryable: true,
    explanation: 'The exchange asked us to slow down.',
    remedy: 'Nothing to do: Keyport waits as the exchange asks and retries automatically.',
  },
  IP_BANNED: {
    status: 'RATE_LIMITED',
    retryable: true,
    explanation: 'The exchange temporarily banned our IP address for sending too many requests.',
    remedy: 'Nothing to do: Keyport retries once the ban is lifted.',
  },
  TIMEOUT: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
    explanation: 'The exchange did not answer in time.',
    remedy: 'Nothing to do: Keyport retries automatically.',
  },
  NETWORK_ERROR: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
    explanation: 'The exchange could not be reached.',
    remedy: 'Nothing to do: Keyport retries automatically.',
  },
  EXCHANGE_DOWN: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
    explanation: 'The exchange answered with a server error.',
    remedy: 'Nothing to do: Keyport retries automatically.',
  },
  MAINTENANCE: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
    explanation: 'The exchange is under maintenance.',
    remedy: 'Nothing to do: Keyport retries when the maintenance ends.',
  },
  UNEXPECTED_RESPONSE: {
    status: 'EXCHANGE_UNAVAILABLE',
    retryable: true,
    explanation: 'The exchange answered with something that is not its API (for example an error web page).',
    remedy: 'Nothing to do: Keyport retries automatically.',
  },
  GEO_BLOCKED: {
    status: 'ERROR',
    retryable: false,
    explanation: 'The exchange refuses requests from Keyport’s location.',
    remedy: 'This exchange cannot be used from this Keyport deployment; contact its operator.',
  },
  SANDBOX_NOT_SUPPORTED: {
    status: 'ERROR',
    retryable: false,
    explanation: 'This exchange has no testnet.',
    remedy: 'Turn testnet off, or pick an exchange that has one.',
  },
  KEY_IN_USE: {
    status: 'ERROR',
    retryable: false,
    explanation: 'Another of your connections to this exchange uses this API key.',
    remedy: 'Use another key here, or delete the other connection first.',
  },
  CREDENTIALS_UNREADABLE: {
    status: 'ERROR',
    retryable: false,
    explanation: 'The stored keys could not be decrypted.',
    remedy: 'Replace the keys; if it happens again, contact support.',
  },
  UNKNOWN_EXCHANGE_ERROR: {
    status: 'ERROR',
    retryable: false,
    explanation: 'The exchange refused the request for a reason Keyport does not recognise.',
    remedy: 'Test again; if it persists, check the key on the exchange or contact support.',
  },
  INTERNAL_ERROR: {
    status: 'ERROR',
    retryable: false,
    explanation: 'Keyport hit an unexpected error while verifying.',
    remedy: 'Test again later; we have been notified.',
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

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  PENDING: 'Waiting to be verified.',
  VERIFYING: 'Verification in progress.',
  CONNECTED: 'Connected: the key works and balances are loaded.',
  INVALID_CREDENTIALS: 'The exchange rejected these credentials.',
  PERMISSION_DENIED: 'The key lacks a permission this connection needs.',
  UNSAFE_PERMISSIONS: 'The key can withdraw funds and was refused.',
  IP_NOT_ALLOWED: 'The key’s IP whitelist does not include Keyport.',
  CLOCK_SKEW: 'The exchange rejected the request time.',
  RATE_LIMITED: 'The exchange is rate-limiting us; retrying.',
  EXCHANGE_UNAVAILABLE: 'The exchange is unavailable; retrying.',
  EXPIRED: 'The key stopped working: revoked or expired.',
  ERROR: 'Verification failed.',
};

/** Explanation shown when a status has no reason code (in progress or connected). */
export function statusExplanation(status: ConnectionStatus): string {
  return STATUS_TEXT[status];
}
