import { diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';
import { aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { importRawX25519PublicKey, newX25519KeyPair, rawX25519PublicKey } from './x25519-raw';

export const X25519_PUBLIC_KEY_BYTES = 32;
export const DATA_KEY_BYTES = 32;

export interface WrappedDataKey {
  /** Raw 32-byte ephemeral X25519 public key. */
  epk: Buffer;
  wrapIv: Buffer;
  wrappedKey: Buffer;
}

/** Seals `dataKey` to `recipient` (ECIES: ephemeral X25519 ECDH → HKDF-SHA256 → AES-256-GCM). */
export function wrapDataKey(recipient: KeyObject, kid: string, dataKey: Buffer, aad: Buffer): WrappedDataKey {
  const ephemeral = newX25519KeyPair();
  const epk = ephemeral.rawPublicKey;
  const kek = deriveKeyEncryptionKey(
    ephemeral.privateKey,
    recipient,
    epk,
    rawX25519PublicKey(recipient),
    kid,
  );
  try {
    const { iv, sealed } = aesGcmEncrypt(kek, dataKey, aad);
    return { epk, wrapIv: iv, wrappedKey: sealed };
  } finally {
    kek.fill(0);
  }
}

/** Throws when the private key, kid, AAD or any wrapped byte is wrong. */
export function unwrapDataKey(
  recipient: KeyObject,
  kid: string,
  wrapped: WrappedDataKey,
  aad: Buffer,
): Buffer {
  if (wrapped.epk.length !== X25519_PUBLIC_KEY_BYTES)
    throw new Error('ephemeral public key has the wrong length');
  const ephemeral = importRawX25519PublicKey(wrapped.epk);
  const kek = deriveKeyEncryptionKey(recipient, ephemeral, wrapped.epk, rawX25519PublicKey(recipient), kid);
  try {
    const dataKey = aesGcmDecrypt(kek, wrapped.wrapIv, wrapped.wrappedKey, aad);
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error('unwrapped data key has the wrong length');
    return dataKey;
  } finally {
    kek.fill(0);
  }
}

function deriveKeyEncryptionKey(
  privateKey: KeyObject,
  publicKey: KeyObject,
  epk: Buffer,
  recipientPublicKey: Buffer,
  kid: string,
): Buffer {
  // OpenSSL refuses an all-zero shared secret, so low-order points throw here.
  const shared = diffieHellman({ privateKey, publicKey });
  try {
    const salt = Buffer.concat([epk, recipientPublicKey]);
    return Buffer.from(hkdfSync('sha256', shared, salt, `keyport/vault/v1/${kid}`, DATA_KEY_BYTES));
  } finally {
    shared.fill(0);
  }
}
