import type { TypedError } from '../../lib/mutation-error';

/** The token form's fields the API may refuse, as the API names them. */
export type TokenField = 'name' | 'scopes' | 'expiresAt' | 'allowedIps';

/** Keys under `tokens` of the words for each refusal; each names the field it concerns. */
export type RefusalKey = 'nameInvalid' | 'scopesInvalid' | 'expiresInvalid' | 'allowedIpsInvalid' | 'tooMany';

const BY_FIELD: Record<TokenField, RefusalKey> = {
  name: 'nameInvalid',
  scopes: 'scopesInvalid',
  expiresAt: 'expiresInvalid',
  allowedIps: 'allowedIpsInvalid',
};

/**
 * What a refused token concerns, in words of our own (the API's message is English only): the field to
 * mark and the message key, or null for errors the shared error texts already say.
 */
export function tokenRefusal(error: TypedError): { field: TokenField | null; key: RefusalKey } | null {
  if (error.code === 'LIMIT_REACHED') return { field: null, key: 'tooMany' };
  if (error.code !== 'VALIDATION_FAILED' || !error.field || !(error.field in BY_FIELD)) return null;
  const field = error.field as TokenField;
  return { field, key: BY_FIELD[field] };
}
