// Success bodies in OKX's {code:"0", msg:"", data:[...]} envelope, fields as in the recorded responses.
import { addDecimals, multiplyDecimals, normalizeDecimal } from '../decimal';
import type { SimState, StoredAccount, StoredKey } from '../state';

export function okxEnvelope(data: unknown[]): unknown {
  return { code: '0', data, msg: '' };
}

/** One `details[]` entry of GET /api/v5/account/balance; fields the sim does not model keep OKX's neutral values. */
function balanceDetail(ccy: string, free: string, locked: string, eqUsd: string, uTime: string) {
  const eq = addDecimals(free, locked);
  return {
    accAvgPx: '',
    availBal: normalizeDecimal(free),
    availEq: normalizeDecimal(free),
    borrowFroz: '0',
    cashBal: eq,
    ccy,
    clSpotInUseAmt: '',
    colBorrAutoConversion: '0',
    collateralEnabled: false,
    collateralRestrict: false,
    crossLiab: '0',
    disEq: eqUsd,
    eq,
    eqUsd,
    fixedBal: '0',
    frozenBal: normalizeDecimal(locked),
    imr: '',
    interest: '0',
    isoEq: '0',
    isoLiab: '0',
    isoUpl: '0',
    liab: '0',
    maxLoan: '0',
    maxSpotInUse: '',
    mgnRatio: '',
    mmr: '',
    notionalLever: '',
    openAvgPx: '',
    ordFrozen: normalizeDecimal(locked),
    rewardBal: '',
    smtSyncEq: '0',
    spotBal: '',
    spotCopyTradingEq: '0',
    spotInUseAmt: '',
    spotIsoBal: '0',
    spotUpl: '',
    spotUplRatio: '',
    stgyEq: '0',
    totalPnl: '',
    totalPnlRatio: '',
    twap: '0',
    uTime,
    upl: '0',
    uplLiab: '0',
  };
}

/** GET /api/v5/account/balance (trading account); `ccy=BTC,ETH` narrows the details like OKX does. */
export function okxBalanceBody(account: StoredAccount, state: SimState, query: URLSearchParams): unknown {
  const wanted = query.get('ccy')?.split(',').filter(Boolean);
  const uTime = String(account.updatedAt);
  const entries = [...account.balances].filter(([ccy]) => !wanted || wanted.includes(ccy));
  const usd = (ccy: string, amount: string) => multiplyDecimals(amount, state.usdPrice(ccy));
  const details = entries.map(([ccy, b]) =>
    balanceDetail(ccy, b.free, b.locked, usd(ccy, addDecimals(b.free, b.locked)), uTime),
  );
  const totalEq = addDecimals('0', ...details.map((d) => d.eqUsd));
  const availEq = addDecimals('0', ...entries.map(([ccy, b]) => usd(ccy, b.free)));
  const frozenUsd = addDecimals('0', ...entries.map(([ccy, b]) => usd(ccy, b.locked)));
  return okxEnvelope([
    {
      adjEq: totalEq,
      availEq,
      borrowFroz: '0',
      details,
      imr: '0',
      isoEq: '0',
      mgnRatio: '',
      mmr: '0',
      notionalUsd: '0',
      notionalUsdForBorrow: '0',
      notionalUsdForFutures: '0',
      notionalUsdForOption: '0',
      notionalUsdForSwap: '0',
      ordFroz: frozenUsd,
      totalEq,
      uTime,
      upl: '0',
    },
  ]);
}

/** GET /api/v5/asset/balances (funding account), field order as recorded; `ccy=BTC,ETH` narrows it. */
export function okxFundingBody(account: StoredAccount, query: URLSearchParams): unknown {
  const wanted = query.get('ccy')?.split(',').filter(Boolean);
  const funding = account.wallets.get('funding');
  const entries = [...(funding?.balances ?? [])].filter(([ccy]) => !wanted || wanted.includes(ccy));
  return okxEnvelope(
    entries.map(([ccy, b]) => ({
      availBal: normalizeDecimal(b.free),
      bal: addDecimals(b.free, b.locked),
      ccy,
      frozenBal: normalizeDecimal(b.locked),
    })),
  );
}

/** OKX lists a key's rights as read_only / trade / withdraw. */
function okxPerm(key: StoredKey): string {
  const p = key.permissions;
  const perms = ['read_only'];
  if (p.spotTrade || p.margin || p.futures) perms.push('trade');
  if (p.withdraw) perms.push('withdraw');
  return perms.join(',');
}

/** GET /api/v5/account/config: account settings plus what the calling key may do. */
export function okxConfigBody(account: StoredAccount, key: StoredKey): unknown {
  return okxEnvelope([
    {
      acctLv: '2',
      acctStpMode: 'cancel_maker',
      autoLoan: false,
      ctIsoMode: 'automatic',
      enableSpotBorrow: false,
      greeksType: 'PA',
      feeType: '0',
      ip: key.allowedIps.join(','),
      type: account.uid === account.mainUid ? '0' : '1',
      kycLv: '2',
      label: key.label,
      level: 'Lv1',
      levelTmp: '',
      liquidationGear: '-1',
      mainUid: account.mainUid,
      mgnIsoMode: 'automatic',
      opAuth: '0',
      perm: okxPerm(key),
      posMode: 'net_mode',
      roleType: '0',
      spotBorrowAutoRepay: false,
      spotOffsetType: '',
      spotRoleType: '0',
      spotTraderInsts: [],
      traderInsts: [],
      uid: account.uid,
      settleCcy: 'USDT',
      settleCcyList: ['USD', 'USDC', 'USDG'],
    },
  ]);
}
