/** Runs programs in the real sandbox, in-process, from files in a private temp dir. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { emptyGrants, type GrantInput, type Grants, parseGrants } from '../../src/core/grants.ts';
import type { Resolver } from '../../src/net/resolver.ts';
import type { SessionOutcome } from '../../src/sandbox/engine/outcome.ts';
import type { ButtonTools } from '../../src/sandbox/ops/tools-ops.ts';
import type { ProgramLimits } from '../../src/sandbox/runs/agent-run.ts';
import { runProgram } from '../../src/sandbox/runs/run-program.ts';

export interface TempDir {
  dir: string;
  file(path: string, text: string): string;
  cleanup(): void;
}

export function tempDir(prefix = 'sandbox-test-'): TempDir {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  return {
    dir,
    file(path, text) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Grants from CLI-style flags, e.g. grantsOf(['--allow-fs=/tmp/x:rw']). */
export function grantsOf(flags: readonly string[], cwd = '/'): Grants {
  const inputs: GrantInput[] = flags.map((f) => {
    const m = /^--(allow-[a-z]+)(?:=(.*))?$/.exec(f);
    if (!m) throw new Error(`not a grant flag: ${f}`);
    return { flag: m[1] as GrantInput['flag'], value: m[2] };
  });
  return inputs.length === 0 ? emptyGrants() : parseGrants(inputs, cwd);
}

export interface RunResult {
  outcome: SessionOutcome;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: trace records are checked field by field
  trace: any[];
}

export interface RunOptions {
  grants?: readonly string[];
  limits?: Partial<ProgramLimits>;
  env?: Record<string, string | undefined>;
  name?: string;
  dataRoot?: string;
  tracePath?: string;
  resolver?: Resolver;
  buttons?: ButtonTools;
  runId?: string;
  cwd?: string;
  argv?: string[];
  revocable?: boolean;
}

let counter = 0;

/** Writes `code` as the entry (main.js, or `name`) in `dir` and runs it. */
export async function runIn(dir: string, code: string, options: RunOptions = {}): Promise<RunResult> {
  const entry = join(dir, options.name ?? 'main.js');
  mkdirSync(dirname(entry), { recursive: true });
  writeFileSync(entry, code);
  let stdout = '';
  let stderr = '';
  const runId = options.runId ?? `20260101T000000000Z-${(++counter).toString(16).padStart(12, '0')}`;
  const dataRoot = options.dataRoot ?? join(dir, '.data');
  const result = await runProgram({
    entryPath: entry,
    argv: options.argv,
    grants: grantsOf(options.grants ?? [], options.cwd ?? dir),
    cwd: options.cwd ?? dir,
    env: options.env ?? { PATH: process.env.PATH },
    dataRoot,
    runId,
    limits: { timeoutMs: 10_000, memoryMib: 64, ...options.limits },
    tracePath: options.tracePath,
    write: (stream, text) => {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
    },
    memoryNamespace: `program:${entry}`,
    buttons: options.buttons,
    resolver: options.resolver,
    revocable: options.revocable ?? false,
  });
  const trace = result.traceLines.map((line) => JSON.parse(line));
  return { outcome: result.outcome, stdout, stderr, trace };
}

export function checks(result: RunResult) {
  return result.trace.filter((r) => r.type === 'check');
}
