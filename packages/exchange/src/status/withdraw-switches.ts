// The switch that lets a key withdraw, by the name each exchange's API-management page gives it: a refused
// key's remedy names the exact one to turn off. No ccxt here: the api and the dashboard share it.

import { venueOf } from './venue-of';

export const WITHDRAW_SWITCHES: Readonly<Record<string, string>> = {
  binance: 'Enable Withdrawals',
  okx: 'Withdraw',
  bybit: 'Withdrawal (under Assets)',
  kraken: 'Withdraw Funds',
  kucoin: 'Withdrawal',
  coinbase: 'Transfer',
};

/** The exchange's name for its withdrawal switch (its venue's, for a regional host), or null when unknown. */
export function withdrawSwitch(exchangeId: string): string | null {
  return WITHDRAW_SWITCHES[venueOf(exchangeId)] ?? null;
}
