// Gate: two bare-JSON endpoints, because neither alone describes the calling key.
// - GET /account/detail (ccxt `privateAccountGetDetail`): {user_id, ip_whitelist, currency_pairs, key:{mode}, tier,
//   copy_trading_role}: the caller's uid and IP whitelist, but no permissions.
// - GET /account/main_keys (ccxt `privateAccountGetMainKeys`): an array of every key of the main account, {key (masked,
//   "c5dcfbf1f3a7*****"), name, state, mode, user_id, ip_whitelist, currency_pairs, perms:[{name, read_only}], …};
//   the only place permissions are reported, so ours is picked out by its visible characters.
// Doc: https://www.gate.com/docs/developers/apiv4/en/#retrieve-user-account-information and
// https://www.gate.com/docs/developers/apiv4/en/#query-all-main-account-key-information (perm groups:
// https://www.gate.com/docs/developers/apiv4/en/#apiv4-permissions).
import type { Exchange } from 'ccxt';
import { UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import { reasonSpec } from '../../status/statuses';
import { classifyError } from '../classify-error';
import type { PermissionProbe } from '../probe-permissions';
import { asRecord, call, idText, ipWhitelist, type Json, stringList, text } from './probe-json';

/** Fewer visible characters than this could match another key of the account. */
const MIN_VISIBLE_KEY_CHARS = 8;

/** Whether a reported key, possibly masked with `*`, is the key we hold. */
function isOurKey(reported: string, apiKey: string): boolean {
  if (!reported.includes('*')) return reported === apiKey;
  const head = reported.slice(0, reported.indexOf('*'));
  const tail = reported.slice(reported.lastIndexOf('*') + 1);
  return (
    head.length + tail.length >= MIN_VISIBLE_KEY_CHARS &&
    apiKey.length >= head.length + tail.length &&
    apiKey.startsWith(head) &&
    apiKey.endsWith(tail)
  );
}

/** Our entry of main_keys, or null when none or several match (an older doc showed one object, so accept that too). */
function ourKeyEntry(mainKeys: unknown, apiKey: string): Json | null {
  if (!apiKey) return null;
  const entries = (Array.isArray(mainKeys) ? mainKeys : [mainKeys]).map(asRecord);
  const ours = entries.filter((entry) => {
    const key = text(entry.key);
    return key !== null && isOurKey(key, apiKey);
  });
  return ours.length === 1 ? (ours[0] ?? null) : null;
}

/** A capability true when any of its sources is, false only when all are known to be false. */
const any = (...values: (boolean | null)[]): boolean | null =>
  values.includes(true) ? true : values.every((v) => v === false) ? false : null;

export function parseGatePermissions(detail: unknown, mainKeys: unknown, apiKey: string): PermissionProbe {
  const d = asRecord(detail);
  const entry = ourKeyEntry(mainKeys, apiKey);
  // name → read_only; a group missing from the list is disabled (each group is disabled, read-only or read-write).
  const perms = new Map<string, boolean | null>();
  for (const perm of Array.isArray(entry?.perms) ? entry.perms : []) {
    const { name, read_only } = asRecord(perm);
    if (typeof name === 'string') perms.set(name, typeof read_only === 'boolean' ? read_only : null);
  }
  const known = perms.size > 0;
  const writable = (name: string): boolean | null => {
    if (!known) return null;
    if (!perms.has(name)) return false;
    const readOnly = perms.get(name);
    return readOnly === null || readOnly === undefined ? null : !readOnly;
  };
  // The doc's list of perm names has no withdrawal group although the console has one: absent means unreported.
  const withdrawName = ['withdraw', 'withdrawal'].find((name) => perms.has(name));
  return {
    accountUid: idText(d.user_id) ?? idText(entry?.user_id),
    permissions: {
      ...UNKNOWN_PERMISSIONS,
      // Every granted group can at least read its own area.
      read: known ? true : null,
      spotTrade: writable('spot'),
      // The doc names the spot group "spot/margin" and lists a separate margin group; either allows margin trading.
      margin: known ? any(writable('margin'), writable('spot')) : null,
      futures: known ? any(writable('futures'), writable('delivery')) : null,
      withdraw: withdrawName ? writable(withdrawName) : null,
      // wallet read-write is "account records & fund transfers"; withdrawals are a separate group.
      internalTransfer: writable('wallet'),
      // /account/detail describes the calling key; main_keys is the fallback when detail said nothing.
      ...ipWhitelist(stringList(d.ip_whitelist) ?? stringList(entry?.ip_whitelist)),
      // main_keys lists the keys of the main account, but the doc does not say what a sub-account key sees there.
      accountKind: null,
    },
  };
}

export async function probeGate(exchange: Exchange): Promise<PermissionProbe> {
  const detail = await call(exchange, 'privateAccountGetDetail');
  // A key may read its own detail yet be refused the key list: keep what detail said unless the failure is transient.
  const mainKeys = await call(exchange, 'privateAccountGetMainKeys').catch((error: unknown) => {
    if (reasonSpec(classifyError(error).reason).retryable) throw error;
    return undefined;
  });
  return parseGatePermissions(detail, mainKeys, exchange.apiKey);
}
