/** What every runner takes and gives back: one request shape, one outcome shape, whatever happened. */
import type { ArgValues } from '../core/arg-values.ts';
import { ErrorCode, type ErrorData } from '../core/errors.ts';
import type { Redactor } from '../core/redact.ts';
import type { RunStatus } from '../core/run-record.ts';
import type { ButtonSpec } from '../core/spec.ts';

export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

export interface RunRequest {
  spec: ButtonSpec;
  runId: string;
  /** The button's folder (entry file, AGENTS.md). */
  buttonDir: string;
  /** The data directory root (sandbox runners hide it; the JS sandbox keeps its memory there). */
  dataRoot: string;
  args: ArgValues;
  /** Battery values in force, by key. */
  batteries: ReadonlyMap<string, string>;
  timeoutMs: number;
  graceMs: number;
  maxOutputBytes: number;
  redactor: Redactor;
  cwd: string;
  /** The environment the press inherits (process.env at the edge). */
  baseEnv: Readonly<Record<string, string | undefined>>;
  onOutput?: OutputSink | undefined;
  /** Aborted when whoever pressed withdraws the press (Ctrl-C, SIGTERM, a sandbox run that ended). */
  signal?: AbortSignal | undefined;
}

export interface RunOutcome {
  status: RunStatus;
  error?: ErrorData | undefined;
  exitCode?: number | null | undefined;
  httpStatus?: number | undefined;
  stdout: string;
  stderr: string;
  truncated: { stdout: boolean; stderr: boolean };
  output?: unknown;
  /** Extra files written beside the run record (names relative to pressed/). */
  files?: string[] | undefined;
}

/** Describes what a press would do without doing it (`--dry-run`). */
export type DryRunPlan = Record<string, unknown>;

export interface Runner {
  run(request: RunRequest): Promise<RunOutcome>;
  plan(request: RunRequest): DryRunPlan;
}

export function emptyOutcome(status: RunStatus, error?: ErrorData): RunOutcome {
  return { status, error, stdout: '', stderr: '', truncated: { stdout: false, stderr: false } };
}

/** How a withdrawn press is reported; the abort's reason (a string such as "interrupted by SIGINT") says why. */
export function cancelledError(signal: AbortSignal | undefined): ErrorData {
  const why = typeof signal?.reason === 'string' ? `: ${signal.reason}` : '';
  return { code: ErrorCode.CANCELLED, message: `the press was cancelled${why}` };
}
