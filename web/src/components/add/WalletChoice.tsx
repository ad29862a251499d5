'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';

/** Spot when the exchange has it: what most people mean by "my balances". */
export function defaultWallets<T extends string>(available: readonly T[]): T[] {
  const spot = available.filter((type) => type === 'SPOT');
  return spot.length > 0 ? spot : available.slice(0, 1);
}

/** Which of the exchange's wallets Keyport reads; at least one stays ticked. */
export function WalletChoice<T extends string>({
  available,
  chosen,
  onChange,
}: {
  available: readonly T[];
  chosen: readonly T[];
  onChange: (next: T[]) => void;
}) {
  const t = useTranslations('add');
  const tTypes = useTranslations('accountTypes');
  const hintId = useId();
  if (available.length < 2) return null;
  return (
    <fieldset className="field wallets" aria-describedby={hintId}>
      <legend>{t('wallets')}</legend>
      <p id={hintId} className="hint">
        {t('walletsHint')}
      </p>
      {available.map((type) => {
        const checked = chosen.includes(type);
        return (
          <label key={type} className="wallet">
            <input
              type="checkbox"
              name="accountTypes"
              value={type}
              checked={checked}
              // the last ticked wallet cannot be unticked: a connection reads at least one
              disabled={checked && chosen.length === 1}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? available.filter((t) => t === type || chosen.includes(t))
                    : chosen.filter((t) => t !== type),
                )
              }
            />{' '}
            {tTypes(type as never)}
          </label>
        );
      })}
    </fieldset>
  );
}
