import { describe, expect, it } from 'vitest';
import { VitestTotals } from './vitest-totals';

describe('VitestTotals', () => {
  it('sums the Tests lines of every package, ignoring Test Files lines and colours', () => {
    const totals = new VitestTotals();
    totals.add('@keyport/vault:test:  Test Files  2 passed (2)\n');
    totals.add('@keyport/vault:test:       Tests  41 passed (41)\n');
    totals.add(
      '@keyport/api:test: \u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m2 failed\u001b[39m\u001b[22m\u001b[2m | ',
    );
    totals.add(
      '\u001b[22m\u001b[1m\u001b[32m9 passed\u001b[39m\u001b[22m | 1 skipped\u001b[90m (12)\u001b[39m\n',
    );
    totals.add('      Tests  4 passed (4)');
    expect(totals.summary()).toBe('54 passed, 2 failed');
  });

  it('counts Playwright summaries too, and not test titles that mention a count', () => {
    const totals = new VitestTotals();
    totals.add('@keyport/web:test:   1 failed\n');
    totals.add('@keyport/web:test:     e2e/connect-flow.spec.ts:7:3 › shows 3 passed checks\n');
    totals.add('@keyport/web:test:   3 passed (1.2m)\n');
    totals.add('@keyport/web:test:       Tests  6 passed (6)\n');
    expect(totals.summary()).toBe('9 passed, 1 failed');
  });

  it('says 0 and 0 when no package printed a summary', () => {
    expect(new VitestTotals().summary()).toBe('0 passed, 0 failed');
  });
});
