// Coinbase Advanced Trade (CDP keys): GET /api/v3/brokerage/key_permissions, ccxt
// `v3PrivateGetBrokerageKeyPermissions`. Bare body {can_view, can_trade, can_transfer, portfolio_uuid, portfolio_type}.
// Doc: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions
// Scope meanings: https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, flag } from './probe-json';

export function parseCoinbasePermissions(response: unknown): PermissionProbe {
  const r = asRecord(response);
  // "Transfer" lets the key send funds on and off platform: both a withdrawal and an internal transfer right.
  const transfer = flag(r.can_transfer);
  return {
    // portfolio_uuid names the portfolio the key is scoped to, not the Coinbase account, so it is no uid.
    accountUid: null,
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      read: flag(r.can_view),
      spotTrade: flag(r.can_trade),
      withdraw: transfer,
      internalTransfer: transfer,
      // Margin, futures, IP allowlist, expiry and master/sub are not in this response: they stay unknown.
    },
  };
}

export async function probeCoinbase(exchange: Exchange): Promise<PermissionProbe> {
  return parseCoinbasePermissions(await call(exchange, 'v3PrivateGetBrokerageKeyPermissions'));
}
