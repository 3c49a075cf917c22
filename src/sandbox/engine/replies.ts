/** The host's replies to guest calls, as JSON text: a value, an error, or the id of a pending async op. */
import { ButtonsError } from '../../core/errors.ts';
import type { ErrorPayload } from '../guest/core.ts';

/** An error meant for the program: its name, message and fields cross the boundary as they are. */
export class GuestError extends Error {
  readonly payload: ErrorPayload;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = payload.name;
    this.payload = payload;
  }
}

export function guestError(name: string, message: string, code?: string): GuestError {
  return new GuestError(code === undefined ? { name, message } : { name, message, code });
}

/** What the guest sees of a host failure: our own errors verbatim, anything else without host details. */
export function errorPayload(error: unknown, op: string): ErrorPayload {
  if (error instanceof GuestError) return error.payload;
  if (error instanceof ButtonsError) {
    return error.code === 'PERMISSION_DENIED'
      ? { name: 'PermissionError', message: error.message, code: error.code }
      : { name: 'Error', message: error.message, code: error.code };
  }
  return { name: 'Error', message: `${op} failed inside the host`, code: 'INTERNAL' };
}

export function valueReply(value: unknown): string {
  return JSON.stringify({ v: value });
}

export function errorReply(error: unknown, op: string): string {
  return JSON.stringify({ e: errorPayload(error, op) });
}

export function pendingReply(id: number): string {
  return `{"p":${id}}`;
}
