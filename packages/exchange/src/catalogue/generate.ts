// Regenerates exchanges.json from the installed ccxt, or with --check fails when it has drifted.
// The api serves the catalogue from that JSON because it must never load ccxt (≈400 ms, 120 MB).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ccxt, { type Exchange } from 'ccxt';
import { type CatalogueFile, formatCatalogueFile } from './catalogue-file';
import { describeDrift, diffCatalogues, parseCatalogueFile } from './diff-catalogue';
import { compareEntries, extractExchange, POPULAR_IDS } from './extract-exchange';

const CATALOGUE_PATH = fileURLToPath(new URL('./exchanges.json', import.meta.url));
const FIX_COMMAND = 'npm run catalogue:generate';

function buildCatalogue(): CatalogueFile {
  const exchanges = ccxt.exchanges.map((id) => extractExchange(instantiate(id))).sort(compareEntries);
  const missing = POPULAR_IDS.filter((id) => !exchanges.some((entry) => entry.id === id));
  if (missing.length > 0) {
    throw new Error(`ccxt no longer has ${missing.join(', ')}: update POPULAR_IDS in extract-exchange.ts`);
  }
  return { ccxtVersion: installedCcxtVersion(), exchanges };
}

function instantiate(id: string): Exchange {
  const ExchangeClass: unknown = (ccxt as unknown as Record<string, unknown>)[id];
  if (typeof ExchangeClass !== 'function') throw new Error(`ccxt lists ${id} but exports no class for it`);
  return new (ExchangeClass as new () => Exchange)();
}

// ccxt.version is stale (it says 4.5.83 in 4.5.84), so read the version of the package actually loaded.
function installedCcxtVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('ccxt')));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (name === 'ccxt' && typeof version === 'string') return version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the package.json of the installed ccxt');
    dir = parent;
  }
}

function write(catalogue: CatalogueFile): number {
  writeFileSync(CATALOGUE_PATH, formatCatalogueFile(catalogue));
  console.log(
    `Wrote ${catalogue.exchanges.length} exchanges (ccxt ${catalogue.ccxtVersion}) to ${CATALOGUE_PATH}`,
  );
  return 0;
}

function check(generated: CatalogueFile): number {
  const expected = formatCatalogueFile(generated);
  const actual = existsSync(CATALOGUE_PATH) ? readFileSync(CATALOGUE_PATH, 'utf8') : undefined;
  if (actual === expected) {
    console.log(
      `exchanges.json is up to date (${generated.exchanges.length} exchanges, ccxt ${generated.ccxtVersion}).`,
    );
    return 0;
  }
  const committed = actual === undefined ? undefined : parseCatalogueFile(actual);
  const differences = committed
    ? describeDrift(diffCatalogues(committed, generated))
    : [actual === undefined ? 'the file is missing' : 'the file is not a valid catalogue'];
  if (differences.length === 0) {
    differences.push('only the formatting differs from what the generator writes');
  }
  console.error(
    [
      `${CATALOGUE_PATH} is out of date with the installed ccxt ${generated.ccxtVersion}:`,
      ...differences.map((line) => `  - ${line}`),
      `Fix: run \`${FIX_COMMAND}\` and commit exchanges.json.`,
    ].join('\n'),
  );
  return 1;
}

const catalogue = buildCatalogue();
process.exitCode = process.argv.includes('--check') ? check(catalogue) : write(catalogue);
