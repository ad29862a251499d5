'use client';

import { venueOf } from '@keyport/exchange/venue-of';
import { useFormatter, useTranslations } from 'next-intl';

export interface Warning {
  code: string;
  detail: string | null;
}

const KNOWN = new Set([
  'KEY_EXPIRES_SOON',
  'KEY_EXPIRY_PASSED',
  'IP_UNRESTRICTED',
  'WALLETS_UNREADABLE',
  'SAME_ACCOUNT_AS_OTHER',
  'ACCOUNT_CHANGED',
  'FUTURES_NOT_ENABLED',
  'WITHDRAWALS_ENABLED',
  'WITHDRAWAL_RIGHTS_UNKNOWN',
]);

/** What may break this connection soon, each with what to do, in the reader's language. */
export function ConnectionWarnings({
  warnings,
  exchangeId,
}: {
  warnings: readonly Warning[];
  /** Some advice is the exchange's own rule (Binance's on unrestricted keys). */
  exchangeId: string;
}) {
  const t = useTranslations('warnings');
  const format = useFormatter();
  const text = t as unknown as (key: string, values: Record<string, string | number>) => string;
  const shown = warnings.filter((w) => KNOWN.has(w.code));
  if (shown.length === 0) return null;
  return (
    <ul className="warnings" aria-label={t('title')}>
      {shown.map((w) => (
        <li key={w.code} className="alert warn">
          {text(w.code, {
            days: Number(w.detail ?? 0),
            wallets: w.detail ?? '',
            labels: w.detail ?? '',
            was: w.detail?.split(',')[0] ?? '',
            now: w.detail?.split(',')[1] ?? '',
            // KEY_EXPIRES_SOON's detail is the days left; its date is said by the API's own message only
            date:
              w.code === 'KEY_EXPIRY_PASSED' && w.detail
                ? format.dateTime(new Date(`${w.detail}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })
                : 'none',
            exchange: venueOf(exchangeId),
          })}
        </li>
      ))}
    </ul>
  );
}
