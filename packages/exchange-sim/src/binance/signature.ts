// Binance HMAC-SHA256: hex digest over totalParams = query string + request body, both without `signature`.
import { createHmac } from 'node:crypto';
import { timingSafeStringEqual } from '../timing-safe';

export interface SignedPayload {
  /** The exact bytes Binance signs: query (minus signature) immediately followed by body (minus signature). */
  payload: string;
  /** The `signature` parameter as sent (query or body), undefined when missing or empty. */
  signature: string | undefined;
}

function splitOffSignature(raw: string): { rest: string; signature: string | undefined } {
  let signature: string | undefined;
  const rest = raw
    .split('&')
    .filter((part) => {
      if (!part.startsWith('signature=')) return part !== '';
      signature = decodeURIComponent(part.slice('signature='.length)) || undefined;
      return false;
    })
    .join('&');
  return { rest, signature };
}

export function binanceSignedPayload(query: string, body: string): SignedPayload {
  const q = splitOffSignature(query);
  const b = splitOffSignature(body);
  return { payload: q.rest + b.rest, signature: q.signature ?? b.signature };
}

export function binanceSign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export function binanceSignatureValid(secret: string, signed: SignedPayload): boolean {
  if (signed.signature === undefined) return false;
  return timingSafeStringEqual(signed.signature, binanceSign(secret, signed.payload));
}
