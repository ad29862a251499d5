// A key's IP whitelist must allow every address Keyport's workers call from, not just the one that checked it.
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { addOkxAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;
// this machine is 127.0.0.1 to the sim; the second address stands for another worker's NAT gateway
const EGRESS = ['127.0.0.1', '203.0.113.10'];

withStack((started) => ({ stack, api } = started), { egressIps: EGRESS });

async function connectOkx(label: string, allowedIps: string[]) {
  const keys = addOkxAccount(stack.sim, undefined, undefined, allowedIps);
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: {
      exchangeId: 'okx',
      label,
      credentials: { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase },
    },
  });
  return connectExchange.data.id;
}

describe('IP whitelist against our egress addresses', () => {
  it('a key whitelisting only one of our addresses is refused up front, naming the fix', async () => {
    const id = await connectOkx('Half whitelisted', ['127.0.0.1']);
    const connection = await waitForStatus(api, id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    expect(connection.status).toBe('IP_NOT_ALLOWED');
    expect(connection.statusReason?.code).toBe('IP_NOT_WHITELISTED');
    expect(connection.statusReason?.remedy).toMatch(/egress IP addresses/);
    expect(connection.permissions).toMatchObject({ ipRestricted: true, allowedIps: ['127.0.0.1'] });
  });

  it('a key whitelisting all of them connects, with no IP warning', async () => {
    const id = await connectOkx('Whitelisted', EGRESS);
    await waitForStatus(api, id, (s) => s === 'CONNECTED');
    const { exchangeConnection } = await api.ok<{ exchangeConnection: { warnings: { code: string }[] } }>(
      'query ($id: ID!) { exchangeConnection(id: $id) { warnings { code } } }',
      { id },
    );
    expect(exchangeConnection.warnings).toEqual([]);
  });
});
