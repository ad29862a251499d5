'use client';

import dynamic from 'next/dynamic';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { useClient, useSubscription } from 'urql';
import { type FragmentOf, readFragment } from '../../graphql/graphql';
import { Link } from '../../i18n/navigation';
import { formatDecimal } from '../../lib/format-decimal';
import { useReconnects } from '../../lib/live-status';
import { TableScroll } from '../layout/TableScroll';
import { holdingsCsv } from './holdings-csv';
import { PortfolioFieldsFragment, PortfolioQuery, PortfolioUpdated } from './portfolio.fragment';

// recharts is ~100 kB: it comes after the page, which shows every number in its tables already
const PortfolioCharts = dynamic(() => import('./PortfolioCharts'), {
  ssr: false,
  loading: () => <div className="chart-skeleton" aria-hidden="true" />,
});

const QUOTES = ['USD', 'EUR', 'BTC'] as const;
type Quote = (typeof QUOTES)[number];
type SortKey = 'value' | 'asset' | 'amount' | 'share';

function compareDecimals(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  // exact enough for ordering; amounts are shown as the API sent them
  return Number(b) - Number(a);
}

/** Total, holdings by asset and by exchange, live: each balance change re-values on the server. */
export function PortfolioView({
  initial,
  quote,
}: {
  initial: FragmentOf<typeof PortfolioFieldsFragment>;
  quote: Quote;
}) {
  const t = useTranslations('portfolio');
  const format = useFormatter();
  const locale = useLocale();
  const client = useClient();
  const reconnects = useReconnects();
  const [masked, setMasked] = useState(initial);
  const [sort, setSort] = useState<SortKey>('value');
  useEffect(() => setMasked(initial), [initial]);
  useSubscription({ query: PortfolioUpdated, variables: { quote } }, (_prev, event) => {
    setMasked(event.portfolioUpdated);
    return event;
  });
  useEffect(() => {
    if (reconnects === 0) return;
    void client
      .query(PortfolioQuery, { quote }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (result.data) setMasked(result.data.portfolio);
      });
  }, [reconnects, client, quote]);

  const p = readFragment(PortfolioFieldsFragment, masked);
  const assets = useMemo(() => {
    const list = [...p.assets];
    if (sort === 'asset') return list.sort((a, b) => a.asset.localeCompare(b.asset));
    if (sort === 'amount') return list.sort((a, b) => compareDecimals(a.amount, b.amount));
    if (sort === 'share') return list.sort((a, b) => compareDecimals(a.share, b.share));
    return list;
  }, [p.assets, sort]);
  const money = (value: string | null) =>
    value === null ? t('unpriced') : `${formatDecimal(value, locale)} ${p.quote}`;
  const nothingValued = p.assets.every((a) => a.value === null);
  const pct = (value: string | null) => (value === null ? '—' : `${formatDecimal(value, locale)} %`);

  function downloadCsv() {
    const blob = new Blob([holdingsCsv(p.quote, p.assets)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `keyport-holdings-${p.quote}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  const sortButton = (key: SortKey, label: string) => (
    <button
      type="button"
      className="link-button"
      aria-pressed={sort === key}
      onClick={() => setSort(key)}
      aria-label={t('sortBy', { column: label })}
    >
      {label}
    </button>
  );

  return (
    <>
      <nav aria-label={t('quote')} className="actions quote-picker">
        <span>{t('quote')}</span>
        {QUOTES.map((q) =>
          q === quote ? (
            <span key={q} aria-current="true" className="badge neutral">
              {q}
            </span>
          ) : (
            <Link key={q} href={`/portfolio?quote=${q}`}>
              {q}
            </Link>
          ),
        )}
      </nav>

      {p.assets.length === 0 ? (
        <section className="empty" aria-labelledby="empty-portfolio">
          <h2 id="empty-portfolio">{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      ) : (
        <>
          <section className="card" aria-labelledby="total-title" aria-live="polite">
            <h2 id="total-title">{t('total')}</h2>
            <p className="total" data-total={p.total}>
              {/* nothing priced in this quote: a 0 would read as an empty account */}
              {nothingValued ? '—' : money(p.total)}
            </p>
            {nothingValued && p.pricesAt ? (
              <p className="alert warn">{t('noneValued', { quote: p.quote })}</p>
            ) : null}
            <p>
              {t('change24h')}: {p.change24h === null ? t('noChange') : pct(p.change24h)}
            </p>
            {p.pricesAt ? (
              <p className="muted">
                {t('pricesAt', { at: format.dateTime(new Date(p.pricesAt), { timeStyle: 'medium' }) })}
              </p>
            ) : (
              <p className="muted">{t('noPrices')}</p>
            )}
            {p.stale ? <p className="alert warn">{t('stale')}</p> : null}
            {p.unpricedAssets.length > 0 ? (
              <p className="muted">{t('unpricedNote', { assets: p.unpricedAssets.join(', ') })}</p>
            ) : null}
          </section>

          <PortfolioCharts
            quote={p.quote}
            total={p.total}
            slices={p.assets.flatMap((a) =>
              a.share === null ? [] : [{ asset: a.asset, share: Number(a.share) }],
            )}
          />

          <section className="card" aria-labelledby="assets-title">
            <div className="page-head">
              <h2 id="assets-title">{t('byAsset')}</h2>
              <button type="button" className="button" onClick={downloadCsv}>
                {t('exportCsv')}
              </button>
            </div>
            <TableScroll labelledBy="assets-title">
              <table className="holdings">
                <thead>
                  <tr>
                    <th scope="col">{sortButton('asset', t('asset'))}</th>
                    <th scope="col" className="num">
                      {sortButton('amount', t('amount'))}
                    </th>
                    <th scope="col" className="num">
                      {t('price')}
                    </th>
                    <th scope="col" className="num">
                      {sortButton('value', t('value'))}
                    </th>
                    <th scope="col" className="num">
                      {sortButton('share', t('share'))}
                    </th>
                    <th scope="col" className="num">
                      {t('change24h')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {assets.map((a) => (
                    <tr key={a.asset} data-asset={a.asset}>
                      <th scope="row">{a.asset}</th>
                      <td className="num">{formatDecimal(a.amount, locale)}</td>
                      <td className="num">
                        {money(a.price)}
                        {/* the quote currency itself is worth 1 of itself: nothing to say where from */}
                        {a.price !== null && a.asset !== p.quote ? (
                          <span className="price-source muted">
                            {a.priceSources.length === 0
                              ? t('atPar')
                              : t('priceSource', {
                                  sources: a.priceSources.map((source) => source.name).join(', '),
                                  at: a.pricedAt
                                    ? format.dateTime(new Date(a.pricedAt), { timeStyle: 'short' })
                                    : '',
                                })}
                          </span>
                        ) : null}
                      </td>
                      <td className="num">{money(a.value)}</td>
                      <td className="num">{pct(a.share)}</td>
                      <td className="num">{pct(a.change24h)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>

          <section className="card" aria-labelledby="exchanges-title">
            <h2 id="exchanges-title">{t('byExchange')}</h2>
            <TableScroll labelledBy="exchanges-title">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('exchange')}</th>
                    <th scope="col" className="num">
                      {t('value')}
                    </th>
                    <th scope="col" className="num">
                      {t('share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.exchanges.map((e) => (
                    <tr key={e.exchangeId}>
                      <th scope="row">{e.exchange?.name ?? e.exchangeId}</th>
                      <td className="num">{money(e.value)}</td>
                      <td className="num">{pct(e.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </>
  );
}
