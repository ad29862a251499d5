// The credential keyring for `npm start`: KEYRING_PUBLIC/KEYRING_PRIVATE when set, else a development
// keyring kept in .keyport/dev-keyring.json (gitignored, readable by this user only).
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatKeyring, generateMasterKey, parseKeyring } from '@keyport/vault/keyring';
import { displayPath, KEYPORT_DIR } from './repo-paths';
import { ServiceUnavailableError } from './service-errors';

export const DEFAULT_KEYRING_FILE = join(KEYPORT_DIR, 'dev-keyring.json');

export interface DevKeyring {
  publicKeys: string;
  privateKeys: string;
  notice: string;
}

interface KeyringFile {
  publicKeys: string;
  privateKeys: string;
}

const PRODUCTION_ADVICE =
  'In production set KEYRING_PUBLIC on api and workers and KEYRING_PRIVATE on the workers only (never on the api).';

export async function ensureDevKeyring(
  env: Record<string, string | undefined> = process.env,
  file = DEFAULT_KEYRING_FILE,
): Promise<DevKeyring> {
  const publicKeys = env.KEYRING_PUBLIC?.trim();
  const privateKeys = env.KEYRING_PRIVATE?.trim();
  if (publicKeys && privateKeys) {
    return {
      publicKeys,
      privateKeys,
      notice: 'Keyring: KEYRING_PUBLIC and KEYRING_PRIVATE from the environment',
    };
  }
  if (publicKeys || privateKeys) {
    const missing = publicKeys ? 'KEYRING_PRIVATE' : 'KEYRING_PUBLIC';
    throw new ServiceUnavailableError(
      `${missing} is not set but its other half is: the workers need both halves of the keyring. ` +
        `Set ${missing} too, or unset both to use a development keyring in ${displayPath(file)}.`,
    );
  }
  const existing = await readKeyringFile(file);
  if (existing) {
    return {
      ...existing,
      notice: `Keyring: development keyring from ${displayPath(file)}. ${PRODUCTION_ADVICE}`,
    };
  }
  const created = formatKeyring([generateMasterKey(`dev-${new Date().toISOString().slice(0, 10)}`)]);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // wx: two starts racing must not overwrite each other's keys
  await writeFile(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return {
    ...created,
    notice:
      `Keyring: created a development keyring in ${displayPath(file)} (mode 0600). Keep it: credentials stored ` +
      `with it can't be decrypted without it. ${PRODUCTION_ADVICE}`,
  };
}

async function readKeyringFile(file: string): Promise<KeyringFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // it holds private keys: tighten it if someone loosened it
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isKeyringFile(parsed)) throw new Error('expected { "publicKeys": "…", "privateKeys": "…" }');
    parseKeyring(parsed);
    return parsed;
  } catch (error) {
    throw new ServiceUnavailableError(
      `${displayPath(file)} is not a valid keyring (${(error as Error).message}). Restore it from a backup, or ` +
        'delete it to start over (connections saved with it must then be connected again).',
    );
  }
}

function isKeyringFile(value: unknown): value is KeyringFile {
  if (typeof value !== 'object' || value === null) return false;
  const { publicKeys, privateKeys } = value as Record<string, unknown>;
  return typeof publicKeys === 'string' && typeof privateKeys === 'string';
}
