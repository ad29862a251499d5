// The dashboard's server: `next start`, except that every request carries the socket's peer address
// (stampClientAddress), so the api counts each browser on its own and no browser can name another address.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { stampClientAddress } from './src/server/client-address';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
// like `next start`: every interface unless HOST says otherwise
const hostname = process.env.HOST ?? '0.0.0.0';
const app = next({ dev, dir: fileURLToPath(new URL('.', import.meta.url)), hostname, port });
const handle = app.getRequestHandler();

await app.prepare();
const server = createServer((req, res) => {
  stampClientAddress(req);
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`dashboard listening on http://${hostname}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
