import type { Exchange } from 'ccxt';
import { type KeyPermissions, UNKNOWN_PERMISSIONS } from '../permissions/key-permissions';
import { probeBinance } from './probes/binance';
import { probeBitget } from './probes/bitget';
import { probeBybit } from './probes/bybit';
import { probeCoinbase } from './probes/coinbase';
import { probeGate } from './probes/gate';
import { probeKraken } from './probes/kraken';
import { probeKucoin } from './probes/kucoin';
import { probeOkx } from './probes/okx';

export interface PermissionProbe {
  permissions: KeyPermissions;
  accountUid: string | null;
}

// One signed request (Gate: two) to the exchange's own "what may this key do" endpoint; see probes/*. Siblings
// share their venue's API and probe (ccxt signs it for their own host, checked in probes.test.ts): Binance's
// futures clients use the same keys and /sapi on api.binance.com; okxus, myokx, bybiteu, bybitid and gateeu are
// the venue's regional hosts; KuCoin futures keys are KuCoin keys, described on api.kucoin.com. binanceus is not
// here: Binance.US does not document apiRestrictions.
const PROBES: Record<string, (exchange: Exchange) => Promise<PermissionProbe>> = {
  binance: probeBinance,
  binanceusdm: probeBinance,
  binancecoinm: probeBinance,
  okx: probeOkx,
  myokx: probeOkx,
  okxus: probeOkx,
  bybit: probeBybit,
  bybiteu: probeBybit,
  bybitid: probeBybit,
  kucoin: probeKucoin,
  kucoinfutures: probeKucoin,
  coinbase: probeCoinbase,
  bitget: probeBitget,
  gate: probeGate,
  gateeu: probeGate,
  kraken: probeKraken,
};

export function hasPermissionProbe(exchangeId: string): boolean {
  return exchangeId in PROBES;
}

/** Reads the key's permissions where the exchange reports them; unknown everywhere else. */
export async function probePermissions(exchange: Exchange): Promise<PermissionProbe> {
  const probe = PROBES[exchange.id];
  return probe ? probe(exchange) : { permissions: UNKNOWN_PERMISSIONS, accountUid: null };
}
