import { describe, expect, it } from 'vitest';
import { tokenRefusal } from './token-refusal';

const refused = (field: string) => ({ code: 'VALIDATION_FAILED', field, message: 'English words' });

describe('tokenRefusal', () => {
  it('marks the field the API refused, with words that name it', () => {
    expect(tokenRefusal(refused('scopes'), 'CI')).toEqual({ field: 'scopes', key: 'scopesInvalid' });
    expect(tokenRefusal(refused('expiresAt'), 'CI')).toEqual({ field: 'expiresAt', key: 'expiresInvalid' });
    expect(tokenRefusal(refused('allowedIps'), 'CI')).toEqual({
      field: 'allowedIps',
      key: 'allowedIpsInvalid',
    });
    expect(tokenRefusal(refused('name'), '  ')).toEqual({ field: 'name', key: 'nameInvalid' });
  });

  it('tells the token cap from a bad name, both sent on `name`', () => {
    expect(tokenRefusal(refused('name'), 'CI runner')).toEqual({ field: null, key: 'tooMany' });
  });

  it('leaves other errors to the shared texts', () => {
    expect(tokenRefusal({ code: 'RATE_LIMITED', field: null, message: '' }, 'CI')).toBeNull();
    expect(tokenRefusal(refused('somethingElse'), 'CI')).toBeNull();
  });
});
