// `npm start` / `npm run demo`: services (real or embedded), keyring, then api, jobs and web as child
// processes; with --demo also the exchange simulator and its demo keys.
import { createRequire } from 'node:module';
import { demoFixture, simUrlOverrides } from '@keyport/exchange-sim/fixtures';
import { startExchangeSim } from '@keyport/exchange-sim/server';
import { apiEnv, jobsEnv, type StackEnv, webEnv } from './child-env';
import { type ExitStatus, killGroupsOnExit, type RunningChild, startChild } from './child-process';
import { demoKeyInstructions } from './demo-keys';
import { describeError } from './describe-error';
import { ensureDevKeyring } from './keyring';
import { prefixedLog } from './prefixed-output';
import { REPO_ROOT } from './repo-paths';
import { ServiceUnavailableError } from './service-errors';
import { ensureServices, type Services } from './services';
import { waitForHttp } from './wait-for-http';

const log = prefixedLog('keyport');
const simLog = prefixedLog('sim');
const demo = process.argv.includes('--demo');
const env = process.env;
const apiPort = Number(env.PORT ?? 4000);
const dashboardUrl = 'http://localhost:3000';
const graphiqlUrl = `http://localhost:${apiPort}/graphql`;
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

const children: RunningChild[] = [];
let services: Services | undefined;
let sim: Awaited<ReturnType<typeof startExchangeSim>> | undefined;
let stopping = false;

function describeExit({ code, signal, error }: ExitStatus): string {
  if (error) return describeError(error);
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

async function shutdown(exitCode: number, signal: NodeJS.Signals): Promise<never> {
  if (stopping) process.exit(exitCode);
  stopping = true;
  log('stopping…');
  await Promise.all(children.map((child) => child.stop(signal, 15_000)));
  await sim?.close();
  // embedded services last: they wait for their clients, which are gone by now
  await services
    ?.stop()
    .catch((error: unknown) => log(`stopping the embedded services: ${describeError(error)}`));
  process.exit(exitCode);
}

let firstSignalAt = 0;

function onSignal(signal: NodeJS.Signals, forwarded: NodeJS.Signals) {
  process.on(signal, () => {
    // Ctrl-C reaches npm, tsx and us at once, and they may pass it on: only a later one means "hurry".
    if (stopping && Date.now() - firstSignalAt > 2_000) {
      log('stopping right now');
      process.exit(130); // killGroupsOnExit takes the children with us
    }
    if (stopping) return;
    firstSignalAt = Date.now();
    void shutdown(0, forwarded);
  });
}

function npmCommand(): { command: string; args: string[] } {
  // under `npm start`, reuse the very npm that runs us, without another shell lookup
  const npmCli = env.npm_execpath;
  return npmCli?.endsWith('npm-cli.js')
    ? { command: process.execPath, args: [npmCli] }
    : { command: 'npm', args: [] };
}

function mergedOverrides(simUrl: string): string {
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(env.EXCHANGE_URL_OVERRIDES ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      existing = parsed as Record<string, unknown>;
  } catch {
    log('EXCHANGE_URL_OVERRIDES is not valid JSON: the demo replaces it');
  }
  return JSON.stringify({ ...existing, ...simUrlOverrides(simUrl) });
}

async function main(): Promise<void> {
  onSignal('SIGINT', 'SIGINT');
  onSignal('SIGTERM', 'SIGTERM');
  onSignal('SIGHUP', 'SIGTERM');
  killGroupsOnExit(() => children);

  services = await ensureServices({ purpose: 'start' });
  const keyring = await ensureDevKeyring();
  for (const notice of [...services.notices, keyring.notice]) log(notice);

  const fixture = demoFixture();
  if (demo) {
    sim = await startExchangeSim({ port: Number(env.SIM_PORT ?? 4100), fixture });
    simLog(
      `exchange simulator (Binance and OKX private APIs) on ${sim.url}; jobs send binance and okx there`,
    );
  }
  const stack: StackEnv = {
    databaseUrl: services.databaseUrl,
    redisUrl: services.redisUrl,
    keyring,
    apiPort,
    exchangeUrlOverrides: sim ? mergedOverrides(sim.url) : undefined,
  };
  const tsx = (name: string, entry: string, childEnv: Record<string, string | undefined>) =>
    startChild({
      name,
      command: process.execPath,
      args: [tsxCli, entry],
      env: childEnv,
      cwd: REPO_ROOT,
      signalGroup: false,
    });
  const api = tsx('api', 'api/src/server.ts', apiEnv(env, stack));
  const jobs = tsx('jobs', 'jobs/src/main.ts', jobsEnv(env, stack));
  const npm = npmCommand();
  const web = startChild({
    name: 'web',
    command: npm.command,
    args: [...npm.args, 'run', 'dev', '-w', '@keyport/web'],
    env: webEnv(env, stack),
    cwd: REPO_ROOT,
    signalGroup: true,
  });
  children.push(api, jobs, web);

  for (const essential of [api, jobs]) {
    void essential.exited.then((status) => {
      if (stopping) return;
      log(`${essential.name} exited unexpectedly (${describeExit(status)}): stopping everything`);
      void shutdown(1, 'SIGTERM');
    });
  }
  void web.exited.then((status) => {
    if (stopping) return;
    log(`web (next dev) stopped (${describeExit(status)}); api and jobs keep running.`);
    log('See the [web] lines above for why; `npm run dev -w @keyport/web` runs it alone.');
  });

  const apiHost = !env.HOST || env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST === '::' ? '[::1]' : env.HOST;
  const healthy = await waitForHttp(`http://${apiHost}:${apiPort}/healthz`, 120_000, () => stopping);
  if (stopping) return;
  if (!healthy) log(`api has not answered /healthz after 2 minutes; still waiting on it (see [api] lines)`);
  log('Keyport is running:');
  log(`  dashboard  ${dashboardUrl}${web.running ? '' : '   (web is NOT running, see above)'}`);
  log(`  GraphiQL   ${graphiqlUrl}`);
  log('  Ctrl-C stops everything.');
  if (sim) simLog(demoKeyInstructions(fixture, dashboardUrl));
}

main().catch(async (error: unknown) => {
  log(error instanceof ServiceUnavailableError ? error.message : `could not start: ${describeError(error)}`);
  if (!(error instanceof ServiceUnavailableError) && error instanceof Error && error.stack)
    console.error(error.stack);
  await shutdown(1, 'SIGTERM');
});
