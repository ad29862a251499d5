// The switch that lets a key withdraw, by the name each exchange's API-management page gives it: a refused
// key's remedy names the exact one to turn off. No ccxt here: the api and the dashboard share it.

export const WITHDRAW_SWITCHES: Readonly<Record<string, string>> = {
  binance: 'Enable Withdrawals',
  okx: 'Withdraw',
  bybit: 'Withdrawal (under Assets)',
  kraken: 'Withdraw Funds',
  kucoin: 'Withdrawal',
  coinbase: 'Transfer',
};

/** The exchange's name for its withdrawal switch, or null when Keyport does not know it. */
export function withdrawSwitch(exchangeId: string): string | null {
  return WITHDRAW_SWITCHES[exchangeId] ?? null;
}

/** A refusal's remedy, naming the exchange's own switch where it is known. */
export function exactRemedy(generic: string, code: string, exchangeId: string, exchangeName: string): string {
  const name = code === 'WITHDRAWALS_ENABLED' ? withdrawSwitch(exchangeId) : null;
  return name
    ? `On ${exchangeName}, open API Management, edit this key and switch off “${name}” (or create a new key without it), then replace the keys here.`
    : generic;
}
