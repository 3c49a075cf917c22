/** A press request as plain data, for the sandbox worker process (functions and maps do not cross). */
import type { ButtonSpec } from '../../core/spec.ts';
import { pressRedactor } from '../../press/plan.ts';
import type { OutputSink, RunOutcome, RunRequest } from '../../runners/runner.ts';

export interface WireRequest {
  spec: ButtonSpec;
  runId: string;
  buttonDir: string;
  dataRoot: string;
  args: Record<string, string>;
  batteries: [string, string][];
  timeoutMs: number;
  graceMs: number;
  maxOutputBytes: number;
  cwd: string;
  baseEnv: Record<string, string | undefined>;
  live: boolean;
}

/** What the CLI may send once the request is on its way: the press was withdrawn. */
export type HostMessage = { type: 'cancel'; reason: string | undefined };

export type WorkerMessage =
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'result'; outcome: RunOutcome }
  | { type: 'failed'; message: string };

export function toWire(request: RunRequest): WireRequest {
  return {
    spec: request.spec,
    runId: request.runId,
    buttonDir: request.buttonDir,
    dataRoot: request.dataRoot,
    args: { ...request.args },
    batteries: [...request.batteries],
    timeoutMs: request.timeoutMs,
    graceMs: request.graceMs,
    maxOutputBytes: request.maxOutputBytes,
    cwd: request.cwd,
    baseEnv: { ...request.baseEnv },
    live: request.onOutput !== undefined,
  };
}

export function fromWire(
  wire: WireRequest,
  onOutput: OutputSink | undefined,
  signal: AbortSignal,
): RunRequest {
  const batteries = new Map(wire.batteries);
  return {
    ...wire,
    batteries,
    signal,
    redactor: pressRedactor(wire.spec.args, wire.args, batteries),
    onOutput: wire.live ? onOutput : undefined,
  };
}
