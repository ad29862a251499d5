// OKX's own error codes; auth failures are HTTP 401 with the usual {code, msg, data} envelope.
import { jsonReply, type SimReply, type Verdict } from '../exchange-adapter';

export function okxError(status: number, code: string, msg: string, verdict: Verdict): SimReply {
  return jsonReply(status, { code, msg, data: [] }, verdict);
}

const emptyHeader = (header: string, code: string, verdict: Verdict = 'bad-request') =>
  okxError(401, code, `Request header "${header}" cannot be empty.`, verdict);

export const okxErrors = {
  emptyKey: () => emptyHeader('OK-ACCESS-KEY', '50103', 'missing-key'),
  emptyPassphrase: () => emptyHeader('OK-ACCESS-PASSPHRASE', '50104'),
  emptySign: () => emptyHeader('OK-ACCESS-SIGN', '50106'),
  emptyTimestamp: () => emptyHeader('OK-ACCESS-TIMESTAMP', '50107'),
  wrongEnvironment: () =>
    okxError(401, '50101', 'APIKey does not match current environment.', 'wrong-environment'),
  timestampExpired: () => okxError(401, '50102', 'Timestamp request expired', 'timestamp'),
  badPassphrase: () =>
    okxError(401, '50105', 'Request header "OK-ACCESS-PASSPHRASE" incorrect.', 'bad-passphrase'),
  ipNotAllowed: (ip: string) =>
    okxError(401, '50110', `Your IP ${ip} is not included in your API key's IP whitelist.`, 'ip-not-allowed'),
  invalidKey: (verdict: Verdict) => okxError(401, '50111', 'Invalid OK-ACCESS-KEY', verdict),
  invalidTimestamp: () => okxError(401, '50112', 'Invalid OK-ACCESS-TIMESTAMP', 'bad-request'),
  invalidSign: () => okxError(401, '50113', 'Invalid Sign', 'bad-signature'),
  notFound: () => jsonReply(404, { code: '404', msg: 'Not Found', data: [] }, 'not-found'),
};
