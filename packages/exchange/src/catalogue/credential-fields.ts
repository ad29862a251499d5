import type { CredentialField, CredentialKey } from './catalogue';

type FieldMetadata = Omit<CredentialField, 'key'>;

// Insertion order is the order forms show the fields in and the generator stores them in.
const FIELDS: Record<CredentialKey, FieldMetadata> = {
  apiKey: {
    label: 'API key',
    secret: false,
    multiline: false,
    hint: 'The public key shown on the API management page of your exchange account.',
  },
  secret: {
    label: 'Secret key',
    secret: true,
    multiline: false,
    hint: 'Shown only once, when you create the API key: copy it then.',
  },
  // ccxt calls it `password`, but every exchange that needs it (OKX, KuCoin, Bitget…) calls it a passphrase.
  password: {
    label: 'Passphrase',
    secret: true,
    multiline: false,
    hint: 'The passphrase you chose when creating the API key, not your account password.',
  },
  uid: {
    label: 'User ID',
    secret: false,
    multiline: false,
    hint: 'Your account or client ID, shown in your profile or on the API management page.',
  },
  login: {
    label: 'Login',
    secret: false,
    multiline: false,
    hint: 'The username or email address you sign in to the exchange with.',
  },
  privateKey: {
    label: 'Private key',
    secret: true,
    multiline: false,
    hint: 'The private key of the API key or trading wallet, as the exchange exported it.',
  },
  walletAddress: {
    label: 'Wallet address',
    secret: false,
    multiline: false,
    hint: 'The public address of the wallet your exchange account trades from.',
  },
  accountId: {
    label: 'Account ID',
    secret: false,
    multiline: false,
    hint: 'The account ID shown next to your API key on the exchange.',
  },
  token: {
    label: 'Token',
    secret: false,
    multiline: false,
    hint: 'The access token the exchange issued for API use.',
  },
  twofa: {
    label: '2FA secret',
    secret: true,
    multiline: false,
    hint: 'The setup key of your authenticator app, used to generate one-time codes.',
  },
};

// Exchanges whose credentials do not fit the generic wording.
const OVERRIDES: Record<string, Partial<Record<CredentialKey, Partial<FieldMetadata>>>> = {
  // Coinbase Advanced uses CDP keys: a key name plus an EC or Ed25519 PEM (ccxt.md §1.1).
  coinbase: {
    apiKey: {
      hint: 'The API key name from the Coinbase Developer Platform, like organizations/…/apiKeys/….',
    },
    secret: {
      label: 'Private key (PEM)',
      multiline: true,
      hint: 'The whole private key of your CDP API key, from -----BEGIN to the END line.',
    },
  },
  // NDAX signs in with the account's login and password on top of the API key.
  ndax: { password: { label: 'Password', hint: 'The password you sign in to NDAX with.' } },
};

export const CREDENTIAL_KEYS = Object.keys(FIELDS) as CredentialKey[];

export function isCredentialKey(value: string): value is CredentialKey {
  return Object.hasOwn(FIELDS, value);
}

export function credentialField(key: CredentialKey, exchangeId: string): CredentialField {
  return { key, ...FIELDS[key], ...OVERRIDES[exchangeId]?.[key] };
}
