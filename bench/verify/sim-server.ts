// Child process: the exchange emulator on a free port, with no accounts; the orchestrator adds them over
// the admin API. Prints one JSON line {"url": …} when listening; stops on SIGTERM/SIGINT.
import { startExchangeSim } from '@keyport/exchange-sim/server';

const sim = await startExchangeSim({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`);

const stop = () => {
  void sim.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
