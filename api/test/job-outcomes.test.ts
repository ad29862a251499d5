// An operator follows one connection through the logs: one structured info line per job outcome, with its id,
// exchange, job kind, attempt, status, reason and duration (never a secret), and the same outcomes counted.
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, waitForStatus } from './client';
import type { Stack } from './harness';
import { addBinanceAccount } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started));

async function connect(label: string, keys: { apiKey: string; secret: string }): Promise<string> {
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'binance', label, credentials: keys },
  });
  return connectExchange.data.id;
}

const outcomeLines = (id: string) =>
  stack.logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'job outcome' && entry.connectionId === id);

describe('job outcomes', () => {
  it('logs one line per outcome and counts it, with no secret in either', async () => {
    const good = addBinanceAccount(stack.sim);
    const typo = addBinanceAccount(stack.sim);
    const connected = await connect('Logged', { apiKey: good.apiKey, secret: good.secret });
    const refused = await connect('Refused', {
      apiKey: typo.apiKey,
      secret: `${typo.secret.slice(0, -2)}xx`,
    });
    await waitForStatus(api, connected, (s) => s === 'CONNECTED');
    await waitForStatus(api, refused, (s) => s === 'INVALID_CREDENTIALS');
    await expect.poll(() => outcomeLines(refused).length).toBe(1);

    const [ok] = outcomeLines(connected);
    expect(ok).toMatchObject({
      level: 30,
      connectionId: connected,
      exchangeId: 'binance',
      job: 'verify',
      attempt: 1,
      outcome: 'connected',
      status: 'CONNECTED',
      reason: null,
    });
    expect(ok?.durationMs).toEqual(expect.any(Number));
    expect(outcomeLines(refused)).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        status: 'INVALID_CREDENTIALS',
        reason: 'SIGNATURE_REJECTED',
      }),
    ]);

    const metrics = (await stack.workers?.outcomes.registry.metrics()) ?? '';
    expect(metrics).toContain('keyport_jobs_total{job="verify",outcome="connected",exchange="binance"} 1');
    expect(metrics).toContain(
      'keyport_exchange_refusals_total{exchange="binance",reason="SIGNATURE_REJECTED"} 1',
    );
    for (const secret of [good.secret, typo.secret, good.apiKey, typo.apiKey]) {
      expect(stack.logLines.join('\n')).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
  });
});
