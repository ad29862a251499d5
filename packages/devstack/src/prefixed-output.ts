import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Copies `source` to `target` line by line, each line prefixed with `[name] `. */
export function pipePrefixed(source: Readable, target: Writable, name: string): void {
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => target.write(`[${name}] ${line}\n`));
}

/** A console.log for things this process says on behalf of `name`. */
export function prefixedLog(name: string): (text: string) => void {
  return (text) => {
    for (const line of text.split('\n')) process.stdout.write(`[${name}] ${line}\n`);
  };
}
