import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 has no exports map: without this, vite and node load two copies ("another module or realm")
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' },
});
