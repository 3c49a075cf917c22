/** The runner for HTTP buttons: render the request, send it through the SSRF guard, record the answer. */
import { ButtonsError, ErrorCode, toButtonsError } from '../core/errors.ts';
import {
  cancelledError,
  emptyOutcome,
  type Runner,
  type RunOutcome,
  type RunRequest,
} from '../runners/runner.ts';
import { guardedRequest } from './guarded-request.ts';
import { outcomeOf } from './http-outcome.ts';
import { planHttp } from './http-plan.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, renderRequest } from './http-request.ts';
import { type Connector, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS } from './pinned-agent.ts';
import type { Resolver } from './resolver.ts';
import { privateNetworksAllowedByEnv } from './ssrf-guard.ts';

function failure(error: unknown, request: RunRequest, timedOut: boolean): RunOutcome {
  const timeoutMs = request.timeoutMs;
  if (request.signal?.aborted) return emptyOutcome('error', cancelledError(request.signal));
  if (timedOut)
    return emptyOutcome('timeout', {
      code: ErrorCode.TIMEOUT,
      message: `timed out after ${timeoutMs / 1000}s`,
    });
  const known =
    error instanceof ButtonsError
      ? error
      : new ButtonsError(ErrorCode.HTTP_ERROR, toButtonsError(error).message);
  return emptyOutcome('error', known.toJSON());
}

/** Where DNS answers and sockets come from; the real ones unless a test drives them. */
export interface HttpPorts {
  resolver?: Resolver | undefined;
  connector?: Connector | undefined;
}

export async function runHttp(request: RunRequest, ports: HttpPorts = {}): Promise<RunOutcome> {
  const { spec } = request;
  const rendered = renderRequest(spec, request.args); // a value that cannot be encoded is refused here
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  try {
    const response = await guardedRequest(
      rendered.url,
      { method: rendered.method, headers: rendered.headers, body: rendered.body },
      {
        allowPrivate: spec.allow_private_networks === true || privateNetworksAllowedByEnv(request.baseEnv),
        followRedirects: spec.follow_redirects ?? 'same-host',
        lockedHost: spec.allowed_host,
        signal,
        resolver: ports.resolver,
        connector: ports.connector,
        connectTimeoutMs: Math.min(DEFAULT_CONNECT_TIMEOUT_MS, request.timeoutMs),
        readTimeoutMs: Math.min(DEFAULT_READ_TIMEOUT_MS, request.timeoutMs),
      },
    );
    try {
      const outcome = await outcomeOf(response, {
        maxResponseBytes: spec.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        maxOutputBytes: request.maxOutputBytes,
      });
      const redacted = request.redactor.deep(outcome);
      if (redacted.stdout !== '') request.onOutput?.('stdout', redacted.stdout);
      return redacted;
    } finally {
      await response.close();
    }
  } catch (error) {
    return failure(error, request, deadline.aborted);
  }
}

export const httpRunner: Runner = { run: (request) => runHttp(request), plan: planHttp };
