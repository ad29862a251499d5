import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { SandboxNotSupportedError } from '../client/create-client';
import { classifyError } from './classify-error';

describe('classifying ccxt failures into precise reasons', () => {
  it.each([
    [new ccxt.InvalidNonce('binance {"code":-1021}'), undefined, 'CLOCK_SKEW'],
    // Kraken: another program signing with the same key, not a clock
    [new ccxt.InvalidNonce('kraken {"error":["EAPI:Invalid nonce"]}'), undefined, 'NONCE_CONFLICT'],
    [new ccxt.DDoSProtection('binance {"code":-1003}'), 429, 'RATE_LIMITED'],
    [new ccxt.DDoSProtection('binance {"code":-1003}'), 418, 'IP_BANNED'],
    [new ccxt.OnMaintenance('okx 50001'), 503, 'MAINTENANCE'],
    [new ccxt.RequestTimeout('timed out'), undefined, 'TIMEOUT'],
    [new ccxt.ExchangeNotAvailable('<html>'), 403, 'GEO_BLOCKED'],
    [new ccxt.ExchangeNotAvailable('<html>'), 502, 'EXCHANGE_DOWN'],
    [new ccxt.NetworkError('ECONNREFUSED'), undefined, 'NETWORK_ERROR'],
    [
      new ccxt.AuthenticationError(
        'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}',
      ),
      401,
      'KEY_REJECTED',
    ],
    [
      new ccxt.AuthenticationError('binance {"code":-1022,"msg":"Signature for this request is not valid."}'),
      400,
      'SIGNATURE_REJECTED',
    ],
    [
      new ccxt.AuthenticationError('okx {"code":"50105","msg":"Invalid OK-ACCESS-PASSPHRASE"}'),
      401,
      'PASSPHRASE_REJECTED',
    ],
    [
      new ccxt.AuthenticationError('okx {"code":"50101","msg":"APIKey does not match current environment."}'),
      401,
      'WRONG_ENVIRONMENT',
    ],
    [
      new ccxt.PermissionDenied(
        'okx {"code":"50110","msg":"Your IP is not included in your API key\'s IP whitelist."}',
      ),
      401,
      'IP_NOT_WHITELISTED',
    ],
    [new ccxt.PermissionDenied('kraken EGeneral:Permission denied'), 200, 'READ_NOT_ALLOWED'],
    [new ccxt.AccountNotEnabled('gate USER_NOT_FOUND'), 400, 'FEATURE_NOT_ENABLED'],
    // ccxt leaves these auth failures as plain ExchangeError
    [new ccxt.ExchangeError('kraken {"error":["EAPI:Invalid signature"]}'), 200, 'SIGNATURE_REJECTED'],
    [new ccxt.ExchangeError('okx {"code":"50119","msg":"API key doesn\'t exist"}'), 401, 'KEY_REJECTED'],
    [new ccxt.ExchangeError('okx {}'), 429, 'RATE_LIMITED'],
    [new ccxt.ExchangeError('binance {"code":-1008}'), 503, 'EXCHANGE_DOWN'],
    [new ccxt.ExchangeError('something new'), 400, 'UNKNOWN_EXCHANGE_ERROR'],
    [new ccxt.AuthenticationError('binance requires "secret" credential'), undefined, 'MISSING_CREDENTIALS'],
    // ccxt's own refusal to build a request: nothing reached the exchange
    [
      new ccxt.ArgumentsRequired(
        "dydx fetchBalance() requires a user parameter inside 'params' or the walletAddress set",
      ),
      undefined,
      'REQUEST_NOT_SENT',
    ],
    [new SandboxNotSupportedError('kraken'), undefined, 'SANDBOX_NOT_SUPPORTED'],
    [new TypeError('our bug'), undefined, 'INTERNAL_ERROR'],
  ])('%s (HTTP %s) → %s', (error, status, reason) => {
    expect(classifyError(error, status).reason).toBe(reason);
  });

  it('carries the wait the exchange asked for, and only then', () => {
    expect(classifyError(new ccxt.RateLimitExceeded('x'), 429, 3_000).retryAfterMs).toBe(3_000);
    expect(classifyError(new ccxt.RateLimitExceeded('x'), 429).retryAfterMs).toBeUndefined();
    expect(classifyError(new ccxt.DDoSProtection('x'), 418).retryAfterMs).toBe(120_000);
  });
});
