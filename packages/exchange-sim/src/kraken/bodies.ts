// Success bodies in Kraken's {error: [], result} envelope (BalanceEx, GetApiKeyInfo, Time).
import { addDecimals, normalizeDecimal } from '../decimal';
import type { StoredAccount, StoredKey } from '../state';

// Kraken's own asset ids for the classic assets (X for crypto, Z for fiat); newer assets keep their names
export const KRAKEN_ASSET_IDS: Record<string, string> = {
  BTC: 'XXBT',
  ETH: 'XETH',
  LTC: 'XLTC',
  XRP: 'XXRP',
  USD: 'ZUSD',
  EUR: 'ZEUR',
  GBP: 'ZGBP',
};

export function krakenEnvelope(result: unknown): unknown {
  return { error: [], result };
}

/** POST /0/private/BalanceEx: balance (total) and hold_trade (in open orders) per asset. */
export function krakenBalanceExBody(account: StoredAccount): unknown {
  const result: Record<string, { balance: string; hold_trade: string }> = {};
  for (const [asset, b] of account.balances) {
    result[KRAKEN_ASSET_IDS[asset] ?? asset] = {
      balance: addDecimals(b.free, b.locked),
      hold_trade: normalizeDecimal(b.locked),
    };
  }
  return krakenEnvelope(result);
}

/** Kraken's permission names for the sim's switches; querying funds is what "read" means there. */
function krakenPermissions(key: StoredKey): string[] {
  const p = key.permissions;
  return [
    ...(p.read ? ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger'] : []),
    ...(p.spotTrade || p.margin ? ['modify-trades', 'cancel-close-trades'] : []),
    ...(p.internalTransfer ? ['deposit-funds'] : []),
    ...(p.withdraw ? ['withdraw-funds'] : []),
  ];
}

/** POST /0/private/GetApiKeyInfo: what the calling key may do, its allowlist and expiry. */
export function krakenKeyInfoBody(key: StoredKey, nonce: string): unknown {
  return krakenEnvelope({
    apiKeyName: key.label,
    apiKey: key.apiKey,
    nonce,
    nonceWindow: 0,
    permissions: krakenPermissions(key),
    iban: 'AA00 KRAK 0000 0000 0000 00',
    validUntil: key.expiresAt !== undefined ? String(Math.floor(key.expiresAt / 1000)) : '0',
    queryFrom: '0',
    queryTo: '0',
    createdTime: String(Math.floor(key.createdAt / 1000)),
    modifiedTime: String(Math.floor(key.createdAt / 1000)),
    ipAllowlist: [...key.allowedIps],
    lastUsed: '0',
  });
}

export function krakenTimeBody(now: number): unknown {
  return krakenEnvelope({ unixtime: Math.floor(now / 1000), rfc1123: new Date(now).toUTCString() });
}
