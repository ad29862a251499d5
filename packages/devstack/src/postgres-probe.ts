// Checks a PostgreSQL URL the way the api will use it: MikroORM over knex/pg, with a bounded wait.
import { connect } from 'node:net';
import { openDatabase } from '@keyport/db/orm';

function tcpReachable(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** Runs `sql` on `url` and returns its rows; rejects with the reason when the server can't be used. */
export async function queryPostgres(url: string, sql: string, timeoutMs = 5_000): Promise<unknown[]> {
  const target = new URL(url);
  // A TCP check first: pg has no connect timeout by default and would wait forever on a silent host.
  await tcpReachable(
    target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    Number(target.port || 5432),
    timeoutMs,
  );
  const orm = await openDatabase({ databaseUrl: url, poolSize: 1, migrate: false });
  try {
    return await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close(true);
  }
}
