// The usual test file's setup: one stack and one signed-up user for all its tests, closed after them.
import { afterAll, beforeAll } from 'vitest';
import { type ApiClient, signedUpClient } from './client';
import { type Stack, type StackOptions, startStack } from './harness';

/** Starts the stack before the file's tests and hands it over with a signed-up client; closes it after. */
export function withStack(
  take: (started: { stack: Stack; api: ApiClient }) => void,
  options: StackOptions = {},
): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
    take({ stack, api: await signedUpClient(stack.apiUrl) });
  });
  afterAll(async () => {
    await stack?.close();
  });
}
