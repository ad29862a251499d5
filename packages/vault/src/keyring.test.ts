import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatKeyring, generateMasterKey, KeyringError, parseKeyring } from './keyring';

const k1 = generateMasterKey('k1');
const k2 = generateMasterKey('k2');

function parseError(input: Parameters<typeof parseKeyring>[0]): KeyringError {
  try {
    parseKeyring(input);
  } catch (error) {
    if (error instanceof KeyringError) return error;
    throw error;
  }
  throw new Error('expected parseKeyring to throw');
}

describe('generateMasterKey', () => {
  it('returns base64 DER X25519 keys under the given kid', () => {
    expect(k1.kid).toBe('k1');
    expect(Buffer.from(k1.publicKey, 'base64')).toHaveLength(44);
    expect(Buffer.from(k1.privateKey, 'base64')).toHaveLength(48);
    expect(k1.publicKey).not.toBe(k2.publicKey);
  });

  it('refuses a kid that cannot live in the env format', () => {
    expect(() => generateMasterKey('a:b')).toThrow(KeyringError);
  });
});

describe('parseKeyring', () => {
  const both = formatKeyring([k1, k2]);

  it('parses public and private keys and defaults the active kid to the last public one', () => {
    const keyring = parseKeyring(both);
    expect(keyring.kids).toEqual(['k1', 'k2']);
    expect(keyring.activeKid).toBe('k2');
    expect(keyring.canDecrypt('k1')).toBe(true);
    expect(keyring.publicKey('k1').asymmetricKeyType).toBe('x25519');
    expect(keyring.privateKey('k2').type).toBe('private');
  });

  it('honours an explicit active kid and tolerates whitespace', () => {
    const keyring = parseKeyring({
      publicKeys: ` k1:${k1.publicKey} ,\n k2:${k2.publicKey},`,
      activeKid: 'k1',
    });
    expect(keyring.activeKid).toBe('k1');
    expect(keyring.canDecrypt('k1')).toBe(false);
  });

  it('drops private keys on withoutPrivateKeys and keeps them out of JSON', () => {
    const keyring = parseKeyring(both);
    const publicOnly = keyring.withoutPrivateKeys();
    expect(publicOnly.kids).toEqual(['k1', 'k2']);
    expect(publicOnly.canDecrypt('k2')).toBe(false);
    expect(() => publicOnly.privateKey('k2')).toThrow(/does not hold the private key for kid "k2"/);
    expect(JSON.stringify(keyring)).not.toContain(k1.privateKey.slice(0, 20));
  });

  it.each([
    [{ publicKeys: '' }, /publicKeys lists no keys/],
    [{ publicKeys: k1.publicKey }, /publicKeys entry 1 is malformed \(expected "kid:BASE64"\)/],
    [{ publicKeys: `k1:${k1.publicKey},bad kid:${k2.publicKey}` }, /publicKeys entry 2 has an invalid kid/],
    [{ publicKeys: `k1:${k1.publicKey},k1:${k2.publicKey}` }, /publicKeys lists kid "k1" more than once/],
    [{ publicKeys: 'k1:not base64!' }, /publicKeys key "k1" is not valid base64/],
    [{ publicKeys: `k1:${k1.privateKey}` }, /public key "k1" is not an SPKI DER public key/],
    [
      { publicKeys: `k1:${k1.publicKey}`, privateKeys: `k2:${k2.privateKey}` },
      /private key "k2" has no matching public key/,
    ],
    [
      { publicKeys: `k1:${k1.publicKey}`, privateKeys: `k1:${k2.privateKey}` },
      /private key "k1" does not match its public key/,
    ],
    [
      { publicKeys: `k1:${k1.publicKey}`, privateKeys: `k1:${k1.publicKey}` },
      /private key "k1" is not a PKCS8 DER/,
    ],
    [{ publicKeys: `k1:${k1.publicKey}`, activeKid: 'k9' }, /active kid "k9" is not among the public keys/],
  ])('explains what is wrong with %j', (input, message) => {
    const error = parseError(input);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(k1.publicKey.slice(-16));
    expect(error.message).not.toContain(k1.privateKey.slice(-16));
    expect(error.message).not.toContain(k2.privateKey.slice(-16));
  });

  it('refuses a key of another curve', () => {
    const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    expect(parseError({ publicKeys: `k1:${ed25519.toString('base64')}` }).message).toMatch(
      /public key "k1" is not an X25519 public key/,
    );
  });
});
