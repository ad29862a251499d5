import type { ConnectionWriter } from './connection-writer';

/** Refuse and forget at once: a key that can move funds must not stay in our vault. */
export async function eraseUnsafeKey(writer: ConnectionWriter, because: string): Promise<void> {
  await writer.save(
    { kind: 'SECRET_ERASED', detail: { because } },
    { credentials: null, credentialKid: null },
  );
}
