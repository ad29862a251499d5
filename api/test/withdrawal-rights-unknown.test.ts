// Keys whose withdrawal rights the exchange does not report (its permission endpoint refused to say): accepted
// and flagged by default, refused and erased where the deployment holds no key it cannot check
// (UNKNOWN_WITHDRAWAL_RIGHTS=refuse).
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { addBinanceAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { unknownWithdrawalRights: 'refuse' });

describe('UNKNOWN_WITHDRAWAL_RIGHTS=refuse', () => {
  it('refuses and erases a key the exchange would not describe; a described one connects', async () => {
    const connect = async (label: string, keys: { apiKey: string; secret: string }) => {
      const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(
        CONNECT_MUTATION,
        {
          input: { exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
        },
      );
      return waitForStatus(api, connectExchange.data.id, (s) => s !== 'PENDING' && s !== 'VERIFYING');
    };
    const unknown = addBinanceAccount(stack.sim);
    // the balance reads; the permission endpoint answers a 403 page (as a gateway would): no retry changes that
    stack.sim.addFault({
      kind: 'html',
      status: 403,
      apiKey: unknown.apiKey,
      path: '/sapi/v1/account/apiRestrictions',
    });
    const refused = await connect('Undescribed', unknown);
    expect([refused.status, refused.statusReason?.code, refused.hasCredentials]).toEqual([
      'UNSAFE_PERMISSIONS',
      'WITHDRAWAL_RIGHTS_UNKNOWN',
      false,
    ]);
    expect(refused.permissions?.withdraw).toBeNull();
    expect(refused.events.map((e) => e.kind)).toContain('SECRET_ERASED');
    const described = await connect('Described', addBinanceAccount(stack.sim));
    expect([described.status, described.permissions?.withdraw]).toEqual(['CONNECTED', false]);
  });
});
