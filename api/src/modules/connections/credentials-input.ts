import { ALL_CREDENTIAL_KEYS, type CatalogueExchange, type CredentialKey } from '@keyport/exchange/catalogue';
import { PUBLIC_CREDENTIALS } from '@keyport/vault/envelope';
import { MissingCredentialError, ValidationError } from '../../schema/errors';

export type CredentialsInput = Partial<Record<CredentialKey, string | null | undefined>>;

// long enough for PEM private keys, short enough that nobody stores a novel in our vault
const MAX_CREDENTIAL_LENGTH = 4096;

/**
 * Trims what was pasted (surrounding whitespace is the most common paste error), checks every field
 * the exchange requires is there, and keeps only the fields that exchange uses.
 */
export function normalizeCredentials(
  exchange: CatalogueExchange,
  input: CredentialsInput,
): Record<string, string> {
  const required = new Set<string>(exchange.requiredCredentials.map((field) => field.key));
  const credentials: Record<string, string> = {};
  for (const key of ALL_CREDENTIAL_KEYS) {
    const value = input[key]?.trim();
    if (!value) continue;
    if (value.length > MAX_CREDENTIAL_LENGTH) {
      throw new ValidationError(
        `This value is too long (at most ${MAX_CREDENTIAL_LENGTH} characters).`,
        `credentials.${key}`,
      );
    }
    if (required.has(key)) credentials[key] = value;
  }
  for (const field of exchange.requiredCredentials) {
    if (!credentials[field.key]) throw new MissingCredentialError(field.key, field.label, exchange.name);
  }
  return credentials;
}

/** What the user may see of their key: the first and last characters of its public part. */
export function hintSource(credentials: Record<string, string>): string {
  const field = PUBLIC_CREDENTIALS.find((name) => credentials[name]);
  return field ? (credentials[field] as string) : '';
}
