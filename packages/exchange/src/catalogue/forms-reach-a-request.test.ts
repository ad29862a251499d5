// Every exchange's form holds what its client needs: with a value in each field the catalogue asks for, ccxt
// builds the balance read's first request (caught before it leaves the machine) instead of refusing locally
// (ArgumentsRequired, a missing credential), as dydx, derive and pacifica did without a wallet address.
import { randomBytes } from 'node:crypto';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { createExchangeClient } from '../client/create-client';
import { type CredentialKey, listExchanges } from './catalogue';

class Intercepted extends Error {}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const PLAUSIBLE: Record<CredentialKey, () => string> = {
  apiKey: () => `k${hex(16)}`,
  secret: () => randomBytes(64).toString('base64'),
  password: () => 'Passphrase-1',
  uid: () => '123456',
  login: () => 'user@example.com',
  privateKey: () => `0x${hex(32)}`,
  walletAddress: () => `0x${hex(20)}`,
  accountId: () => '123456',
  token: () => hex(16),
  twofa: () => 'JBSWY3DPEHPK3PXP',
};
const ed25519Base58 = () =>
  (new ccxt.modetrade() as unknown as { binaryToBase58(b: Uint8Array): string }).binaryToBase58(
    randomBytes(32),
  );
// where a secret has a form of its own (checked by the client before signing), a value of that form
const FORMATS: Record<string, Partial<Record<CredentialKey, () => string>>> = {
  gemini: { apiKey: () => `account-${hex(10)}` },
  modetrade: { secret: () => `ed25519:${ed25519Base58()}` },
  woofipro: { secret: () => `ed25519:${ed25519Base58()}` },
  lbank: { secret: () => hex(16) },
  revolutx: { privateKey: () => hex(32) },
};

async function firstRequest(exchangeId: string, keys: readonly CredentialKey[]): Promise<string> {
  const credentials = Object.fromEntries(
    keys.map((key) => [key, (FORMATS[exchangeId]?.[key] ?? PLAUSIBLE[key])()]),
  );
  try {
    const { exchange } = createExchangeClient({ exchangeId, credentials, sandbox: false });
    const target = exchange as unknown as { fetch: () => Promise<never>; throttle: () => Promise<void> };
    target.fetch = async () => {
      throw new Intercepted();
    };
    target.throttle = async () => undefined;
    await exchange.fetchBalance();
    return 'answered without a request';
  } catch (error) {
    return error instanceof Intercepted
      ? 'request built'
      : `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe('the catalogue’s forms', () => {
  it('give every exchange’s client what it needs to build its first balance request', async () => {
    const outcomes: Record<string, string> = {};
    for (const exchange of listExchanges())
      outcomes[exchange.id] = await firstRequest(
        exchange.id,
        exchange.requiredCredentials.map((field) => field.key),
      );
    const failing = Object.entries(outcomes).filter(([, outcome]) => outcome !== 'request built');
    expect(failing).toEqual([]);
    expect(Object.keys(outcomes)).toHaveLength(104);
  }, 60_000);
});
