import { describe, expect, it } from 'vitest';
import { formatDecimal } from './format-decimal';

describe('formatDecimal', () => {
  it('groups and separates per locale, keeping every digit of the fraction', () => {
    expect(formatDecimal('1234567.123456789012345678', 'en')).toBe('1,234,567.123456789012345678');
    expect(formatDecimal('1234567.5', 'fr')).toBe('1\u202f234\u202f567,5');
    expect(formatDecimal('-0.00000001', 'en')).toBe('-0.00000001');
  });

  it('goes beyond float precision', () => {
    expect(formatDecimal('90071992547409931', 'en')).toBe('90,071,992,547,409,931');
  });

  it('leaves anything that is not a plain decimal as it is', () => {
    expect(formatDecimal('1e-7', 'en')).toBe('1e-7');
    expect(formatDecimal('', 'fr')).toBe('');
  });
});
