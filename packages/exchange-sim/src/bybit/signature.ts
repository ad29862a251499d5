// Bybit v5: X-BAPI-SIGN = hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + (GET ? query : body))).
import { createHmac } from 'node:crypto';
import { timingSafeStringEqual } from '../timing-safe';

export function bybitPrehash(timestamp: string, apiKey: string, recvWindow: string, payload: string): string {
  return timestamp + apiKey + recvWindow + payload;
}

export function bybitSign(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash).digest('hex');
}

export function bybitSignatureValid(secret: string, prehash: string, signature: string): boolean {
  return timingSafeStringEqual(signature, bybitSign(secret, prehash));
}
