// Sums vitest's "Tests  2 failed | 9 passed (11)" summary lines, and Playwright's "  4 passed (22.5s)" /
// "  1 failed" lines, out of turbo's interleaved output.
import { stripVTControlCharacters } from 'node:util';

const SUMMARY = /\bTests\s+((?:\d+ [a-z]+(?:\s*\|\s*)?)+)\s*\(\d+\)\s*$/;
const COUNT = /(\d+) ([a-z]+)/g;
// turbo prefixes each line with "<package>:<task>: "
const PLAYWRIGHT = /^(?:\S+:test:)?\s+(\d+) (passed|failed|flaky)(?: \([\d.]+(?:ms|s|m|h)\))?\s*$/;

export class VitestTotals {
  passed = 0;
  failed = 0;
  /** Lines that were cut by a chunk boundary wait here for their end. */
  #partial = '';

  /** Feed output as it comes, in chunks of any size. */
  add(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#countLine(line);
  }

  /** One plain line for tools that read the end of a log. */
  summary(): string {
    if (this.#partial) this.#countLine(this.#partial);
    this.#partial = '';
    return `${this.passed} passed, ${this.failed} failed`;
  }

  #countLine(raw: string): void {
    const line = stripVTControlCharacters(raw);
    const playwright = PLAYWRIGHT.exec(line);
    if (playwright) {
      if (playwright[2] === 'failed') this.failed += Number(playwright[1]);
      else this.passed += Number(playwright[1]);
      return;
    }
    const match = SUMMARY.exec(line);
    if (!match?.[1]) return;
    for (const [, count, kind] of match[1].matchAll(COUNT)) {
      if (kind === 'passed') this.passed += Number(count);
      if (kind === 'failed') this.failed += Number(count);
    }
  }
}
