// Binance ends the spot and margin trading right of a key open to any IP at its tradingAuthorityExpirationTime
// (GET /sapi/v1/account/apiRestrictions, https://developers.binance.com/docs/wallet/account/api-key-permission);
// reading goes on, and a key restricted to IPs keeps trading. The key itself never expires.
import type { StoredKey } from '../state';

const NINETY_DAYS_MS = 90 * 24 * 60 * 60 * 1000;

/** When an unrestricted key's trading right ends (the fixture's `expiresAt`, else 90 days after creation); none for a restricted key. */
export function tradingAuthorityExpiry(key: StoredKey): number | undefined {
  if (key.allowedIps.length > 0) return undefined;
  return key.expiresAt ?? key.createdAt + NINETY_DAYS_MS;
}

/** The key's spot-and-margin trading right as Binance applies it now. */
export function binanceMayTrade(key: StoredKey, now: number): boolean {
  const expiry = tradingAuthorityExpiry(key);
  return key.permissions.spotTrade && (expiry === undefined || now < expiry);
}
