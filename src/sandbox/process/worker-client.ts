/**
 * Runs a sandboxed press in a worker process started with --no-node-snapshot, for processes that may
 * not host isolates themselves (see snapshot-policy.ts). The worker is killed if it outlives the press
 * timeout plus a grace period, or if it has not ended a withdrawn press within the grace period.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '../../core/errors.ts';
import { cancelledError, emptyOutcome, type RunOutcome, type RunRequest } from '../../runners/runner.ts';
import { type HostMessage, toWire, type WorkerMessage } from './wire.ts';

/** Next to this module: the TypeScript source when run from source, the bundled worker in dist/. */
function workerPath(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? './worker-main.ts' : './sandbox-worker.js', import.meta.url));
}

export function runInWorker(request: RunRequest): Promise<RunOutcome> {
  const child = fork(workerPath(), [], {
    execArgv: ['--no-node-snapshot'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(hurry);
      request.signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    const kill = (message: string, code: (typeof ErrorCode)[keyof typeof ErrorCode]) => {
      child.kill('SIGKILL');
      finish(emptyOutcome(code === ErrorCode.TIMEOUT ? 'timeout' : 'error', { code, message }));
    };
    const timer = setTimeout(
      () => kill('the sandbox worker outlived the press timeout', ErrorCode.TIMEOUT),
      request.timeoutMs + request.graceMs + 5000,
    );
    // Withdrawn: the worker ends the run itself (and any script a tool press started); killed only if
    // it has not answered within the grace period.
    let hurry: NodeJS.Timeout | undefined;
    const abort = () => {
      const reason = typeof request.signal?.reason === 'string' ? request.signal.reason : undefined;
      const message: HostMessage = { type: 'cancel', reason };
      child.send(message, () => {});
      hurry = setTimeout(
        () => kill(cancelledError(request.signal).message, ErrorCode.CANCELLED),
        request.graceMs + 2000,
      );
    };
    request.signal?.addEventListener('abort', abort, { once: true });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'output') request.onOutput?.(message.stream, message.text);
      else if (message.type === 'result') finish(message.outcome);
      else finish(emptyOutcome('error', { code: ErrorCode.SANDBOX_ERROR, message: message.message }));
    });
    child.once('exit', (code, signal) => {
      finish(
        emptyOutcome('error', {
          code: ErrorCode.SANDBOX_ERROR,
          message: `the sandbox worker ended unexpectedly (${signal ?? `exit ${code}`})`,
        }),
      );
    });
    child.send(toWire(request));
  });
}
