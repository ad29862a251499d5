import type { ExchangeSummary } from '../lib/exchanges';

/** Exchanges as cards: name, the credential fields the connect form will ask for, and testnet support. */
export function ExchangeList({ exchanges }: { exchanges: readonly ExchangeSummary[] }) {
  return (
    <ul className="exchanges">
      {exchanges.map((exchange) => (
        <li key={exchange.id} className="exchange">
          <h3>
            {exchange.name}
            {exchange.hasTestnet ? (
              <span className="badge" title="A testnet (sandbox) is available">
                testnet
              </span>
            ) : null}
          </h3>
          <p>
            <span className="muted">Credentials:</span>{' '}
            {exchange.requiredCredentials.map((field) => field.label).join(', ') || 'none'}
          </p>
        </li>
      ))}
    </ul>
  );
}
