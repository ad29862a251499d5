'use client';

import { useTranslations } from 'next-intl';
import { useDeferredValue, useId, useState } from 'react';

interface Pickable {
  id: string;
  name: string;
  popular: boolean;
  hasTestnet: boolean;
}

function matches(exchange: Pickable, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return !needle || exchange.id.includes(needle) || exchange.name.toLowerCase().includes(needle);
}

/** Search the catalogue, popular exchanges first; each result is a button, so Tab and Enter pick it. */
export function ExchangePicker<T extends Pickable>({
  exchanges,
  onChoose,
}: {
  exchanges: readonly T[];
  onChoose: (exchange: T) => void;
}) {
  const t = useTranslations('add');
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const searchId = useId();
  const found = exchanges.filter((exchange) => matches(exchange, deferred));
  const popular = found.filter((exchange) => exchange.popular);
  const others = found.filter((exchange) => !exchange.popular);

  const list = (items: readonly T[]) => (
    <ul className="picker">
      {items.map((exchange) => (
        <li key={exchange.id}>
          <button
            type="button"
            className="pick"
            onClick={() => onChoose(exchange)}
            data-exchange={exchange.id}
            // read as "Binance, testnet available", not "Binancetestnet available"
            aria-label={exchange.hasTestnet ? t('pickWithTestnet', { exchange: exchange.name }) : undefined}
          >
            <span className="pick-name">{exchange.name}</span>
            {exchange.hasTestnet ? <span className="badge neutral">{t('hasTestnet')}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="card" aria-labelledby="pick-title">
      <h2 id="pick-title">{t('pickTitle')}</h2>
      <div className="field">
        <label htmlFor={searchId}>{t('search')}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder={t('searchPlaceholder')}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            // Enter in the search box picks the first match
            if (event.key === 'Enter' && found[0]) {
              event.preventDefault();
              onChoose(found[0]);
            }
          }}
        />
      </div>
      <p className="muted" aria-live="polite">
        {found.length === 0 ? t('noMatch', { search: deferred }) : t('results', { count: found.length })}
      </p>
      {popular.length > 0 ? (
        <>
          <h3>{t('popular')}</h3>
          {list(popular)}
        </>
      ) : null}
      {others.length > 0 ? (
        <>
          <h3>{t('all')}</h3>
          {list(others)}
        </>
      ) : null}
    </section>
  );
}
