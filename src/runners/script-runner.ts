/** Runs shell, bash, Python and Node buttons as a child process tree that never outlives its press. */
import { type ChildProcess, type ChildProcessByStdio, type StdioOptions, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { ENTRY_FILES, type ScriptRuntime } from '../core/spec.ts';
import { captureStream } from './capture.ts';
import { findProgram } from './find-program.ts';
import { endPress, lastPid } from './process-tree.ts';
import { type DryRunPlan, emptyOutcome, type Runner, type RunOutcome, type RunRequest } from './runner.ts';
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
  /** What the child gets on fds 3, 4, … (the OS sandbox: a start-up pipe, /dev/null over leaked fds). */
  extraFds?: (number | 'pipe' | 'ignore')[] | undefined;
  /** Called once the child is spawned, e.g. to listen on a pipe from `extraFds`. */
  onSpawn?: ((child: ChildProcess) => void) | undefined;
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

export async function runProcess(request: RunRequest, command: ScriptCommand): Promise<RunOutcome> {
  const floor = lastPid();
  const stdio: StdioOptions = ['ignore', 'pipe', 'pipe', ...(command.extraFds ?? [])];
  const child = spawn(command.program, command.args, {
    cwd: request.cwd,
    env: command.env,
    detached: true,
    stdio,
  }) as ChildProcessByStdio<null, Readable, Readable>;
  command.onSpawn?.(child);
  const live = request.onOutput;
  const outRedact = request.redactor.stream();
  const errRedact = request.redactor.stream();
  const stdout = captureStream(
    child.stdout,
    request.maxOutputBytes,
    live && ((t) => live('stdout', outRedact.push(t))),
  );
  const stderr = captureStream(
    child.stderr,
    request.maxOutputBytes,
    live && ((t) => live('stderr', errRedact.push(t))),
  );

  let timedOut = false;
  let ending: Promise<void> | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>(
    (resolve) => {
      child.once('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    },
  );
  const timer = setTimeout(() => {
    timedOut = true;
    ending = endPress(child.pid, request.runId, request.graceMs, floor);
  }, request.timeoutMs);

  const result = await exited;
  clearTimeout(timer);
  // Whatever the script left behind (background jobs, setsid daemons) ends with the press.
  // One ending at a time: after a timeout, let its TERM/grace/KILL finish, then sweep once more.
  if (ending) await ending;
  await endPress(child.pid, request.runId, timedOut ? 0 : request.graceMs, floor);
  await Promise.race([
    Promise.all([stdout.done, stderr.done]),
    new Promise((r) => setTimeout(r, 1000).unref()),
  ]);
  child.stdout.destroy();
  child.stderr.destroy();
  if (live) {
    live('stdout', outRedact.flush());
    live('stderr', errRedact.flush());
  }

  const base = {
    stdout: stdout.text(),
    stderr: stderr.text(),
    truncated: { stdout: stdout.truncated, stderr: stderr.truncated },
    exitCode: result.code,
  };
  if (result.spawnError) {
    return emptyOutcome('error', { code: ErrorCode.RUNTIME_MISSING, message: result.spawnError.message });
  }
  if (timedOut) {
    const seconds = request.timeoutMs / 1000;
    return {
      ...base,
      status: 'timeout',
      error: { code: ErrorCode.TIMEOUT, message: `timed out after ${seconds}s` },
    };
  }
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
