// Per-exchange guides to making the right API key, as data: the api serves them (`exchange(id) { guide }`), the
// dashboard shows them beside Add New Exchange and links a failure's remedy to the matching section. Written
// from each exchange's public API documentation; `lastChecked` says when. No ccxt here.

export const GUIDE_LOCALES = ['en', 'fr'] as const;
export type GuideLocale = (typeof GUIDE_LOCALES)[number];

/** One text in every language the dashboard speaks. */
export type Text = Readonly<Record<GuideLocale, string>>;

/** The parts of a guide, each an anchor the dashboard and a failure's remedy link to. */
export const GUIDE_SECTIONS = [
  'create-key',
  'permissions',
  'extra-field',
  'ip-whitelist',
  'expiry',
  'futures',
  'testnet',
  'trade-check',
  'checklist',
] as const;
export type GuideSection = (typeof GUIDE_SECTIONS)[number];

/** A switch on the exchange's key form, by the exact name the exchange gives it (never translated). */
export interface PermissionSwitch {
  name: string;
  /** on: Keyport needs it; off: must stay off (withdrawals); optional: only for what the user wants (trading). */
  turn: 'on' | 'off' | 'optional';
  why: Text;
}

/**
 * How Keyport knows a key may trade on this exchange: `verified` by a signed order-validation request that
 * executes nothing, `reported` by a permission endpoint, `unknown` when the exchange offers neither.
 */
export type TradeCheckMode = 'verified' | 'reported' | 'unknown';

export interface ExchangeGuide {
  /** The catalogue (ccxt) id. */
  exchangeId: string;
  /** When the guide was last checked against the exchange's documentation, YYYY-MM-DD. */
  lastChecked: string;
  /** The public documentation pages it was written from. */
  sources: readonly string[];
  createKey: {
    /** Where API management is in the exchange's menus, by the exchange's own labels, e.g. "Profile → API Management". */
    menuPath: Text;
    steps: readonly Text[];
  };
  permissions: readonly PermissionSwitch[];
  /** What the exchange asks for besides key and secret. */
  extraField: {
    kind: 'none' | 'passphrase' | 'uid' | 'memo' | 'key-name-and-private-key';
    /** The exchange's own name for it (e.g. "Passphrase", "Memo"), null when there is none. */
    label: string | null;
    explanation: Text;
  };
  ipWhitelist: {
    /** The exchange's own name for the field, e.g. "Restrict access to trusted IPs only". */
    fieldName: string;
    explanation: Text;
  };
  /** Key expiry and inactivity rules. */
  expiry: Text;
  /** How futures (derivatives) get enabled for the account and the key. */
  futures: Text;
  testnet: {
    available: boolean;
    /** Where testnet or demo keys are made, null when there is no testnet. */
    url: string | null;
    explanation: Text;
  };
  tradeCheck: {
    mode: TradeCheckMode;
    /** The order-validation or permission endpoint, e.g. "POST /api/v3/order/test"; null for unknown. */
    endpoint: string | null;
    /** Whether the exchange documents that this endpoint checks the key's trade permission; null: not documented. */
    checksTradePermission: boolean | null;
    explanation: Text;
  };
  /** What to check when the exchange rejects the key, most likely cause first. */
  checklist: readonly Text[];
}
