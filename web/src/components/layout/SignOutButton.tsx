'use client';

import { useTranslations } from 'next-intl';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/graphql';
import { useRouter } from '../../i18n/navigation';

const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

export function SignOutButton() {
  const t = useTranslations('nav');
  const router = useRouter();
  const [{ fetching }, signOut] = useMutation(SignOut);
  return (
    <button
      type="button"
      className="link-button"
      disabled={fetching}
      onClick={async () => {
        await signOut({});
        router.replace('/sign-in');
        router.refresh();
      }}
    >
      {t('signOut')}
    </button>
  );
}
