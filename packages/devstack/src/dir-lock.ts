// One process at a time may open a PGlite data directory; two would corrupt it.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ServiceUnavailableError } from './service-errors';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `lockFile` for this process, or throws naming the process that holds it. */
export async function lockDirectory(lockFile: string, what: string): Promise<() => Promise<void>> {
  await mkdir(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new ServiceUnavailableError(
          `${what} is in use by process ${holder} (another npm start?); stop it first`,
        );
      }
      await rm(lockFile, { force: true }); // left behind by a process that no longer runs
    }
  }
  throw new Error(`could not lock ${what}`);
}
