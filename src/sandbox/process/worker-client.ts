/**
 * Runs a sandboxed press in a worker process started with --no-node-snapshot, for processes that may
 * not host isolates themselves (see snapshot-policy.ts). The worker is killed if it outlives the press
 * timeout plus a grace period, or if the press is aborted.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '../../core/errors.ts';
import { emptyOutcome, type RunOutcome, type RunRequest } from '../../runners/runner.ts';
import { toWire, type WorkerMessage } from './wire.ts';

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
    const abort = () => kill('the press was cancelled', ErrorCode.CANCELLED);
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
