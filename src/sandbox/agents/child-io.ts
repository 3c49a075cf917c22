/** What goes into a child agent (its grants, from spawn options) and what comes back (its result). */
import type { GrantFlag, GrantInput } from '../../core/grants.ts';
import type { SessionOutcome } from '../engine/outcome.ts';

const FLAGS: readonly [string, GrantFlag][] = [
  ['allowFs', 'allow-fs'],
  ['allowNet', 'allow-net'],
  ['allowRun', 'allow-run'],
  ['allowEnv', 'allow-env'],
  ['allowPress', 'allow-press'],
];

/** Spawn options (`allowFs: [...]` …) as the grant flags they stand for, parsed like the CLI's. */
export function grantInputs(p: Record<string, unknown>): GrantInput[] {
  return FLAGS.flatMap(([key, flag]) =>
    Array.isArray(p[key]) ? (p[key] as unknown[]).map((value) => ({ flag, value: String(value) })) : [],
  );
}

/** A child's result: ok, its output, its exit code, and why it failed when it did. */
export function resultOf(id: string, outcome: SessionOutcome, output: unknown) {
  const exitCode = outcome.kind === 'ok' || outcome.kind === 'exit' ? outcome.exitCode : null;
  const ok = (outcome.kind === 'ok' || outcome.kind === 'exit') && exitCode === 0;
  const error =
    outcome.kind === 'error'
      ? `${outcome.name}: ${outcome.message}`
      : outcome.kind === 'limit' || outcome.kind === 'aborted'
        ? outcome.message
        : exitCode !== 0
          ? `exited with code ${exitCode}`
          : undefined;
  return { id, ok, output: output ?? null, exitCode, ...(error === undefined ? {} : { error }) };
}
