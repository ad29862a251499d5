// Where the recorded real exchange responses are: beside the clone (../shared/research), as CI and this machine
// keep them, or KEYPORT_RESEARCH_DIR. Read by tests only; the product never loads them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export function researchDir(): string {
  const candidates = [process.env.KEYPORT_RESEARCH_DIR, join(repoRoot, '../shared/research')].filter(
    (dir): dir is string => Boolean(dir),
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'exchange-responses')));
  if (!found)
    throw new Error(
      `no recorded exchange responses in ${candidates.join(' or ')}: set KEYPORT_RESEARCH_DIR to the research folder`,
    );
  return found;
}

export interface RecordedCase {
  description: string;
  input: unknown[];
  httpResponse: unknown;
  parsedResponse: unknown;
}

/** The recorded response cases of one exchange, by ccxt method. */
export function recordedResponses(exchange: string): Record<string, RecordedCase[]> {
  const file = join(researchDir(), 'exchange-responses', `${exchange}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { responses: Record<string, RecordedCase[]> }).responses;
}
