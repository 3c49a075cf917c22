/**
 * Network grants as pure rules. A pattern is `*` (any host), `*.example.com` (subdomains only — the apex
 * `example.com` is NOT matched), a name, or an IP literal; an optional `:port` restricts it to that port.
 * Hosts are compared in one canonical spelling: lower case, no trailing dot, IPs as the URL parser writes them.
 */
import { canonicalHost } from '../../net/canonical-host.ts';

export interface NetPattern {
  kind: 'any' | 'subdomains' | 'exact';
  /** Canonical host (for `subdomains`, the suffix without `*.`). */
  host: string;
  port: number | undefined;
  /** True when the pattern names an IP literal or localhost: the grantor chose a private target on purpose. */
  literal: boolean;
}

export interface NetTarget {
  host: string;
  port: number;
  ipVersion: 0 | 4 | 6;
}

export function canonicalName(host: string): { host: string; ipVersion: 0 | 4 | 6 } {
  const { hostname, ipVersion } = canonicalHost(host);
  return { host: hostname.replace(/\.$/, ''), ipVersion };
}

export function parsePattern(pattern: string): NetPattern {
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(pattern);
  if (!parts) throw new Error(`not a host pattern: ${pattern}`);
  let hostPart = parts[1]!;
  const port = parts[2] === undefined ? undefined : Number(parts[2]);
  if (hostPart === '*') return { kind: 'any', host: '*', port, literal: false };
  const sub = hostPart.startsWith('*.');
  if (sub) hostPart = hostPart.slice(2);
  const { host, ipVersion } = canonicalName(hostPart);
  return {
    kind: sub ? 'subdomains' : 'exact',
    host,
    port,
    literal: !sub && (ipVersion !== 0 || host === 'localhost'),
  };
}

export function matches(pattern: NetPattern, target: NetTarget): boolean {
  if (pattern.port !== undefined && pattern.port !== target.port) return false;
  if (pattern.kind === 'any') return true;
  if (pattern.kind === 'subdomains')
    return target.ipVersion === 0 && target.host.endsWith(`.${pattern.host}`);
  return pattern.host === target.host;
}

/** The grant that allows `target`, if any; an exact grant wins over a wildcard one. */
export function matchingPattern(patterns: readonly NetPattern[], target: NetTarget): NetPattern | undefined {
  const hits = patterns.filter((p) => matches(p, target));
  return hits.find((p) => p.kind === 'exact') ?? hits[0];
}
