// `npm test`: every workspace's `test` script through turbo, against PostgreSQL and Redis from
// DATABASE_URL / REDIS_URL, else local ones, else embedded ones started here for the run.
// Arguments go to turbo: `npm test -- --filter=@keyport/api`, or to vitest after another `--`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describeError } from './describe-error';
import { prefixedLog } from './prefixed-output';
import { REPO_ROOT } from './repo-paths';
import { ServiceUnavailableError } from './service-errors';
import { ensureServices } from './services';
import { VitestTotals } from './vitest-totals';

const log = prefixedLog('keyport');
const turboCli = createRequire(import.meta.url).resolve('turbo/bin/turbo');

function turboArgs(extra: string[]): string[] {
  // api tests start whole stacks; two at a time is what 2 cores carry
  const concurrency = extra.some((arg) => arg.startsWith('--concurrency')) ? [] : ['--concurrency=2'];
  // loose: turbo 2 otherwise hands tasks only the variables turbo.json lists, dropping DATABASE_URL
  // --continue: one failing package must not hide the results of the others
  return ['run', 'test', ...concurrency, '--env-mode=loose', '--continue', ...extra];
}

function runTurbo(env: NodeJS.ProcessEnv, args: string[], totals: VitestTotals): Promise<number> {
  const color = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};
  const turbo = spawn(process.execPath, [turboCli, ...args], {
    cwd: REPO_ROOT,
    env: { ...env, ...color, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  for (const [source, target] of [
    [turbo.stdout, process.stdout],
    [turbo.stderr, process.stderr],
  ] as const) {
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      target.write(chunk);
      totals.add(chunk);
    });
  }
  // Ctrl-C reaches turbo directly (same process group); a SIGTERM sent to us alone is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => turbo.kill('SIGTERM'));
  return new Promise((resolve) => {
    turbo.once('error', (error) => {
      log(`could not run turbo: ${describeError(error)}`);
      resolve(1);
    });
    turbo.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const services = await ensureServices({ purpose: 'test' });
  for (const notice of services.notices) log(notice);
  const totals = new VitestTotals();
  let exitCode = 1;
  try {
    const env = { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl };
    const started = Date.now();
    exitCode = await runTurbo(env, turboArgs(process.argv.slice(2)), totals);
    log(`tests took ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await services
      .stop()
      .catch((error: unknown) => log(`stopping the embedded services: ${describeError(error)}`));
  }
  if (exitCode !== 0 && totals.failed === 0) {
    log(
      `turbo exited with ${exitCode} although no test failed: a package crashed or found no tests, see above`,
    );
  }
  console.log(totals.summary());
  return exitCode;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    log(
      error instanceof ServiceUnavailableError
        ? error.message
        : `npm test failed to run: ${describeError(error)}`,
    );
    process.exit(1);
  },
);
