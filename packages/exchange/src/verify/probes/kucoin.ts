// KuCoin: GET /api/v1/user/api-key ("Get Apikey Info"), ccxt `privateGetUserApiKey`, reports the calling key.
// Doc: https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info
// Body: {code:'200000', data:{remark, apiKey, apiVersion, permission:'General,Spot,…', ipWhitelist, createdAt, uid,
// subName?, isMaster}}. Permission names per KuCoin's key guide: General (read), Spot, Margin, Futures, Earn,
// InnerTransfer (between the user's own / sub accounts), Transfer (withdrawal). KuCoin's newer docs call the last
// two FlexTransfers and Withdrawal: either name counts, so a key able to withdraw is never taken for one that is not.
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, commaList, flag, idText, ipWhitelist } from './probe-json';

export function parseKucoinPermissions(response: unknown): PermissionProbe {
  const r = asRecord(asRecord(response).data);
  // Names compared case-insensitively: KuCoin's broker API takes them lower-case and reports them capitalised.
  const perms = commaList(r.permission)?.map((p) => p.toLowerCase()) ?? null;
  // An empty list is not a documented state (every key has General), so it says nothing.
  const has = (...names: string[]): boolean | null =>
    perms && perms.length > 0 ? names.some((name) => perms.includes(name)) : null;
  const isMaster = flag(r.isMaster);
  return {
    accountUid: idText(r.uid),
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      read: has('general'),
      spotTrade: has('spot'),
      margin: has('margin'),
      futures: has('futures'),
      withdraw: has('transfer', 'withdrawal'),
      internalTransfer: has('innertransfer', 'flextransfers'),
      // An absent ipWhitelist stays unknown; "" is a key without a whitelist.
      ...ipWhitelist(commaList(r.ipWhitelist)),
      accountKind: isMaster === null ? null : isMaster ? 'master' : 'sub',
    },
  };
}

export async function probeKucoin(exchange: Exchange): Promise<PermissionProbe> {
  return parseKucoinPermissions(await call(exchange, 'privateGetUserApiKey'));
}
