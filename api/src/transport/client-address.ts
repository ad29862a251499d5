// Who is asking, for the per-IP limits and token address bindings: the socket's peer, unless that peer is a
// proxy we trust (TRUST_PROXY); then the right-most X-Forwarded-For address no trusted proxy has — the
// one the last trusted hop saw. Addresses left of it were written by the client and prove nothing.
import { BlockList, isIP } from 'node:net';

export interface TrustedProxies {
  has(address: string): boolean;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * `172.30.0.10,10.0.0.0/8,::1`: proxy addresses and CIDR ranges. Returns the entries that are neither as
 * `invalid`, for the configuration error.
 */
export function parseTrustedProxies(list: string): { proxies: TrustedProxies; invalid: string[] } {
  const blocks = new BlockList();
  const invalid: string[] = [];
  for (const entry of list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      rest.length > 0 ||
      (prefix !== null && (!/^\d+$/.test(bits ?? '') || prefix > maxBits))
    ) {
      invalid.push(entry);
      continue;
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) blocks.addAddress(address, type);
    else blocks.addSubnet(address, prefix, type);
  }
  return {
    proxies: {
      has: (address) => isIP(address) !== 0 && blocks.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4'),
    },
    invalid,
  };
}

/** The client's address: see the top of this file. */
export function clientAddress(request: Request, peer: string | undefined, trusted?: TrustedProxies): string {
  let client = plain(peer ?? 'unknown');
  if (!trusted?.has(client)) return client;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => plain(hop.trim()))
    .filter(Boolean);
  for (const hop of hops.reverse()) {
    // a trusted hop that forwarded no address we can read: the hop itself is who we know
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
