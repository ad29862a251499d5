import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  type ConnectionView,
  signedUpClient,
  waitForStatus,
} from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount } from './sim-accounts';
import { spawnWorker, stopWorker, type WorkerProcess } from './worker-process';

let stack: Stack;
let api: ApiClient;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  stack = await startStack({ worker: false });
  api = await signedUpClient(stack.apiUrl);
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => stopWorker(worker, 'SIGKILL')));
});
afterAll(async () => {
  await stack?.close();
});

async function connectBinance(label: string) {
  const keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
    input: { exchangeId: 'binance', label, credentials: { apiKey: keys.apiKey, secret: keys.secret } },
  });
  return { id: connectExchange.data.id, keys };
}

function startWorkerProcess(): WorkerProcess {
  const worker = spawnWorker(stack);
  workers.push(worker);
  return worker;
}

describe('nothing is lost when a worker dies or Redis forgets', () => {
  it('a worker killed with SIGKILL mid-verification: another worker finishes the job', async () => {
    const { id, keys } = await connectBinance('Killed mid-job');
    // the exchange answers slowly, so the kill lands while the job is talking to it
    const slow = stack.sim.addFault({ kind: 'latency', apiKey: keys.apiKey, delayMs: 5_000 });
    const first = startWorkerProcess();
    await first.ready;
    const verifying = await waitForStatus(api, id, (s) => s === 'VERIFYING');
    expect(verifying.verificationStep).toBe('CHECKING_CREDENTIALS');
    await stopWorker(first, 'SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(slow).toBeTruthy();
    stack.sim.clearFaults();

    const second = startWorkerProcess();
    await second.ready;
    const connection = await waitForStatus(api, id, (s) => s === 'CONNECTED', 30_000);
    expect(connection.balances.length).toBeGreaterThan(0);
  });

  it('Redis flushed while jobs wait: the reconciler enqueues again from the database', async () => {
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push((await connectBinance(`Flushed ${i}`)).id);
    expect(await stack.apiDeps.verifyQueue.count()).toBe(5);
    // lose every queue key of this deployment, as a Redis without persistence does on restart
    const keys = await stack.redis.keys(`${stack.redisPrefix}:*`);
    await stack.redis.del(...keys);
    expect(await stack.apiDeps.verifyQueue.count()).toBe(0);

    const worker = startWorkerProcess();
    await worker.ready;
    for (const id of ids) await waitForStatus(api, id, (s) => s === 'CONNECTED', 30_000);
  });

  it('a worker stopped with SIGTERM finishes its running job before exiting', async () => {
    const { id, keys } = await connectBinance('Graceful');
    stack.sim.addFault({ kind: 'latency', apiKey: keys.apiKey, delayMs: 1_500 });
    const worker = startWorkerProcess();
    await worker.ready;
    await waitForStatus(api, id, (s) => s === 'VERIFYING');
    await stopWorker(worker, 'SIGTERM');
    expect(worker.child.exitCode).toBe(0);
    const [row] = await stack.db.orm.em
      .fork()
      .getConnection()
      .execute('select status from exchange_connections where id = ?', [id]);
    expect(row?.status).toBe('CONNECTED');
  });
});
