// Small readers shared by the per-exchange permission probes: they turn untyped JSON into values or null (unknown).
import type { Exchange } from 'ccxt';

export type Json = Record<string, unknown>;

/** A JSON object, or {} for anything else (arrays included, so `data[0]`-style envelopes never pass for a record). */
export const asRecord = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
export const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
export const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** An id the exchange sends as a string or a JSON number (KuCoin and Gate send numbers). */
export const idText = (value: unknown): string | null =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);

/** A comma-separated list ("General,Spot"); null when the field is not a string at all. */
export function commaList(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A JSON array of strings; null when the field is not an array. */
export function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((s) => s.trim());
}

/**
 * The whitelist of a key: empty means unrestricted. Masked entries ("203.**.154") prove a restriction but not
 * which addresses, so the list is then unknown rather than a list our egress IPs would never match.
 */
export function ipWhitelist(ips: string[] | null): {
  ipRestricted: boolean | null;
  allowedIps: string[] | null;
} {
  if (!ips) return { ipRestricted: null, allowedIps: null };
  if (ips.length === 0) return { ipRestricted: false, allowedIps: [] };
  return { ipRestricted: true, allowedIps: ips.some((ip) => ip.includes('*')) ? null : ips };
}

// Implicit ccxt endpoints are per-instance closures without types; call them by name and keep the raw body.
export async function call(exchange: Exchange, method: string): Promise<unknown> {
  const fn = (exchange as unknown as Record<string, (params?: Json) => Promise<unknown>>)[method];
  if (typeof fn !== 'function') throw new Error(`${exchange.id} has no ${method}`);
  return fn.call(exchange, {});
}
