/** One program started for `buttons:run`: output captured within a bound, the whole tree ended on timeout or abort. */
import { captureStream } from '../../runners/capture.ts';
import { endPress, lastPid, PRESS_TAG_VAR } from '../../runners/process-tree.ts';
import { randomHex } from '../../store/random.ts';
import { guestError } from '../engine/replies.ts';

const MAX_STREAM_BYTES = 10 * 1024 * 1024;

export interface ChildSpec {
  /** The checked absolute program path, and the name the program asked for (for messages). */
  path: string;
  name: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string | undefined;
  timeoutMs: number;
}

export interface ChildResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

export async function runChild(spec: ChildSpec, signal: AbortSignal): Promise<ChildResult> {
  // Loaded on the first exec: most programs never start one, and cold starts stay lean.
  // getBuiltinModule rather than import(): the CLI bundle runs without a dynamic-import loader.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const tag = `sandbox-${randomHex(8)}`;
  const floor = lastPid();
  const child = spawn(spec.path, spec.args, {
    cwd: spec.cwd,
    env: { ...spec.env, [PRESS_TAG_VAR]: tag },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout = captureStream(child.stdout, MAX_STREAM_BYTES);
  const stderr = captureStream(child.stderr, MAX_STREAM_BYTES);
  child.stdin.on('error', () => {});
  child.stdin.end(spec.stdin);
  let timedOut = false;
  const stop = () => void endPress(child.pid, tag, 500, floor);
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, spec.timeoutMs);
  signal.addEventListener('abort', stop, { once: true });
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      const code = (error as NodeJS.ErrnoException).code ?? 'failed to start';
      reject(guestError('Error', `exec ${spec.name}: ${code}`, 'ENOEXEC'));
    });
    child.once('close', async (code, signalName) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      // Whatever the program left running ends with the call.
      await endPress(child.pid, tag, 0, floor);
      await Promise.all([stdout.done, stderr.done]);
      if (timedOut) {
        reject(guestError('Error', `exec ${spec.name}: timed out after ${spec.timeoutMs} ms`, 'ETIMEDOUT'));
        return;
      }
      resolve({
        code,
        signal: signalName,
        stdout: stdout.text(),
        stderr: stderr.text(),
        truncated: stdout.truncated || stderr.truncated,
      });
    });
  });
}
