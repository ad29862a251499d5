import type { NextConfig } from 'next';
import { keyportApiUrl } from './src/lib/api-url';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The browser talks to the API on this origin, so its session cookie can stay HttpOnly and SameSite.
  // Next resolves rewrites when it builds: set KEYPORT_API_URL for `next build`, not only for `next start`.
  async rewrites() {
    return [{ source: '/graphql', destination: keyportApiUrl() }];
  },
};

export default nextConfig;
