import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // the API's own headers (SSE) must pass the /graphql proxy route untouched
  compress: false,
};

export default createNextIntlPlugin('./src/i18n/request.ts')(nextConfig);
