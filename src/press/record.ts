/** Stage 5: the run record, redacted before it is written or shown. */
import { REDACTED } from '../core/redact.ts';
import type { RunRecord } from '../core/run-record.ts';
import type { RunOutcome, RunRequest } from '../runners/runner.ts';

/** Arg values as they may be shown or stored: secret args replaced by the redaction marker. */
export function shownArgs(request: RunRequest): Record<string, string> {
  const args: Record<string, string> = {};
  for (const decl of request.spec.args) {
    const value = request.args[decl.name];
    if (value !== undefined) args[decl.name] = decl.type === 'secret' ? REDACTED : value;
  }
  return args;
}

export function buildRecord(
  request: RunRequest,
  outcome: RunOutcome,
  startedAt: Date,
  finishedAt: Date,
  prompt: string | undefined,
): RunRecord {
  const args = shownArgs(request);
  const record: RunRecord = {
    schema_version: 1,
    run_id: request.runId,
    button_name: request.spec.name,
    runtime: request.spec.runtime,
    status: outcome.status,
    error_type: outcome.error?.code,
    error: outcome.error,
    exit_code: outcome.exitCode,
    http_status_code: outcome.httpStatus,
    started_at: startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    duration_ms: finishedAt.getTime() - startedAt.getTime(),
    args,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    truncated: outcome.truncated,
    output: outcome.output,
    prompt,
    grants: request.spec.grants,
    files: outcome.files,
  };
  return request.redactor.deep(record);
}
