import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKeyring } from '@keyport/vault/keyring';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevKeyring } from './keyring';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyport-keyring-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ensureDevKeyring', () => {
  it('creates a working keyring readable by this user only, and finds the same one next time', async () => {
    const file = join(dir, '.keyport', 'dev-keyring.json');
    const created = await ensureDevKeyring({}, file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(created.notice).toContain('KEYRING_PRIVATE on the workers only');
    expect(parseKeyring(created).canDecrypt(parseKeyring(created).activeKid)).toBe(true);
    const again = await ensureDevKeyring({}, file);
    expect(again.publicKeys).toBe(created.publicKeys);
    expect(again.privateKeys).toBe(created.privateKeys);
  });

  it('uses KEYRING_PUBLIC and KEYRING_PRIVATE from the environment when both are set', async () => {
    const keyring = await ensureDevKeyring(
      { KEYRING_PUBLIC: 'a:AAAA', KEYRING_PRIVATE: 'a:BBBB' },
      join(dir, 'k.json'),
    );
    expect(keyring).toMatchObject({ publicKeys: 'a:AAAA', privateKeys: 'a:BBBB' });
  });

  it('names the missing half when only one of the two is set', async () => {
    await expect(ensureDevKeyring({ KEYRING_PUBLIC: 'a:AAAA' }, join(dir, 'k.json'))).rejects.toThrow(
      'KEYRING_PRIVATE is not set',
    );
  });

  it('refuses a damaged keyring file without printing its content', async () => {
    const file = join(dir, 'k.json');
    await writeFile(file, '{"publicKeys":"dev:c2VjcmV0","privateKeys":"dev:c2VjcmV0"}', { mode: 0o600 });
    const attempt = ensureDevKeyring({}, file);
    await expect(attempt).rejects.toThrow(/is not a valid keyring/);
    await expect(attempt).rejects.not.toThrow('c2VjcmV0');
  });
});
