// Bitget (classic account): GET /api/v2/spot/account/info, ccxt `privateSpotGetV2SpotAccountInfo`.
// Doc: https://www.bitget.com/api-doc/spot/account/Get-Account-Info
// Body: {code:'00000', data:{userId, inviterId, ips:'1.2.3.4,…', authorities:['stor','stow',…], parentId, traderType,
// regisTime}}. `authorities` codes end in r (read only) or w (read and write); see AUTHORITY_CODES.
// A unified (UTA) account's key is refused by this classic endpoint; probePermissionsTolerantly then leaves it unknown.
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, commaList, idText, ipWhitelist, stringList } from './probe-json';

/** Every code the doc lists; any one of them grants reading its area. */
const AUTHORITY_CODES = new Set([
  // read only: futures orders, futures holdings, spot, margin, copy trading, wallet transfer, tax, sub-accounts, P2P,
  // pledge loan
  ...['coor', 'cpor', 'stor', 'smor', 'ttor', 'wtor', 'taxr', 'chor', 'p2pr', 'pllr'],
  // read and write: the same areas, plus wallet withdrawal (wwow)
  ...['coow', 'cpow', 'stow', 'smow', 'ttow', 'wtow', 'wwow', 'taxw', 'chow', 'p2p', 'pllw'],
]);

export function parseBitgetPermissions(response: unknown): PermissionProbe {
  const r = asRecord(asRecord(response).data);
  const authorities = stringList(r.authorities)?.map((a) => a.toLowerCase()) ?? null;
  // Absence only means "not granted" when the list is in the documented code form; the doc's own example uses older
  // words ("trade", "readonly") that say nothing about withdrawal, so such a list leaves absent rights unknown.
  const coded = authorities?.some((a) => AUTHORITY_CODES.has(a)) ?? false;
  const grants = (...codes: string[]): boolean | null =>
    authorities && codes.some((c) => authorities.includes(c)) ? true : coded ? false : null;
  const userId = idText(r.userId);
  // parentId is documented as the main account's user id; equal to userId on the main account itself.
  const parentId = idText(r.parentId);
  return {
    accountUid: userId,
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      read: authorities && (coded || authorities.includes('readonly')) ? true : null,
      spotTrade: grants('stow'),
      margin: grants('smow'),
      futures: grants('coow', 'cpow'),
      withdraw: grants('wwow'),
      internalTransfer: grants('wtow'),
      ...ipWhitelist(commaList(r.ips)),
      // A parentId of 0 is not documented, so only a real id decides the kind.
      accountKind: userId && parentId && parentId !== '0' ? (parentId === userId ? 'master' : 'sub') : null,
    },
  };
}

export async function probeBitget(exchange: Exchange): Promise<PermissionProbe> {
  return parseBitgetPermissions(await call(exchange, 'privateSpotGetV2SpotAccountInfo'));
}
