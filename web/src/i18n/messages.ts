// The dashboard's own texts plus those it shares with the API (reasons, warnings), per locale.
import { SHARED_MESSAGES } from '@keyport/messages/say';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };

export const MESSAGES = {
  en: { ...en, ...SHARED_MESSAGES.en },
  fr: { ...fr, ...SHARED_MESSAGES.fr },
} as const;
