// The schema's enums as TypeScript unions, from the generated introspection: lists keyed by them must name every
// value the API can send (a value added to schema.graphql fails typecheck until it has its text).
import type { introspection } from './graphql-env.d.ts';

type EnumValues<Name extends keyof introspection['types']> = introspection['types'][Name] extends {
  enumValues: infer V;
}
  ? V
  : never;

export type ErrorCode = EnumValues<'ErrorCode'>;
export type ConnectionWarningCode = EnumValues<'ConnectionWarningCode'>;
export type StatusReasonCode = EnumValues<'StatusReasonCode'>;
