/** A configured service can't be used; the message names the variable and what to do. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
}
