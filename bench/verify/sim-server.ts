// Child process: the exchange emulator on a free port, with no accounts; the orchestrator adds them over
// the admin API. Prints one JSON line {"url": …} when listening; stops on SIGTERM/SIGINT.
import { startExchangeSim } from '@keyport/exchange-sim/server';

// the benches measure Keyport's own cost at budgets far above any venue's: the venues' documented limits are off
const sim = await startExchangeSim({ port: 0, fixture: { accounts: [], venueLimits: 'off' } });
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`);

const stop = () => {
  void sim.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
