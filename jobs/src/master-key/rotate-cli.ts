// `npm run keys:rotate` — re-wraps every stored credential to the active master key (KEYRING_ACTIVE_KID,
// or the last public kid), with the running service untouched. The keyring must hold the private keys of
// the old master keys and the new one. `-- --check` only reports ciphertexts not under the active key
// (exit 1 if any), e.g. before a retired private key is thrown away.
import { ConfigError } from '@keyport/config/env';
import { openDatabase } from '@keyport/db/orm';
import { parseKeyring } from '@keyport/vault/keyring';
import { loadJobsConfig } from '../config';
import { ciphertextsNotUnder, rotateMasterKey } from './rotate-master-key';

async function main(): Promise<number> {
  const checkOnly = process.argv.includes('--check');
  const config = loadJobsConfig();
  const keyring = parseKeyring({
    publicKeys: config.KEYRING_PUBLIC,
    privateKeys: config.KEYRING_PRIVATE,
    activeKid: config.KEYRING_ACTIVE_KID,
  });
  const orm = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
  try {
    if (!checkOnly) {
      console.log(`re-wrapping stored credentials to master key ${keyring.activeKid}…`);
      const report = await rotateMasterKey(orm, keyring, (progress) =>
        console.log(`  ${progress.rewrapped} re-wrapped, ${progress.skipped} changed meanwhile`),
      );
      console.log(
        `done: ${report.rewrapped} re-wrapped, ${report.skipped} changed meanwhile (already current)`,
      );
      for (const failure of report.failed)
        console.log(`  could not open ${failure.connectionId} (kid ${failure.kid}): ${failure.error}`);
    }
    const left = await ciphertextsNotUnder(orm, keyring.activeKid);
    const total = Object.values(left).reduce((sum, n) => sum + n, 0);
    if (total === 0) {
      console.log(`every stored credential is under ${keyring.activeKid}: older private keys can be retired`);
      return 0;
    }
    const byKid = Object.entries(left).map(([kid, n]) => `${n} under ${kid}`);
    console.log(`not under ${keyring.activeKid} yet: ${byKid.join(', ')}; keep those private keys`);
    return 1;
  } finally {
    await orm.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
