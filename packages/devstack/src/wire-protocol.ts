// Just enough of the PostgreSQL v3 wire protocol to schedule PGlite's one session between connections.

const PROTOCOL_V3 = 196_608;

export function isStartupMessage(message: Uint8Array): boolean {
  if (message.length < 8) return false;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  return view.getInt32(0) === message.length && view.getInt32(4) === PROTOCOL_V3;
}

/** The key/value pairs of a StartupMessage (`user`, `database`, `options`, …). */
export function startupParameters(message: Uint8Array): Map<string, string> {
  const fields = Buffer.from(message.buffer, message.byteOffset + 8, message.byteLength - 8)
    .toString('utf8')
    .split('\0');
  const parameters = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length && fields[i] !== ''; i += 2) {
    parameters.set(fields[i] ?? '', fields[i + 1] ?? '');
  }
  return parameters;
}

/** The one-letter type of a regular (non-startup) message. */
export function messageType(message: Uint8Array): string {
  return String.fromCharCode(message[0] ?? 0);
}

export function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

export const SYNC_MESSAGE: Uint8Array = Uint8Array.of(0x53, 0, 0, 0, 4);

/** The text of the first ErrorResponse in a backend reply, if any. */
export function errorIn(reply: Uint8Array): string | undefined {
  const bytes = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    if (bytes[at] !== 0x45) continue;
    const fields = bytes
      .subarray(at + 5, at + 1 + bytes.readInt32BE(at + 1))
      .toString('utf8')
      .split('\0');
    const text = fields.find((field) => field.startsWith('M'));
    return text?.slice(1) ?? 'unknown error';
  }
  return undefined;
}

/** A FATAL ErrorResponse, for refusing a connection in a way every client can display. */
export function fatalError(code: string, message: string): Uint8Array {
  const body = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const reply = Buffer.alloc(5 + body.length);
  reply.write('E', 0, 'latin1');
  reply.writeInt32BE(4 + body.length, 1);
  body.copy(reply, 5);
  return reply;
}
