/** Small helpers shared by command definitions. */
import { ButtonsError, ErrorCode } from '../core/errors.ts';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${flag} must be a whole number of at least 1, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

export function secondsFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${flag} must be a number of seconds, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
