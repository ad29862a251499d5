import { describe, expect, it } from 'vitest';
import { binanceSign, binanceSignatureValid, binanceSignedPayload } from './signature';

// The HMAC example from Binance's "SIGNED endpoint examples" documentation.
const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const DOC_QUERY =
  'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
const DOC_SIGNATURE = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';

describe('binance signature', () => {
  it('matches the documented example for a query string', () => {
    expect(binanceSign(DOC_SECRET, DOC_QUERY)).toBe(DOC_SIGNATURE);
    const signed = binanceSignedPayload(`${DOC_QUERY}&signature=${DOC_SIGNATURE}`, '');
    expect(signed).toEqual({ payload: DOC_QUERY, signature: DOC_SIGNATURE });
    expect(binanceSignatureValid(DOC_SECRET, signed)).toBe(true);
  });

  it('signs query + body concatenated without a separator, wherever the signature travels', () => {
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    const signature = binanceSign(DOC_SECRET, query + body);
    expect(binanceSignedPayload(query, `${body}&signature=${signature}`)).toEqual({
      payload: query + body,
      signature,
    });
    expect(
      binanceSignatureValid(DOC_SECRET, binanceSignedPayload(`${query}&signature=${signature}`, body)),
    ).toBe(true);
  });

  it('rejects a missing or wrong signature', () => {
    expect(binanceSignatureValid(DOC_SECRET, binanceSignedPayload(DOC_QUERY, ''))).toBe(false);
    expect(binanceSignatureValid(DOC_SECRET, binanceSignedPayload(`${DOC_QUERY}&signature=abc`, ''))).toBe(
      false,
    );
    expect(
      binanceSignatureValid('other', binanceSignedPayload(`${DOC_QUERY}&signature=${DOC_SIGNATURE}`, '')),
    ).toBe(false);
  });
});
