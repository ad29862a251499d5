// Kraken: API-Sign = base64(HMAC-SHA512(base64decode(secret), uriPath + SHA256(nonce + postData))).
import { createHash, createHmac } from 'node:crypto';
import { timingSafeStringEqual } from '../timing-safe';

export function krakenSign(secret: string, path: string, nonce: string, body: string): string {
  const inner = createHash('sha256')
    .update(nonce + body)
    .digest();
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path), inner]))
    .digest('base64');
}

export function krakenSignatureValid(
  secret: string,
  path: string,
  nonce: string,
  body: string,
  signature: string,
): boolean {
  return timingSafeStringEqual(signature, krakenSign(secret, path, nonce, body));
}
