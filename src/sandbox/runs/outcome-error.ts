/** How a sandboxed run's outcome reads to its caller: a status, an exit code and (unless it went well) an error. */
import { ErrorCode, type ErrorData } from '../../core/errors.ts';
import type { RunStatus } from '../../core/run-record.ts';
import type { SessionOutcome } from '../engine/outcome.ts';

export interface OutcomeSummary {
  status: RunStatus;
  exitCode: number | null;
  error: ErrorData | undefined;
  limit: string | undefined;
}

export function summarise(outcome: SessionOutcome): OutcomeSummary {
  switch (outcome.kind) {
    case 'ok':
    case 'exit':
      return {
        status: outcome.exitCode === 0 ? 'ok' : 'error',
        exitCode: outcome.exitCode,
        error:
          outcome.exitCode === 0
            ? undefined
            : { code: ErrorCode.SANDBOX_ERROR, message: `the program exited with code ${outcome.exitCode}` },
        limit: undefined,
      };
    case 'error':
      return {
        status: 'error',
        exitCode: null,
        error: { code: ErrorCode.SANDBOX_ERROR, message: `uncaught ${outcome.name}: ${outcome.message}` },
        limit: undefined,
      };
    case 'limit':
      return {
        status: outcome.limit === 'time' ? 'timeout' : 'error',
        exitCode: null,
        error: {
          code: ErrorCode.LIMIT_EXCEEDED,
          message: outcome.message,
          hint:
            outcome.limit === 'time'
              ? 'Give it more time with --timeout SECONDS.'
              : outcome.limit === 'memory'
                ? 'Give it more memory with --memory MIB.'
                : undefined,
        },
        limit: outcome.limit,
      };
    case 'aborted':
      return {
        status: 'error',
        exitCode: null,
        error: { code: ErrorCode.CANCELLED, message: outcome.message },
        limit: undefined,
      };
  }
}
