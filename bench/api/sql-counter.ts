// A TCP proxy in front of PostgreSQL that counts the statements its clients send, read off the wire: every
// simple Query ('Q') and every Execute ('E') of the extended protocol. Exact, unlike pg_stat_database, whose
// counters idle backends flush only every few seconds.
import { createConnection, createServer, type Server } from 'node:net';

const STARTUP_CODES_THEN_STARTUP = new Set([80877103, 80877104]); // SSLRequest, GSSENCRequest

export interface SqlCounter {
  port: number;
  statements: () => number;
  close: () => Promise<void>;
}

export function startSqlCounter(target: { host: string; port: number }): Promise<SqlCounter> {
  let statements = 0;
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    let startup = true;
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (data: Buffer) => {
      upstream.write(data);
      pending = pending.length > 0 ? Buffer.concat([pending, data]) : data;
      // walk whole messages; keep a partial one for the next chunk
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          startup = STARTUP_CODES_THEN_STARTUP.has(pending.readInt32BE(4));
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1);
        if (pending.length < length + 1) break;
        const type = String.fromCharCode(pending[0] as number);
        if (type === 'Q' || type === 'E') statements += 1;
        pending = pending.subarray(length + 1);
      }
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', end);
    upstream.once('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        statements: () => statements,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // pooled connections of a stopped api are already gone; anything left is cut
            server.unref();
          }),
      });
    });
  });
}
