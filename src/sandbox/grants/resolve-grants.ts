/**
 * Grants as the checker uses them, resolved once when a run starts: file roots with symlinks resolved,
 * host patterns parsed, programs looked up on PATH (a program that cannot be found is an error: an
 * unusable grant is never silently dropped).
 */
import { isAbsolute } from 'node:path';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import type { Grants } from '../../core/grants.ts';
import { findProgram } from '../../runners/find-program.ts';
import { resolveReal } from './fs-paths.ts';
import type { FsRoot } from './fs-rules.ts';
import { type NetPattern, parsePattern } from './net-rules.ts';

export interface ResolvedGrants {
  all: boolean;
  fs: FsRoot[];
  net: NetPattern[];
  /** Absolute program path (as found on PATH, not symlink-resolved) → the name granted. */
  run: Map<string, string>;
  env: string[];
  press: string[];
  /** The grants as given, for subsumption checks and the trace. */
  source: Grants;
}

export function resolveProgram(program: string, pathEnv: string | undefined): string | undefined {
  if (program.includes('/')) return isAbsolute(program) ? findProgram(program, pathEnv) : undefined;
  return findProgram(program, pathEnv);
}

export function resolveGrants(grants: Grants, pathEnv: string | undefined): ResolvedGrants {
  const run = new Map<string, string>();
  for (const program of grants.run) {
    const found = resolveProgram(program, pathEnv);
    if (found === undefined) {
      throw new ButtonsError(
        ErrorCode.VALIDATION_ERROR,
        `--allow-run=${program}: no such program on PATH (give a name on PATH or an absolute path)`,
      );
    }
    run.set(found, program);
  }
  return {
    all: grants.all,
    fs: grants.fs.map((g) => ({ path: resolveReal(g.path), mode: g.mode })),
    net: grants.net.map(parsePattern),
    run,
    env: [...grants.env],
    press: [...grants.press],
    source: grants,
  };
}
