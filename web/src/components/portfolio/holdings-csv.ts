// CSV of the holdings as shown: exact decimals, unpriced values left empty (never 0), no cell a spreadsheet runs.
export interface CsvAsset {
  asset: string;
  amount: string;
  price: string | null;
  value: string | null;
  share: string | null;
  exchangeIds: readonly string[];
}

// OWASP's CSV injection rules: a spreadsheet runs a cell starting with one of these as a formula (asset names
// come from exchanges), so text gets a leading quote; separators, quotes and line breaks get the cell quoted
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
// what the api sends for amounts: exact decimals, possibly negative; a spreadsheet reads them as numbers
const DECIMAL = /^-?\d+(\.\d+)?$/;

function textCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A number stays a number ('-0.5' included); anything else in a numeric column is text, escaped as such. */
const numberCell = (value: string | null) =>
  value === null ? '' : DECIMAL.test(value) ? value : textCell(value);

export function holdingsCsv(quote: string, assets: readonly CsvAsset[]): string {
  const header = ['asset', 'amount', `price_${quote}`, `value_${quote}`, 'share_percent', 'exchanges'].map(
    textCell,
  );
  const rows = assets.map((a) =>
    [
      textCell(a.asset),
      numberCell(a.amount),
      numberCell(a.price),
      numberCell(a.value),
      numberCell(a.share),
      textCell(a.exchangeIds.join(' ')),
    ].join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
