// `npm run bench`: runs every bench in turn, each as its own process (`npm run bench -- verify` runs one).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['verify', 'refresh', 'api', 'dashboard'] as const;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(BENCHES as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}
// Ctrl-C reaches the running bench too; it cleans up and exits, and then this runner stops
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (interrupted = true));

let failed = 0;
for (const name of wanted.length > 0 ? wanted : BENCHES) {
  if (interrupted) break;
  const entry = fileURLToPath(new URL(`./${name}/run.ts`, import.meta.url));
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit' });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 130 : 1)));
  });
  if (code !== 0) {
    failed += 1;
    console.error(`bench ${name} exited with code ${code}`);
  }
}
process.exit(interrupted ? 130 : failed > 0 ? 1 : 0);
