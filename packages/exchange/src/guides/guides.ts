// The guides by exchange id, and which part of a guide answers which failure.
import type { ReasonCode } from '../status/statuses';
import { binanceGuide } from './binance';
import { bitfinexGuide } from './bitfinex';
import { bitgetGuide } from './bitget';
import { bybitGuide } from './bybit';
import { coinbaseGuide } from './coinbase';
import { cryptocomGuide } from './cryptocom';
import { gateGuide } from './gate';
import type { ExchangeGuide, GuideSection } from './guide-types';
import { htxGuide } from './htx';
import { krakenGuide } from './kraken';
import { kucoinGuide } from './kucoin';
import { mexcGuide } from './mexc';
import { okxGuide } from './okx';

const GUIDES: readonly ExchangeGuide[] = [
  binanceGuide,
  okxGuide,
  bybitGuide,
  coinbaseGuide,
  krakenGuide,
  kucoinGuide,
  bitgetGuide,
  gateGuide,
  htxGuide,
  mexcGuide,
  bitfinexGuide,
  cryptocomGuide,
];
const BY_ID = new Map(GUIDES.map((guide) => [guide.exchangeId, guide]));

export const GUIDED_EXCHANGES: readonly string[] = GUIDES.map((guide) => guide.exchangeId);

export function findGuide(exchangeId: string): ExchangeGuide | null {
  return BY_ID.get(exchangeId) ?? null;
}

/** The guide section that helps with a failure; null where the key is not the problem (outages, limits). */
export const REASON_GUIDE_SECTIONS: Readonly<Record<ReasonCode, GuideSection | null>> = {
  KEY_REJECTED: 'checklist',
  SIGNATURE_REJECTED: 'checklist',
  PASSPHRASE_REJECTED: 'extra-field',
  MISSING_CREDENTIALS: 'create-key',
  REQUEST_NOT_SENT: null,
  WITHDRAWAL_RIGHTS_UNKNOWN: null,
  KEY_EXPIRED: 'expiry',
  IP_NOT_WHITELISTED: 'ip-whitelist',
  READ_NOT_ALLOWED: 'permissions',
  TRADE_NOT_ALLOWED: 'trade-check',
  WITHDRAWALS_ENABLED: 'permissions',
  FUTURES_NOT_ALLOWED: 'futures',
  FEATURE_NOT_ENABLED: 'futures',
  WRONG_ENVIRONMENT: 'testnet',
  SANDBOX_NOT_SUPPORTED: 'testnet',
  CLOCK_SKEW: null,
  NONCE_CONFLICT: 'checklist',
  IP_BANNED: null,
  RATE_LIMITED: null,
  EXCHANGE_DOWN: null,
  MAINTENANCE: null,
  NETWORK_ERROR: null,
  TIMEOUT: null,
  GEO_BLOCKED: null,
  ACCOUNT_SUSPENDED: null,
  KEY_IN_USE: null,
  CREDENTIALS_UNREADABLE: null,
  UNEXPECTED_RESPONSE: null,
  UNKNOWN_EXCHANGE_ERROR: null,
  INTERNAL_ERROR: null,
};

/** Where a failure's remedy points in the exchange's guide, or null (no guide, or not a key problem). */
export function guideSectionFor(exchangeId: string, code: ReasonCode): GuideSection | null {
  return findGuide(exchangeId) ? REASON_GUIDE_SECTIONS[code] : null;
}
