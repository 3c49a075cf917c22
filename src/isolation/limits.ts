/**
 * Per-process resource limits inside the sandbox, set by a tiny launcher script just before the entry
 * script starts. CPU: RLIMIT_CPU (SIGXCPU at the limit, SIGKILL a second later). Memory: RLIMIT_DATA, which
 * counts only writable private memory — unlike an address-space limit it leaves V8's and WebAssembly's
 * large reserved-but-unused regions alone, so Node children keep working (Node itself needs ~600 MiB of it).
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import type { RunRequest } from '../runners/runner.ts';

export const CPU_ENV = 'BUTTONS_SANDBOX_CPU_SECONDS';
export const MEMORY_ENV = 'BUTTONS_SANDBOX_MEMORY_MB';
export const DEFAULT_MEMORY_MB = 2048;

export interface SandboxLimits {
  /** CPU seconds per process; by default the press timeout, so a busy process never outlasts it on CPU. */
  cpuSeconds: number;
  /** MiB of writable memory per process; 0 means no limit. */
  memoryMb: number;
}

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${name} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

export function sandboxLimits(request: RunRequest): SandboxLimits {
  const cpu = request.baseEnv[CPU_ENV];
  const memory = request.baseEnv[MEMORY_ENV];
  return {
    cpuSeconds: cpu ? wholeNumber(CPU_ENV, cpu, 1) : Math.max(1, Math.ceil(request.timeoutMs / 1000)),
    memoryMb: memory ? wholeNumber(MEMORY_ENV, memory, 0) : DEFAULT_MEMORY_MB,
  };
}

/** Exit status of a process ended by SIGXCPU (128 + 24), as bubblewrap reports it. */
export const CPU_LIMIT_EXIT = 152;

/**
 * Runs inside the sandbox as `sh -c LAUNCHER sh CPU MEM PROGRAM ARGS…`: sets the limits (a limit the host
 * already set lower is kept), tells the press on fd 3 that the sandbox is up, closes fd 3, becomes the script.
 */
export const LAUNCHER = [
  'ulimit -H -t $(($1 + 1)) 2>/dev/null; ulimit -S -t $1 2>/dev/null',
  'if [ "$2" != 0 ]; then ulimit -d $(($2 * 1024)) 2>/dev/null; fi',
  'printf R >&3; exec 3>&-; shift 2; exec "$@"',
].join('\n');

export function launcherArgs(limits: SandboxLimits, program: string, args: readonly string[]): string[] {
  return [
    '/bin/sh',
    '-c',
    LAUNCHER,
    'sh',
    String(limits.cpuSeconds),
    String(limits.memoryMb),
    program,
    ...args,
  ];
}
