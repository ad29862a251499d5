/** PostgreSQL pads numeric(38,18) with zeros; show the exact value without them ("1.250000" → "1.25"). */
export function trimDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
