// Data only: this module is loaded by the api, which must never load ccxt (see generate.ts).
import { readableAccountTypes } from '../balances/wallet-reads';
import { type CatalogueEntry, isAccountType } from './catalogue-file';
import { CREDENTIAL_KEYS, credentialField, isCredentialKey } from './credential-fields';
import data from './exchanges.json' with { type: 'json' };

export type CredentialKey =
  | 'apiKey'
  | 'secret'
  | 'password'
  | 'uid'
  | 'login'
  | 'privateKey'
  | 'walletAddress'
  | 'accountId'
  | 'token'
  | 'twofa';

/** Every credential field ccxt knows, in form order. */
export const ALL_CREDENTIAL_KEYS: readonly CredentialKey[] = CREDENTIAL_KEYS;

export type AccountType = 'spot' | 'margin' | 'swap' | 'future' | 'option' | 'funding';

export interface CredentialField {
  key: CredentialKey;
  label: string;
  /** Masked input, never echoed back. */
  secret: boolean;
  multiline: boolean;
  hint: string;
}

export interface CatalogueExchange {
  id: string;
  name: string;
  popular: boolean;
  requiredCredentials: CredentialField[];
  hasTestnet: boolean;
  accountTypes: AccountType[];
  website: string | null;
  countries: string[];
  certified: boolean;
}

/** The ccxt release exchanges.json was generated from. */
export const catalogueCcxtVersion: string = data.ccxtVersion;

const exchanges: CatalogueExchange[] = data.exchanges.map(toCatalogueExchange);
const byId = new Map(exchanges.map((exchange) => [exchange.id, exchange]));
const searchIndex = exchanges.map((exchange) => ({
  exchange,
  texts: [fold(exchange.id), fold(exchange.name)],
}));

/** Popular exchanges first, then by name; `search` matches id or name, ignoring case and accents. */
export function listExchanges(search?: string): CatalogueExchange[] {
  const query = fold(search ?? '').trim();
  if (query === '') return [...exchanges];
  const compactQuery = compact(query);
  const matches = (text: string) =>
    text.includes(query) || (compactQuery !== '' && compact(text).includes(compactQuery));
  return searchIndex.filter(({ texts }) => texts.some(matches)).map(({ exchange }) => exchange);
}

export function findExchange(id: string): CatalogueExchange | undefined {
  return byId.get(id);
}

// Typing the parameter this way makes tsc check the JSON against the shape the generator writes.
type StoredEntry = Omit<CatalogueEntry, 'requiredCredentials' | 'accountTypes'> & {
  requiredCredentials: string[];
  accountTypes: string[];
};

function toCatalogueExchange(entry: StoredEntry): CatalogueExchange {
  const { id, name, popular, hasTestnet, website, countries, certified } = entry;
  const exchange: CatalogueExchange = {
    id,
    name,
    popular,
    requiredCredentials: entry.requiredCredentials.map((key) => {
      if (!isCredentialKey(key)) {
        throw new Error(`exchanges.json: ${id} requires unknown credential "${key}"`);
      }
      return Object.freeze(credentialField(key, id));
    }),
    hasTestnet,
    // offered only where read: ccxt lists more (KuCoin's margin and main accounts) than one balance read returns
    accountTypes: readableAccountTypes(
      id,
      entry.accountTypes.map((type) => {
        if (!isAccountType(type))
          throw new Error(`exchanges.json: ${id} lists unknown account type "${type}"`);
        return type;
      }),
    ),
    website,
    countries: [...countries],
    certified,
  };
  // Shared by every caller, so no caller may change it for the others.
  Object.freeze(exchange.requiredCredentials);
  Object.freeze(exchange.accountTypes);
  Object.freeze(exchange.countries);
  return Object.freeze(exchange);
}

// NFKD splits accents off (and turns "Ⓢ" into "S") so "é" matches "e".
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// Lets "cryptocom" find "Crypto.com" and "crypto com" find "cryptocom".
function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}
