import { type Envelope, isEnvelope, openCredentials } from '@keyport/vault/envelope';
import type { JobsDeps } from '../deps';
import type { ConnectionWriter } from './connection-writer';

/** The connection's keys in memory for this job only, or null when they cannot be opened (logged, never shown). */
export function decrypt(deps: JobsDeps, writer: ConnectionWriter): Record<string, string> | null {
  const { connection } = writer;
  return open(deps, writer, connection.credentials, connection.credentialVersion);
}

/** The keys staged to replace the connection's, sealed for the next key version. */
export function decryptStaged(deps: JobsDeps, writer: ConnectionWriter): Record<string, string> | null {
  const { connection } = writer;
  return open(deps, writer, connection.stagedCredentials, connection.credentialVersion + 1);
}

function open(
  deps: JobsDeps,
  { connection }: ConnectionWriter,
  envelope: unknown,
  version: number,
): Record<string, string> | null {
  if (!isEnvelope(envelope)) return null;
  try {
    return openCredentials(deps.keyring, envelope as Envelope, {
      connectionId: connection.id,
      ownerId: connection.owner,
      version,
    });
  } catch (error) {
    deps.logger.error(
      { connectionId: connection.id, err: (error as Error).message },
      'credentials could not be opened',
    );
    return null;
  }
}
