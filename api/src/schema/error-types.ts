import { builder } from './builder';
import {
  DuplicateKeyError,
  DuplicateLabelError,
  EmailTakenError,
  InvalidLoginError,
  type KeyportError,
  MissingCredentialError,
  NotFoundError,
  SandboxUnavailableError,
  UnknownExchangeError,
  ValidationError,
} from './errors';

export const ErrorInterface = builder.interfaceRef<KeyportError>('Error').implement({
  description: 'An expected failure: a stable code, a message for people, and the input field at fault.',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    field: t.exposeString('field', { nullable: true }),
  }),
});

// biome-ignore lint/suspicious/noExplicitAny: Pothos keys object types by their class, whatever its constructor
function exposeError(ErrorClass: new (...args: any[]) => KeyportError): void {
  builder.objectType(ErrorClass, {
    name: ErrorClass.name,
    // the loop erases each class's own shape; every one of them is a KeyportError
    interfaces: [ErrorInterface] as never,
    isTypeOf: (value) => value instanceof ErrorClass,
  });
}

for (const ErrorClass of [
  ValidationError,
  NotFoundError,
  UnknownExchangeError,
  MissingCredentialError,
  DuplicateLabelError,
  DuplicateKeyError,
  SandboxUnavailableError,
  EmailTakenError,
  InvalidLoginError,
]) {
  exposeError(ErrorClass);
}
