import { useTranslations } from 'next-intl';

/** Why a connection is in its status and what to do, in the reader's language (by stable reason code). */
export function ReasonNotice({ code, headingLevel = 3 }: { code: string; headingLevel?: 2 | 3 }) {
  const t = useTranslations('reasons');
  const tConnection = useTranslations('connection');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="reason" data-reason={code}>
      <p>{t(`${code}.explanation` as never)}</p>
      <Heading className="small-heading">{tConnection('whatToDo')}</Heading>
      <p className="remedy">{t(`${code}.remedy` as never)}</p>
    </div>
  );
}
