// What may break a working connection, or what the user should know, worked out from what was stored at
// its last check. Re-read with the connection, so every live update carries the current warnings.
import type { IExchangeConnection } from '@keyport/db/entities';
import type { Values } from '@keyport/messages/say';

export const WARNING_CODES = [
  'KEY_EXPIRES_SOON',
  'KEY_EXPIRY_PASSED',
  'IP_UNRESTRICTED',
  'WALLETS_UNREADABLE',
  'SAME_ACCOUNT_AS_OTHER',
  'ACCOUNT_CHANGED',
  'FUTURES_NOT_ENABLED',
  'WITHDRAWALS_ENABLED',
  'WITHDRAWAL_RIGHTS_UNKNOWN',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ConnectionWarning {
  code: WarningCode;
  /** The exchange it is about: some advice is that exchange's own rule (Binance's on unrestricted keys). */
  exchangeId: string;
  /** What the message (`warnings.<code>` in @keyport/messages) says besides the exchange. */
  values: Values;
  /** Days left (KEY_EXPIRES_SOON), the date passed (KEY_EXPIRY_PASSED), wallet names, or the other connections' labels. */
  detail: string | null;
}

/** Warned this long before a key (or its trading right) lapses: time to make and paste a new one. */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function connectionWarnings(
  c: IExchangeConnection,
  /** Labels of the owner's other live connections to the same exchange account (batched by the caller). */
  sameAccountLabels: (connectionId: string) => Promise<string[]>,
  now = Date.now(),
): Promise<ConnectionWarning[]> {
  if (c.deletedAt || !c.credentials) return [];
  const warnings: ConnectionWarning[] = [];
  const warn = (code: WarningCode, detail: string | null, values: Values = {}) =>
    warnings.push({ code, exchangeId: c.exchangeId, values, detail });
  const expiresAt = c.permissions?.expiresAt ? Date.parse(c.permissions.expiresAt) : Number.NaN;
  if (Number.isFinite(expiresAt) && expiresAt <= now) {
    // still connected after the date: the exchange is late, or will stop the key at any time (Binance keys never
    // expire: what lapses there is the trading right of a key open to any IP)
    const date = new Date(expiresAt).toISOString().slice(0, 10);
    warn('KEY_EXPIRY_PASSED', date, { date });
  } else if (Number.isFinite(expiresAt) && expiresAt - now < EXPIRY_WARNING_DAYS * DAY_MS) {
    const days = Math.ceil((expiresAt - now) / DAY_MS);
    warn('KEY_EXPIRES_SOON', String(days), { days, date: new Date(expiresAt).toISOString().slice(0, 10) });
  }
  if (c.permissions?.ipRestricted === false) warn('IP_UNRESTRICTED', null);
  // only where the deployment accepts such keys (ALLOW_WITHDRAWAL_KEYS); elsewhere they are refused
  if (c.permissions?.withdraw === true) warn('WITHDRAWALS_ENABLED', null);
  // checked, and the exchange did not say: Keyport could not refuse a key that can withdraw (Exchange.support)
  if (c.permissions && c.permissions.withdraw === null) warn('WITHDRAWAL_RIGHTS_UNKNOWN', null);
  const futuresAsked = c.accountTypes.some((type) => type === 'swap' || type === 'future');
  if (futuresAsked && c.permissions?.futures === false) warn('FUTURES_NOT_ENABLED', null);
  if (c.unreadableWallets && c.unreadableWallets.length > 0) {
    const wallets = c.unreadableWallets.map((w) => w.wallet).join(', ');
    warn('WALLETS_UNREADABLE', wallets, { wallets });
  }
  if (c.previousAccountUid && c.exchangeAccountUid && c.previousAccountUid !== c.exchangeAccountUid) {
    warn('ACCOUNT_CHANGED', `${c.previousAccountUid},${c.exchangeAccountUid}`, {
      was: c.previousAccountUid,
      now: c.exchangeAccountUid,
    });
  }
  if (c.exchangeAccountUid) {
    const others = await sameAccountLabels(c.id);
    if (others.length > 0) {
      const labels = others.join(', ');
      warn('SAME_ACCOUNT_AS_OTHER', labels, { labels });
    }
  }
  return warnings;
}
