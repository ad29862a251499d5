import { describe, expect, it } from 'vitest';
import { tokenRefusal } from './token-refusal';

const refused = (field: string) => ({ code: 'VALIDATION_FAILED', field, message: 'English words' });

describe('tokenRefusal', () => {
  it('marks the field the API refused, with words that name it', () => {
    expect(tokenRefusal(refused('scopes'))).toEqual({ field: 'scopes', key: 'scopesInvalid' });
    expect(tokenRefusal(refused('expiresAt'))).toEqual({ field: 'expiresAt', key: 'expiresInvalid' });
    expect(tokenRefusal(refused('allowedIps'))).toEqual({
      field: 'allowedIps',
      key: 'allowedIpsInvalid',
    });
    expect(tokenRefusal(refused('name'))).toEqual({ field: 'name', key: 'nameInvalid' });
  });

  it('says the token cap in its own words, marking no field', () => {
    expect(tokenRefusal({ code: 'LIMIT_REACHED', field: null, message: 'At most 50 tokens' })).toEqual({
      field: null,
      key: 'tooMany',
    });
  });

  it('leaves other errors to the shared texts', () => {
    expect(tokenRefusal({ code: 'RATE_LIMITED', field: null, message: '' })).toBeNull();
    expect(tokenRefusal(refused('somethingElse'))).toBeNull();
  });
});
