/**
 * The one error type of the project and its closed set of codes.
 * Each code says when it fires; the exit-code and HTTP-status tables below are pinned by a test.
 */

export const ErrorCode = {
  /** The command line itself is wrong: unknown flag, missing operand. */
  USAGE: 'USAGE',
  /** A value (name, arg, flag, spec field, file on disk) breaks a rule; the message names field and rule. */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  /** The named button, drawer, run or battery does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Creating something whose name is taken. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** A script button exited with a non-zero code. */
  SCRIPT_ERROR: 'SCRIPT_ERROR',
  /** A press ran past its timeout; the whole process tree was killed. */
  TIMEOUT: 'TIMEOUT',
  /** The interpreter a button needs is not on PATH. */
  RUNTIME_MISSING: 'RUNTIME_MISSING',
  /** An HTTP button got a non-2xx answer, or the request failed in transit. */
  HTTP_ERROR: 'HTTP_ERROR',
  /** An HTTP response went over the button's max_response_bytes. */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** A request target (or a redirect hop) is a blocked address, or breaks the host lock / redirect policy. */
  SSRF_BLOCKED: 'SSRF_BLOCKED',
  /** Sandboxed code asked for something it was not granted, or a child asked for more than its parent. */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** Sandboxed code hit its memory, CPU or time limit. */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** Sandboxed code threw, or ended with a non-zero process.exit code. */
  SANDBOX_ERROR: 'SANDBOX_ERROR',
  /** OS isolation was asked for but cannot be had here; nothing ran. */
  SANDBOX_UNAVAILABLE: 'SANDBOX_UNAVAILABLE',
  /** The user declined a confirmation, or the operation was interrupted. */
  CANCELLED: 'CANCELLED',
  /** Reading or writing the data directory failed. */
  IO_ERROR: 'IO_ERROR',
  /** A bug: something that should not happen did. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Process exit code per error code; 0 is success. Distinct, stable, documented in README. */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  INTERNAL: 1,
  USAGE: 2,
  VALIDATION_ERROR: 3,
  NOT_FOUND: 4,
  ALREADY_EXISTS: 5,
  CANCELLED: 6,
  IO_ERROR: 7,
  SCRIPT_ERROR: 10,
  TIMEOUT: 11,
  RUNTIME_MISSING: 12,
  HTTP_ERROR: 13,
  RESPONSE_TOO_LARGE: 14,
  SSRF_BLOCKED: 15,
  PERMISSION_DENIED: 16,
  LIMIT_EXCEEDED: 17,
  SANDBOX_ERROR: 18,
  SANDBOX_UNAVAILABLE: 19,
};

/** HTTP status per error code, for the REST server. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  INTERNAL: 500,
  USAGE: 400,
  VALIDATION_ERROR: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CANCELLED: 409,
  IO_ERROR: 500,
  SCRIPT_ERROR: 422,
  TIMEOUT: 504,
  RUNTIME_MISSING: 424,
  HTTP_ERROR: 502,
  RESPONSE_TOO_LARGE: 502,
  SSRF_BLOCKED: 403,
  PERMISSION_DENIED: 403,
  LIMIT_EXCEEDED: 422,
  SANDBOX_ERROR: 422,
  SANDBOX_UNAVAILABLE: 503,
};

export interface ErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class ButtonsError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'ButtonsError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): ErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Turns anything thrown into a ButtonsError; unknown failures become INTERNAL with their message. */
export function toButtonsError(thrown: unknown): ButtonsError {
  if (thrown instanceof ButtonsError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new ButtonsError(
    ErrorCode.INTERNAL,
    message,
    'This is a bug; please report it with the command you ran.',
  );
}
