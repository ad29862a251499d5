import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const AES_GCM_IV_BYTES = 12;
export const AES_GCM_TAG_BYTES = 16;

/** AES-256-GCM with a fresh random IV; the auth tag is appended to the returned ciphertext. */
export function aesGcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: AES_GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, sealed };
}

/** Throws when the key, IV, AAD or any byte of `sealed` is wrong. */
export function aesGcmDecrypt(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < AES_GCM_TAG_BYTES) throw new Error('sealed data is shorter than the auth tag');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: AES_GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - AES_GCM_TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(0, sealed.length - AES_GCM_TAG_BYTES)),
    decipher.final(),
  ]);
}
