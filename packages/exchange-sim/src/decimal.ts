// Exact decimal-string arithmetic on bigint: balances must never pass through floats.

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

function parse(value: string): Scaled {
  if (!isDecimal(value)) throw new Error(`not a non-negative decimal string: ${JSON.stringify(value)}`);
  const [int = '0', frac = ''] = value.split('.');
  return { units: BigInt(int + frac), scale: frac.length };
}

function rescale(x: Scaled, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

function format(x: Scaled, places: number): string {
  const units = rescale(x, places);
  if (places === 0) return units.toString();
  const digits = units.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Shortest form: no trailing zeros ("1.50" -> "1.5", "3.000" -> "3"), like OKX prints amounts. */
export function normalizeDecimal(value: string): string {
  const x = parse(value);
  const text = format(x, x.scale);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Fixed number of decimals ("0.5" -> "0.50000000"), like Binance prints amounts; refuses to round. */
export function toFixedDecimal(value: string, places: number): string {
  const x = parse(value);
  if (x.scale > places) {
    const trimmed = normalizeDecimal(value);
    if (decimalPlaces(trimmed) > places) throw new Error(`${value} has more than ${places} decimals`);
    return toFixedDecimal(trimmed, places);
  }
  return format(x, places);
}

export function addDecimals(...values: string[]): string {
  const xs = values.map(parse);
  const scale = Math.max(0, ...xs.map((x) => x.scale));
  const units = xs.reduce((sum, x) => sum + rescale(x, scale), 0n);
  return normalizeDecimal(format({ units, scale }, scale));
}

export function multiplyDecimals(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = x.scale + y.scale;
  return normalizeDecimal(format({ units: x.units * y.units, scale }, scale));
}
