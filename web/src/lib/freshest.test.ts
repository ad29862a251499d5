import { describe, expect, it } from 'vitest';
import { freshest } from './freshest';

describe('freshest', () => {
  const older = { status: 'PENDING', updatedAt: '2026-12-01T08:00:00.100Z' };
  const newer = { status: 'CONNECTED', updatedAt: '2026-12-01T08:00:00.250Z' };

  it('keeps the newer view whichever arrives last', () => {
    expect(freshest(older, newer)).toBe(newer);
    expect(freshest(newer, older)).toBe(newer);
  });

  it('takes the next view on a tie or when there is none yet', () => {
    const tie = { ...older, status: 'VERIFYING' };
    expect(freshest(older, tie)).toBe(tie);
    expect(freshest(null, older)).toBe(older);
  });
});
