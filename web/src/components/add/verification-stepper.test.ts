import { describe, expect, it } from 'vitest';
import { reachedStep } from './VerificationStepper';

// steps: 0 saved, 1 checking credentials, 2 reading permissions, 3 loading balances, 4 connected
describe('reachedStep', () => {
  it('never goes back, and skips to the end when connected', () => {
    expect(reachedStep({ status: 'VERIFYING', verificationStep: 'LOADING_BALANCES' }, 1)).toBe(3);
    expect(reachedStep({ status: 'VERIFYING', verificationStep: 'CHECKING_CREDENTIALS' }, 3)).toBe(3);
    expect(reachedStep({ status: 'CONNECTED', verificationStep: 'DONE' }, 0)).toBe(4);
  });

  it('puts a refusal only the permission step gives on that step, though its own event was coalesced away', () => {
    const refused = (code: string) => ({
      status: 'INVALID_CREDENTIALS',
      verificationStep: 'DONE',
      statusReason: { code },
    });
    expect(reachedStep(refused('TRADE_NOT_ALLOWED'), 1)).toBe(2);
    expect(reachedStep(refused('WITHDRAWALS_ENABLED'), 0)).toBe(2);
    // a wrong secret fails where it was seen: the credentials step
    expect(reachedStep(refused('SIGNATURE_REJECTED'), 1)).toBe(1);
  });
});
