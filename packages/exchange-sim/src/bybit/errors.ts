// Bybit's retCodes: the gateway answers auth failures with HTTP 200 (401 for a missing key) and the code.
import { jsonReply, type SimReply, type Verdict } from '../exchange-adapter';

export function bybitError(
  status: number,
  retCode: number,
  retMsg: string,
  verdict: Verdict,
  now: number,
): SimReply {
  return jsonReply(status, { retCode, retMsg, result: {}, retExtInfo: {}, time: now }, verdict);
}

export const bybitErrors = {
  missingKey: (now: number) => bybitError(401, 10003, 'API key is invalid.', 'missing-key', now),
  invalidKey: (verdict: Verdict, now: number) => bybitError(200, 10003, 'API key is invalid.', verdict, now),
  expiredKey: (now: number) => bybitError(200, 33004, 'Your api key has expired.', 'expired-key', now),
  badSignature: (now: number) => bybitError(200, 10004, 'error sign! origin_string[…]', 'bad-signature', now),
  // Bybit says which times it compared, as the real gateway does
  timestamp: (now: number, sentAt: string, recvWindow: string) =>
    bybitError(
      200,
      10002,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${sentAt}],server_timestamp[${now}],recv_window[${recvWindow}]`,
      'timestamp',
      now,
    ),
  badRequest: (msg: string, now: number) => bybitError(200, 10001, msg, 'bad-request', now),
  ipNotAllowed: (now: number) =>
    bybitError(
      200,
      10010,
      "Unmatched IP, please check your API key's bound IP addresses.",
      'ip-not-allowed',
      now,
    ),
  permissionDenied: (now: number) =>
    bybitError(
      200,
      10005,
      'Permission denied, please check your API key permissions.',
      'permission-denied',
      now,
    ),
  notFound: (now: number) => bybitError(404, 10001, 'Not Found', 'not-found', now),
};
