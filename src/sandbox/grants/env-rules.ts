/** Env grants as pure rules: `*` (every key), `KEY` (exactly), `PREFIX_*` (keys starting with PREFIX_). */

export function envPatternMatches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : pattern === key;
}

export function envAllowed(patterns: readonly string[], key: string): boolean {
  return patterns.some((p) => envPatternMatches(p, key));
}

/** True when every key `inner` allows is allowed by `outer` too. */
export function envPatternCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (inner === '*') return false;
  if (!outer.endsWith('*')) return outer === inner;
  const prefix = outer.slice(0, -1);
  return inner.startsWith(prefix);
}
