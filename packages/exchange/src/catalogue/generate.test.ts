import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CatalogueEntry, CatalogueFile } from './catalogue-file';
import { describeDrift, diffCatalogues, parseCatalogueFile } from './diff-catalogue';

function entry(id: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id,
    name: id,
    popular: false,
    requiredCredentials: ['apiKey', 'secret'],
    hasTestnet: false,
    accountTypes: ['spot'],
    website: null,
    countries: [],
    certified: false,
    pro: false,
    ...overrides,
  };
}

describe('diffCatalogues', () => {
  it('names what was added, removed, changed and reordered', () => {
    const committed: CatalogueFile = {
      ccxtVersion: '1.0.0',
      exchanges: [entry('a'), entry('b'), entry('c')],
    };
    const generated: CatalogueFile = {
      ccxtVersion: '1.0.1',
      exchanges: [entry('c'), entry('b', { hasTestnet: true, requiredCredentials: ['apiKey'] }), entry('d')],
    };
    expect(describeDrift(diffCatalogues(committed, generated))).toEqual([
      'ccxt version: 1.0.0 → 1.0.1',
      'added: d',
      'removed: a',
      'changed: b (requiredCredentials, hasTestnet)',
      'order of exchanges changed',
    ]);
  });

  it('finds nothing between identical catalogues', () => {
    const file: CatalogueFile = { ccxtVersion: '1.0.0', exchanges: [entry('a'), entry('b')] };
    expect(describeDrift(diffCatalogues(file, structuredClone(file)))).toEqual([]);
  });

  it('refuses text that is not a catalogue', () => {
    expect(parseCatalogueFile('not json')).toBeUndefined();
    expect(parseCatalogueFile('{"ccxtVersion":"1","exchanges":[{}]}')).toBeUndefined();
    expect(parseCatalogueFile('{"ccxtVersion":"1","exchanges":[{"id":"a"}]}')?.exchanges).toHaveLength(1);
  });
});

describe('generate.ts --check', () => {
  // Loads all of ccxt (≈2 s): the same drift check CI runs.
  it('finds exchanges.json in sync with the installed ccxt', () => {
    const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
    const script = fileURLToPath(new URL('./generate.ts', import.meta.url));
    const result = spawnSync(process.execPath, [tsxCli, script, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/exchanges\.json is up to date \(\d+ exchanges, ccxt \d+\.\d+\.\d+\)/);
    expect(result.status).toBe(0);
  }, 60_000);
});
