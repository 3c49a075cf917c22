/**
 * Turns an HTTP answer into a press outcome: 2xx is ok (a JSON body parsed into `output`); anything
 * else is HTTP_ERROR with its status and (bounded) body kept; a 2xx over the bound is RESPONSE_TOO_LARGE.
 */
import { ErrorCode } from '../core/errors.ts';
import type { RunOutcome } from '../runners/runner.ts';
import type { GuardedResponse } from './guarded-request.ts';
import { announcedLength, readBounded } from './read-body.ts';

export interface OutcomeLimits {
  maxResponseBytes: number;
  /** The record keeps at most this much of the body as text (as for a script's stdout). */
  maxOutputBytes: number;
}

function isJson(headers: GuardedResponse['headers']): boolean {
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function tooLarge(status: number, limit: number): RunOutcome {
  return {
    status: 'error',
    httpStatus: status,
    error: {
      code: ErrorCode.RESPONSE_TOO_LARGE,
      message: `the response body is larger than max_response_bytes (${limit} bytes)`,
      hint: 'Create the button with a larger --max-response-size if the body is expected to be this big.',
    },
    stdout: '',
    stderr: '',
    truncated: { stdout: false, stderr: false },
  };
}

function statusMessage(response: GuardedResponse): string {
  const redirect =
    response.status >= 300 && response.status < 400 ? ' (a redirect that was not followed)' : '';
  return `${response.url.host} answered HTTP ${response.status}${redirect}`;
}

export async function outcomeOf(response: GuardedResponse, limits: OutcomeLimits): Promise<RunOutcome> {
  const ok = response.status >= 200 && response.status < 300;
  const announced = announcedLength(response.headers);
  if (ok && announced !== undefined && announced > limits.maxResponseBytes)
    return tooLarge(response.status, limits.maxResponseBytes);
  const body = await readBounded(response.body, limits.maxResponseBytes);
  if (ok && body.over) return tooLarge(response.status, limits.maxResponseBytes);
  const kept = body.bytes.subarray(0, limits.maxOutputBytes);
  const stdout = new TextDecoder().decode(kept);
  const truncated = { stdout: body.over || kept.byteLength < body.bytes.byteLength, stderr: false };
  const base = { httpStatus: response.status, stdout, stderr: '', truncated };
  if (!ok)
    return {
      ...base,
      status: 'error',
      error: { code: ErrorCode.HTTP_ERROR, message: statusMessage(response) },
    };
  const output = isJson(response.headers) ? parseJson(new TextDecoder().decode(body.bytes)) : undefined;
  return { ...base, status: 'ok', output };
}
