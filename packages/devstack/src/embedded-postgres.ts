// Development fallback: PostgreSQL 18 compiled to WASM (PGlite), served over the wire protocol on 127.0.0.1.
import { mkdir } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { PgliteSessionQueue } from './pglite-session-queue';
import { fatalError } from './wire-protocol';

export interface EmbeddedPostgres {
  /** Admin URL (database `postgres`, schema public). A connection to database X works in schema X. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** A directory keeps data across restarts; `memory://` forgets it on stop. */
  dataDir: string;
  /** At least the sum of the pools pointed at it; the next connection is refused. */
  maxConnections: number;
  port?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const sessionQueue = new PgliteSessionQueue(db);
  // pglite-socket's handler frames the protocol; its queue knows nothing of per-connection search_path,
  // so ours stands in. It has every method the handler calls; the declared class adds private fields.
  const queryQueue = sessionQueue as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handlers = new Set<PGLiteSocketHandler>();

  const server = createServer((socket: Socket) => {
    if (handlers.size >= options.maxConnections) {
      socket.end(
        fatalError('53300', `embedded PostgreSQL: all ${options.maxConnections} connections in use`),
      );
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
