// OKX: GET /api/v5/account/config, ccxt `privateGetAccountConfig`: `perm` (read_only,trade,withdraw), bound IPs,
// uid and mainUid (a sub-account when they differ). Doc: https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, commaList, text } from './probe-json';

export function parseOkxPermissions(response: unknown): PermissionProbe {
  const data = asRecord(response).data;
  const r = asRecord(Array.isArray(data) ? data[0] : undefined);
  const perm = commaList(r.perm) ?? [];
  const ips = commaList(r.ip);
  const uid = text(r.uid);
  const mainUid = text(r.mainUid);
  return {
    accountUid: uid,
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      read: perm.length > 0 ? perm.includes('read_only') || perm.includes('trade') : null,
      spotTrade: perm.length > 0 ? perm.includes('trade') : null,
      withdraw: perm.length > 0 ? perm.includes('withdraw') : null,
      // "" is a key bound to no IP
      ipRestricted: ips === null ? null : ips.length > 0,
      allowedIps: ips,
      accountKind: uid && mainUid ? (uid === mainUid ? 'master' : 'sub') : null,
    },
  };
}

export async function probeOkx(exchange: Exchange): Promise<PermissionProbe> {
  return parseOkxPermissions(await call(exchange, 'privateGetAccountConfig'));
}
