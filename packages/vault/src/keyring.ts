import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeBase64 } from './base64';

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

export interface MasterKeyPair {
  kid: string;
  publicKey: string;
  privateKey: string;
}

export interface KeyringInput {
  /** `kid1:BASE64,kid2:BASE64` — base64 of X25519 SPKI DER. */
  publicKeys: string;
  /** Same format, base64 of PKCS8 DER; only worker processes set it. */
  privateKeys?: string;
  /** Defaults to the last kid listed in `publicKeys`. */
  activeKid?: string;
}

interface KeyringEntry {
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

// Kids end up in env vars, AAD and logs, so keep them short and free of the list separators.
const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function isValidKid(kid: string): boolean {
  return KID_PATTERN.test(kid);
}

export class Keyring {
  readonly activeKid: string;
  // A private field keeps keys out of JSON.stringify and util.inspect.
  readonly #entries: ReadonlyMap<string, KeyringEntry>;

  constructor(entries: ReadonlyMap<string, KeyringEntry>, activeKid: string) {
    for (const [kid, entry] of entries) assertValidEntry(kid, entry);
    if (!entries.has(activeKid)) {
      throw new KeyringError(`Keyring: active kid ${quoteKid(activeKid)} is not among the public keys`);
    }
    this.#entries = new Map(entries);
    this.activeKid = activeKid;
  }

  get kids(): string[] {
    return [...this.#entries.keys()];
  }

  canDecrypt(kid: string): boolean {
    return this.#entries.get(kid)?.privateKey !== undefined;
  }

  publicKey(kid: string): KeyObject {
    const entry = this.#entries.get(kid);
    if (!entry) throw new KeyringError(`Keyring has no key with kid ${quoteKid(kid)}`);
    return entry.publicKey;
  }

  privateKey(kid: string): KeyObject {
    const privateKey = this.#entries.get(kid)?.privateKey;
    if (!privateKey) throw new KeyringError(`Keyring does not hold the private key for kid ${quoteKid(kid)}`);
    return privateKey;
  }

  withoutPrivateKeys(): Keyring {
    const publicOnly = new Map([...this.#entries].map(([kid, { publicKey }]) => [kid, { publicKey }]));
    return new Keyring(publicOnly, this.activeKid);
  }
}

export function generateMasterKey(kid: string): MasterKeyPair {
  if (!isValidKid(kid)) throw new KeyringError(`Keyring: invalid kid ${quoteKid(kid)} (${KID_RULE})`);
  // encoded by the generation itself: exporting a just-generated key object can deadlock on Node 20
  const { publicKey, privateKey } = generateKeyPairSync('x25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  return { kid, publicKey: publicKey.toString('base64'), privateKey: privateKey.toString('base64') };
}

export function formatKeyring(keys: readonly MasterKeyPair[]): { publicKeys: string; privateKeys: string } {
  return {
    publicKeys: keys.map(({ kid, publicKey }) => `${kid}:${publicKey}`).join(','),
    privateKeys: keys.map(({ kid, privateKey }) => `${kid}:${privateKey}`).join(','),
  };
}

export function parseKeyring(input: KeyringInput): Keyring {
  const publicEntries = parseKeyList(input.publicKeys, 'publicKeys');
  const lastListed = publicEntries.at(-1);
  if (!lastListed) throw new KeyringError('Keyring: publicKeys lists no keys (expected "kid:BASE64,…")');

  const entries = new Map<string, KeyringEntry>();
  for (const { kid, der } of publicEntries) entries.set(kid, { publicKey: importPublicKey(kid, der) });
  for (const { kid, der } of parseKeyList(input.privateKeys ?? '', 'privateKeys')) {
    const entry = entries.get(kid);
    if (!entry) throw new KeyringError(`Keyring: private key ${quoteKid(kid)} has no matching public key`);
    entry.privateKey = importPrivateKey(kid, der);
  }

  const activeKid = input.activeKid?.trim() || lastListed.kid;
  return new Keyring(entries, activeKid);
}

const KID_RULE = 'use 1-64 letters, digits, ".", "_" or "-"';

function parseKeyList(list: string, field: string): Array<{ kid: string; der: Buffer }> {
  const seen = new Set<string>();
  const items = list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.map((item, index) => {
    const separator = item.indexOf(':');
    // Never echo the item itself: a malformed one may be a bare key.
    if (separator <= 0) {
      throw new KeyringError(`Keyring: ${field} entry ${index + 1} is malformed (expected "kid:BASE64")`);
    }
    const kid = item.slice(0, separator).trim();
    if (!isValidKid(kid)) {
      throw new KeyringError(`Keyring: ${field} entry ${index + 1} has an invalid kid (${KID_RULE})`);
    }
    if (seen.has(kid)) throw new KeyringError(`Keyring: ${field} lists kid ${quoteKid(kid)} more than once`);
    seen.add(kid);
    const der = decodeBase64(item.slice(separator + 1).trim());
    if (!der) throw new KeyringError(`Keyring: ${field} key ${quoteKid(kid)} is not valid base64`);
    return { kid, der };
  });
}

function importPublicKey(kid: string, der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw new KeyringError(`Keyring: public key ${quoteKid(kid)} is not an SPKI DER public key`);
  }
}

function importPrivateKey(kid: string, der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new KeyringError(`Keyring: private key ${quoteKid(kid)} is not a PKCS8 DER private key`);
  }
}

function assertValidEntry(kid: string, { publicKey, privateKey }: KeyringEntry): void {
  if (!isValidKid(kid)) throw new KeyringError(`Keyring: invalid kid ${quoteKid(kid)} (${KID_RULE})`);
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'x25519') {
    throw new KeyringError(`Keyring: public key ${quoteKid(kid)} is not an X25519 public key`);
  }
  if (!privateKey) return;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'x25519') {
    throw new KeyringError(`Keyring: private key ${quoteKid(kid)} is not an X25519 private key`);
  }
  const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  if (!derived.equals(publicKey.export({ format: 'der', type: 'spki' }))) {
    throw new KeyringError(`Keyring: private key ${quoteKid(kid)} does not match its public key`);
  }
}

// Kids passed to lookups may come from stored envelopes; bound what we echo.
function quoteKid(kid: string): string {
  return JSON.stringify(kid.length > 64 ? `${kid.slice(0, 64)}…` : kid);
}
