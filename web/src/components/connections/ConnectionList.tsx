'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { type FragmentOf, readFragment } from '../../graphql/graphql';
import { Link } from '../../i18n/navigation';
import { TableScroll } from '../layout/TableScroll';
import { ConnectionRowFragment } from './connection-row.fragment';
import { StatusBadge } from './StatusBadge';
import { useLiveConnections } from './use-live-connections';

export function ConnectionList({
  initial,
}: {
  initial: readonly FragmentOf<typeof ConnectionRowFragment>[];
}) {
  const t = useTranslations('list');
  const tTypes = useTranslations('accountTypes');
  const tNav = useTranslations('nav');
  const format = useFormatter();
  const rows = useLiveConnections(initial).map((row) => readFragment(ConnectionRowFragment, row));

  if (rows.length === 0) {
    return (
      <section className="empty" aria-labelledby="empty-title">
        <h2 id="empty-title">{t('emptyTitle')}</h2>
        <p>{t('emptyBody')}</p>
        <Link className="button primary" href="/exchanges/new">
          {tNav('addExchange')}
        </Link>
      </section>
    );
  }

  return (
    <TableScroll label={t('title')}>
      <table className="connections">
        <thead>
          <tr>
            <th scope="col">{t('label')}</th>
            <th scope="col">{t('exchange')}</th>
            <th scope="col">{t('key')}</th>
            <th scope="col">{t('accountTypes')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('lastVerified')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-connection-id={row.id}>
              <th scope="row">
                <Link href={`/exchanges/${row.id}`} aria-label={t('open', { label: row.label })}>
                  {row.label}
                </Link>
              </th>
              <td>
                {row.exchange?.name ?? row.exchangeId}
                {row.sandbox ? <span className="badge neutral">{t('testnet')}</span> : null}
              </td>
              <td>
                <code>{row.keyHint}</code>
              </td>
              <td>{row.accountTypes.map((type) => tTypes(type)).join(', ')}</td>
              <td aria-live="polite">
                <StatusBadge status={row.status} />
              </td>
              <td>
                {row.lastVerifiedAt ? (
                  <time dateTime={row.lastVerifiedAt}>
                    {format.dateTime(new Date(row.lastVerifiedAt), {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    })}
                  </time>
                ) : (
                  t('never')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
