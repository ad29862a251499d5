// What `npm run demo` tells the user to paste into "Add exchange" (same accounts as exchange-sim's main.ts).
import type { SimFixture, SimKey } from '@keyport/exchange-sim/fixtures';

const EXCHANGE_NAMES: Record<string, string> = { binance: 'Binance', okx: 'OKX' };

function keyLines(exchange: string, key: SimKey): string[] {
  const sandbox = exchange === 'okx' && key.environment === 'demo';
  return [
    `${EXCHANGE_NAMES[exchange] ?? exchange} — ${key.label ?? 'demo key'}${sandbox ? ' (a demo-trading key: turn the testnet/demo option on)' : ''}`,
    `    API key:    ${key.apiKey}`,
    `    Secret key: ${key.secret}`,
    ...(key.passphrase ? [`    Passphrase: ${key.passphrase}`] : []),
    ...(key.allowedIps?.length
      ? [`    (the simulated exchange only accepts it from ${key.allowedIps.join(', ')})`]
      : []),
  ];
}

export function demoKeyInstructions(fixture: SimFixture, dashboardUrl: string): string {
  return [
    `Demo keys (fake, accepted only by this simulator). In the dashboard (${dashboardUrl}): sign up, then`,
    'My Exchanges → + Add New Exchange, pick the exchange and paste:',
    ...fixture.accounts.flatMap((account) => account.keys.flatMap((key) => keyLines(account.exchange, key))),
  ].join('\n');
}
