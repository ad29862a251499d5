// Kraken: POST /0/private/GetApiKeyInfo, ccxt `privatePostGetApiKeyInfo` (any key may call it): `permissions`
// (query-funds, modify-trades, withdraw-funds…), `ipAllowlist`, `validUntil` (unix s, "0" = never).
// Doc: https://docs.kraken.com/api-reference/account-data/get-api-key-info
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, ipWhitelist, stringList, text } from './probe-json';

export function parseKrakenPermissions(response: unknown): PermissionProbe {
  const r = asRecord(asRecord(response).result);
  const perms = stringList(r.permissions);
  // an empty list is a key that may do nothing: still an answer, unlike a missing one
  const has = (name: string): boolean | null => (perms ? perms.includes(name) : null);
  const validUntil = Number(text(r.validUntil) ?? Number.NaN);
  return {
    // the key info names the key, not the account
    accountUid: null,
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      read: has('query-funds'),
      spotTrade: has('modify-trades'),
      withdraw: has('withdraw-funds'),
      ...ipWhitelist(stringList(r.ipAllowlist)),
      expiresAt:
        Number.isFinite(validUntil) && validUntil > 0 ? new Date(validUntil * 1000).toISOString() : null,
    },
  };
}

export async function probeKraken(exchange: Exchange): Promise<PermissionProbe> {
  return parseKrakenPermissions(await call(exchange, 'privatePostGetApiKeyInfo'));
}
