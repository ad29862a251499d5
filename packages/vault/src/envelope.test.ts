import { describe, expect, it } from 'vitest';
import {
  type CredentialContext,
  type Envelope,
  isEnvelope,
  keyHint,
  openCredentials,
  rewrapEnvelope,
  sealCredentials,
  VaultError,
  type VaultErrorCode,
} from './envelope';
import { formatKeyring, generateMasterKey, parseKeyring } from './keyring';

const oldKey = generateMasterKey('2025-01');
const newKey = generateMasterKey('2026-01');
const workerKeyring = parseKeyring({ ...formatKeyring([oldKey]) });
const apiKeyring = workerKeyring.withoutPrivateKeys();

const credentials = {
  apiKey: 'pk_live_4f8a9c2e1b7d3a6f',
  secret: 'sk_SECRET_9d2f7a1c4e8b6a3d5f0c2e4a',
  password: 'correct horse battery staple',
};
const ctx: CredentialContext = { connectionId: 'conn_1', ownerId: 'user_1', version: 1 };

function vaultError(action: () => unknown): VaultError {
  try {
    action();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a VaultError');
}

function expectFailure(action: () => unknown, code: VaultErrorCode): void {
  const error = vaultError(action);
  expect(error.code).toBe(code);
  for (const secret of [...Object.values(credentials), oldKey.privateKey, newKey.privateKey]) {
    expect(error.message).not.toContain(secret);
  }
}

// Flips one bit of a base64 field, keeping its length valid.
function tamper(envelope: Envelope, field: 'ciphertext' | 'wrappedKey' | 'iv' | 'epk'): Envelope {
  const bytes = Buffer.from(envelope[field], 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return { ...envelope, [field]: bytes.toString('base64') };
}

describe('sealCredentials / openCredentials', () => {
  it('round-trips credentials sealed with only the public half', () => {
    const envelope = sealCredentials(apiKeyring, credentials, ctx);
    expect(envelope.kid).toBe('2025-01');
    expect(isEnvelope(envelope)).toBe(true);
    expect(openCredentials(workerKeyring, envelope, ctx)).toEqual(credentials);
  });

  it('survives a JSON round trip through the database', () => {
    const stored = JSON.parse(JSON.stringify(sealCredentials(apiKeyring, credentials, ctx)));
    expect(openCredentials(workerKeyring, stored, ctx)).toEqual(credentials);
  });

  it('never lets the plaintext appear in the envelope', () => {
    const json = JSON.stringify(sealCredentials(apiKeyring, credentials, ctx));
    for (const value of Object.values(credentials)) {
      expect(json).not.toContain(value);
      expect(json).not.toContain(Buffer.from(value).toString('base64').slice(0, 12));
      expect(json).not.toContain(Buffer.from(value).toString('hex').slice(0, 12));
    }
    expect(json).not.toContain('apiKey');
  });

  it('gives two seals of the same input nothing in common', () => {
    const a = sealCredentials(apiKeyring, credentials, ctx);
    const b = sealCredentials(apiKeyring, credentials, ctx);
    for (const field of ['epk', 'wrapIv', 'wrappedKey', 'iv', 'ciphertext'] as const) {
      expect(a[field]).not.toBe(b[field]);
    }
  });

  it.each([
    ['connectionId', { ...ctx, connectionId: 'conn_2' }],
    ['ownerId', { ...ctx, ownerId: 'user_2' }],
    ['version', { ...ctx, version: 2 }],
  ])('refuses an envelope copied onto another %s', (_field, otherCtx) => {
    const envelope = sealCredentials(apiKeyring, credentials, ctx);
    expectFailure(() => openCredentials(workerKeyring, envelope, otherCtx), 'DECRYPT_FAILED');
  });

  it.each(['ciphertext', 'wrappedKey', 'iv', 'epk'] as const)('detects a tampered %s', (field) => {
    const envelope = tamper(sealCredentials(apiKeyring, credentials, ctx), field);
    expectFailure(() => openCredentials(workerKeyring, envelope, ctx), 'DECRYPT_FAILED');
  });

  it('refuses a relabelled kid even when that key is held', () => {
    const both = parseKeyring({ ...formatKeyring([oldKey, newKey]), activeKid: '2025-01' });
    const envelope = sealCredentials(both, credentials, ctx);
    expectFailure(() => openCredentials(both, { ...envelope, kid: '2026-01' }, ctx), 'DECRYPT_FAILED');
  });

  it('cannot open with a public-only keyring', () => {
    const envelope = sealCredentials(apiKeyring, credentials, ctx);
    expectFailure(() => openCredentials(apiKeyring, envelope, ctx), 'KEY_NOT_HELD');
  });

  it('rejects what is not an envelope', () => {
    const envelope = sealCredentials(apiKeyring, credentials, ctx);
    const notEnvelopes: unknown[] = [
      null,
      'x',
      { ...envelope, v: 2 },
      { ...envelope, extra: 1 },
      { ...envelope, iv: 'AAAA' },
      { ...envelope, ciphertext: '***' },
    ];
    for (const value of notEnvelopes) {
      expect(isEnvelope(value)).toBe(false);
      expectFailure(() => openCredentials(workerKeyring, value as Envelope, ctx), 'BAD_ENVELOPE');
    }
  });

  it('refuses a context or credentials it cannot bind', () => {
    const badContexts = [
      { ...ctx, connectionId: '' },
      { ...ctx, version: 1.5 },
      { ...ctx, version: -1 },
    ];
    for (const bad of badContexts)
      expectFailure(() => sealCredentials(apiKeyring, credentials, bad), 'BAD_INPUT');
    const notStrings = { apiKey: 'a', secret: 42 } as unknown as Record<string, string>;
    expectFailure(() => sealCredentials(apiKeyring, notStrings, ctx), 'BAD_INPUT');
  });
});

describe('rewrapEnvelope', () => {
  const rotating = parseKeyring({ ...formatKeyring([oldKey, newKey]) });
  const newOnly = parseKeyring({
    publicKeys: `${newKey.kid}:${newKey.publicKey}`,
    privateKeys: `${newKey.kid}:${newKey.privateKey}`,
  });

  it('moves the data key to the new kid without touching the credential ciphertext', () => {
    const original = sealCredentials(apiKeyring, credentials, ctx);
    const rewrapped = rewrapEnvelope(rotating, original, ctx);
    expect(rewrapped.kid).toBe('2026-01');
    expect(rewrapped.ciphertext).toBe(original.ciphertext);
    expect(rewrapped.iv).toBe(original.iv);
    expect(rewrapped.wrappedKey).not.toBe(original.wrappedKey);
    expect(openCredentials(newOnly, rewrapped, ctx)).toEqual(credentials);
    expectFailure(() => openCredentials(workerKeyring, rewrapped, ctx), 'KEY_NOT_HELD');
  });

  it('rewraps to an explicit kid', () => {
    const original = sealCredentials(newOnly, credentials, ctx);
    const back = rewrapEnvelope(rotating, original, ctx, '2025-01');
    expect(openCredentials(workerKeyring, back, ctx)).toEqual(credentials);
  });

  it('refuses to rewrap a tampered envelope or one from another row', () => {
    const original = sealCredentials(apiKeyring, credentials, ctx);
    expectFailure(() => rewrapEnvelope(rotating, tamper(original, 'ciphertext'), ctx), 'DECRYPT_FAILED');
    expectFailure(() => rewrapEnvelope(rotating, original, { ...ctx, version: 2 }), 'DECRYPT_FAILED');
  });

  it('needs the old private key', () => {
    const original = sealCredentials(apiKeyring, credentials, ctx);
    expectFailure(() => rewrapEnvelope(newOnly, original, ctx), 'KEY_NOT_HELD');
  });
});

describe('keyHint', () => {
  it.each([
    ['abcdefghijklmnopwxyz', 'abcd…wxyz'],
    ['  abcdefghijk  ', 'abcd…hijk'],
    ['abcdefghij', '…ij'],
    ['abcde', '…de'],
    ['abcd', '…'],
    ['', '…'],
  ])('hints %j as %j', (apiKey, hint) => {
    expect(keyHint(apiKey)).toBe(hint);
  });
});
