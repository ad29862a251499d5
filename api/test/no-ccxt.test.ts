import { fileURLToPath } from 'node:url';
import { probeCcxtLoad } from '@keyport/exchange/testing/ccxt-load-probe';
import { describe, expect, it } from 'vitest';

describe('the api process', () => {
  it('never loads ccxt: its whole module graph (schema, catalogue, services) stays clear of it', () => {
    const apiDir = fileURLToPath(new URL('..', import.meta.url));
    const result = probeCcxtLoad(new URL('../src/yoga.ts', import.meta.url).href, apiDir);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ccxt not loaded');
  });

  it('would be caught loading it (the probe can fail)', () => {
    const apiDir = fileURLToPath(new URL('..', import.meta.url));
    const result = probeCcxtLoad(new URL('../../jobs/src/worker.ts', import.meta.url).href, apiDir);
    expect(result.stderr).toContain('ccxt imported from');
  });
});
