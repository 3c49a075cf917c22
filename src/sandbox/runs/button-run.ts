/**
 * A press of a sandboxed JS/TS button, in this process: the spec's grants, the args as `buttons:env`
 * (`BUTTONS_ARG_<NAME>`, `env.args()`), its declared batteries, the trace kept beside the run record
 * (0600, listed in the record's files), output captured within the press bound and redacted.
 */
import { join } from 'node:path';
import { argEnv } from '../../core/arg-values.ts';
import { emptyGrants } from '../../core/grants.ts';
import { ENTRY_FILES } from '../../core/spec.ts';
import { cancelledError, type RunOutcome, type RunRequest } from '../../runners/runner.ts';
import { parseJsonOutput } from '../../runners/structured-output.ts';
import { ensurePrivateDir } from '../../store/atomic-fs.ts';
import { findDataDirs } from '../../store/data-dir.ts';
import { Workspace } from '../../store/workspace.ts';
import { workspaceTools } from '../tools/button-tools.ts';
import { summarise } from './outcome-error.ts';
import { captureOutput } from './program-output.ts';
import { runProgram } from './run-program.ts';

export const TRACE_SUFFIX = '.trace.ndjson';

/** What the program may always read: its own args, the batteries it declares, the spec's env. */
function implicitEnv(request: RunRequest): Map<string, string> {
  const env = new Map(Object.entries(request.spec.env ?? {}));
  for (const key of request.spec.requires_batteries ?? []) {
    const value = request.batteries.get(key);
    if (value !== undefined) env.set(`BUTTONS_BAT_${key}`, value);
  }
  for (const [key, value] of Object.entries(argEnv(request.args))) env.set(key, value);
  return env;
}

export async function runButtonInProcess(request: RunRequest): Promise<RunOutcome> {
  const pressed = join(request.buttonDir, 'pressed');
  ensurePrivateDir(pressed, request.dataRoot);
  const traceFile = `${request.runId}${TRACE_SUFFIX}`;
  const live = request.onOutput;
  const streams = { stdout: request.redactor.stream(), stderr: request.redactor.stream() };
  const output = captureOutput(
    request.maxOutputBytes,
    live && ((stream, text) => live(stream, streams[stream].push(text))),
  );
  const ws = new Workspace(
    findDataDirs({
      env: { ...request.baseEnv, BUTTONS_HOME: request.dataRoot },
      cwd: request.cwd,
      home: request.baseEnv.HOME ?? '/',
    }),
  );
  const tools = workspaceTools(ws, request.cwd, request.baseEnv);
  try {
    const result = await runProgram({
      entryPath: join(request.buttonDir, ENTRY_FILES[request.spec.runtime] ?? 'main.js'),
      grants: request.spec.grants ?? emptyGrants(),
      cwd: request.cwd,
      env: request.baseEnv,
      dataRoot: request.dataRoot,
      runId: request.runId,
      limits: { timeoutMs: request.timeoutMs },
      tracePath: join(pressed, traceFile),
      redact: (line) => request.redactor.text(line),
      write: output.write,
      memoryNamespace: `button:${request.spec.name}`,
      implicitEnv: implicitEnv(request),
      args: { ...request.args },
      hiddenDirs: [pressed],
      buttons: tools,
      signal: request.signal,
    });
    await tools.settled();
    if (live) {
      live('stdout', streams.stdout.flush());
      live('stderr', streams.stderr.flush());
    }
    const summary = summarise(result.outcome);
    const stdout = output.text('stdout');
    const stderr =
      output.text('stderr') + (result.outcome.kind === 'error' ? `${result.outcome.stack}\n` : '');
    return {
      status: summary.status,
      // Withdrawn: said the way every runner says it.
      error: result.outcome.kind === 'aborted' ? cancelledError(request.signal) : summary.error,
      exitCode: summary.exitCode,
      stdout,
      stderr,
      truncated: output.truncated,
      output: output.truncated.stdout ? undefined : parseJsonOutput(stdout),
      files: [traceFile],
    };
  } finally {
    ws.close();
  }
}
