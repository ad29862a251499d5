// What may break a working connection, or what the user should know, worked out from what was stored at
// its last check. Re-read with the connection, so every live update carries the current warnings.
import type { IExchangeConnection } from '@keyport/db/entities';

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
  message: string;
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
  const expiresAt = c.permissions?.expiresAt ? Date.parse(c.permissions.expiresAt) : Number.NaN;
  // Binance keys never expire: what lapses is the trading right of a key open to any IP
  const tradingOnly = c.exchangeId === 'binance';
  if (Number.isFinite(expiresAt) && expiresAt <= now) {
    const date = new Date(expiresAt).toISOString().slice(0, 10);
    warnings.push({
      code: 'KEY_EXPIRY_PASSED',
      message: tradingOnly
        ? `Binance ${c.permissions?.spotTrade === false ? 'ended' : 'ends'} this key's trading right on ${date}, as it does for keys open to any IP; Keyport still reads it. To trade, restrict a key to Keyport's addresses and replace the keys.`
        : // still connected after the date: the exchange is late, or will stop the key at any time
          `This key's expiry date (${date}) has passed: the exchange may stop it at any time. Create a new one and replace the keys.`,
      detail: date,
    });
  } else if (Number.isFinite(expiresAt) && expiresAt - now < EXPIRY_WARNING_DAYS * DAY_MS) {
    const days = Math.ceil((expiresAt - now) / DAY_MS);
    const date = new Date(expiresAt).toISOString().slice(0, 10);
    const inDays = `${days} day${days === 1 ? '' : 's'}, on ${date}`;
    warnings.push({
      code: 'KEY_EXPIRES_SOON',
      message: tradingOnly
        ? `This key's trading right ends in ${inDays}: Binance ends it on keys open to any IP. Restrict the key to Keyport's addresses, or create a new one and replace the keys.`
        : `This key stops working in ${inDays}: create a new one and replace the keys.`,
      detail: String(days),
    });
  }
  if (c.permissions?.ipRestricted === false) {
    warnings.push({
      code: 'IP_UNRESTRICTED',
      message: `This key works from any IP address: restrict it to Keyport’s addresses.${
        c.exchangeId === 'binance'
          ? ' Binance also ends the trading rights of unrestricted keys after a while.'
          : ''
      }`,
      detail: null,
    });
  }
  // only where the deployment accepts such keys (ALLOW_WITHDRAWAL_KEYS); elsewhere they are refused
  if (c.permissions?.withdraw === true) {
    warnings.push({
      code: 'WITHDRAWALS_ENABLED',
      message:
        'This key can withdraw funds: a leak of it could empty the account. Switch withdrawals off on the exchange.',
      detail: null,
    });
  }
  // checked, and the exchange did not say: Keyport could not refuse a key that can withdraw (Exchange.support)
  if (c.permissions && c.permissions.withdraw === null) {
    warnings.push({
      code: 'WITHDRAWAL_RIGHTS_UNKNOWN',
      message:
        'Keyport cannot read on this exchange whether the key can withdraw funds: check on the exchange that withdrawals are switched off for it.',
      detail: null,
    });
  }
  const futuresAsked = c.accountTypes.some((type) => type === 'swap' || type === 'future');
  if (futuresAsked && c.permissions?.futures === false) {
    warnings.push({
      code: 'FUTURES_NOT_ENABLED',
      message:
        'Futures were asked for, but this key may not use futures: enable futures on the key (and on the account) to trade them.',
      detail: null,
    });
  }
  if (c.unreadableWallets && c.unreadableWallets.length > 0) {
    const wallets = c.unreadableWallets.map((w) => w.wallet).join(', ');
    warnings.push({
      code: 'WALLETS_UNREADABLE',
      message: `This key may not read: ${wallets}. Allow it on the exchange, or untick those wallets.`,
      detail: wallets,
    });
  }
  if (c.previousAccountUid && c.exchangeAccountUid && c.previousAccountUid !== c.exchangeAccountUid) {
    warnings.push({
      code: 'ACCOUNT_CHANGED',
      message: `The new keys belong to another exchange account (${c.exchangeAccountUid}, was ${c.previousAccountUid}): balances from now on are that account's.`,
      detail: `${c.previousAccountUid},${c.exchangeAccountUid}`,
    });
  }
  if (c.exchangeAccountUid) {
    const others = await sameAccountLabels(c.id);
    if (others.length > 0) {
      const labels = others.join(', ');
      warnings.push({
        code: 'SAME_ACCOUNT_AS_OTHER',
        message: `Same exchange account as ${labels}: your portfolio counts the account once, from the connection read last.`,
        detail: labels,
      });
    }
  }
  return warnings;
}
