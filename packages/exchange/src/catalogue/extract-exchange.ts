import type { Exchange } from 'ccxt';
import type { AccountType, CredentialKey } from './catalogue';
import type { CatalogueEntry } from './catalogue-file';
import { CREDENTIAL_KEYS, isCredentialKey } from './credential-fields';

/** Listed first, in this order; the rest follow alphabetically by name. */
export const POPULAR_IDS = [
  'binance',
  'okx',
  'bybit',
  'coinbase',
  'kraken',
  'kucoin',
  'bitget',
  'gate',
  'htx',
  'mexc',
  'bitfinex',
  'cryptocom',
];

// hasTestnet = !!urls.test, plus exchanges whose sandbox is a demo mode on the live host rather than a
// test URL: bitget's setSandboxMode only sets options.sandboxMode and sign() then adds the PAPTRADING
// header (ccxt.md §1.2/§1.3). Any other exchange without urls.test silently breaks in sandbox mode.
const DEMO_HEADER_SANDBOX_IDS = new Set(['bitget']);

// fetchBalance takes a `type` selecting a funding wallet on these (ccxt.md §1.2, read from their sources).
const FUNDING_WALLET_IDS = new Set([
  'binance',
  'okx',
  'bybit',
  'kucoin',
  'bitget',
  'gate',
  'bitfinex',
  'bingx',
]);

const MARKET_ACCOUNT_TYPES = ['spot', 'margin', 'swap', 'future', 'option'] as const satisfies AccountType[];

export function extractExchange(exchange: Exchange): CatalogueEntry {
  const { id } = exchange;
  return {
    id,
    name: exchange.name || id,
    popular: POPULAR_IDS.includes(id),
    requiredCredentials: requiredCredentials(exchange),
    hasTestnet: Boolean(exchange.urls.test) || DEMO_HEADER_SANDBOX_IDS.has(id),
    accountTypes: accountTypes(exchange),
    website: firstWebsite(exchange.urls.www),
    countries: [...(exchange.countries ?? [])],
    certified: exchange.certified === true,
    pro: exchange.pro === true,
  };
}

const nameOrder = new Intl.Collator('en', { sensitivity: 'base' });

export function compareEntries(a: CatalogueEntry, b: CatalogueEntry): number {
  return (
    popularRank(a.id) - popularRank(b.id) ||
    nameOrder.compare(a.name, b.name) ||
    a.id.localeCompare(b.id, 'en')
  );
}

function popularRank(id: string): number {
  const rank = POPULAR_IDS.indexOf(id);
  return rank === -1 ? POPULAR_IDS.length : rank;
}

// ccxt marks nothing required here, yet its balance read refuses to start without the account's address
// (catalogue.test walks every form through a signed first request and finds these)
const READ_NEEDS: Record<string, string[]> = {
  dydx: ['walletAddress'],
  pacifica: ['walletAddress'],
  // sent as options.deriveWalletAddress (create-client.ts)
  derive: ['walletAddress'],
};

function requiredCredentials(exchange: Exchange): CredentialKey[] {
  const required = [
    ...Object.entries(exchange.requiredCredentials)
      .filter(([, isRequired]) => isRequired === true)
      .map(([key]) => key),
    ...(READ_NEEDS[exchange.id] ?? []),
  ];
  // A credential ccxt invents later must get a label before it can be offered, so stop here.
  const unknown = required.filter((key) => !isCredentialKey(key));
  if (unknown.length > 0) {
    throw new Error(
      `${exchange.id} requires unknown credentials ${unknown.join(', ')}: add them to credential-fields.ts`,
    );
  }
  return CREDENTIAL_KEYS.filter((key) => required.includes(key));
}

function accountTypes(exchange: Exchange): AccountType[] {
  // `has` values may be 'emulated' or undefined; only a plain true means the market type exists.
  const types: AccountType[] = MARKET_ACCOUNT_TYPES.filter((type) => exchange.has[type] === true);
  if (FUNDING_WALLET_IDS.has(exchange.id)) types.push('funding');
  return types;
}

function firstWebsite(www: unknown): string | null {
  const candidates: unknown[] = Array.isArray(www) ? www : [www];
  const first = candidates.find((url): url is string => typeof url === 'string' && url !== '');
  return first ?? null;
}
