import { describe, expect, it } from 'vitest';
import { parseAllowedIps } from './allowed-ips';

describe('parseAllowedIps', () => {
  it('takes one address a line, or separated by commas or spaces, trimmed, without repeats', () => {
    expect(parseAllowedIps(' 203.0.113.7\n2001:db8::1 , 198.51.100.2\r\n\n203.0.113.7;192.0.2.1\t')).toEqual([
      '203.0.113.7',
      '2001:db8::1',
      '198.51.100.2',
      '192.0.2.1',
    ]);
  });

  it('is null (anywhere) when nothing but blanks and separators was typed', () => {
    expect(parseAllowedIps('')).toBeNull();
    expect(parseAllowedIps(' \n , \t')).toBeNull();
  });

  it('leaves what is not an address for the API to refuse', () => {
    expect(parseAllowedIps('10.0.0.300, localhost')).toEqual(['10.0.0.300', 'localhost']);
  });
});
