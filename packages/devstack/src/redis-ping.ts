// PING over a raw socket: enough to tell "a Redis answers here" without a client library.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

function command(...args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** Resolves when the server at `url` answers PONG; rejects with the reason otherwise. */
export function pingRedis(url: string, timeoutMs = 2_000): Promise<void> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(target.port || 6379);
  const password = decodeURIComponent(target.password);
  const username = decodeURIComponent(target.username);
  const replies = password ? ['+OK', '+PONG'] : ['+PONG'];
  const request =
    (password ? command('AUTH', ...(username ? [username] : []), password) : '') + command('PING');

  return new Promise((resolve, reject) => {
    const socket: Socket =
      target.protocol === 'rediss:'
        ? connectTls({ host, port, servername: host })
        : connectTcp({ host, port });
    let received = '';
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once(target.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const lines = received.split('\r\n').slice(0, -1);
      const refusal = lines.find((line) => line.startsWith('-'));
      if (refusal) finish(new Error(refusal.slice(1)));
      else if (lines.length >= replies.length) {
        const expected = lines.slice(0, replies.length).every((line, i) => line === replies[i]);
        finish(expected ? undefined : new Error(`unexpected reply ${JSON.stringify(lines.join(' '))}`));
      }
    });
    socket.once('error', (error) => finish(error));
    socket.once('close', () => finish(new Error('connection closed before PONG')));
  });
}
