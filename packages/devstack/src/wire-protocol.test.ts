import { describe, expect, it } from 'vitest';
import {
  errorIn,
  fatalError,
  isStartupMessage,
  messageType,
  simpleQuery,
  startupParameters,
} from './wire-protocol';

function startupMessage(parameters: Record<string, string>): Uint8Array {
  const body = Buffer.from(`${Object.entries(parameters).flat().join('\0')}\0\0`, 'utf8');
  const message = Buffer.alloc(8 + body.length);
  message.writeInt32BE(message.length, 0);
  message.writeInt32BE(196_608, 4);
  body.copy(message, 8);
  return message;
}

describe('wire protocol helpers', () => {
  it('reads the database a client asks for from its StartupMessage', () => {
    const message = startupMessage({
      user: 'postgres',
      database: 'keyport_test_1a2b',
      client_encoding: 'UTF8',
    });
    expect(isStartupMessage(message)).toBe(true);
    expect(startupParameters(message).get('database')).toBe('keyport_test_1a2b');
  });

  it('tells a regular message from a StartupMessage', () => {
    const query = simpleQuery('select 1');
    expect(isStartupMessage(query)).toBe(false);
    expect(messageType(query)).toBe('Q');
    expect(Buffer.from(query).readInt32BE(1)).toBe(query.length - 1);
  });

  it('finds the message of an ErrorResponse in a reply', () => {
    const reply = Buffer.concat([Buffer.from('Z\0\0\0\x05I', 'latin1'), fatalError('53300', 'too many')]);
    expect(errorIn(reply)).toBe('too many');
    expect(errorIn(Buffer.from('Z\0\0\0\x05I', 'latin1'))).toBeUndefined();
  });
});
