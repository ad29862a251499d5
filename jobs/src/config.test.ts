import { ConfigError } from '@keyport/config/env';
import { describe, expect, it } from 'vitest';
import { loadJobsConfig } from './config';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/keyport',
  REDIS_URL: 'redis://127.0.0.1:6379',
  KEYRING_PUBLIC: 'k1:AAAA',
  KEYRING_PRIVATE: 'k1:BBBB',
};

describe('worker configuration', () => {
  it('lists every bad or missing variable in one message', () => {
    let error: unknown;
    try {
      loadJobsConfig({
        REDIS_URL: 'http://nope',
        EXCHANGE_URL_OVERRIDES: '{not json',
        EXCHANGE_RATE_LIMITS: '{"binance":{"costPerSecond":-1}}',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'KEYRING_PUBLIC',
      'KEYRING_PRIVATE',
      'EXCHANGE_URL_OVERRIDES',
      'EXCHANGE_RATE_LIMITS.binance.costPerSecond',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('parses exchange URL overrides and applies defaults', () => {
    const config = loadJobsConfig({
      ...valid,
      EXCHANGE_URL_OVERRIDES: '{"binance":"http://127.0.0.1:4100"}',
    });
    expect(config.urlOverrides).toEqual({ binance: 'http://127.0.0.1:4100' });
    expect(config.VERIFY_CONCURRENCY).toBe(16);
    expect(config.REDIS_PREFIX).toBe('keyport');
    expect(config.rateLimits).toEqual({});
    expect(config.EGRESS_IP).toBe('default');
  });

  it('reads per-exchange request budgets', () => {
    const config = loadJobsConfig({ ...valid, EXCHANGE_RATE_LIMITS: '{"okx":{"costPerSecond":8}}' });
    expect(config.rateLimits).toEqual({ okx: { costPerSecond: 8 } });
  });

  it('refuses an override that is not an http URL', () => {
    expect(() => loadJobsConfig({ ...valid, EXCHANGE_URL_OVERRIDES: '{"binance":"ftp://x"}' })).toThrow(
      /binance must be an http/,
    );
  });
  it('warns about keys whose withdrawal rights are unknown unless UNKNOWN_WITHDRAWAL_RIGHTS=refuse', () => {
    expect(loadJobsConfig(valid).UNKNOWN_WITHDRAWAL_RIGHTS).toBe('warn');
    expect(loadJobsConfig({ ...valid, UNKNOWN_WITHDRAWAL_RIGHTS: 'refuse' }).UNKNOWN_WITHDRAWAL_RIGHTS).toBe(
      'refuse',
    );
    expect(() => loadJobsConfig({ ...valid, UNKNOWN_WITHDRAWAL_RIGHTS: 'maybe' })).toThrow(
      /UNKNOWN_WITHDRAWAL_RIGHTS/,
    );
  });

  it('accepts keys that can withdraw only when ALLOW_WITHDRAWAL_KEYS says so', () => {
    expect(loadJobsConfig(valid).ALLOW_WITHDRAWAL_KEYS).toBe(false);
    expect(loadJobsConfig({ ...valid, ALLOW_WITHDRAWAL_KEYS: 'true' }).ALLOW_WITHDRAWAL_KEYS).toBe(true);
    expect(loadJobsConfig({ ...valid, ALLOW_WITHDRAWAL_KEYS: '1' }).ALLOW_WITHDRAWAL_KEYS).toBe(true);
    expect(() => loadJobsConfig({ ...valid, ALLOW_WITHDRAWAL_KEYS: 'yes' })).toThrow(/ALLOW_WITHDRAWAL_KEYS/);
  });
});
