import { ApiProblem } from '../components/ApiProblem';
import { ExchangeList } from '../components/ExchangeList';
import { loadExchanges } from '../lib/exchanges';

// Ask the API on every request; never prerender at build time (the API need not run during `next build`).
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const result = await loadExchanges();
  const popular = result.ok ? result.data.filter((exchange) => exchange.popular) : [];
  const checkedAt = new Date();

  return (
    <main>
      <h1>Keyport — connect your exchange accounts</h1>
      <p className="lead">Connect your crypto-exchange accounts with an API key and watch them live.</p>

      <section aria-labelledby="api-status">
        <h2 id="api-status">API status</h2>
        {result.ok ? (
          <div className="status status-ok">
            <p>
              <span className="status-label">
                <span aria-hidden="true">✓ </span>Connected.
              </span>{' '}
              The Keyport API supports <strong>{result.data.length}</strong>{' '}
              {result.data.length === 1 ? 'exchange' : 'exchanges'}.
            </p>
          </div>
        ) : (
          <ApiProblem failure={result} />
        )}
        <p className="muted">
          Checked at{' '}
          <time dateTime={checkedAt.toISOString()}>{checkedAt.toISOString().slice(11, 19)} UTC</time>.
        </p>
      </section>

      {result.ok ? (
        <section aria-labelledby="popular-exchanges">
          <h2 id="popular-exchanges">Popular exchanges</h2>
          {popular.length > 0 ? (
            <ExchangeList exchanges={popular} />
          ) : (
            <p>No exchange is marked as popular.</p>
          )}
        </section>
      ) : null}
    </main>
  );
}
