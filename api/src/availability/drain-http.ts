import type { Server } from 'node:http';

/**
 * Stops accepting connections and lets the requests in flight finish: idle keep-alive connections are closed as
 * they go idle, whatever is still open after `graceMs` is cut. Resolves once every connection is closed.
 */
export function drainHttp(server: Server, graceMs: number): Promise<{ cut: boolean }> {
  return new Promise((resolve) => {
    let cut = false;
    // a keep-alive connection whose request finished after close() would otherwise stay open
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      cut = true;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve({ cut });
    });
  });
}
