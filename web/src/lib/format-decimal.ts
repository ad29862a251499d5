/**
 * Formats an exact decimal string for a locale without going through floats: the integer part is grouped
 * with BigInt, the fraction is kept digit for digit. "1234.5" → "1,234.5" (en) / "1 234,5" (fr).
 */
export function formatDecimal(value: string, locale: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction] = match;
  const format = new Intl.NumberFormat(locale);
  const decimalSeparator = format.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  const grouped = format.format(BigInt(whole ?? '0'));
  return `${sign}${grouped}${fraction ? decimalSeparator + fraction : ''}`;
}
