'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { ResultOf } from '../../graphql/graphql';
import type { ConnectionDetailFragment } from './connection-detail.fragment';

/** As the connection page's fragment selects them (the api's KeyPermissions). */
export type Permissions = ResultOf<typeof ConnectionDetailFragment>['permissions'];

const RIGHTS = ['read', 'spotTrade', 'margin', 'futures', 'withdraw', 'internalTransfer'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the exchange says this key may do; a right it did not report is shown as such, never as "no". */
export function PermissionMatrix({ permissions }: { permissions: Permissions }) {
  const t = useTranslations('permissions');
  const format = useFormatter();
  if (!permissions) return <p className="muted">{t('none')}</p>;
  const answer = (value: boolean | null) => (value === null ? t('unknown') : value ? t('yes') : t('no'));
  const expires = permissions.expiresAt ? new Date(permissions.expiresAt) : null;
  const left = expires ? expires.getTime() - Date.now() : null;
  // whole days to go (rounded up), or whole days since (rounded down)
  const days = left === null ? null : left > 0 ? Math.ceil(left / DAY_MS) : Math.floor(-left / DAY_MS);
  return (
    <table className="permissions">
      <caption className="visually-hidden">{t('title')}</caption>
      <tbody>
        {RIGHTS.map((right) => (
          <tr key={right} className={right === 'withdraw' && permissions.withdraw ? 'danger' : undefined}>
            <th scope="row">{t(right)}</th>
            <td>{answer(permissions[right])}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('ipRestricted')}</th>
          <td>
            {permissions.ipRestricted && permissions.allowedIps?.length
              ? permissions.allowedIps.join(', ')
              : answer(permissions.ipRestricted)}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('expiresAt')}</th>
          <td>
            {expires ? (
              <>
                <time dateTime={permissions.expiresAt ?? undefined}>
                  {format.dateTime(expires, { dateStyle: 'medium' })}
                </time>{' '}
                {left !== null && left <= 0 ? (
                  <strong>({t('passedDaysAgo', { days: days ?? 0 })})</strong>
                ) : (
                  `(${t('inDays', { days: days ?? 0 })})`
                )}
              </>
            ) : (
              t('noExpiry')
            )}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('accountKind')}</th>
          <td>
            {permissions.accountKind === 'master'
              ? t('master')
              : permissions.accountKind === 'sub'
                ? t('sub')
                : t('unknown')}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
