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

/** Keyport's policy on a key's rights: one that can move funds, or cannot read, is refused. */
export function refusalOf(permissions: KeyPermissions): 'WITHDRAWALS_ENABLED' | 'READ_NOT_ALLOWED' | null {
  if (permissions.withdraw === true) return 'WITHDRAWALS_ENABLED';
  if (permissions.read === false) return 'READ_NOT_ALLOWED';
  return null;
}
