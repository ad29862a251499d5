'use client';

import { venueOf } from '@keyport/exchange/venue-of';
import { useFormatter, useTranslations } from 'next-intl';
import type { ConnectionWarningCode } from '../../graphql/enums';

export interface Warning {
  code: string;
  detail: string | null;
}

// every warning the schema has (a new one fails typecheck until it is here and has its text)
const KNOWN: Readonly<Record<ConnectionWarningCode, true>> = {
  KEY_EXPIRES_SOON: true,
  KEY_EXPIRY_PASSED: true,
  IP_UNRESTRICTED: true,
  WALLETS_UNREADABLE: true,
  SAME_ACCOUNT_AS_OTHER: true,
  ACCOUNT_CHANGED: true,
  FUTURES_NOT_ENABLED: true,
  WITHDRAWALS_ENABLED: true,
  WITHDRAWAL_RIGHTS_UNKNOWN: true,
};

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
  const shown = warnings.filter((w) => Object.hasOwn(KNOWN, w.code));
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
