/**
 * Child ⊆ parent, checked by subsumption: every grant the child asks for must be covered by one the
 * parent holds (a narrower path, host, key or the same program is fine), and none may touch what has
 * been revoked. Returns what is not covered; empty means the child may have it.
 */
import type { Grants } from '../../core/grants.ts';
import { envPatternCovers } from '../grants/env-rules.ts';
import { resolveReal } from '../grants/fs-paths.ts';
import { within } from '../grants/fs-rules.ts';
import { type NetPattern, parsePattern } from '../grants/net-rules.ts';
import { type ResolvedGrants, resolveProgram } from '../grants/resolve-grants.ts';

function hostCovers(outer: NetPattern, inner: NetPattern): boolean {
  if (outer.port !== undefined && outer.port !== inner.port) return false;
  if (outer.kind === 'any') return true;
  if (inner.kind === 'any') return false;
  if (outer.kind === 'exact') return inner.kind === 'exact' && inner.host === outer.host;
  // outer is *.suffix: covers names below it, and narrower wildcards; never the apex or an IP literal.
  return (
    (!inner.literal && inner.host.endsWith(`.${outer.host}`)) ||
    (inner.kind === 'subdomains' && inner.host === outer.host)
  );
}

export function uncoveredGrants(
  child: Grants,
  parent: ResolvedGrants,
  pathEnv: string | undefined,
): string[] {
  if (parent.all) return [];
  const missing: string[] = [];
  if (child.all) missing.push('--allow-all');
  for (const g of child.fs) {
    const real = resolveReal(g.path);
    const ok = parent.fs.some(
      (p) => within(p.path, real) && [...g.mode].every((letter) => p.mode.includes(letter)),
    );
    if (!ok) missing.push(`--allow-fs=${g.path}:${g.mode}`);
  }
  for (const n of child.net) {
    if (!parent.net.some((p) => hostCovers(p, parsePattern(n)))) missing.push(`--allow-net=${n}`);
  }
  for (const r of child.run) {
    const path = resolveProgram(r, pathEnv);
    if (path === undefined || !parent.run.has(path)) missing.push(`--allow-run=${r}`);
  }
  for (const e of child.env) {
    if (!parent.env.some((p) => envPatternCovers(p, e))) missing.push(`--allow-env=${e}`);
  }
  for (const b of child.press) {
    if (!parent.press.includes(b)) missing.push(`--allow-press=${b}`);
  }
  return missing;
}
