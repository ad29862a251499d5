'use client';

import { useTranslations } from 'next-intl';

const STEPS = ['saved', 'checking', 'permissions', 'balances', 'connected'] as const;
const STEP_OF_PROGRESS: Record<string, number> = {
  QUEUED: 1,
  CHECKING_CREDENTIALS: 1,
  READING_PERMISSIONS: 2,
  LOADING_BALANCES: 3,
};

// refusals only the permission step can give: the stepper marks that step failed even when the events of
// the steps before it coalesced away
const PERMISSION_REFUSALS = new Set(['TRADE_NOT_ALLOWED', 'WITHDRAWALS_ENABLED']);

export interface Progress {
  status: string;
  verificationStep: string | null;
  statusReason?: { code: string } | null;
}

/** The step a verification has reached: events may skip steps (they coalesce), never go back. */
export function reachedStep(progress: Progress, previous: number): number {
  if (progress.status === 'CONNECTED') return STEPS.length - 1;
  if (progress.statusReason && PERMISSION_REFUSALS.has(progress.statusReason.code))
    return Math.max(previous, STEP_OF_PROGRESS.READING_PERMISSIONS as number);
  const step = progress.verificationStep
    ? (STEP_OF_PROGRESS[progress.verificationStep] ?? previous)
    : previous;
  return Math.max(previous, step);
}

export function isFinished(status: string): boolean {
  return status !== 'PENDING' && status !== 'VERIFYING';
}

/** saved → checking credentials → reading permissions → loading balances → connected, each said in words. */
export function VerificationStepper({ reached, failed }: { reached: number; failed: boolean }) {
  const t = useTranslations('steps');
  return (
    <ol className="stepper" aria-label={t('title')}>
      {STEPS.map((step, index) => {
        const state =
          index < reached || (index === reached && index === STEPS.length - 1)
            ? 'done'
            : index === reached
              ? failed
                ? 'failed'
                : 'current'
              : 'todo';
        return (
          <li
            key={step}
            className={`step step-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'failed' ? '✕' : state === 'current' ? '●' : '○'}
            </span>
            <span className="step-name">{t(step)}</span>
            <span className="step-state">{t(state)}</span>
          </li>
        );
      })}
    </ol>
  );
}
