// Success bodies in Bybit v5's {retCode:0, retMsg:"OK", result, retExtInfo, time} envelope, fields as in the
// recorded responses (wallet-balance, query-api, account/info).
import { addDecimals, multiplyDecimals, normalizeDecimal } from '../decimal';
import type { SimState, StoredAccount, StoredKey } from '../state';

const DAY_MS = 86_400_000;
// Bybit: a key without an IP binding lapses 90 days after it was made
const UNBOUND_KEY_LIFETIME_MS = 90 * DAY_MS;

export function bybitEnvelope(result: unknown, now: number): unknown {
  return { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now };
}

/** When the key stops working: its own expiry, else 90 days after creation for a key bound to no IP. */
export function bybitKeyExpiry(key: StoredKey): number | undefined {
  if (key.expiresAt !== undefined) return key.expiresAt;
  return key.allowedIps.length === 0 ? key.createdAt + UNBOUND_KEY_LIFETIME_MS : undefined;
}

/** GET /v5/account/wallet-balance?accountType=UNIFIED: the unified trading account, a coin row per asset. */
export function bybitWalletBody(account: StoredAccount, state: SimState, now: number): unknown {
  let equityUsd = '0';
  const coin = [...account.balances.entries()].map(([asset, b]) => {
    const wallet = addDecimals(b.free, b.locked);
    const usdValue = multiplyDecimals(wallet, state.usdPrice(asset));
    equityUsd = addDecimals(equityUsd, usdValue);
    return {
      availableToBorrow: '',
      bonus: '0',
      accruedInterest: '0',
      // deprecated by Bybit and sent empty: ccxt derives free from walletBalance minus what is locked
      availableToWithdraw: '',
      totalOrderIM: '0',
      equity: wallet,
      totalPositionMM: '0',
      usdValue,
      unrealisedPnl: '0',
      collateralSwitch: true,
      spotHedgingQty: '0',
      borrowAmount: '0.000000000000000000',
      totalPositionIM: '0',
      walletBalance: wallet,
      cumRealisedPnl: '0',
      locked: normalizeDecimal(b.locked),
      marginCollateral: true,
      coin: asset,
    };
  });
  return bybitEnvelope(
    {
      list: [
        {
          totalEquity: equityUsd,
          accountIMRate: '0',
          totalMarginBalance: equityUsd,
          totalInitialMargin: '0',
          accountType: 'UNIFIED',
          totalAvailableBalance: equityUsd,
          accountMMRate: '0',
          totalPerpUPL: '0',
          totalWalletBalance: equityUsd,
          accountLTV: '0',
          totalMaintenanceMargin: '0',
          coin,
        },
      ],
    },
    now,
  );
}

/** GET /v5/asset/transfer/query-account-coins-balance?accountType=FUND: the funding wallet. */
export function bybitFundBody(account: StoredAccount, now: number): unknown {
  const fund = account.wallets.get('funding');
  const balance = [...(fund?.balances.entries() ?? [])].map(([coin, b]) => ({
    coin,
    walletBalance: addDecimals(b.free, b.locked),
    transferBalance: normalizeDecimal(b.free),
    bonus: '',
  }));
  return bybitEnvelope({ memberId: account.uid, accountType: 'FUND', balance }, now);
}

/** Bybit's permission groups for the sim's switches; read is implied (every key reads). */
function bybitPermissionGroups(key: StoredKey): Record<string, string[]> {
  const p = key.permissions;
  return {
    ContractTrade: p.futures ? ['Order', 'Position'] : [],
    Spot: p.spotTrade || p.margin ? ['SpotTrade'] : [],
    Wallet: [
      ...(p.internalTransfer ? ['AccountTransfer', 'SubMemberTransfer'] : []),
      ...(p.withdraw ? ['Withdraw'] : []),
    ],
    Options: [],
    Derivatives: p.futures ? ['DerivativesTrade'] : [],
    CopyTrading: [],
    BlockTrade: [],
    Exchange: [],
    NFT: [],
    Affiliate: [],
    Earn: [],
  };
}

/** GET /v5/user/query-api: what the calling key may do, its IP binding and expiry, whose it is. */
export function bybitKeyInfoBody(account: StoredAccount, key: StoredKey, now: number): unknown {
  const p = key.permissions;
  const writes = p.spotTrade || p.margin || p.futures || p.withdraw || p.internalTransfer;
  const expiry = bybitKeyExpiry(key);
  const master = account.uid === account.mainUid;
  return bybitEnvelope(
    {
      id: String(Math.abs(hash(key.apiKey)) % 100_000_000),
      note: key.label,
      apiKey: key.apiKey,
      readOnly: writes ? 0 : 1,
      secret: '',
      permissions: bybitPermissionGroups(key),
      ips: key.allowedIps.length > 0 ? [...key.allowedIps] : ['*'],
      type: 1,
      // days left, reported only for keys bound to no IP (the others do not lapse)
      deadlineDay:
        key.allowedIps.length === 0 && expiry !== undefined
          ? Math.max(0, Math.ceil((expiry - now) / DAY_MS))
          : -1,
      expiredAt: expiry !== undefined ? new Date(expiry).toISOString().replace(/\.\d{3}Z$/, 'Z') : '',
      createdAt: new Date(key.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      unified: 0,
      uta: 1,
      userID: Number(account.uid),
      inviterID: 0,
      vipLevel: 'No VIP',
      mktMakerLevel: '0',
      affiliateID: 0,
      rsaPublicKey: '',
      isMaster: master,
      parentUid: master ? '0' : account.mainUid,
      kycLevel: 'LEVEL_DEFAULT',
      kycRegion: '',
    },
    now,
  );
}

/** GET /v5/account/info: a unified trading account (UTA 2.0). */
export function bybitAccountInfoBody(now: number): unknown {
  return bybitEnvelope(
    {
      marginMode: 'REGULAR_MARGIN',
      updatedTime: String(now),
      unifiedMarginStatus: 5,
      dcpStatus: 'OFF',
      timeWindow: 10,
      smpGroup: 0,
      isMasterTrader: false,
      spotHedgingStatus: 'OFF',
    },
    now,
  );
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
