// Kraken's ticker keys are its own pair names ("XXBTZUSD", "XBTUSDT", "SOLEUR"); without loading its
// markets (AssetPairs) the name is split here, and each half named as ccxt names Kraken's balances.
import type { Exchange } from 'ccxt';

// pairs of two classic assets join their X/Z ids, e.g. XXBT + ZUSD, XETH + XXBT
const CLASSIC = /^([XZ][A-Z]{3})([XZ][A-Z]{3})$/;
// every other pair is its altname; only quotes the valuation reads are split off (longest first), so a
// pair in another quote is left out rather than misread
const QUOTES = ['USDT', 'USDC', 'USD', 'EUR', 'XBT'];

export interface KrakenNames {
  /** ccxt's code for a Kraken asset id: XXBT and XBT -> BTC, ZUSD -> USD. */
  code(id: string): string;
  /** Kraken's classic X/Z asset ids (ccxt's kraken commonCurrencies). */
  classicIds: ReadonlySet<string>;
}

/** "BASEQUOTE" in ccxt's codes for a Kraken pair name, or null when it cannot be split for sure. */
export function krakenTickerKey(pair: string, names: KrakenNames): string | null {
  if (!/^[A-Z0-9]+$/.test(pair)) return null;
  const classic = CLASSIC.exec(pair);
  if (classic && names.classicIds.has(classic[1] as string) && names.classicIds.has(classic[2] as string))
    return `${names.code(classic[1] as string)}${names.code(classic[2] as string)}`;
  const quote = QUOTES.find((q) => pair.length > q.length && pair.endsWith(q));
  return quote ? `${names.code(pair.slice(0, -quote.length))}${names.code(quote)}` : null;
}

/** Kraken's naming as ccxt's kraken client holds it: its code table and its classic ids. */
export function krakenNamesOf(kraken: Exchange): KrakenNames {
  const common = kraken.commonCurrencies as Record<string, string>;
  return {
    code: (id) => kraken.safeCurrencyCode(id) ?? id,
    classicIds: new Set(Object.keys(common).filter((id) => /^[XZ][A-Z]{3}$/.test(id))),
  };
}
