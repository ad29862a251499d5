// Binance's own error codes, messages and HTTP statuses (developers.binance.com spot error codes).
import { jsonReply, type SimReply, type Verdict } from '../exchange-adapter';

export const BINANCE_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function binanceError(status: number, code: number, msg: string, verdict: Verdict): SimReply {
  return jsonReply(status, { code, msg }, verdict, undefined, BINANCE_CONTENT_TYPE);
}

export const binanceErrors = {
  missingKey: () => binanceError(401, -2014, 'API-key format invalid.', 'missing-key'),
  rejectedKey: (verdict: Verdict) =>
    binanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.', verdict),
  badSignature: () => binanceError(400, -1022, 'Signature for this request is not valid.', 'bad-signature'),
  outsideRecvWindow: () =>
    binanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.', 'timestamp'),
  aheadOfServer: () =>
    binanceError(
      400,
      -1021,
      "Timestamp for this request was 1000ms ahead of the server's time.",
      'timestamp',
    ),
  recvWindowTooLarge: () => binanceError(400, -1131, 'recvWindow must be less than 60000', 'bad-request'),
  mandatoryParam: (name: string) =>
    binanceError(
      400,
      -1102,
      `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
      'bad-request',
    ),
  filterFailure: (filter: string) => binanceError(400, -1013, `Filter failure: ${filter}`, 'bad-request'),
  notFound: (method: string, path: string) =>
    binanceError(404, -5000, `Path ${path}, Method ${method} is invalid`, 'not-found'),
};
