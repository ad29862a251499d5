import { describe, expect, it } from 'vitest';
import { addDecimals, isDecimal, multiplyDecimals, normalizeDecimal, toFixedDecimal } from './decimal';

describe('decimal strings', () => {
  it('recognises non-negative decimal strings only', () => {
    for (const ok of ['0', '0.5', '1234.56', '10', '0.00000001']) expect(isDecimal(ok)).toBe(true);
    for (const bad of ['', '-1', '1.', '.5', '01', '1e5', ' 1', 'NaN']) expect(isDecimal(bad)).toBe(false);
  });

  it('formats like Binance (fixed 8) and OKX (shortest), without rounding', () => {
    expect(toFixedDecimal('0.5', 8)).toBe('0.50000000');
    expect(toFixedDecimal('1234', 8)).toBe('1234.00000000');
    expect(toFixedDecimal('0.1234567800', 8)).toBe('0.12345678');
    expect(() => toFixedDecimal('0.123456789', 8)).toThrow(/more than 8/);
    expect(normalizeDecimal('3000.000')).toBe('3000');
    expect(normalizeDecimal('0.50')).toBe('0.5');
    expect(normalizeDecimal('100')).toBe('100');
  });

  it('adds and multiplies exactly (no float drift)', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('1.06126645222', '0.4')).toBe('1.46126645222');
    expect(addDecimals('0')).toBe('0');
    expect(multiplyDecimals('0.8', '60000')).toBe('48000');
    expect(multiplyDecimals('0.00000001', '0.00000001')).toBe('0.0000000000000001');
  });
});
