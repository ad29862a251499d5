import type { AccountType, CredentialKey } from './catalogue';

/** One exchange as stored in exchanges.json: credential keys only, labels live in credential-fields.ts. */
export interface CatalogueEntry {
  id: string;
  name: string;
  popular: boolean;
  requiredCredentials: CredentialKey[];
  hasTestnet: boolean;
  accountTypes: AccountType[];
  website: string | null;
  countries: string[];
  certified: boolean;
  pro: boolean;
}

export interface CatalogueFile {
  ccxtVersion: string;
  exchanges: CatalogueEntry[];
}

export const ACCOUNT_TYPES: readonly AccountType[] = [
  'spot',
  'margin',
  'swap',
  'future',
  'option',
  'funding',
];

export function isAccountType(value: string): value is AccountType {
  return (ACCOUNT_TYPES as readonly string[]).includes(value);
}

export function formatCatalogueFile(file: CatalogueFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
