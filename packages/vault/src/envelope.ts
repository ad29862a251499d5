import { createHash, randomBytes } from 'node:crypto';
import { AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { decodeBase64, encodeBase64 } from './base64';
import {
  DATA_KEY_BYTES,
  unwrapDataKey,
  type WrappedDataKey,
  wrapDataKey,
  X25519_PUBLIC_KEY_BYTES,
} from './data-key-wrap';
import { isValidKid, type Keyring } from './keyring';

/** What a ciphertext is bound to: copying it onto another row or version makes it undecryptable. */
export interface CredentialContext {
  connectionId: string;
  ownerId: string;
  version: number;
}

/** Base64 fields; both ciphertexts carry their 16-byte GCM tag at the end. */
export interface Envelope {
  v: 1;
  kid: string;
  epk: string;
  wrapIv: string;
  wrappedKey: string;
  iv: string;
  ciphertext: string;
}

export type VaultErrorCode = 'DECRYPT_FAILED' | 'KEY_NOT_HELD' | 'BAD_ENVELOPE' | 'BAD_INPUT';

/** Messages name the connection and kid only — never plaintext or key material. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function sealCredentials(
  keyring: Keyring,
  credentials: Record<string, string>,
  ctx: CredentialContext,
): Envelope {
  assertContext(ctx);
  assertCredentials(credentials);
  const kid = keyring.activeKid;
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const plaintext = Buffer.from(JSON.stringify(credentials), 'utf8');
  try {
    const { iv, sealed } = aesGcmEncrypt(dataKey, plaintext, credentialsAad(ctx));
    const wrapped = wrapDataKey(keyring.publicKey(kid), kid, dataKey, dataKeyAad(ctx, kid));
    return toEnvelope(kid, wrapped, iv, sealed);
  } finally {
    dataKey.fill(0);
    plaintext.fill(0);
  }
}

export function openCredentials(
  keyring: Keyring,
  envelope: Envelope,
  ctx: CredentialContext,
): Record<string, string> {
  assertContext(ctx);
  const dataKey = unwrapEnvelopeKey(keyring, envelope, ctx);
  let plaintext: Buffer | undefined;
  try {
    plaintext = decryptCredentials(dataKey, envelope, ctx);
    const credentials: unknown = JSON.parse(plaintext.toString('utf8'));
    if (!isCredentialRecord(credentials)) throw new Error('payload is not a credentials object');
    return credentials;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw decryptFailed(ctx);
  } finally {
    dataKey.fill(0);
    plaintext?.fill(0);
  }
}

/**
 * Re-seals the data key to `toKid` (default: the active kid) for master-key rotation.
 * The credential ciphertext is kept byte for byte, but authenticated first so a broken
 * envelope is never blessed with a fresh wrap.
 */
export function rewrapEnvelope(
  keyring: Keyring,
  envelope: Envelope,
  ctx: CredentialContext,
  toKid: string = keyring.activeKid,
): Envelope {
  assertContext(ctx);
  const recipient = keyring.publicKey(toKid);
  const dataKey = unwrapEnvelopeKey(keyring, envelope, ctx);
  try {
    decryptCredentials(dataKey, envelope, ctx).fill(0);
    const wrapped = wrapDataKey(recipient, toKid, dataKey, dataKeyAad(ctx, toKid));
    return toEnvelope(toKid, wrapped, bytes(envelope.iv), bytes(envelope.ciphertext));
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Recognises the same API key pasted again without storing it: SHA-256 of the exchange and the key. API
 * keys are long random strings, so the hash gives nothing away, and a key alone cannot sign a request.
 */
export function keyFingerprint(exchangeId: string, apiKey: string): string {
  return createHash('sha256').update(`keyport/key/v1\u0000${exchangeId}\u0000${apiKey.trim()}`).digest('hex');
}

/** The public parts of a key, in the order one names it; credentials without any are named by a private part. */
export const PUBLIC_CREDENTIALS = ['apiKey', 'walletAddress', 'uid', 'accountId'] as const;
const PRIVATE_CREDENTIALS = ['privateKey', 'secret'] as const;

/** The field that tells this key from another: its first public part, else its first private part, else none. */
export function fingerprintField(credentials: Record<string, string>): string | null {
  const named = (fields: readonly string[]) => fields.find((field) => credentials[field]?.trim());
  return named(PUBLIC_CREDENTIALS) ?? named(PRIVATE_CREDENTIALS) ?? null;
}

/**
 * A hash that tells one key from another, from `fingerprintField`: a private part is only ever hashed (those are
 * random keys of 128 bits or more: a hash gives nothing away); none at all, no fingerprint.
 */
export function credentialFingerprint(
  exchangeId: string,
  credentials: Record<string, string>,
): string | null {
  const field = fingerprintField(credentials);
  if (!field) return null;
  const value = (credentials[field] as string).trim();
  if ((PUBLIC_CREDENTIALS as readonly string[]).includes(field)) return keyFingerprint(exchangeId, value);
  return createHash('sha256').update(`keyport/key/v1/private\u0000${exchangeId}\u0000${value}`).digest('hex');
}

/** `abcd…wxyz`; short keys show only their last 2 characters, very short ones nothing. */
export function keyHint(apiKey: string): string {
  const key = apiKey.trim();
  if (key.length > 10) return `${key.slice(0, 4)}…${key.slice(-4)}`;
  // Showing 2 of 4 or fewer characters would give away half the key or more.
  if (key.length > 4) return `…${key.slice(-2)}`;
  return '…';
}

const ENVELOPE_FIELDS = ['v', 'kid', 'epk', 'wrapIv', 'wrappedKey', 'iv', 'ciphertext'];

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = Object.keys(value);
  if (fields.length !== ENVELOPE_FIELDS.length || !ENVELOPE_FIELDS.every((field) => fields.includes(field))) {
    return false;
  }
  const { v, kid, epk, wrapIv, wrappedKey, iv, ciphertext } = value as Record<string, unknown>;
  return (
    v === 1 &&
    typeof kid === 'string' &&
    isValidKid(kid) &&
    decodedLength(epk) === X25519_PUBLIC_KEY_BYTES &&
    decodedLength(wrapIv) === AES_GCM_IV_BYTES &&
    decodedLength(wrappedKey) === DATA_KEY_BYTES + AES_GCM_TAG_BYTES &&
    decodedLength(iv) === AES_GCM_IV_BYTES &&
    (decodedLength(ciphertext) ?? 0) > AES_GCM_TAG_BYTES
  );
}

function unwrapEnvelopeKey(keyring: Keyring, envelope: Envelope, ctx: CredentialContext): Buffer {
  if (!isEnvelope(envelope)) {
    throw new VaultError(
      'BAD_ENVELOPE',
      `Credentials of connection ${describe(ctx)} are not a valid v1 envelope`,
    );
  }
  if (!keyring.canDecrypt(envelope.kid)) {
    throw new VaultError(
      'KEY_NOT_HELD',
      `Credentials of connection ${describe(ctx)} are sealed to kid "${envelope.kid}", whose private key this process does not hold`,
    );
  }
  const wrapped: WrappedDataKey = {
    epk: bytes(envelope.epk),
    wrapIv: bytes(envelope.wrapIv),
    wrappedKey: bytes(envelope.wrappedKey),
  };
  try {
    return unwrapDataKey(
      keyring.privateKey(envelope.kid),
      envelope.kid,
      wrapped,
      dataKeyAad(ctx, envelope.kid),
    );
  } catch {
    throw decryptFailed(ctx);
  }
}

function decryptCredentials(dataKey: Buffer, envelope: Envelope, ctx: CredentialContext): Buffer {
  try {
    return aesGcmDecrypt(dataKey, bytes(envelope.iv), bytes(envelope.ciphertext), credentialsAad(ctx));
  } catch {
    throw decryptFailed(ctx);
  }
}

// The credential ciphertext is bound to the row but not to the master kid, so that
// rotation can rewrap the data key without re-encrypting (the kid is bound in the wrap).
function credentialsAad(ctx: CredentialContext): Buffer {
  return Buffer.from(JSON.stringify(['keyport/credentials/v1', ctx.connectionId, ctx.ownerId, ctx.version]));
}

function dataKeyAad(ctx: CredentialContext, kid: string): Buffer {
  return Buffer.from(
    JSON.stringify(['keyport/credentials/v1', ctx.connectionId, ctx.ownerId, ctx.version, kid]),
  );
}

function toEnvelope(kid: string, wrapped: WrappedDataKey, iv: Buffer, ciphertext: Buffer): Envelope {
  return {
    v: 1,
    kid,
    epk: encodeBase64(wrapped.epk),
    wrapIv: encodeBase64(wrapped.wrapIv),
    wrappedKey: encodeBase64(wrapped.wrappedKey),
    iv: encodeBase64(iv),
    ciphertext: encodeBase64(ciphertext),
  };
}

function decryptFailed(ctx: CredentialContext): VaultError {
  return new VaultError(
    'DECRYPT_FAILED',
    `Credentials of connection ${describe(ctx)} failed authentication (tampered envelope, or sealed for another connection, owner or version)`,
  );
}

function assertContext(ctx: CredentialContext): void {
  const valid =
    typeof ctx === 'object' &&
    ctx !== null &&
    typeof ctx.connectionId === 'string' &&
    ctx.connectionId !== '' &&
    typeof ctx.ownerId === 'string' &&
    ctx.ownerId !== '' &&
    Number.isSafeInteger(ctx.version) &&
    ctx.version >= 0;
  if (!valid) {
    throw new VaultError(
      'BAD_INPUT',
      'Credential context needs a non-empty connectionId and ownerId and a non-negative integer version',
    );
  }
}

function assertCredentials(credentials: unknown): void {
  if (!isCredentialRecord(credentials)) {
    throw new VaultError('BAD_INPUT', 'Credentials must be an object whose values are all strings');
  }
}

function isCredentialRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((field) => typeof field === 'string');
}

function decodedLength(value: unknown): number | undefined {
  return typeof value === 'string' ? decodeBase64(value)?.length : undefined;
}

// Only called on fields that isEnvelope has already validated.
function bytes(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

function describe(ctx: CredentialContext): string {
  return `${JSON.stringify(ctx.connectionId)} v${ctx.version}`;
}
