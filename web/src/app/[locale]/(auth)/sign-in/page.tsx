import { AuthPage, authMetadata } from '../../../../components/auth/auth-page';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: string }> };

export const generateMetadata = ({ params }: Props) => authMetadata(params, 'sign-in');

export default function Page({ params }: Props) {
  return <AuthPage params={params} mode="sign-in" />;
}
