// Success bodies shaped like the recorded Binance responses (no envelope, amounts with 8 fixed decimals).
import { toFixedDecimal } from '../decimal';
import type { StoredAccount, StoredKey } from '../state';
import { binanceMayTrade, tradingAuthorityExpiry } from './trading-authority';

// Binance sends uid as a JSON number; keep a string only if it would not survive as one.
function uidValue(uid: string): number | string {
  return /^\d{1,15}$/.test(uid) ? Number(uid) : uid;
}

function isZero(amount: string): boolean {
  return /^0(\.0*)?$/.test(amount);
}

/** GET /api/v3/account */
export function binanceAccountBody(account: StoredAccount, params: URLSearchParams): unknown {
  const omitZero = params.get('omitZeroBalances') === 'true';
  const balances = [...account.balances]
    .filter(([, b]) => !omitZero || !(isZero(b.free) && isZero(b.locked)))
    .map(([asset, b]) => ({ asset, free: toFixedDecimal(b.free, 8), locked: toFixedDecimal(b.locked, 8) }));
  return {
    makerCommission: 10,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
    canTrade: account.canTrade,
    canWithdraw: account.canWithdraw,
    canDeposit: account.canDeposit,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: account.updatedAt,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: uidValue(account.uid),
  };
}

/** GET /sapi/v1/account/apiRestrictions: what this key (not the account) may do. */
export function binanceApiRestrictionsBody(key: StoredKey, now: number): unknown {
  const ipRestrict = key.allowedIps.length > 0;
  const expiry = tradingAuthorityExpiry(key);
  const p = key.permissions;
  return {
    ipRestrict,
    createTime: key.createdAt,
    enableReading: p.read,
    // switched off by Binance once the trading authority of an unrestricted key has expired
    enableSpotAndMarginTrading: binanceMayTrade(key, now),
    enableWithdrawals: p.withdraw,
    enableInternalTransfer: p.internalTransfer,
    enableMargin: p.margin,
    enableFutures: p.futures,
    permitsUniversalTransfer: p.internalTransfer,
    enableVanillaOptions: false,
    enablePortfolioMarginTrading: false,
    enableFixApiTrade: false,
    enableFixReadOnly: false,
    // Binance only reports this for keys without an IP whitelist (their trading right lapses).
    ...(expiry === undefined ? {} : { tradingAuthorityExpirationTime: expiry }),
  };
}
