/**
 * Runs one sandboxed program end to end: resolve its grants, register the run (so it can be revoked),
 * open the audit trace, run the main agent, record how it ended. Used by `buttons run`, sandboxed
 * buttons and any warm host.
 */
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Grants } from '../../core/grants.ts';
import type { Resolver } from '../../net/resolver.ts';
import { agentOpsFor } from '../agents/agent-ops.ts';
import { openTrace, type Trace } from '../audit/trace.ts';
import { endRecords } from '../audit/trace-records.ts';
import type { SessionOutcome } from '../engine/outcome.ts';
import { cachedStripTypes } from '../engine/ts-cache.ts';
import { resolveGrants } from '../grants/resolve-grants.ts';
import { noRevocations, RevocationState } from '../grants/revocations.ts';
import type { ButtonTools } from '../ops/tools-ops.ts';
import { openMemory } from '../state/memory-store.ts';
import { registerRun } from '../state/run-registry.ts';
import {
  type AgentSpec,
  DEFAULT_LIMITS,
  type ProgramLimits,
  type RunContext,
  runAgent,
} from './agent-run.ts';

export interface ProgramOptions {
  /** Absolute path of the entry module. */
  entryPath: string;
  argv?: string[] | undefined;
  grants: Grants;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  dataRoot: string;
  runId: string;
  limits?: Partial<ProgramLimits> | undefined;
  /** Where the NDJSON trace goes; undefined keeps it in memory (`result.traceLines`). */
  tracePath?: string | undefined;
  redact?: ((line: string) => string) | undefined;
  write(stream: 'stdout' | 'stderr', text: string): void;
  memoryNamespace: string;
  implicitEnv?: ReadonlyMap<string, string> | undefined;
  args?: Record<string, string> | undefined;
  /** Folders under the entry's folder never loaded as modules without a grant. */
  hiddenDirs?: readonly string[] | undefined;
  buttons?: ButtonTools | undefined;
  resolver?: Resolver | undefined;
  /** Withdraws the run (Ctrl-C, a cancelled press): it ends as `aborted` (CANCELLED). */
  signal?: AbortSignal | undefined;
  /** Register in state.db so `buttons revoke` can reach the run (default true). */
  revocable?: boolean | undefined;
}

export interface ProgramResult {
  outcome: SessionOutcome;
  durationMs: number;
  tracePath: string | undefined;
  traceLines: readonly string[];
}

function startRecord(options: ProgramOptions, limits: ProgramLimits) {
  const { grants } = options;
  return {
    type: 'start',
    agent: 'main',
    entry: options.entryPath,
    argv: options.argv ?? [],
    grants: {
      fs: grants.fs,
      net: grants.net,
      run: grants.run,
      env: grants.env,
      press: grants.press,
      all: grants.all,
    },
    limits: { timeout_ms: limits.timeoutMs, memory_mib: limits.memoryMib },
    pid: process.pid,
    ...(grants.all
      ? { warning: 'ALL CAPABILITIES GRANTED (--allow-all): nothing is denied in this run' }
      : {}),
  };
}

export async function runProgram(options: ProgramOptions): Promise<ProgramResult> {
  const started = Date.now();
  const limits: ProgramLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const grants = resolveGrants(options.grants, options.env.PATH);
  const entry = realpathSync(options.entryPath);
  const registry = options.revocable === false ? undefined : registerRun(options.dataRoot, options.runId);
  const trace: Trace & { lines: string[] } = openTrace(options.tracePath, {
    runId: options.runId,
    redact: options.redact,
  });
  try {
    const revocations = new RevocationState(registry?.source ?? noRevocations, (rev) =>
      trace.write({ type: 'revoke', gen: rev.generation, cap: rev.cap, resource: rev.resource ?? null }),
    );
    let memory: ReturnType<typeof openMemory> | undefined;
    const run: RunContext = {
      runId: options.runId,
      trace,
      revocations,
      write: options.write,
      cwd: options.cwd,
      env: options.env,
      implicitEnv: options.implicitEnv ?? new Map(),
      args: options.args ?? {},
      scope: { root: dirname(entry), entry, hidden: options.hiddenDirs ?? [] },
      memory: () => {
        memory ??= openMemory(options.dataRoot, options.memoryNamespace);
        return memory;
      },
      buttons: options.buttons,
      resolver: options.resolver,
      stripTypes: cachedStripTypes(options.dataRoot),
    };
    run.agentOps = agentOpsFor(run);
    trace.write(startRecord(options, limits));
    const main: AgentSpec = {
      agentId: 'main',
      parentId: null,
      entryPath: entry,
      argv: options.argv ?? [],
      grants,
      limits,
    };
    const outcome = await runAgent(run, main, undefined, options.signal);
    const durationMs = Date.now() - started;
    for (const record of endRecords(outcome, 'main', durationMs)) trace.write(record);
    return { outcome, durationMs, tracePath: options.tracePath, traceLines: trace.lines };
  } finally {
    registry?.finish();
    trace.close();
  }
}
