// Binance: GET /sapi/v1/account/apiRestrictions, ccxt `sapiGetAccountApiRestrictions`: every switch of the key.
// Doc: https://developers.binance.com/docs/wallet/account/api-key-permission
import type { Exchange } from 'ccxt';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, flag } from './probe-json';

export function parseBinancePermissions(response: unknown): PermissionProbe {
  const r = asRecord(response);
  // the trading right of a key bound to no IP lapses (tradingAuthorityExpirationTime); 0 or absent = none
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
      // the endpoint says whether a whitelist exists, not which addresses are on it
      allowedIps: null,
      expiresAt: Number.isFinite(expiry) && expiry > 0 ? new Date(expiry).toISOString() : null,
      accountKind: null,
    },
  };
}

export async function probeBinance(exchange: Exchange): Promise<PermissionProbe> {
  return parseBinancePermissions(await call(exchange, 'sapiGetAccountApiRestrictions'));
}
