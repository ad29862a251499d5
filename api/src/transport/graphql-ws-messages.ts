// graphql-ws parses a server's message (next, error, connection_ack) sent by a client, then throws on it: a stack
// on stderr and close 4500, as if the server had failed. Refused while parsing, it closes 4400 like any bad message.
const SERVER_MESSAGES = new Set(['next', 'error', 'connection_ack']);

/** JSON.parse reviver for incoming graphql-ws messages: a whole message of a server's type fails to parse. */
export function refuseServerMessages(key: string, value: unknown): unknown {
  // key '' is the whole message (or, never in practice, an object under an empty key)
  if (key === '' && typeof value === 'object' && value !== null) {
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string' && SERVER_MESSAGES.has(type))
      throw new Error(`a client cannot send ${type}`);
  }
  return value;
}
