// Every code the schema can send has its words in English and French: read from schema.graphql itself, so a value
// added to an enum without its text fails here (and, through the generated types, at typecheck).
import { readFileSync } from 'node:fs';
import { leaves, type MessageTree } from '@keyport/messages/leaves';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT_KEYS } from '../lib/mutation-error';
import { MESSAGES } from './messages';

const schema = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');

function enumValues(name: string): string[] {
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  // values are the lines that are a bare name, between the descriptions' triple quotes
  return body
    .replace(/"""[\s\S]*?"""/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z][A-Z0-9_]*$/.test(line));
}

describe('schema enums have their words', () => {
  const texts = { en: leaves(MESSAGES.en as MessageTree), fr: leaves(MESSAGES.fr as MessageTree) };

  it.each(['en', 'fr'] as const)(
    '%s: every ErrorCode, ConnectionWarningCode and StatusReasonCode',
    (locale) => {
      const has = (key: string) => (texts[locale].get(key)?.trim() ?? '') !== '';
      const errors = enumValues('ErrorCode');
      const warnings = enumValues('ConnectionWarningCode');
      const reasons = enumValues('StatusReasonCode');
      expect(errors.length).toBeGreaterThanOrEqual(10);
      expect(warnings.length).toBeGreaterThanOrEqual(9);
      expect(reasons.length).toBeGreaterThanOrEqual(30);
      expect(
        errors.filter((code) => !has(ERROR_TEXT_KEYS[code as keyof typeof ERROR_TEXT_KEYS] ?? '')),
      ).toEqual([]);
      expect(warnings.filter((code) => !has(`warnings.${code}`))).toEqual([]);
      expect(
        reasons.filter((code) => !has(`reasons.${code}.explanation`) || !has(`reasons.${code}.remedy`)),
      ).toEqual([]);
    },
  );
});
