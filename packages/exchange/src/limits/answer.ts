// Reading exchanges' answers: headers whatever their case, Retry-After, and error codes in JSON bodies.
import type { VenueAnswer } from './venue-limits';

/** ccxt hands headers over as the server cased them (Binance lower, Bybit `X-Bapi-Limit`). */
export function header(answer: VenueAnswer, name: string): string | undefined {
  const exact = answer.headers[name];
  if (exact !== undefined) return exact;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(answer.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** A Retry-After value in ms: seconds, or an HTTP date. */
export function parseRetryAfter(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function retryAfterMs(answer: VenueAnswer): number | undefined {
  return parseRetryAfter(header(answer, 'retry-after'));
}

/** The value of a top-level-looking `"field": value` in a JSON body, without parsing megabytes of balances. */
export function bodyCode(answer: VenueAnswer, field: string): string | undefined {
  const found = new RegExp(`"${field}"\\s*:\\s*"?(-?\\w+)"?`).exec(answer.body.slice(0, 512));
  return found?.[1];
}

export function numberHeader(answer: VenueAnswer, name: string): number | undefined {
  const value = header(answer, name);
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Milliseconds to the next whole minute, where minute-interval counters reset. */
export function toNextMinute(now = Date.now()): number {
  return 60_000 - (now % 60_000);
}
