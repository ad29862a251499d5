import type { Exchange } from 'ccxt';
import { type KeyPermissions, UNKNOWN_PERMISSIONS } from '../permissions/key-permissions';

export interface PermissionProbe {
  permissions: KeyPermissions;
  accountUid: string | null;
}

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

// Implicit ccxt endpoints are per-instance closures without types; call them by name.
async function call(exchange: Exchange, method: string): Promise<Json> {
  const fn = (exchange as unknown as Record<string, (params?: Json) => Promise<unknown>>)[method];
  if (typeof fn !== 'function') throw new Error(`${exchange.id} has no ${method}`);
  return asRecord(await fn.call(exchange, {}));
}

/** GET /sapi/v1/account/apiRestrictions: Binance reports every switch of the key. */
async function probeBinance(exchange: Exchange): Promise<PermissionProbe> {
  const r = await call(exchange, 'sapiGetAccountApiRestrictions');
  const expiry = Number(r.tradingAuthorityExpirationTime);
  return {
    accountUid: null,
    permissions: {
      read: flag(r.enableReading),
      spotTrade: flag(r.enableSpotAndMarginTrading),
      margin: flag(r.enableMargin),
      futures: flag(r.enableFutures),
      withdraw: flag(r.enableWithdrawals),
      internalTransfer: flag(r.enableInternalTransfer),
      ipRestricted: flag(r.ipRestrict),
      allowedIps: null,
      expiresAt: Number.isFinite(expiry) && expiry > 0 ? new Date(expiry).toISOString() : null,
      accountKind: null,
    },
  };
}

/** GET /api/v5/account/config: OKX lists `perm` (read_only,trade,withdraw), bound IPs and uids. */
async function probeOkx(exchange: Exchange): Promise<PermissionProbe> {
  const response = await call(exchange, 'privateGetAccountConfig');
  const r = asRecord(Array.isArray(response.data) ? response.data[0] : undefined);
  const perm = String(r.perm ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const ips = String(r.ip ?? '')
    .split(',')
    .map((ip) => ip.trim())
    .filter(Boolean);
  const uid = text(r.uid);
  const mainUid = text(r.mainUid);
  return {
    accountUid: uid,
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      read: perm.length > 0 ? perm.includes('read_only') || perm.includes('trade') : null,
      spotTrade: perm.length > 0 ? perm.includes('trade') : null,
      withdraw: perm.length > 0 ? perm.includes('withdraw') : null,
      ipRestricted: ips.length > 0,
      allowedIps: ips,
      accountKind: uid && mainUid ? (uid === mainUid ? 'master' : 'sub') : null,
    },
  };
}

const PROBES: Record<string, (exchange: Exchange) => Promise<PermissionProbe>> = {
  binance: probeBinance,
  okx: probeOkx,
  myokx: probeOkx,
};

export function hasPermissionProbe(exchangeId: string): boolean {
  return exchangeId in PROBES;
}

/** Reads the key's permissions where the exchange reports them; unknown everywhere else. */
export async function probePermissions(exchange: Exchange): Promise<PermissionProbe> {
  const probe = PROBES[exchange.id];
  return probe ? probe(exchange) : { permissions: UNKNOWN_PERMISSIONS, accountUid: null };
}
