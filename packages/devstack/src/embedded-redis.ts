// Development fallback: js-redis-server (Redis commands and Lua in TypeScript/WASM) on 127.0.0.1.
import type { Socket } from 'node:net';
import {
  createRedisCommandExecutor,
  RedisServerState,
  Resp2Server,
  resolveCompatibilityProfile,
} from 'js-redis-server/core';

export interface EmbeddedRedis {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedRedis(port = 0): Promise<EmbeddedRedis> {
  const compatibility = resolveCompatibilityProfile();
  // Assembled from core parts because createRedisServer() listens on every interface, not just loopback.
  const redis = new Resp2Server({
    server: new RedisServerState({ compatibility }),
    executor: createRedisCommandExecutor({ compatibility }),
  });
  const sockets = new Set<Socket>();
  redis.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    redis.server.once('error', reject);
    redis.server.listen(port, '127.0.0.1', () => {
      redis.server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${redis.getPort()}`,
    async stop() {
      // close() waits for every client to hang up, and a forgotten one would hang it forever.
      for (const socket of sockets) socket.destroy();
      await redis.close();
    },
  };
}
