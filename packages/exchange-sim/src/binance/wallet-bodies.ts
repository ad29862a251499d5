// Bodies of the non-spot Binance wallets (cross margin, USDⓈ-M and COIN-M futures, funding), shaped like
// developers.binance.com's examples and the recorded fapi response; an absent wallet answers empty.
import { addDecimals, multiplyDecimals, normalizeDecimal, toFixedDecimal } from '../decimal';
import type { SimAssetBalance } from '../fixtures';
import type { SimState, StoredAccount, StoredWallet } from '../state';

const ZERO = '0.00000000';

function fixed(amount: string): string {
  return toFixedDecimal(amount, 8);
}

function entries(wallet: StoredWallet | undefined): [string, SimAssetBalance][] {
  return wallet ? [...wallet.balances] : [];
}

// BTC valuations are display-only fields no client parses into a balance, so float division is fine here.
function btcValue(state: SimState, asset: string, amount: string): string {
  const btc = Number(state.usdPrice('BTC'));
  if (asset === 'BTC') return fixed(normalizeDecimal(amount));
  if (btc === 0) return ZERO;
  return (Number(multiplyDecimals(amount, state.usdPrice(asset))) / btc).toFixed(8);
}

// Sums of exact products can carry more than 8 decimals; Binance prints these totals rounded to 8.
function total8(values: string[]): string {
  return Number(addDecimals('0', ...values)).toFixed(8);
}

/** GET /sapi/v1/margin/account (cross margin): the sim models no loans, so borrowed and interest are 0. */
export function binanceMarginBody(account: StoredAccount, state: SimState): unknown {
  const wallet = account.wallets.get('margin');
  const assets = entries(wallet);
  const totalBtc = total8(assets.map(([asset, b]) => btcValue(state, asset, addDecimals(b.free, b.locked))));
  const totalUsd = total8(
    assets.map(([asset, b]) => multiplyDecimals(addDecimals(b.free, b.locked), state.usdPrice(asset))),
  );
  return {
    created: wallet !== undefined,
    borrowEnabled: true,
    marginLevel: '999.00000000',
    collateralMarginLevel: '999.00000000',
    totalAssetOfBtc: totalBtc,
    totalLiabilityOfBtc: ZERO,
    totalNetAssetOfBtc: totalBtc,
    TotalCollateralValueInUSDT: totalUsd,
    totalOpenOrderLossInUsdt: ZERO,
    tradeEnabled: account.canTrade,
    transferInEnabled: account.canDeposit,
    transferOutEnabled: account.canWithdraw,
    accountType: 'MARGIN_1',
    userAssets: assets.map(([asset, b]) => ({
      asset,
      borrowed: ZERO,
      free: fixed(b.free),
      interest: ZERO,
      locked: fixed(b.locked),
      netAsset: fixed(addDecimals(b.free, b.locked)),
    })),
  };
}

/**
 * One futures asset: `locked` is margin held by open orders, so ccxt reads free = availableBalance,
 * used = initialMargin, total = marginBalance. updateTime must not be 0: ccxt skips such assets as stale.
 */
function futuresAsset(asset: string, b: SimAssetBalance, updateTime: number) {
  const wallet = fixed(addDecimals(b.free, b.locked));
  return {
    asset,
    walletBalance: wallet,
    unrealizedProfit: ZERO,
    marginBalance: wallet,
    maintMargin: ZERO,
    initialMargin: fixed(b.locked),
    positionInitialMargin: ZERO,
    openOrderInitialMargin: fixed(b.locked),
    crossWalletBalance: wallet,
    crossUnPnl: ZERO,
    availableBalance: fixed(b.free),
    maxWithdrawAmount: fixed(b.free),
    updateTime: Math.max(1, updateTime),
  };
}

// In single-asset mode Binance fills the account totals from the USDT asset only.
function usdtTotals(assets: ReturnType<typeof futuresAsset>[]) {
  const usdt = assets.find((a) => a.asset === 'USDT');
  return {
    totalInitialMargin: usdt?.initialMargin ?? ZERO,
    totalMaintMargin: ZERO,
    totalWalletBalance: usdt?.walletBalance ?? ZERO,
    totalUnrealizedProfit: ZERO,
    totalMarginBalance: usdt?.marginBalance ?? ZERO,
    totalPositionInitialMargin: ZERO,
    totalOpenOrderInitialMargin: usdt?.openOrderInitialMargin ?? ZERO,
    totalCrossWalletBalance: usdt?.crossWalletBalance ?? ZERO,
    totalCrossUnPnl: ZERO,
    availableBalance: usdt?.availableBalance ?? ZERO,
    maxWithdrawAmount: usdt?.maxWithdrawAmount ?? ZERO,
  };
}

function futuresAssets(wallet: StoredWallet | undefined) {
  return entries(wallet).map(([asset, b]) => futuresAsset(asset, b, wallet?.updatedAt ?? 0));
}

/** GET /fapi/v3/account (what ccxt 4.5.84 calls for fetchBalance({type:'swap'})). */
export function binanceUsdmV3Body(account: StoredAccount): unknown {
  const assets = futuresAssets(account.wallets.get('swap'));
  return { ...usdtTotals(assets), assets, positions: [] };
}

/** GET /fapi/v2/account (ccxt with options.fetchBalance.useV2): v3 plus account flags, as recorded. */
export function binanceUsdmV2Body(account: StoredAccount): unknown {
  const assets = futuresAssets(account.wallets.get('swap')).map((a) => ({ ...a, marginAvailable: true }));
  return {
    feeTier: 0,
    feeBurn: true,
    canTrade: account.canTrade,
    canDeposit: account.canDeposit,
    canWithdraw: account.canWithdraw,
    updateTime: 0,
    multiAssetsMargin: false,
    tradeGroupId: -1,
    ...usdtTotals(assets),
    assets,
    positions: [],
  };
}

/** GET /dapi/v1/account (COIN-M; ccxt fetchBalance({type:'delivery'})). */
export function binanceCoinmBody(account: StoredAccount): unknown {
  const assets = futuresAssets(account.wallets.get('future'));
  return {
    assets,
    positions: [],
    canDeposit: account.canDeposit,
    canTrade: account.canTrade,
    canWithdraw: account.canWithdraw,
    feeTier: 0,
    updateTime: 0,
  };
}

/** POST /sapi/v1/asset/get-funding-asset: a bare list; `asset` narrows it, btcValuation needs needBtcValuation. */
export function binanceFundingBody(
  account: StoredAccount,
  state: SimState,
  params: URLSearchParams,
): unknown {
  const only = params.get('asset');
  const withBtc = params.get('needBtcValuation') === 'true';
  return entries(account.wallets.get('funding'))
    .filter(([asset]) => !only || asset === only)
    .map(([asset, b]) => ({
      asset,
      free: normalizeDecimal(b.free),
      locked: normalizeDecimal(b.locked),
      freeze: '0',
      withdrawing: '0',
      btcValuation: withBtc ? btcValue(state, asset, addDecimals(b.free, b.locked)) : '0',
    }));
}
