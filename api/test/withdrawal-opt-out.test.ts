// A deployment that accepts keys able to withdraw (ALLOW_WITHDRAWAL_KEYS=true): connected, secret kept,
// and the danger said on the connection.
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { addBinanceAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { allowWithdrawalKeys: true });

describe('ALLOW_WITHDRAWAL_KEYS', () => {
  it('connects a withdraw-enabled key, keeps its secret, and warns about it', async () => {
    const keys = addBinanceAccount(stack.sim, undefined, { read: true, withdraw: true });
    const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(
      CONNECT_MUTATION,
      {
        input: {
          exchangeId: 'binance',
          label: 'Opted out',
          credentials: { apiKey: keys.apiKey, secret: keys.secret },
        },
      },
    );
    const id = connectExchange.data.id;
    const c = await waitForStatus(api, id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect([c.status, c.hasCredentials, c.permissions?.withdraw]).toEqual(['CONNECTED', true, true]);
    const { exchangeConnection } = await api.ok<{ exchangeConnection: { warnings: { code: string }[] } }>(
      'query ($id: ID!) { exchangeConnection(id: $id) { warnings { code } } }',
      { id },
    );
    expect(exchangeConnection.warnings.map((w) => w.code)).toContain('WITHDRAWALS_ENABLED');
  });
});
