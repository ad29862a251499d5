// OKX: OK-ACCESS-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath[?query] + body)).
import { createHmac } from 'node:crypto';
import { timingSafeStringEqual } from '../timing-safe';

export function okxPrehash(timestamp: string, method: string, requestPath: string, body: string): string {
  return timestamp + method.toUpperCase() + requestPath + body;
}

export function okxSign(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash).digest('base64');
}

export function okxSignatureValid(secret: string, prehash: string, signature: string): boolean {
  return timingSafeStringEqual(signature, okxSign(secret, prehash));
}
