// X25519 keys to and from their raw 32 bytes (JWK "x"), without exporting a just-generated key object.
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export const X25519_KEY_BYTES = 32;

function rawFromJwk(jwk: { x?: unknown }): Buffer {
  if (typeof jwk.x !== 'string') throw new Error('not an X25519 public key');
  const raw = Buffer.from(jwk.x, 'base64url');
  if (raw.length !== X25519_KEY_BYTES) throw new Error('not an X25519 public key');
  return raw;
}

/**
 * A fresh key pair whose public half is encoded by the key generation itself: on Node 20, exporting a
 * just-generated key object can deadlock in a GC that destroys the generation job (seen in bench/refresh).
 */
export function newX25519KeyPair(): { privateKey: KeyObject; rawPublicKey: Buffer } {
  // typed overloads want both encodings; leaving the private key out keeps it a KeyObject
  const { privateKey, publicKey } = generateKeyPairSync('x25519', {
    publicKeyEncoding: { format: 'jwk' },
  } as never) as unknown as { privateKey: KeyObject; publicKey: { x?: unknown } };
  return { privateKey, rawPublicKey: rawFromJwk(publicKey) };
}

const rawPublicKeys = new WeakMap<KeyObject, Buffer>();

/** The raw public key of a long-lived X25519 key (a keyring's), exported once per key object. */
export function rawX25519PublicKey(key: KeyObject): Buffer {
  const known = rawPublicKeys.get(key);
  if (known) return known;
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const raw = rawFromJwk(publicKey.export({ format: 'jwk' }));
  rawPublicKeys.set(key, raw);
  return raw;
}

export function importRawX25519PublicKey(raw: Buffer): KeyObject {
  if (raw.length !== X25519_KEY_BYTES) throw new Error('X25519 public key has the wrong length');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}
