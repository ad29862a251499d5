// Bybit: GET /v5/user/query-api, ccxt `privateGetV5UserQueryApi`: the key's permission groups (Spot, ContractTrade,
// Derivatives, Wallet…), read-only flag, bound IPs ("*" = none), expiry (keys bound to no IP lapse after 90 days)
// and owner. Doc: https://bybit-exchange.github.io/docs/v5/user/apikey-info
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, flag, idText, stringList, text } from './probe-json';

export function parseBybitPermissions(response: unknown): PermissionProbe {
  const r = asRecord(asRecord(response).result);
  if (Object.keys(r).length === 0) return { permissions: UNKNOWN_PERMISSIONS, accountUid: null };
  const groups = asRecord(r.permissions);
  const writable = r.readOnly === 0 ? true : r.readOnly === 1 ? false : null;
  const has = (group: string) => (stringList(groups[group]) ?? []).length > 0;
  const wallet = stringList(groups.Wallet);
  const ips = stringList(r.ips);
  const unbound = ips !== null && (ips.length === 0 || ips.includes('*'));
  const expiry = text(r.expiredAt);
  const master = flag(r.isMaster);
  return {
    accountUid: idText(r.userID),
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      // every Bybit key reads; query-api answering at all proves it
      read: true,
      spotTrade: writable === null ? null : writable && has('Spot'),
      futures: writable === null ? null : writable && (has('ContractTrade') || has('Derivatives')),
      withdraw: wallet ? wallet.includes('Withdraw') : null,
      internalTransfer: wallet
        ? wallet.includes('AccountTransfer') || wallet.includes('SubMemberTransfer')
        : null,
      ipRestricted: ips === null ? null : !unbound,
      allowedIps: ips === null ? null : unbound ? [] : ips,
      expiresAt: expiry && Number.isFinite(Date.parse(expiry)) ? new Date(expiry).toISOString() : null,
      accountKind: master === null ? null : master ? 'master' : 'sub',
    },
  };
}

export async function probeBybit(exchange: Exchange): Promise<PermissionProbe> {
  return parseBybitPermissions(await call(exchange, 'privateGetV5UserQueryApi'));
}
