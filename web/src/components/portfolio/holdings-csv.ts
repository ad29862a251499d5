// CSV of the holdings as shown: exact decimals, unpriced values left empty (never 0).
export interface CsvAsset {
  asset: string;
  amount: string;
  price: string | null;
  value: string | null;
  share: string | null;
  exchangeIds: readonly string[];
}

const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function holdingsCsv(quote: string, assets: readonly CsvAsset[]): string {
  const header = ['asset', 'amount', `price_${quote}`, `value_${quote}`, 'share_percent', 'exchanges'];
  const rows = assets.map((a) =>
    [a.asset, a.amount, a.price ?? '', a.value ?? '', a.share ?? '', a.exchangeIds.join(' ')]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
