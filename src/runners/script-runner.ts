/** Runs shell, bash, Python and Node buttons as a child process tree that never outlives its press. */
import { type ChildProcessByStdio, type StdioOptions, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { ENTRY_FILES, type ScriptRuntime } from '../core/spec.ts';
import { findProgram } from './find-program.ts';
import { fileCapture, type OutputCapture, pipeCapture } from './output-capture.ts';
import { endPress, lastPid } from './process-tree.ts';
import {
  cancelledError,
  type DryRunPlan,
  emptyOutcome,
  type Runner,
  type RunOutcome,
  type RunRequest,
} from './runner.ts';
import { scriptEnv } from './script-env.ts';
import { parseJsonOutput } from './structured-output.ts';

const INTERPRETERS: Readonly<Record<ScriptRuntime, readonly string[]>> = {
  shell: ['sh'],
  bash: ['bash'],
  python: ['python3', 'python'],
  node: ['node'],
};

export interface ScriptCommand {
  program: string;
  args: string[];
  env: Record<string, string>;
  /** What the child gets on fds 3, 4, … (the OS sandbox: its start signal, /dev/null over leaked fds). */
  extraFds?: (number | 'pipe' | 'ignore')[] | undefined;
}

export function scriptCommand(request: RunRequest): ScriptCommand {
  const runtime = request.spec.runtime as ScriptRuntime;
  const env = scriptEnv(request);
  const candidates = INTERPRETERS[runtime];
  const program = candidates.map((name) => findProgram(name, env.PATH)).find((p) => p !== undefined);
  if (program === undefined) {
    throw new ButtonsError(
      ErrorCode.RUNTIME_MISSING,
      `the ${runtime} runtime needs ${candidates.join(' or ')} on PATH, and none was found`,
      `Install ${candidates[0]} or add it to PATH.`,
    );
  }
  const entry = join(request.buttonDir, ENTRY_FILES[runtime]!);
  return { program, args: [entry], env };
}

export function planScript(request: RunRequest, command: ScriptCommand): DryRunPlan {
  const shown = Object.fromEntries(
    Object.entries(command.env).filter(([k]) => k.startsWith('BUTTONS_ARG_') || k.startsWith('BUTTONS_BAT_')),
  );
  for (const key of Object.keys(shown)) if (key.startsWith('BUTTONS_BAT_')) shown[key] = '[REDACTED]';
  return {
    command: [command.program, ...command.args],
    cwd: request.cwd,
    env: request.redactor.deep(shown),
    timeout_seconds: request.timeoutMs / 1000,
  };
}

/** Live output through a pipe (redacted as it streams), else a file read once the press is over. */
function outputCaptures(request: RunRequest): [OutputCapture, OutputCapture] {
  const live = request.onOutput;
  if (!live) {
    const stdout = fileCapture(request.dataRoot, request.maxOutputBytes);
    try {
      return [stdout, fileCapture(request.dataRoot, request.maxOutputBytes)];
    } catch (error) {
      stdout.release();
      throw error;
    }
  }
  return (['stdout', 'stderr'] as const).map((stream) => {
    const redact = request.redactor.stream();
    return pipeCapture(
      request.maxOutputBytes,
      (text) => live(stream, redact.push(text)),
      () => live(stream, redact.flush()),
    );
  }) as [OutputCapture, OutputCapture];
}

export async function runProcess(request: RunRequest, command: ScriptCommand): Promise<RunOutcome> {
  const floor = lastPid();
  const [out, err] = outputCaptures(request);
  const stdio: StdioOptions = ['ignore', out.stdio, err.stdio, ...(command.extraFds ?? [])];
  let child: ChildProcessByStdio<null, Readable | null, Readable | null>;
  try {
    child = spawn(command.program, command.args, {
      cwd: request.cwd,
      env: command.env,
      detached: true,
      stdio,
    }) as ChildProcessByStdio<null, Readable | null, Readable | null>;
  } catch (error) {
    out.release();
    err.release();
    throw error;
  }
  out.attach(child.stdout);
  err.attach(child.stderr);

  // A timeout or a withdrawn press (Ctrl-C, SIGTERM) ends the whole tree the same way, whichever comes first.
  let stopped: 'timeout' | 'cancelled' | undefined;
  let ending: Promise<void> | undefined;
  const stop = (why: 'timeout' | 'cancelled') => {
    if (stopped) return;
    stopped = why;
    ending = endPress(child.pid, request.runId, request.graceMs, floor);
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>(
    (resolve) => {
      child.once('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    },
  );
  const timer = setTimeout(() => stop('timeout'), request.timeoutMs);
  const cancel = () => stop('cancelled');
  if (request.signal?.aborted) cancel();
  else request.signal?.addEventListener('abort', cancel, { once: true });

  const result = await exited;
  clearTimeout(timer);
  request.signal?.removeEventListener('abort', cancel);
  // Whatever the script left behind (background jobs, setsid daemons) ends with the press.
  // One ending at a time: after a timeout, let its TERM/grace/KILL finish, then sweep once more.
  if (ending) await ending;
  await endPress(child.pid, request.runId, stopped ? 0 : request.graceMs, floor);
  const [stdout, stderr] = await Promise.all([out.finish(), err.finish()]);

  const base = {
    stdout: stdout.text,
    stderr: stderr.text,
    truncated: { stdout: stdout.truncated, stderr: stderr.truncated },
    exitCode: result.code,
  };
  if (result.spawnError) {
    return emptyOutcome('error', { code: ErrorCode.RUNTIME_MISSING, message: result.spawnError.message });
  }
  if (stopped === 'timeout') {
    const seconds = request.timeoutMs / 1000;
    return {
      ...base,
      status: 'timeout',
      error: { code: ErrorCode.TIMEOUT, message: `timed out after ${seconds}s` },
    };
  }
  if (stopped === 'cancelled') return { ...base, status: 'error', error: cancelledError(request.signal) };
  if (result.code !== 0) {
    const how = result.code === null ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
    return { ...base, status: 'error', error: { code: ErrorCode.SCRIPT_ERROR, message: `script ${how}` } };
  }
  return { ...base, status: 'ok', output: base.truncated.stdout ? undefined : parseJsonOutput(base.stdout) };
}

export const scriptRunner: Runner = {
  async run(request) {
    return runProcess(request, scriptCommand(request));
  },
  plan(request) {
    return planScript(request, scriptCommand(request));
  },
};
