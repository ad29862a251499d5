import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@keyport/db/testing';
import { keyHint, openCredentials, sealCredentials } from '@keyport/vault/envelope';
import { formatKeyring, generateMasterKey, parseKeyring } from '@keyport/vault/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextsNotUnder, rotateMasterKey } from './rotate-master-key';

let db: TestDatabase;
const oldKey = generateMasterKey('old-1');
const newKey = generateMasterKey('new-2');
const before = parseKeyring(formatKeyring([oldKey]));
// during the rotation the workers hold both private keys; the api already seals to the new one
const during = parseKeyring({ ...formatKeyring([oldKey, newKey]), activeKid: 'new-2' });
const after = parseKeyring({ ...formatKeyring([newKey]) });
const ownerId = randomUUID();

beforeAll(async () => {
  db = await createTestDatabase();
  await db.orm.em
    .fork()
    .getConnection()
    .execute(
      "insert into users (id, email, password_hash, created_at) values (?, 'rot@example.test', 'x', now())",
      [ownerId],
    );
});
afterAll(async () => {
  await db?.drop();
});

async function storeConnection(keyring = before, kidOverride?: string) {
  const id = randomUUID();
  const credentials = { apiKey: `key-${id}`, secret: `secret-${id}` };
  const envelope = sealCredentials(keyring, credentials, { connectionId: id, ownerId, version: 1 });
  const stored = kidOverride ? { ...envelope, kid: kidOverride } : envelope;
  await db.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into exchange_connections (id, owner_id, exchange_id, label, sandbox, account_types, status, key_hint,
         credentials, credential_version, credential_kid, status_changed_at, created_at, updated_at)
       values (?, ?, 'binance', ?, false, '["spot"]', 'CONNECTED', ?, ?::jsonb, 1, ?, now(), now(), now())`,
      [id, ownerId, `c-${id}`, keyHint(credentials.apiKey), JSON.stringify(stored), stored.kid],
    );
  return { id, credentials };
}

async function storedEnvelope(id: string) {
  const [row] = await db.orm.em
    .fork()
    .getConnection()
    .execute<{ credentials: never; credential_kid: string }[]>(
      'select credentials, credential_kid from exchange_connections where id = ?',
      [id],
    );
  return row as { credentials: never; credential_kid: string };
}

describe('master-key rotation', () => {
  it('re-wraps every credential to the new master key; the old private key is then no longer needed', async () => {
    const stored = await Promise.all(Array.from({ length: 450 }, () => storeConnection()));
    const already = await storeConnection(during); // sealed by the api after the switch
    expect(await ciphertextsNotUnder(db.orm, 'new-2')).toEqual({ 'old-1': 450 });

    const progress: number[] = [];
    const report = await rotateMasterKey(db.orm, during, (p) => progress.push(p.rewrapped));
    expect(report).toEqual({ rewrapped: 450, skipped: 0, failed: [] });
    expect(progress.length).toBeGreaterThanOrEqual(3); // told as it goes, a batch at a time
    expect(await ciphertextsNotUnder(db.orm, 'new-2')).toEqual({});

    for (const { id, credentials } of [...stored.slice(0, 20), already]) {
      const row = await storedEnvelope(id);
      expect(row.credential_kid).toBe('new-2');
      // opened with the new key alone, bound to the same connection
      expect(openCredentials(after, row.credentials, { connectionId: id, ownerId, version: 1 })).toEqual(
        credentials,
      );
      expect(() =>
        openCredentials(before, row.credentials, { connectionId: id, ownerId, version: 1 }),
      ).toThrow();
    }
  });

  it('re-wraps keys staged to replace a working key too, still bound to the next key version', async () => {
    const { id } = await storeConnection(during);
    const staged = { apiKey: `next-${id}`, secret: `next-secret-${id}` };
    const envelope = sealCredentials(before, staged, { connectionId: id, ownerId, version: 2 });
    const sql = db.orm.em.fork().getConnection();
    await sql.execute(
      'update exchange_connections set staged_credentials = ?::jsonb, staged_credential_kid = ? where id = ?',
      [JSON.stringify(envelope), envelope.kid, id],
    );
    expect(await ciphertextsNotUnder(db.orm, 'new-2')).toEqual({ 'old-1': 1 });

    expect(await rotateMasterKey(db.orm, during)).toEqual({ rewrapped: 1, skipped: 0, failed: [] });
    expect(await ciphertextsNotUnder(db.orm, 'new-2')).toEqual({});
    const [row] = await sql.execute<{ staged_credentials: never; staged_credential_kid: string }[]>(
      'select staged_credentials, staged_credential_kid from exchange_connections where id = ?',
      [id],
    );
    expect(row?.staged_credential_kid).toBe('new-2');
    expect(
      openCredentials(after, row?.staged_credentials as never, { connectionId: id, ownerId, version: 2 }),
    ).toEqual(staged);
  });

  it('reports what it cannot open and leaves it as it was; the check says which kid still holds it', async () => {
    const lost = await storeConnection(parseKeyring(formatKeyring([generateMasterKey('lost-9')])));
    const beforeRotation = await storedEnvelope(lost.id);
    const report = await rotateMasterKey(db.orm, during);
    expect(report.rewrapped).toBe(0);
    expect(report.failed).toEqual([{ connectionId: lost.id, kid: 'lost-9', error: expect.any(String) }]);
    expect(report.failed[0]?.error).not.toContain(lost.credentials.secret);
    expect(await storedEnvelope(lost.id)).toEqual(beforeRotation);
    expect(await ciphertextsNotUnder(db.orm, 'new-2')).toEqual({ 'lost-9': 1 });
  });
});
