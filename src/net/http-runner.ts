import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { Runner } from '../runners/runner.ts';

function unavailable(): never {
  throw new ButtonsError(ErrorCode.SANDBOX_UNAVAILABLE, 'HTTP buttons are not available in this build yet');
}

export const httpRunner: Runner = { run: async () => unavailable(), plan: () => unavailable() };
