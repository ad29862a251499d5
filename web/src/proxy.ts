import createMiddleware from 'next-intl/middleware';
import { routing } from './i18n/routing';

export default createMiddleware(routing);

// everything but the API proxy, Next's assets and files
export const config = { matcher: '/((?!graphql|_next|_vercel|.*\\..*).*)' };
