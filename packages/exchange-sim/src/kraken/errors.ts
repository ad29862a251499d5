// Kraken answers errors with HTTP 200 and an `error` array of "Eclass:Message" strings, no result.
import { jsonReply, type SimReply, type Verdict } from '../exchange-adapter';

export function krakenError(message: string, verdict: Verdict, status = 200): SimReply {
  return jsonReply(status, { error: [message] }, verdict);
}

export const krakenErrors = {
  invalidKey: (verdict: Verdict) => krakenError('EAPI:Invalid key', verdict),
  invalidSignature: () => krakenError('EAPI:Invalid signature', 'bad-signature'),
  invalidNonce: () => krakenError('EAPI:Invalid nonce', 'timestamp'),
  badRequest: () => krakenError('EAPI:Bad request', 'bad-request'),
  permissionDenied: (verdict: Verdict = 'permission-denied') =>
    krakenError('EGeneral:Permission denied', verdict),
  unknownMethod: () => krakenError('EGeneral:Unknown method', 'not-found', 404),
};
