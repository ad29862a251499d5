// The normalised permission matrix of an API key. No ccxt here: the api and the database share it.

/** Each value is what the exchange reported, or `null` when it did not say (unknown). */
export interface KeyPermissions {
  read: boolean | null;
  spotTrade: boolean | null;
  margin: boolean | null;
  futures: boolean | null;
  withdraw: boolean | null;
  internalTransfer: boolean | null;
  ipRestricted: boolean | null;
  allowedIps: string[] | null;
  /** ISO date after which the key (or its trading right) stops working. */
  expiresAt: string | null;
  accountKind: 'master' | 'sub' | null;
}

export const UNKNOWN_PERMISSIONS: KeyPermissions = {
  read: null,
  spotTrade: null,
  margin: null,
  futures: null,
  withdraw: null,
  internalTransfer: null,
  ipRestricted: null,
  allowedIps: null,
  expiresAt: null,
  accountKind: null,
};

/** Our egress addresses a whitelisted key does not allow; empty when it is unrestricted or not reported. */
export function missingEgressIps(permissions: KeyPermissions, egressIps: readonly string[]): string[] {
  if (permissions.ipRestricted !== true || !permissions.allowedIps) return [];
  const allowed = new Set(permissions.allowedIps);
  return egressIps.filter((ip) => !allowed.has(ip));
}

/**
 * Keyport's policy on a key's rights: one that can move funds, or cannot read, is refused; so is one that may
 * not trade when the connection is for trading, and one whose whitelist leaves out some of our egress IPs (it
 * would work from one worker and fail from the next). A right the exchange does not report is no refusal.
 */
export function refusalOf(
  permissions: KeyPermissions,
  egressIps: readonly string[] = [],
  needs: {
    trading?: boolean;
    /** The right trading needs on this exchange (venue-of tradingRight): futures on a futures-only client. */
    tradingRight?: 'spotTrade' | 'futures';
    allowWithdrawals?: boolean;
    refuseUnknownWithdrawals?: boolean;
  } = {},
):
  | 'WITHDRAWALS_ENABLED'
  | 'WITHDRAWAL_RIGHTS_UNKNOWN'
  | 'READ_NOT_ALLOWED'
  | 'TRADE_NOT_ALLOWED'
  | 'IP_NOT_WHITELISTED'
  | null {
  // a deployment may accept such keys (ALLOW_WITHDRAWAL_KEYS): they are flagged on the connection instead
  if (permissions.withdraw === true && !needs.allowWithdrawals) return 'WITHDRAWALS_ENABLED';
  // a deployment may hold no key it cannot check (UNKNOWN_WITHDRAWAL_RIGHTS=refuse); by default it warns
  if (permissions.withdraw === null && needs.refuseUnknownWithdrawals && !needs.allowWithdrawals)
    return 'WITHDRAWAL_RIGHTS_UNKNOWN';
  if (permissions.read === false) return 'READ_NOT_ALLOWED';
  if (needs.trading && permissions[needs.tradingRight ?? 'spotTrade'] === false) return 'TRADE_NOT_ALLOWED';
  if (missingEgressIps(permissions, egressIps).length > 0) return 'IP_NOT_WHITELISTED';
  return null;
}
