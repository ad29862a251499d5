/** Where the Keyport GraphQL API listens when `KEYPORT_API_URL` is not set (the `npm start` dev stack). */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

/** The GraphQL endpoint of the Keyport API, from `KEYPORT_API_URL`, read at request time on the server. */
export function keyportApiUrl(): string {
  return process.env.KEYPORT_API_URL?.trim() || DEFAULT_API_URL;
}
