import { isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema';

const SECRET_NAMES = /^(secret|password|passphrase|privateKey|credentials|passwordHash|token|tokenHash)$/i;

describe('the GraphQL schema', () => {
  it('has no output field that could return a secret: credentials are write-only', () => {
    const exposed = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
      .flatMap((type) =>
        Object.keys((type as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`),
      )
      .filter((path) => SECRET_NAMES.test(path.split('.')[1] ?? ''));
    // the one exception: a new API token (Keyport's own, not an exchange's) is shown once, when it is made
    expect(exposed).toEqual(['CreatedApiToken.token']);
  });

  it('accepts credentials only as input', () => {
    const input = schema.getType('CredentialsInput');
    expect(isInputObjectType(input) && Object.keys(input.getFields())).toEqual(
      expect.arrayContaining([
        'apiKey',
        'secret',
        'password',
        'uid',
        'privateKey',
        'walletAddress',
        'accountId',
      ]),
    );
  });
});
