// Expected failures: each is data in the schema with a stable code. Anything else is masked by yoga.

export abstract class KeyportError extends Error {
  abstract readonly code: string;
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

export class ValidationError extends KeyportError {
  readonly code: string = 'VALIDATION_FAILED';
}
/** A per-user allowance is used up (connections, API tokens): freeing one lets the same request through. */
export class LimitReachedError extends KeyportError {
  readonly code: string = 'LIMIT_REACHED';
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
  }
}
export class NotFoundError extends KeyportError {
  readonly code: string = 'NOT_FOUND';
  constructor(what = 'Exchange connection') {
    super(`${what} not found`);
  }
}
export class UnknownExchangeError extends KeyportError {
  readonly code: string = 'UNKNOWN_EXCHANGE';
  constructor(exchangeId: string) {
    super(`Unknown exchange "${exchangeId}". Pick one from the exchanges list.`, 'exchangeId');
  }
}
export class MissingCredentialError extends KeyportError {
  readonly code: string = 'MISSING_CREDENTIAL';
  constructor(field: string, label: string, exchangeName: string) {
    super(`${exchangeName} requires the ${label}.`, `credentials.${field}`);
  }
}
export class DuplicateLabelError extends KeyportError {
  readonly code: string = 'DUPLICATE_LABEL';
  constructor(label: string) {
    super(`You already have a connection named "${label}". Choose another name.`, 'label');
  }
}
export class DuplicateKeyError extends KeyportError {
  readonly code: string = 'DUPLICATE_KEY';
  constructor(field: string) {
    super('This API key is already used by another of your connections.', `credentials.${field}`);
  }
}
export class SandboxUnavailableError extends KeyportError {
  readonly code: string = 'SANDBOX_UNAVAILABLE';
  constructor(exchangeName: string) {
    super(`${exchangeName} has no testnet.`, 'sandbox');
  }
}
export class EmailTakenError extends KeyportError {
  readonly code: string = 'EMAIL_TAKEN';
  constructor() {
    super('An account with this email already exists. Sign in instead.', 'email');
  }
}
export class InvalidLoginError extends KeyportError {
  readonly code: string = 'INVALID_LOGIN';
  constructor() {
    super('Wrong email or password.');
  }
}
