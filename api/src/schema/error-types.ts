import { builder } from './builder';
import { describedValues } from './enum-values';
import {
  DuplicateKeyError,
  DuplicateLabelError,
  EmailTakenError,
  ERROR_CODES,
  type ErrorCode,
  InvalidLoginError,
  type KeyportError,
  LimitReachedError,
  MissingCredentialError,
  NotFoundError,
  SandboxUnavailableError,
  UnknownExchangeError,
  ValidationError,
} from './errors';

const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'An input value was refused (`ValidationError`); `field` names it.',
  NOT_FOUND: 'No such object among yours (`NotFoundError`).',
  UNKNOWN_EXCHANGE: '`exchangeId` is not an exchange of the `exchanges` list (`UnknownExchangeError`).',
  MISSING_CREDENTIAL: 'A credential the exchange requires was empty (`MissingCredentialError`).',
  DUPLICATE_LABEL: 'Another of your connections has this label (`DuplicateLabelError`).',
  DUPLICATE_KEY: 'Another of your connections to this exchange uses this key (`DuplicateKeyError`).',
  SANDBOX_UNAVAILABLE: 'A testnet was asked for an exchange without one (`SandboxUnavailableError`).',
  LIMIT_REACHED: 'A per-user allowance is used up (`LimitReachedError`).',
  EMAIL_TAKEN: 'An account with this email exists (`EmailTakenError`).',
  INVALID_LOGIN: 'Wrong email or password (`InvalidLoginError`).',
};

const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description: 'The stable code of an expected failure, one per error type: branch on it.',
  values: describedValues(ERROR_CODES, ERROR_CODE_DESCRIPTIONS),
});

export const ErrorInterface = builder.interfaceRef<KeyportError>('Error').implement({
  description: 'An expected failure: a stable code, a message for people, and the input field at fault.',
  fields: (t) => ({
    code: t.expose('code', {
      type: ErrorCodeEnum,
      description: 'A stable, machine-readable code, one per error type (such as `NOT_FOUND`): branch on it.',
    }),
    message: t.exposeString('message', {
      description: 'What went wrong and what to do, in English for people; its wording may change.',
    }),
    field: t.exposeString('field', {
      nullable: true,
      description:
        'The input field at fault as a path (`label`, `credentials.apiKey`); null when it is no one field.',
    }),
  }),
});

/**
 * Descriptions of the result union and success type the errors plugin makes for a field with `errors`:
 * spread into its `errors` option with what `data` holds.
 */
export function resultDescriptions(fieldName: string, data: string) {
  return {
    union: {
      description: `What \`${fieldName}\` returns: its success type holding \`data\`, or one of the expected errors (each an \`Error\`).`,
    },
    result: { description: `\`${fieldName}\` succeeded.` },
    dataField: { description: data },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: Pothos keys object types by their class, whatever its constructor
function exposeError(ErrorClass: new (...args: any[]) => KeyportError, description: string): void {
  builder.objectType(ErrorClass, {
    name: ErrorClass.name,
    description,
    // the loop erases each class's own shape; every one of them is a KeyportError
    interfaces: [ErrorInterface] as never,
    isTypeOf: (value) => value instanceof ErrorClass,
  });
}

// each expected failure with what it means for the client
const ERROR_TYPES = [
  [
    ValidationError,
    'An input value was refused (empty, too long, malformed…); `field` names it. Code `VALIDATION_FAILED`.',
  ],
  [
    NotFoundError,
    'No such object among yours: another user’s id is answered exactly like a missing one. Code `NOT_FOUND`.',
  ],
  [UnknownExchangeError, '`exchangeId` is not an exchange of the `exchanges` list. Code `UNKNOWN_EXCHANGE`.'],
  [
    MissingCredentialError,
    'A credential the exchange requires was empty; `field` names it (`credentials.<key>`). Code `MISSING_CREDENTIAL`.',
  ],
  [
    DuplicateLabelError,
    'Another of your connections already has this label, ignoring case. Code `DUPLICATE_LABEL`.',
  ],
  [
    DuplicateKeyError,
    'This API key is already used by another of your connections to the same exchange. Code `DUPLICATE_KEY`.',
  ],
  [
    SandboxUnavailableError,
    'A testnet was asked for an exchange without one (`hasTestnet` is false). Code `SANDBOX_UNAVAILABLE`.',
  ],
  [EmailTakenError, 'An account with this email already exists: sign in instead. Code `EMAIL_TAKEN`.'],
  [InvalidLoginError, 'Wrong email or password; the answer does not say which. Code `INVALID_LOGIN`.'],
] as const;

for (const [ErrorClass, description] of ERROR_TYPES) {
  exposeError(ErrorClass, description);
}

builder.objectType(LimitReachedError, {
  name: 'LimitReachedError',
  description:
    'A per-user allowance is used up (connections, API tokens): delete or revoke one you no longer use and ' +
    'send the same request again. Code `LIMIT_REACHED`.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof LimitReachedError,
  fields: (t) => ({
    limit: t.exposeInt('limit', { description: 'How many this account may hold at once.' }),
  }),
});
