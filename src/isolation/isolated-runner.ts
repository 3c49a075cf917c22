import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { Runner } from '../runners/runner.ts';

function unavailable(): never {
  throw new ButtonsError(
    ErrorCode.SANDBOX_UNAVAILABLE,
    'sandboxed script buttons are not available in this build yet',
  );
}

export const isolatedRunner: Runner = { run: async () => unavailable(), plan: () => unavailable() };
