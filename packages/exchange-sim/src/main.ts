// `npm start` / `npm run demo`: the sim with the demo accounts on SIM_PORT (default 4100).
import { demoFixture } from './fixtures';
import { startExchangeSim } from './server';

const port = Number(process.env.SIM_PORT ?? 4100);
const host = process.env.SIM_HOST ?? '127.0.0.1';
const fixture = demoFixture();
const sim = await startExchangeSim({ host, port, fixture });

console.log(`exchange-sim listening on ${sim.url} (admin API: ${sim.url}/__sim/requests)`);
console.log('Demo keys (fake, for this simulator only):');
for (const account of fixture.accounts) {
  for (const key of account.keys) {
    const details = [
      `exchange=${account.exchange}`,
      `uid=${account.uid}`,
      `label="${key.label ?? ''}"`,
      `apiKey=${key.apiKey}`,
      `secret=${key.secret}`,
      ...(key.passphrase ? [`passphrase=${key.passphrase}`] : []),
      `environment=${key.environment ?? 'live'}`,
      ...(key.allowedIps?.length ? [`allowedIps=${key.allowedIps.join(',')}`] : []),
    ];
    console.log(`  ${details.join(' ')}`);
  }
}
console.log(`EXCHANGE_URL_OVERRIDES=${JSON.stringify({ binance: sim.url, okx: sim.url })}`);

const stop = () => {
  sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
