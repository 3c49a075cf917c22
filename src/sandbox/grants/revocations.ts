/**
 * Revocations in force for one run, shared by all its agents. Before every check the state asks its
 * source for anything newer than the generation it has seen, so a `buttons revoke` that has returned
 * applies to every check that starts afterwards.
 */
import { normalisePath } from '../../core/grants.ts';
import { envPatternMatches } from './env-rules.ts';
import { resolveReal } from './fs-paths.ts';
import { within } from './fs-rules.ts';
import { matches, type NetTarget, parsePattern } from './net-rules.ts';

export const REVOCABLE = ['fs', 'net', 'run', 'env', 'press', 'all'] as const;
export type RevocableCap = (typeof REVOCABLE)[number];

export interface Revocation {
  generation: number;
  cap: RevocableCap;
  /** undefined: the whole capability. */
  resource: string | undefined;
}

/** Where revocations come from (state.db for real runs); returns those newer than `after`. */
export interface RevocationSource {
  since(after: number): Revocation[];
}

export const noRevocations: RevocationSource = { since: () => [] };

export interface Request {
  cap: 'fs' | 'net' | 'run' | 'env' | 'press' | 'spawn';
  /** fs: real path; net: target; run: absolute program path + name; env: key; press: button. */
  path?: string;
  net?: NetTarget;
  program?: { path: string; name: string };
  key?: string;
}

function covers(rev: Revocation, request: Request): boolean {
  if (rev.cap === 'all') return true;
  if (rev.cap !== request.cap) return false;
  const r = rev.resource;
  if (r === undefined) return true;
  switch (rev.cap) {
    case 'fs':
      return request.path !== undefined && within(resolveReal(normalisePath(r)), request.path);
    case 'net':
      return request.net !== undefined && matches(parsePattern(r), request.net);
    case 'run':
      return request.program !== undefined && (request.program.path === r || request.program.name === r);
    case 'env':
      return request.key !== undefined && envPatternMatches(r, request.key);
    case 'press':
      return request.key === r;
    default:
      return false;
  }
}

export class RevocationState {
  private readonly source: RevocationSource;
  private readonly onRevoked: (rev: Revocation) => void;
  private list: Revocation[] = [];
  generation = 0;

  constructor(source: RevocationSource, onRevoked: (rev: Revocation) => void) {
    this.source = source;
    this.onRevoked = onRevoked;
  }

  /** Picks up revocations made since the last look; each is announced (traced) once. */
  refresh(): number {
    for (const rev of this.source.since(this.generation)) {
      this.list.push(rev);
      this.generation = Math.max(this.generation, rev.generation);
      this.onRevoked(rev);
    }
    return this.generation;
  }

  revokedBy(request: Request): Revocation | undefined {
    return this.list.find((rev) => covers(rev, request));
  }

  /** Everything revoked so far, for narrowing a child's grants. */
  all(): readonly Revocation[] {
    return this.list;
  }
}
