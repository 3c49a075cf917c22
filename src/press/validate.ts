/** Stage 2: refuse bad input before anything runs. */
import { type ArgValues, validateArgValues } from '../core/arg-values.ts';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { ButtonSpec } from '../core/spec.ts';

export interface ValidatedPress {
  args: ArgValues;
  timeoutMs: number;
}

export const MAX_TIMEOUT_SECONDS = 86_400;

export function validateTimeout(seconds: number, field = '--timeout'): number {
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${field} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, got ${seconds}`,
    );
  }
  return seconds;
}

export function validatePress(
  spec: ButtonSpec,
  givenArgs: Record<string, string>,
  timeoutSeconds: number | undefined,
): ValidatedPress {
  const args = validateArgValues(spec.args, givenArgs);
  const seconds = timeoutSeconds === undefined ? spec.timeout_seconds : validateTimeout(timeoutSeconds);
  return { args, timeoutMs: Math.round(seconds * 1000) };
}
