// Rotating the master key while connections are being verified: nothing fails, nothing stays under the old key.
import { ciphertextsNotUnder, rotateMasterKey } from '@keyport/jobs/master-key';
import { parseKeyring } from '@keyport/vault/keyring';
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { addBinanceAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { masterKids: ['old-1', 'new-2'] });

async function connect(label: string): Promise<string> {
  const keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  return connectExchange.data.id;
}

const testAgain = (id: string) =>
  api.ok('mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }', { id });
const allConnected = (ids: string[]) =>
  Promise.all(ids.map((id) => waitForStatus(api, id, (s) => s === 'CONNECTED', 30_000)));

describe('master-key rotation under load', () => {
  it('re-wraps every credential while verifications run; afterwards the old key can go', async () => {
    const before = [];
    for (let i = 0; i < 12; i++) before.push(await connect(`Before ${i}`));
    await allConnected(before);
    expect(await ciphertextsNotUnder(stack.db.orm, 'new-2')).toEqual({ 'old-1': 12 });

    // the operator makes new-2 active everywhere (workers hold both private keys), then rotates
    const { publicKeys, privateKeys } = stack.keyringEnv;
    stack.apiDeps.keyring = parseKeyring({ publicKeys, activeKid: 'new-2' });
    const during = await Promise.all([
      rotateMasterKey(stack.db.orm, parseKeyring({ publicKeys, privateKeys, activeKid: 'new-2' })),
      ...before.map((id) => testAgain(id)),
      ...Array.from({ length: 8 }, (_, i) => connect(`During ${i}`)),
    ]);
    const report = during[0] as Awaited<ReturnType<typeof rotateMasterKey>>;
    const added = during.slice(1 + before.length) as string[];
    expect(report.failed).toEqual([]);
    expect(report.rewrapped + report.skipped).toBeGreaterThanOrEqual(1);
    await allConnected([...before, ...added]);
    expect(await ciphertextsNotUnder(stack.db.orm, 'new-2')).toEqual({});

    // the old private key is gone from the workers: every connection still opens and verifies
    const newOnly = parseKeyring({
      publicKeys: publicKeys
        .split(',')
        .filter((k) => k.startsWith('new-2:'))
        .join(','),
      privateKeys: privateKeys
        .split(',')
        .filter((k) => k.startsWith('new-2:'))
        .join(','),
    });
    stack.jobsDeps.keyring = newOnly;
    await Promise.all([...before, ...added].map((id) => testAgain(id)));
    const final = await allConnected([...before, ...added]);
    expect(final.map((c) => c.status)).toEqual(Array(20).fill('CONNECTED'));
  }, 90_000);
});
