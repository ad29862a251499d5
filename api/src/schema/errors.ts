// Expected failures: each is data in the schema with a stable code. Anything else is masked by yoga.

/** Every expected failure's stable code, an enum in the schema (`ErrorCode`). */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNKNOWN_EXCHANGE',
  'MISSING_CREDENTIAL',
  'DUPLICATE_LABEL',
  'DUPLICATE_KEY',
  'SANDBOX_UNAVAILABLE',
  'LIMIT_REACHED',
  'EMAIL_TAKEN',
  'INVALID_LOGIN',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class KeyportError extends Error {
  abstract readonly code: ErrorCode;
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

export class ValidationError extends KeyportError {
  readonly code = 'VALIDATION_FAILED' as const;
}
/** A per-user allowance is used up (connections, API tokens): freeing one lets the same request through. */
export class LimitReachedError extends KeyportError {
  readonly code = 'LIMIT_REACHED' as const;
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
  }
}
export class NotFoundError extends KeyportError {
  readonly code = 'NOT_FOUND' as const;
  constructor(what = 'Exchange connection') {
    super(`${what} not found`);
  }
}
export class UnknownExchangeError extends KeyportError {
  readonly code = 'UNKNOWN_EXCHANGE' as const;
  constructor(exchangeId: string) {
    super(`Unknown exchange "${exchangeId}". Pick one from the exchanges list.`, 'exchangeId');
  }
}
export class MissingCredentialError extends KeyportError {
  readonly code = 'MISSING_CREDENTIAL' as const;
  constructor(field: string, label: string, exchangeName: string) {
    super(`${exchangeName} requires the ${label}.`, `credentials.${field}`);
  }
}
export class DuplicateLabelError extends KeyportError {
  readonly code = 'DUPLICATE_LABEL' as const;
  constructor(label: string) {
    super(`You already have a connection named "${label}". Choose another name.`, 'label');
  }
}
export class DuplicateKeyError extends KeyportError {
  readonly code = 'DUPLICATE_KEY' as const;
  constructor(field: string) {
    super('This API key is already used by another of your connections.', `credentials.${field}`);
  }
}
export class SandboxUnavailableError extends KeyportError {
  readonly code = 'SANDBOX_UNAVAILABLE' as const;
  constructor(exchangeName: string) {
    super(`${exchangeName} has no testnet.`, 'sandbox');
  }
}
export class EmailTakenError extends KeyportError {
  readonly code = 'EMAIL_TAKEN' as const;
  constructor() {
    super('An account with this email already exists. Sign in instead.', 'email');
  }
}
export class InvalidLoginError extends KeyportError {
  readonly code = 'INVALID_LOGIN' as const;
  constructor() {
    super('Wrong email or password.');
  }
}
