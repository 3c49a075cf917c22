/** The result of a press and its durable record: one shape for success, failure, timeout and refusal. */
import type { ErrorData } from './errors.ts';

export const RunStatus = { ok: 'ok', error: 'error', timeout: 'timeout' } as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

export interface RunRecord {
  schema_version: 1;
  run_id: string;
  button_name: string;
  runtime: string;
  status: RunStatus;
  /** The error code when status is not ok (e.g. SCRIPT_ERROR, TIMEOUT). */
  error_type?: string | undefined;
  error?: ErrorData | undefined;
  exit_code?: number | null | undefined;
  http_status_code?: number | undefined;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  /** Arg values as given, secrets replaced by the redaction marker. */
  args: Record<string, string>;
  stdout: string;
  stderr: string;
  /** Which streams went over the capture bound (the rest was drained, not kept). */
  truncated: { stdout: boolean; stderr: boolean };
  /** Structured output: parsed JSON stdout of scripts, JSON bodies of HTTP answers, a prompt's text. */
  output?: unknown;
  prompt?: string | undefined;
  grants?: unknown;
  /** Names of files beside the record that belong to this run (trace, tape…). */
  files?: string[] | undefined;
}

/** The row that indexes a record in state.db. */
export interface RunIndexRow {
  run_id: string;
  kind: 'button' | 'drawer';
  name: string;
  status: RunStatus;
  error_type: string | null;
  exit_code: number | null;
  started_at: string;
  duration_ms: number;
}

export function indexRowOf(record: RunRecord): RunIndexRow {
  return {
    run_id: record.run_id,
    kind: 'button',
    name: record.button_name,
    status: record.status,
    error_type: record.error_type ?? null,
    exit_code: record.exit_code ?? null,
    started_at: record.started_at,
    duration_ms: record.duration_ms,
  };
}
