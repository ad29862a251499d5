import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECT_MUTATION, type ConnectionView, waitForStatus } from './client';
import type { Stack } from './harness';
import { addBinanceAccount, addOkxAccount, type SimKeys } from './sim-accounts';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;
let labels = 0;

withStack((started) => ({ stack, api } = started), { exchangeTimeoutMs: 700, retryBaseMs: 100 });

async function connectBinance(keys: SimKeys): Promise<string> {
  labels += 1;
  const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
    input: {
      exchangeId: 'binance',
      label: `fault ${labels}`,
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    },
  });
  return connectExchange.data.id;
}

const settled = (status: string) => status !== 'PENDING' && status !== 'VERIFYING';
const statusTrail = (connection: ConnectionView) =>
  connection.events
    .map((event) => event.toStatus)
    .filter(Boolean)
    .reverse();

describe('exchange failures become precise statuses, retried where retrying can help', () => {
  it('a 429 with Retry-After shows RATE_LIMITED, waits, retries, and connects', async () => {
    const keys = addBinanceAccount(stack.sim);
    stack.sim.addFault({ kind: 'rate-limit', apiKey: keys.apiKey, retryAfterSeconds: 1, times: 2 });
    const id = await connectBinance(keys);
    const connection = await waitForStatus(api, id, (s) => s === 'CONNECTED');
    expect(statusTrail(connection)).toEqual([
      'PENDING',
      'VERIFYING',
      'RATE_LIMITED',
      'VERIFYING',
      'RATE_LIMITED',
      'VERIFYING',
      'CONNECTED',
    ]);
    const rateLimited = stack.sim
      .requests()
      .filter((r) => r.apiKey === keys.apiKey && r.verdict === 'fault:rate-limit');
    expect(rateLimited).toHaveLength(2);
  });

  it('a 5xx shows EXCHANGE_UNAVAILABLE, then connects on retry', async () => {
    const keys = addBinanceAccount(stack.sim);
    stack.sim.addFault({ kind: 'server-error', apiKey: keys.apiKey, status: 503, times: 1 });
    const id = await connectBinance(keys);
    const connection = await waitForStatus(api, id, (s) => s === 'CONNECTED');
    expect(connection.events.map((e) => e.reasonCode)).toContain('EXCHANGE_DOWN');
  });

  it('an HTML error page shows EXCHANGE_UNAVAILABLE, then connects on retry', async () => {
    const keys = addBinanceAccount(stack.sim);
    stack.sim.addFault({ kind: 'html', apiKey: keys.apiKey, status: 502, times: 1 });
    const id = await connectBinance(keys);
    const connection = await waitForStatus(api, id, (s) => s === 'CONNECTED');
    expect(statusTrail(connection)).toContain('EXCHANGE_UNAVAILABLE');
  });

  it('an HTML page served with 200 is not taken for an empty balance', async () => {
    const keys = addBinanceAccount(stack.sim);
    stack.sim.addFault({ kind: 'html', apiKey: keys.apiKey, status: 200 });
    const id = await connectBinance(keys);
    const connection = await waitForFinal(id);
    expect(connection.status).toBe('EXCHANGE_UNAVAILABLE');
    expect(connection.statusReason).toMatchObject({ code: 'UNEXPECTED_RESPONSE', retrying: true });
    expect(connection.balances).toEqual([]);
  });

  it('an exchange that never answers ends EXCHANGE_UNAVAILABLE (timeout) after every attempt, still to be retried', async () => {
    const keys = addBinanceAccount(stack.sim);
    stack.sim.addFault({ kind: 'timeout', apiKey: keys.apiKey });
    const id = await connectBinance(keys);
    const connection = await waitForFinal(id, 40_000);
    expect(connection.status).toBe('EXCHANGE_UNAVAILABLE');
    expect(connection.statusReason).toMatchObject({ code: 'TIMEOUT', retrying: true });
    const attempts = stack.sim.requests().filter((r) => r.apiKey === keys.apiKey);
    expect(attempts).toHaveLength(5);
  });

  it('a skewed exchange clock is measured and corrected: the key connects', async () => {
    const keys = addOkxAccount(stack.sim);
    stack.sim.addFault({ kind: 'clock-skew', exchange: 'okx', offsetMs: 90_000 });
    try {
      labels += 1;
      const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(
        CONNECT_MUTATION,
        {
          input: {
            exchangeId: 'okx',
            label: `skew ${labels}`,
            credentials: { apiKey: keys.apiKey, secret: keys.secret, password: keys.passphrase },
          },
        },
      );
      await waitForStatus(api, connectExchange.data.id, (s) => s === 'CONNECTED');
      const verdicts = stack.sim
        .requests()
        .filter((r) => r.apiKey === keys.apiKey)
        .map((r) => r.verdict);
      expect(verdicts[0]).toBe('timestamp');
      expect(verdicts.at(-1)).toBe('ok');
    } finally {
      stack.sim.clearFaults();
    }
  });

  it('a clock disagreement that resynchronising cannot fix ends CLOCK_SKEW', async () => {
    const keys = addBinanceAccount(stack.sim);
    // only signed requests see the skew, so the public time endpoint cannot explain it
    stack.sim.addFault({ kind: 'clock-skew', apiKey: keys.apiKey, offsetMs: 120_000 });
    const id = await connectBinance(keys);
    const connection = await waitForFinal(id, 30_000);
    expect(connection.status).toBe('CLOCK_SKEW');
    expect(connection.statusReason?.retrying).toBe(true);
    // Binance's refusal gives no times: the offset reported is the one its time endpoint showed (none here)
    const { exchangeConnection } = await api.ok<{
      exchangeConnection: { statusReason: { clockOffsetMs: number } };
    }>('query ($id: ID!) { exchangeConnection(id: $id) { statusReason { clockOffsetMs } } }', { id });
    expect(Math.abs(exchangeConnection.statusReason.clockOffsetMs)).toBeLessThan(5_000);
  });
});

/** Polls until the last attempt is over: settled and no retry left in the queue. */
async function waitForFinal(id: string, timeoutMs = 30_000): Promise<ConnectionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const connection = await waitForStatus(api, id, settled, timeoutMs);
    const pending = await stack.jobsDeps.verifyQueue.getJobCounts('waiting', 'delayed', 'active');
    const inQueue = (pending.waiting ?? 0) + (pending.delayed ?? 0) + (pending.active ?? 0);
    if (connection.verificationStep === 'DONE' && inQueue === 0) return connection;
    if (Date.now() > deadline) throw new Error(`still retrying: ${JSON.stringify(connection.statusReason)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
