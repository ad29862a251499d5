// Who the browser is, for the api's per-IP limits. Next.js hands a route handler no socket and keeps an
// X-Forwarded-For the browser sent, so the dashboard's own server (web/server.ts) stamps the socket's
// peer on every request, over anything the browser put in that header; the /graphql route forwards it.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const CLIENT_ADDRESS_HEADER = 'x-keyport-client-address';
// set by the server that stamps: under a plain `next start` or `next dev` the header is the browser's own
const STAMPING = Symbol.for('keyport.web.stamps-client-address');

/** Replaces whatever the browser sent as the client address with the socket's peer. */
export function stampClientAddress(req: IncomingMessage): void {
  (globalThis as Record<symbol, unknown>)[STAMPING] = true;
  const peer = req.socket.remoteAddress ?? '';
  req.headers[CLIENT_ADDRESS_HEADER] = peer.startsWith('::ffff:') ? peer.slice(7) : peer;
}

/** The browser's address as this process's server saw it, or null when nothing stamped it. */
export function stampedClientAddress(request: Request): string | null {
  if ((globalThis as Record<symbol, unknown>)[STAMPING] !== true) return null;
  const address = request.headers.get(CLIENT_ADDRESS_HEADER)?.trim() ?? '';
  return isIP(address) ? address : null;
}
