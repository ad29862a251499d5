import { defineConfig } from 'vitest/config';

// unit tests only: e2e/*.spec.ts belong to Playwright
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
